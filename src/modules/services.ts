import type { DataSource } from 'typeorm';
import type { AppConfig } from '../platform/config';
import { SystemService } from './system/system.service';

/** The composition root: one instance of each module's service, shared by all requests. */
export function createServices(dataSource: DataSource, config: AppConfig) {
  return {
    system: new SystemService(dataSource, config),
  };
}

export type Services = ReturnType<typeof createServices>;
