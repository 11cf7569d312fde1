import path from 'node:path';

import { types } from 'pg';
import { DataSource } from 'typeorm';

import type { Logger } from '../logger';
import { RateLimitBucket } from '../rate-limit';
import { SnakeNamingStrategy } from './naming-strategy';
import { CountingTypeOrmLogger, StatementCounter } from './query-counter';

// Calendar dates stay 'YYYY-MM-DD' strings (no time-zone shifts); numerics are small decimals (hours, scores).
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

/** Works both from source (ts-jest) and from dist/: the migrations folder sits beside src/. */
export const migrationsGlob = path.join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export interface DatabaseOptions {
  url: string;
  /** The model's entities (the composition root lists them); the platform adds its own tables. */
  entities: Function[];
  logger: Logger;
  poolSize?: number;
  counter?: StatementCounter;
  applicationName?: string;
}

export function createDataSource(options: DatabaseOptions): DataSource {
  const counter = options.counter ?? new StatementCounter();
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: [...options.entities, RateLimitBucket],
    migrations: [migrationsGlob],
    migrationsTableName: 'migrations',
    // Each migration runs in its own transaction, so a failed one leaves the previous ones applied.
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension, so no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    logging: true,
    logger: new CountingTypeOrmLogger(counter, options.logger),
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'polku',
      // A statement that runs away must not hold a pool connection for ever.
      statement_timeout: 30000,
    },
  });
}

/** SQL that generating a migration would produce now; empty when entities and migrations agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query),
  };
}
