/**
 * Set once the process has begun to stop. On Ctrl-C the embedded PostgreSQL (same process group)
 * gets the signal too and drops its connections first; the errors that causes are expected then
 * and are logged at debug level instead of frightening whoever pressed Ctrl-C.
 */
let shuttingDown = false;

export function markShuttingDown(): void {
  shuttingDown = true;
}

export function isShuttingDown(): boolean {
  return shuttingDown;
}

export function isExpectedDuringShutdown(message: unknown): boolean {
  return (
    shuttingDown &&
    /terminating connection due to administrator command|Connection terminated|ECONNRESET|ECONNREFUSED|the database system is shutting down|not queryable|Query runner already released|Client was closed/i.test(
      String(message),
    )
  );
}
