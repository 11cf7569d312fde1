import 'reflect-metadata';

import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openToolDatabase, runTool } from './tool';

/** `npm run migration:run` applies pending migrations; `-- --revert` undoes the last one. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openToolDatabase(config, logger);
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

runTool(main);
