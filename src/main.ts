import 'reflect-metadata';
import { startApp } from './app/start';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { guardProcess } from './platform/process-guard';
import { markShuttingDown } from './platform/shutdown';

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
  const app = await startApp(config, logger);
  logger.info(
    {
      url: app.url,
      database: config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`,
      getToken: config.devSigner ? 'npm run token -- --role ADMIN' : 'from your identity provider (AUTH_JWKS_URL)',
      try: `curl -s ${app.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ trainees(first: 5) { totalCount edges { node { firstName lastName } } } }"}'`,
    },
    `Polku is serving GraphQL at ${app.url} (open it in a browser for the query editor)`,
  );

  if (!config.isProduction) {
    // A plain banner for people; the JSON line above is for log collectors.
    process.stderr.write(
      [
        '',
        `  Polku is running: ${app.url}  (open it in a browser for the query editor)`,
        `  database: ${config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL, data in ${config.dataDir}`}${app.seeded ? ' (demo data loaded)' : ''}`,
        `  token:    export TOKEN=$(npm run --silent token -- --role ADMIN | tail -n 1)`,
        `  query:    curl -s ${app.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
        `              -d '{"query":"{ trainees(first: 3) { totalCount edges { node { firstName lastName } } } }"}'`,
        `  health:   http://localhost:${app.port}/healthz  and  /readyz`,
        '',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
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
    app.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: { message: (error as Error).message } }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Polku failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
