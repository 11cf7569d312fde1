import type { DataSource } from 'typeorm';
import type { AccessService } from '../../modules/access/access.service';
import { AccessLogRecorder } from '../../modules/access-log/access-log.service';
import { createLoaders, Loaders } from '../../modules/loaders';
import { createServices, Services } from '../../modules/services';
import type { Actor } from '../auth/actor';
import { TokenVerifier } from '../auth/tokens';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';

/** Long-lived objects shared by all requests: nothing here may hold per-user state. */
export interface AppDependencies {
  config: AppConfig;
  clock: Clock;
  logger: Logger;
  dataSource: DataSource;
  services: Services;
  tokens: TokenVerifier;
}

/** One per GraphQL operation: loaders cache only for the duration of a request. */
export interface RequestContext {
  requestId: string;
  /** Undefined for anonymous callers; operations other than health checks then refuse. */
  actor?: Actor;
  logger: Logger;
  services: Services;
  loaders: Loaders;
  /** Scope and ownership look-ups for the permission matrix, batched per request. */
  access: ReturnType<AccessService['createLoaders']>;
  /** Whose personal data this request read or wrote; written to the access log at its end. */
  accessLog: AccessLogRecorder;
  /** The caller's stated purpose (x-purpose header), if any. */
  purposeHeader?: string;
}

export function createAppDependencies(config: AppConfig, logger: Logger, dataSource: DataSource, clock: Clock): AppDependencies {
  const services = createServices(dataSource, config, clock);
  return { config, clock, logger, dataSource, services, tokens: new TokenVerifier(config, (actor) => services.access.confirmActor(actor)) };
}

export function createRequestContext(deps: AppDependencies, requestId: string, actor: Actor | undefined, purposeHeader?: string): RequestContext {
  return {
    requestId,
    actor,
    logger: deps.logger.child({ requestId, userId: actor?.userId, role: actor?.role }),
    services: deps.services,
    loaders: createLoaders(deps.services),
    access: deps.services.access.createLoaders(actor),
    accessLog: new AccessLogRecorder(),
    purposeHeader,
  };
}
