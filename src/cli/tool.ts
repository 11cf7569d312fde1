import { modelEntities } from '../app/entities';
import type { AppConfig } from '../platform/config';
import { OpenDatabase, openDatabase } from '../platform/database/open';
import type { Logger } from '../platform/logger';
import { failureMessage } from '../platform/startup';

/**
 * The database of a tool: DATABASE_URL, else the embedded PostgreSQL of DATA_DIR, started for the
 * tool, or, while `npm start` (or another tool) holds it, that process's running one, which the
 * tool says on stderr.
 */
export async function openToolDatabase(config: AppConfig, logger: Logger): Promise<OpenDatabase> {
  const database = await openDatabase(config, logger, { entities: modelEntities, share: true });
  const holder = database.sharedWith;
  if (holder) {
    const who = holder.command === 'server' ? 'the running Polku server' : `the running ${holder.command}`;
    process.stderr.write(`Using the embedded PostgreSQL of ${who} (pid ${holder.pid}, port ${holder.port}), which holds ${config.dataDir}.\n`);
  }
  return database;
}

/** Runs a tool's main function; a failure is one line on stderr and exit status 1. */
export function runTool(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${failureMessage(error)}\n`);
    process.exit(1);
  });
}
