import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '../src/platform/startup';
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
      expect(lines).toEqual([
        `Polku cannot start: port ${env.PORT} on 127.0.0.1 is already in use (PORT). Stop the program that uses it (is Polku already running?) or set PORT to a free port.`,
      ]);
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

    // kill -9 of both (or power loss): the lock files name a PostgreSQL that is gone. Killed after
    // its server, it is an orphan, and where nothing reaps orphans (a container whose PID 1 is npm
    // or node; this sandbox) an unreaped zombie that still answers kill(pid, 0).
    const killed = await serverPids(env.DATA_DIR!);
    process.kill(killed.node, 'SIGKILL');
    await second.exited;
    process.kill(killed.postgres, 'SIGKILL');
    while (await isRunning(killed.postgres)) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await exists(path.join(env.DATA_DIR!, 'postgres', 'postmaster.pid'))).toBe(true);

    const third = start(env);
    const thirdUrl = (await third.waitFor(bannerUrl))[1];
    expect(third.output()).toContain('removing the lock file of an embedded PostgreSQL that is no longer running');
    expect((await fetch(new URL('/readyz', thirdUrl))).status).toBe(200);
    await stop(third);

    // The same with a zombie for certain: `sleep 0` exits and the `sleep` its shell became never
    // reaps it. Both of PostgreSQL's lock files (the data folder's and the socket's) name it, and
    // like a real PostgreSQL's it belongs to the user PostgreSQL runs as (as root: `postgres`).
    const asRoot = os.userInfo().uid === 0;
    const owner = asRoot ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : undefined;
    const script = ['sh', '-c', 'sleep 0 & echo $!; exec sleep 60'];
    const reaper = spawn(asRoot ? 'runuser' : script[0], asRoot ? ['-u', 'postgres', '--', ...script] : script.slice(1), {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const zombie = Number((await once(reaper.stdout!, 'data'))[0].toString().trim());
      while ((await fs.readFile(`/proc/${zombie}/stat`, 'utf8')).split(') ')[1][0] !== 'Z') await new Promise((resolve) => setTimeout(resolve, 50));
      const port = env.EMBEDDED_POSTGRES_PORT!;
      await fs.writeFile(
        path.join(env.DATA_DIR!, 'postgres', 'postmaster.pid'),
        `${zombie}\n${path.join(env.DATA_DIR!, 'postgres')}\n0\n${port}\n/tmp\nlocalhost\n  0 0\nready\n`,
      );
      await fs.writeFile(`/tmp/.s.PGSQL.${port}.lock`, `${zombie}\n/tmp\n0\n${port}\n`);
      if (owner) {
        await fs.chown(`/tmp/.s.PGSQL.${port}.lock`, owner.uid, owner.gid);
        await fs.chown(path.join(env.DATA_DIR!, 'postgres', 'postmaster.pid'), owner.uid, owner.gid);
      }
      const fourth = start(env);
      const fourthUrl = (await fourth.waitFor(bannerUrl))[1];
      expect(fourth.output()).toContain('removing the socket lock file of a PostgreSQL that is no longer running');
      expect((await fetch(new URL('/readyz', fourthUrl))).status).toBe(200);
      await stop(fourth);
    } finally {
      reaper.kill();
    }
  }, 180_000);
});
