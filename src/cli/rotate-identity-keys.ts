import 'reflect-metadata';

import { IdentityKeyRotation } from '../modules/privacy/key-rotation.service';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openToolDatabase, runTool } from './tool';

/**
 * `npm run rotate-identity-keys [-- --batch-size N]`: re-encrypts every identity code still under
 * an older key of IDENTITY_CODE_KEYS with the current (first) key, a batch per transaction. Safe
 * to stop and run again, and to run while the server (or its nightly job) runs. Prints counts and
 * key ids only; exits 2 when rows are left on an older key.
 */
async function main(): Promise<void> {
  const batchSize = numberOption('--batch-size') ?? 500;
  const config = loadConfig({ ...process.env, SEED_DEMO_DATA: 'false' });
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openToolDatabase(config, logger);
  try {
    if (await database.dataSource.showMigrations()) throw new Error('Migrations are pending; run `npm run migration:run` first.');
    const keys = [...config.keyRing.keys.keys()];
    process.stdout.write(`Current key: ${config.keyRing.currentKeyId}; older keys: ${keys.slice(1).join(', ') || 'none'}\n`);
    const report = await new IdentityKeyRotation(database.dataSource, config.keyRing).run({ batchSize });
    const seconds = report.durationMs / 1000;
    process.stdout.write(
      [
        `Re-encrypted:     ${report.rotated} rows in ${report.batches} batches (${seconds.toFixed(2)} s${report.rotated ? `, ${Math.round(report.rotated / Math.max(seconds, 0.001))} rows/s` : ''})`,
        `Failed:           ${report.failed}`,
        `Hash mismatches:  ${report.hashMismatches}`,
        `Left on old keys: ${
          Object.entries(report.remainingByKey)
            .map(([key, n]) => `${key}=${n}`)
            .join(', ') || 'none'
        }`,
        ...(report.unknownKeyIds.length ? [`Not configured:   ${report.unknownKeyIds.join(', ')} (add these keys back to IDENTITY_CODE_KEYS)`] : []),
        '',
      ].join('\n'),
    );
    if (Object.keys(report.remainingByKey).length || report.failed || report.hashMismatches) process.exitCode = 2;
  } finally {
    await database.close();
  }
}

function numberOption(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive whole number`);
  return value;
}

runTool(main);
