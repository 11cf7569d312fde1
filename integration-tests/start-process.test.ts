import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { signDevelopmentToken } from '../src/platform/auth/tokens';
import { loadConfig } from '../src/platform/config';
import { projectRoot } from '../src/platform/paths';
import { freePort } from '../src/platform/startup';
import { bannerUrl, exists, isRunning, RunningProcess, runNpm, serverPids } from './support/server-process';

/**
 * `npm start` as a newcomer runs it: npm, which runs the server from the TypeScript sources, no
 * DATABASE_URL, so an embedded PostgreSQL whose data folder sits inside a private (mode 700)
 * folder, as a checkout made in `mktemp -d` does. Signals are real, and NODE_ENV is unset as in a
 * terminal (Apollo behaves differently under NODE_ENV=test).
 */
describe('the server process (npm start)', () => {
  let privateDir: string;
  let env: NodeJS.ProcessEnv;
  const started: RunningProcess[] = [];

  beforeAll(async () => {
    privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'polku-start-'));
    await fs.chmod(privateDir, 0o700);
    env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    Object.assign(env, {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(privateDir, 'checkout', '.data'),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
  }, 120_000);

  afterAll(async () => {
    // A failed assertion must not leave servers behind: npm, node and PostgreSQL share a process group.
    for (const running of started) {
      try {
        running.signal('SIGKILL', true);
      } catch {
        // Gone already.
      }
    }
    if (privateDir) await fs.rm(privateDir, { recursive: true, force: true });
  });

  async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
    // The demo's ADMIN (a user of the seeded database).
    const token = await signDevelopmentToken(loadConfig({}), { subject: 'riikka.laine@pori.example' });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, never> | null; errors?: unknown[] };
  }

  async function traineeCount(url: string): Promise<number> {
    const body = (await post(url, '{ trainees(first: 1) { totalCount } }')) as unknown as { data: { trainees: { totalCount: number } } };
    return body.data.trainees.totalCount;
  }

  it('starts from nothing and loads demo data; SIGTERM to the npm process alone stops node and PostgreSQL; a second start reuses the data and stops on Ctrl-C', async () => {
    const first = runNpm(['start'], env);
    started.push(first);
    const firstUrl = (await first.waitFor(bannerUrl))[1];
    expect(first.output()).toContain('initialising embedded PostgreSQL (first start)');
    expect(first.output()).toContain('(demo data loaded)');
    expect(first.output()).toContain('npm run --silent token -- --as riikka');
    expect(first.output().match(/Polku is running/g)).toHaveLength(1);
    expect((await fetch(new URL('/readyz', firstUrl))).status).toBe(200);
    const seeded = await traineeCount(firstUrl);
    expect(seeded).toBeGreaterThan(50);

    // Identity codes sent to the server, valid or not, appear in no log line.
    const created = await post(firstUrl, 'mutation CreateOne($input: CreateTraineeInput!) { createTrainee(input: $input) { trainee { id } } }', {
      input: { firstName: 'Lokitesti', lastName: 'Henkilö', identityCode: '131052-308T' },
    });
    expect(created.errors).toBeUndefined();
    const invalid = await post(firstUrl, 'query ($code: String!) { traineeByIdentityCode(identityCode: $code) { id } }', { code: '131052-308X' });
    expect(invalid.errors).toHaveLength(1);
    await post(firstUrl, '{ traineeByIdentityCode(identityCode: "131052-308T") { id firstName } }');

    // npm runs node itself (no shell in between), so a signal to npm reaches the server.
    const pids = await serverPids(env.DATA_DIR!);
    expect(pids.node).not.toBe(first.pid);
    first.signal('SIGTERM');
    const firstExit = await first.exited;
    // On a failure the end of the log says why.
    expect({ ...firstExit, log: firstExit.code === 0 ? '' : first.output().slice(-3000) }).toEqual({ code: 0, signal: null, log: '' });
    expect(first.output()).toContain('"msg":"stopped"');
    expect(await isRunning(pids.node)).toBe(false);
    expect(await isRunning(pids.postgres)).toBe(false);
    // The embedded server went down with it: its lock file is gone, and so is Polku's.
    expect(await exists(path.join(env.DATA_DIR!, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(await exists(path.join(env.DATA_DIR!, 'polku.pid'))).toBe(false);
    expect(first.output()).not.toContain('131052');
    // One line per HTTP request, with the GraphQL operation in it.
    const requestLines = first
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"request completed"') && line.includes('"path":"/graphql"'));
    expect(requestLines).toHaveLength(4);
    expect(requestLines.find((line) => line.includes('"operationName":"CreateOne"'))).toMatch(/"sqlStatements":\d+/);
    expect(first.output()).not.toContain('"msg":"graphql operation"');

    const second = runNpm(['start'], env);
    started.push(second);
    const secondUrl = (await second.waitFor(bannerUrl))[1];
    expect(second.output()).not.toContain('first start');
    expect(second.output()).not.toContain('demo data loaded');
    // The data is the first start's: the person created then is there. (More people may have come
    // meanwhile: the in-process employment-area simulator refers someone now and then.)
    const kept = (await post(secondUrl, '{ traineeByIdentityCode(identityCode: "131052-308T") { firstName } }')) as unknown as {
      data: { traineeByIdentityCode: { firstName: string } | null };
    };
    expect(kept.data.traineeByIdentityCode).toEqual({ firstName: 'Lokitesti' });
    expect(await traineeCount(secondUrl)).toBeGreaterThanOrEqual(seeded + 1);
    const secondPids = await serverPids(env.DATA_DIR!);
    second.signal('SIGINT', true);
    const secondExit = await second.exited;
    expect({ ...secondExit, log: secondExit.code === 0 ? '' : second.output().slice(-3000) }).toEqual({ code: 0, signal: null, log: '' });
    expect(second.output()).toContain('"msg":"stopped"');
    expect(await isRunning(secondPids.node)).toBe(false);
    expect(await isRunning(secondPids.postgres)).toBe(false);
    // Ctrl-C stops the database under the server's feet; that is expected and not reported as a problem.
    const afterSignal = second.output().slice(second.output().indexOf('shutting down'));
    expect(afterSignal).not.toMatch(/"level":"(warn|error)"/);
  }, 180_000);

  // A container runtime may stop a container the moment it started it: the signal must not kill node
  // while it starts and leave the embedded PostgreSQL running.
  it.each([
    ['while the embedded PostgreSQL is initialised', 'fresh', /initialising embedded PostgreSQL/],
    ['after the migrations, while the outside-system simulators start', 'reused', /simulator running in-process/],
    ['as soon as the server answers, while the jobs start', 'reused', 'answering'],
  ] as const)(
    'stops cleanly on SIGTERM to npm sent %s',
    async (_label, folder, moment) => {
      const port = await freePort();
      const stopEnv = {
        ...env,
        DATA_DIR: path.join(privateDir, 'early-stop', '.data'),
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        PORT: String(port),
        SEED_DEMO_DATA: 'false',
      };
      if (folder === 'fresh') await fs.rm(stopEnv.DATA_DIR, { recursive: true, force: true });
      const early = runNpm(['start'], stopEnv);
      started.push(early);
      if (moment === 'answering') {
        for (;;) {
          const answered = await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (response) => response.ok,
            () => false,
          );
          if (answered) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } else await early.waitFor(moment);
      early.signal('SIGTERM');
      const exit = await early.exited;
      expect({ ...exit, log: exit.code === 0 ? '' : early.output().slice(-3000) }).toEqual({ code: 0, signal: null, log: '' });
      expect(early.output()).toContain('"msg":"stopped"');
      expect(early.output()).not.toMatch(/"level":"error"/);
      expect(await exists(path.join(stopEnv.DATA_DIR, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(await exists(path.join(stopEnv.DATA_DIR, 'polku.pid'))).toBe(false);
    },
    120_000,
  );

  it('npm run dev restarts the server when a source file changes, and SIGTERM to the npm process stops the watcher, the server and PostgreSQL', async () => {
    const devEnv = { ...env, DATA_DIR: path.join(privateDir, 'dev', '.data'), SEED_DEMO_DATA: 'false', JOBS_ENABLED: 'false' };
    const dev = runNpm(['run', 'dev'], devEnv);
    started.push(dev);
    await dev.waitFor(bannerUrl);
    const before = await serverPids(devEnv.DATA_DIR);
    // A change to a loaded file (its modification time is enough), then the time put back. The
    // watcher learns which files to watch from the server as it loads them and may not watch this
    // one yet when the banner appears, so the change is repeated until node says it restarts.
    const source = path.join(projectRoot, 'src', 'platform', 'startup.ts');
    const { atime, mtime } = await fs.stat(source);
    try {
      for (let attempt = 1; ; attempt++) {
        await fs.utimes(source, atime, new Date());
        const seen = await dev.waitFor(/Restarting '/, 1000).then(
          () => true,
          () => false,
        );
        if (seen) break;
        if (attempt === 60) throw new Error(`npm run dev did not restart:\n${dev.output()}`);
      }
    } finally {
      await fs.utimes(source, atime, mtime);
    }
    await dev.waitFor(/Restarting '[^\n]*\n[\s\S]*Polku is running: (http:\/\/\S+)/);
    const after = await serverPids(devEnv.DATA_DIR);
    expect(after.node).not.toBe(before.node);
    expect(await isRunning(before.node)).toBe(false);

    dev.signal('SIGTERM');
    expect(await dev.exited).toEqual({ code: 0, signal: null });
    expect(await isRunning(after.node)).toBe(false);
    expect(await isRunning(after.postgres)).toBe(false);
    expect(await exists(path.join(devEnv.DATA_DIR, 'polku.pid'))).toBe(false);
  }, 120_000);
});
