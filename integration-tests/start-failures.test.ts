import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './support/global-setup';
import { bannerUrl, exists, isRunning, RunningProcess, runNpm, serverPids } from './support/server-process';

/**
 * What `npm start` and the tools say when the embedded PostgreSQL or the HTTP port cannot be had:
 * one line that names the cause and what to do, never a stack trace; and what they recover from on
 * their own. Real processes, real ports, real signals.
 */
describe('start-up failures (npm start)', () => {
  let root: string;
  let baseEnv: NodeJS.ProcessEnv;
  const started: RunningProcess[] = [];

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'polku-failures-'));
    baseEnv = { ...process.env };
    delete baseEnv.DATABASE_URL;
    delete baseEnv.NODE_ENV;
    Object.assign(baseEnv, { HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED_DEMO_DATA: 'false', JOBS_ENABLED: 'false' });
  });

  afterAll(async () => {
    // A failed assertion must not leave servers behind.
    for (const running of started) {
      try {
        running.signal('SIGKILL', true);
      } catch {
        // Gone already.
      }
    }
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  async function envFor(name: string, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
    return {
      ...baseEnv,
      DATA_DIR: path.join(root, name, '.data'),
      PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      ...extra,
    };
  }

  function start(env: NodeJS.ProcessEnv, args = ['start']): RunningProcess {
    const running = runNpm(args, env);
    started.push(running);
    return running;
  }

  /** `npm run --silent <script>` that is expected to fail: its whole output. */
  async function failing(env: NodeJS.ProcessEnv, script = 'start'): Promise<{ code: number | null; lines: string[] }> {
    const running = start(env, ['run', '--silent', script]);
    const exit = await running.exited;
    return { code: exit.code, lines: running.output().trim().split('\n') };
  }

  async function stop(running: RunningProcess): Promise<void> {
    running.signal('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  }

  it('PORT in use: one line, before the database, migrations or demo data', async () => {
    const env = await envFor('port');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(env.PORT), '127.0.0.1', resolve));
    try {
      const { code, lines } = await failing(env);
      expect(code).toBe(1);
      expect(lines).toEqual([`Polku cannot start: port ${env.PORT} on 127.0.0.1 is already in use (PORT). Stop the program that uses it (is Polku already running?) or set PORT to a free port.`]);
      // Nothing was started: not even the data folder exists.
      expect(await exists(env.DATA_DIR!)).toBe(false);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('a second server on the same data folder is refused in one line; a tool uses the running server’s database; the first keeps serving', async () => {
    const env = await envFor('shared');
    const first = start(env);
    const url = (await first.waitFor(bannerUrl))[1];
    const { node } = await serverPids(env.DATA_DIR!);

    const second = await failing({ ...env, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.lines).toEqual([
      `Polku cannot start: Polku is already running with the data in ${env.DATA_DIR} (pid ${node}). Stop it first (Ctrl-C in its terminal, or kill ${node}), or start this one with its own DATA_DIR and EMBEDDED_POSTGRES_PORT.`,
    ]);

    // A tool does not start a second PostgreSQL on the folder: it says whose it uses.
    const migrate = start(env, ['run', '--silent', 'migration:run']);
    expect(await migrate.exited).toEqual({ code: 0, signal: null });
    expect(migrate.output().trim().split('\n')).toEqual([
      `Using the embedded PostgreSQL of the running Polku server (pid ${node}, port ${env.EMBEDDED_POSTGRES_PORT}), which holds ${env.DATA_DIR}.`,
      'No pending migrations.',
    ]);

    // Another checkout whose EMBEDDED_POSTGRES_PORT is the one the first server's PostgreSQL uses.
    const clash = await failing({ ...(await envFor('clash')), EMBEDDED_POSTGRES_PORT: env.EMBEDDED_POSTGRES_PORT! });
    expect(clash.code).toBe(1);
    expect(clash.lines).toEqual([
      `Polku cannot start: port ${env.EMBEDDED_POSTGRES_PORT} (EMBEDDED_POSTGRES_PORT) is already in use by another program, perhaps the embedded PostgreSQL of another Polku checkout. Set EMBEDDED_POSTGRES_PORT to a free port for this one.`,
    ]);

    expect((await fetch(new URL('/readyz', url))).status).toBe(200);
    await stop(first);
  }, 120_000);

  it('after a server is killed (SIGKILL), the next start stops the PostgreSQL it left running; after both are killed, it removes the stale lock file', async () => {
    const env = await envFor('killed');
    const first = start(env);
    await first.waitFor(bannerUrl);
    const orphaned = await serverPids(env.DATA_DIR!);
    process.kill(orphaned.node, 'SIGKILL');
    await first.exited;
    // The embedded PostgreSQL outlives its server and still holds the data folder.
    expect(await isRunning(orphaned.postgres)).toBe(true);

    const second = start(env);
    const url = (await second.waitFor(bannerUrl))[1];
    expect(second.output()).toContain('stopping the embedded PostgreSQL that a Polku process which did not stop cleanly left running');
    expect(await isRunning(orphaned.postgres)).toBe(false);
    expect((await fetch(new URL('/readyz', url))).status).toBe(200);

    // Power loss, or kill -9 of both: the lock file names a PostgreSQL that is gone.
    const killed = await serverPids(env.DATA_DIR!);
    process.kill(killed.node, 'SIGKILL');
    process.kill(killed.postgres, 'SIGKILL');
    await second.exited;
    expect(await exists(path.join(env.DATA_DIR!, 'postgres', 'postmaster.pid'))).toBe(true);

    const third = start(env);
    const thirdUrl = (await third.waitFor(bannerUrl))[1];
    expect(third.output()).toContain('removing the lock file of an embedded PostgreSQL that is no longer running');
    expect((await fetch(new URL('/readyz', thirdUrl))).status).toBe(200);
    await stop(third);
  }, 180_000);
});
