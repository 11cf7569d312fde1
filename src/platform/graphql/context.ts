import type { DataSource } from 'typeorm';
import { createLoaders, Loaders } from '../../modules/loaders';
import { createServices, Services } from '../../modules/services';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';

/** Long-lived objects shared by all requests: nothing here may hold per-user state. */
export interface AppDependencies {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  services: Services;
}

/** One per GraphQL operation: loaders cache only for the duration of a request. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  services: Services;
  loaders: Loaders;
}

export function createAppDependencies(config: AppConfig, logger: Logger, dataSource: DataSource): AppDependencies {
  return { config, logger, dataSource, services: createServices(dataSource, config) };
}

export function createRequestContext(deps: AppDependencies, requestId: string): RequestContext {
  return {
    requestId,
    logger: deps.logger.child({ requestId }),
    services: deps.services,
    loaders: createLoaders(deps.dataSource),
  };
}
