import type { DataSource } from 'typeorm';

import type { RequestContext } from '../modules/access/request-context';
import { AccessLogRecorder, purposeOf } from '../modules/access-log/access-log.service';
import { IntegrationConnections, noConnections } from '../modules/integration/connections';
import { TokenVerifier } from '../platform/auth/tokens';
import type { Clock } from '../platform/clock';
import type { AppConfig } from '../platform/config';
import type { OperationContext } from '../platform/graphql/operation-context';
import type { Logger } from '../platform/logger';
import { createLoaders, Loaders } from './loaders';
import { createServices, Services } from './services';

/** Long-lived objects shared by all requests: nothing here may hold per-user state. */
export interface AppDependencies {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  dataSource: DataSource;
  services: Services;
  tokens: TokenVerifier;
}

/** What every resolver may rely on per request: the platform's part, every module's loaders, the access bookkeeping. */
export type AppRequestContext = RequestContext<Loaders>;

export function createAppDependencies(
  config: AppConfig,
  logger: Logger,
  dataSource: DataSource,
  clock: Clock,
  connections: IntegrationConnections = noConnections,
): AppDependencies {
  const services = createServices(dataSource, config, clock, { connections, logger });
  // A token proves an identity; the user directory says which user of Polku it is and what they may do.
  return { config, clock, logger, dataSource, services, tokens: new TokenVerifier(config, services.userDirectory) };
}

/** One per operation: loaders cache only for the duration of a request. */
export function createRequestContext(deps: AppDependencies, base: OperationContext): AppRequestContext {
  return {
    ...base,
    loaders: createLoaders(deps.services),
    access: deps.services.access.createLoaders(base.actor),
    accessLog: new AccessLogRecorder(),
  };
}

/**
 * Before an answer leaves: what the operation read or wrote of a person goes to the access log
 * (one INSERT). If it cannot be written the pipeline withholds the answer.
 */
export function recordAccess(deps: AppDependencies) {
  return async (context: AppRequestContext, operationName: string | null): Promise<void> => {
    if (!context.actor || !context.accessLog.size) return;
    await deps.services.accessLog.flush(context.accessLog, {
      requestId: context.requestId,
      actor: context.actor,
      purpose: purposeOf(context.purposeHeader, operationName),
      operationName,
    });
  };
}
