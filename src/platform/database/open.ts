import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres } from './embedded';
import { StatementCounter } from './query-counter';

export interface OpenDatabase {
  dataSource: DataSource;
  counter: StatementCounter;
  /** True when the server runs inside this process (no DATABASE_URL). */
  embedded: boolean;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset. */
export async function openDatabase(config: AppConfig, logger: Logger, entities: Function[]): Promise<OpenDatabase> {
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_POSTGRES_PORT, logger });
  const url = config.DATABASE_URL ?? embedded!.url;
  const counter = new StatementCounter();
  const dataSource = createDataSource({ url, entities, logger, counter, poolSize: config.DATABASE_POOL_SIZE });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    counter,
    embedded: Boolean(embedded),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
