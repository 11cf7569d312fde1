import type { DataSource } from 'typeorm';

import packageJson from '../../../package.json';
import type { AppConfig } from '../../platform/config';

export class SystemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async serviceInfo() {
    const [row] = await this.dataSource.query('SELECT now() AS now, current_setting($1) AS version', ['server_version']);
    return {
      version: packageJson.version,
      environment: this.config.NODE_ENV,
      databaseTime: new Date(row.now),
      databaseVersion: String(row.version),
    };
  }
}
