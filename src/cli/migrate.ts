import 'reflect-metadata';
import { modelEntities } from '../app/entities';
import { loadConfig } from '../platform/config';
import { openDatabase } from '../platform/database/open';
import { createLogger } from '../platform/logger';

/** `npm run migration:run` applies pending migrations; `-- --revert` undoes the last one. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, logger, modelEntities);
  try {
    if (process.argv.includes('--revert')) {
      await database.dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration.\n');
      return;
    }
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}\n` : 'No pending migrations.\n');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
