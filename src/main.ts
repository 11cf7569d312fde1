import 'reflect-metadata';

import { startApp } from './app/start';
import { AppConfig, ConfigError, loadConfig } from './platform/config';
import { dataFolderHolder } from './platform/database/embedded';
import { createLogger, Logger } from './platform/logger';
import { guardProcess } from './platform/process-guard';
import { markShuttingDown } from './platform/shutdown';
import { assertPortFree, failureMessage, StartupError } from './platform/startup';

/** Fails in one line before anything slow starts: the data folder is someone else's, or PORT is taken. */
async function preflight(config: AppConfig): Promise<void> {
  if (!config.DATABASE_URL) {
    const holder = await dataFolderHolder(config.dataDir);
    if (holder) {
      throw new StartupError(
        `${holder.command === 'server' ? 'Polku is already running' : `a Polku command (${holder.command}) is running`} with the data in ${config.dataDir} (pid ${holder.pid}). ` +
          `Stop it first (Ctrl-C in its terminal, or kill ${holder.pid}), or start this one with its own DATA_DIR and EMBEDDED_POSTGRES_PORT.`,
      );
    }
  }
  await assertPortFree(config.PORT, config.HOST, 'PORT');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  guardProcess(logger);
  // Signals are taken from the first moment: one that arrives while the database, the server or the
  // jobs are still starting (a container restarted at once) would otherwise kill node on the spot and
  // leave the embedded PostgreSQL running. Such a stop waits for the start to finish, then drains.
  let stopRequested: string | undefined;
  const stopper: { shutdown?: (signal: string) => void } = {};
  const onSignal = (signal: string) => {
    if (stopper.shutdown) return stopper.shutdown(signal);
    if (stopRequested) return;
    stopRequested = signal;
    logger.info({ signal }, 'stopping as soon as the start has finished');
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  let app;
  try {
    await preflight(config);
    app = await startApp(config, logger);
  } catch (error) {
    failStartup(error, logger);
  }
  // One start banner: a log line in production (for log collectors), the lines below for people otherwise.
  if (config.isProduction) {
    logger.info({ url: app.url, database: config.DATABASE_URL ? 'DATABASE_URL' : 'embedded' }, `Polku is serving GraphQL at ${app.url}`);
  } else {
    process.stderr.write(
      [
        '',
        `  Polku is running: ${app.url}  (open it in a browser for the query editor)`,
        `  database: ${config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL, data in ${config.dataDir}`}${app.seeded ? ' (demo data loaded)' : ''}`,
        `  token:    export TOKEN=$(npm run --silent token -- --as riikka | tail -n 1)   (ADMIN of the demo; --list for the others)`,
        `  query:    curl -s ${app.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
        `              -d '{"query":"{ trainees(first: 3) { totalCount edges { node { firstName lastName } } } }"}'`,
        `  health:   http://localhost:${app.port}/healthz  and  /readyz`,
        `  stop:     Ctrl-C`,
        '',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const running = app;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    markShuttingDown();
    logger.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5000);
    timer.unref();
    running.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: { message: failureMessage(error) } }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  stopper.shutdown = shutdown;
  if (stopRequested) shutdown(stopRequested);
}

/**
 * One line on stderr that says what happened (and, for known causes, what to do), then exit 1. An
 * unexpected failure also leaves its stack in the log at debug level.
 */
function failStartup(error: unknown, logger: Logger): never {
  if (!(error instanceof StartupError)) logger.debug({ err: error }, 'start-up failed');
  process.stderr.write(`Polku cannot start: ${failureMessage(error)}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`Polku cannot start: ${failureMessage(error)}\n`);
  process.exit(1);
});
