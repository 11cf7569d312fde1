import 'reflect-metadata';

import { isDatabaseEmpty, seedDemoData } from '../demo/seed';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { PersonalDataCipher } from '../platform/crypto';
import { createLogger } from '../platform/logger';
import { openToolDatabase, runTool } from './tool';

/**
 * `npm run seed` loads the demo data into an empty database (after pending migrations);
 * `npm run seed -- --reset` empties every application table first. The migrations table is kept.
 */
async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openToolDatabase(config, logger);
  try {
    const { dataSource } = database;
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) process.stdout.write(`Applied: ${applied.map((m) => m.name).join(', ')}\n`);

    if (!(await isDatabaseEmpty(dataSource))) {
      if (!reset) {
        throw new Error(
          'The database already has data; refusing to seed. Run `npm run seed -- --reset` to delete all application data and load the demo again.',
        );
      }
      const tables = [...new Set(dataSource.entityMetadatas.map((m) => `"${m.tableName}"`))];
      // The access log is append-only by trigger; a deliberate reset of a demo database lifts that
      // for this one transaction (it needs the table owner, which the application role is not in production).
      await dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE "access_log_entry" DISABLE TRIGGER access_log_no_truncate');
        await manager.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
        await manager.query('ALTER TABLE "access_log_entry" ENABLE TRIGGER access_log_no_truncate');
      });
      process.stdout.write(`Emptied ${tables.length} tables.\n`);
    }

    const started = Date.now();
    const counts = await seedDemoData(dataSource, new PersonalDataCipher(config.keyRing), systemClock.now(), config.AUTH_ISSUER);
    const width = Math.max(...Object.keys(counts).map((name) => name.length));
    for (const [table, count] of Object.entries(counts)) process.stdout.write(`${table.padEnd(width)}  ${String(count).padStart(6)}\n`);
    process.stdout.write(`Loaded the demo data in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  } finally {
    await database.close();
  }
}

runTool(main);
