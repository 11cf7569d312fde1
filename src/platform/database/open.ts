import type { EventEmitter } from 'node:events';

import type { DataSource } from 'typeorm';

import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { isExpectedDuringShutdown } from '../shutdown';
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
  guardPooledConnections(dataSource, logger);
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

/**
 * pg takes a pool's error listener off a connection while it is checked out, so a connection that
 * the server ends between two statements of a transaction (a restart, Ctrl-C reaching PostgreSQL
 * first) would raise an unhandled 'error' and take the process down. Each connection keeps a
 * listener of its own; the transaction it was in fails with the next statement as usual.
 */
function guardPooledConnections(dataSource: DataSource, logger: Logger): void {
  const pool = (
    dataSource.driver as unknown as { master?: { on(event: 'connect', listener: (client: EventEmitter) => void): void; _clients?: EventEmitter[] } }
  ).master;
  const guard = (client: EventEmitter) =>
    client.on('error', (error: Error) => {
      if (isExpectedDuringShutdown(error.message)) logger.debug({ err: { message: error.message } }, 'database connection ended while stopping');
      else logger.warn({ err: { message: error.message } }, 'database connection ended');
    });
  // The connections opened while initialising, then every later one.
  for (const client of pool?._clients ?? []) guard(client);
  pool?.on('connect', guard);
}
