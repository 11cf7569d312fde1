import type { DataSource } from 'typeorm';
import type { AppConfig } from '../platform/config';
import { HistoryService } from './history/history.service';
import { OrganisationService } from './organisation/organisation.service';
import { SystemService } from './system/system.service';

/** The composition root: one instance of each module's service, shared by all requests. */
export function createServices(dataSource: DataSource, config: AppConfig) {
  const history = new HistoryService(dataSource);
  return {
    system: new SystemService(dataSource, config),
    history,
    organisation: new OrganisationService(dataSource),
  };
}

export type Services = ReturnType<typeof createServices>;
