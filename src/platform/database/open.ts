import type { DataSource } from 'typeorm';

import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createDataSource } from './data-source';
import { DataFolderHolder, startEmbeddedPostgres } from './embedded';
import { StatementCounter } from './query-counter';

export interface OpenDatabase {
  dataSource: DataSource;
  counter: StatementCounter;
  /** True when the server runs inside this process (no DATABASE_URL). */
  embedded: boolean;
  /** The running Polku process whose embedded PostgreSQL this one connected to (`share`). */
  sharedWith?: DataFolderHolder;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The model's entities (the composition root lists them). */
  entities: Function[];
  /**
   * For the tools: when a running Polku holds the embedded PostgreSQL of DATA_DIR, connect to it
   * rather than refusing (the server itself refuses: two servers on one data folder is a mistake).
   */
  share?: boolean;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset. */
export async function openDatabase(config: AppConfig, logger: Logger, options: OpenOptions): Promise<OpenDatabase> {
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_POSTGRES_PORT, logger, share: options.share });
  const url = config.DATABASE_URL ?? embedded!.url;
  const counter = new StatementCounter();
  const dataSource = createDataSource({ url, entities: options.entities, logger, counter, poolSize: config.DATABASE_POOL_SIZE });
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
    sharedWith: embedded?.sharedWith,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
