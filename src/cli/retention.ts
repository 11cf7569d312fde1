import 'reflect-metadata';

import { RetentionService } from '../modules/privacy/retention.service';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openToolDatabase, runTool } from './tool';

/**
 * `npm run retention [-- --dry-run] [--batch-size N]`: pseudonymises trainees whose matter closed
 * more than RETENTION_YEARS ago (the same run as the nightly job). `--dry-run` only counts them.
 * Prints counts only.
 */
async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const batchIndex = process.argv.indexOf('--batch-size');
  const batchSize = batchIndex >= 0 ? Number(process.argv[batchIndex + 1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size needs a positive whole number');
  const config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false' });
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openToolDatabase(config, logger);
  try {
    if (await database.dataSource.showMigrations()) throw new Error('Migrations are pending; run `npm run migration:run` first.');
    const report = await new RetentionService(database.dataSource, config.RETENTION_YEARS, systemClock).run({ dryRun, batchSize });
    const lines = [
      `Retention: ${config.RETENTION_YEARS} years; matters closed before ${report.cutoff} are pseudonymised.`,
      ...report.organisations
        .filter((o) => o.retentionYears !== report.retentionYears)
        .map((o) => `  organisation ${o.organisationId}: ${o.retentionYears} years of its own; matters closed before ${o.cutoff}.`),
      dryRun
        ? `Dry run: ${report.trainees} trainees would be pseudonymised; nothing was changed.`
        : `Pseudonymised ${report.trainees} trainees in ${report.batches} batches (${(report.durationMs / 1000).toFixed(2)} s).`,
    ];
    if (!dryRun) {
      for (const [table, rows] of Object.entries(report.rowsByTable)) lines.push(`  ${table.padEnd(26)} ${String(rows).padStart(7)} rows`);
      if (report.remaining) lines.push(`Still eligible (locked by someone else): ${report.remaining}; run again later.`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.close();
  }
}

runTool(main);
