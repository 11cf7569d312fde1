import { isDatabaseUnavailable } from './database/availability';
import type { Logger } from './logger';
import { describeError } from './logger';
import { isExpectedDuringShutdown, isShuttingDown } from './shutdown';

/**
 * What to do with a promise rejection nobody handled. pg-boss 10 completes a finished job without
 * awaiting it, so a database that goes away at that moment (a restart, a failover, Ctrl-C reaching
 * the embedded PostgreSQL first) rejects where no code of ours can catch it, and Node's default
 * would take the whole service down. A lost connection is survivable: the job stays active, expires
 * and is retried, and requests get SERVICE_UNAVAILABLE until the database is back. Anything else is
 * a bug, and the process stops as Node would, but with a log line that says why.
 */
export function unhandledRejectionVerdict(reason: unknown): 'survive' | 'exit' {
  if (isDatabaseUnavailable(reason)) return 'survive';
  if (reason && typeof reason === 'object' && isExpectedDuringShutdown((reason as { message?: unknown }).message)) return 'survive';
  return 'exit';
}

export function guardProcess(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('unhandledRejection', (reason) => {
    if (unhandledRejectionVerdict(reason) === 'survive') {
      // While stopping, the database going first is expected (Ctrl-C reaches it too).
      if (isShuttingDown()) logger.debug({ err: describeError(reason) }, 'a background task lost its database connection while stopping');
      else logger.warn({ err: describeError(reason) }, 'a background task lost its database connection; carrying on');
      return;
    }
    logger.fatal({ err: describeError(reason) }, 'unhandled promise rejection; stopping');
    exit(1);
  });
}
