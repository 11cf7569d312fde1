import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../src/platform/auth/actor';
import { signDevelopmentToken } from '../src/platform/auth/tokens';
import { loadConfig } from '../src/platform/config';
import { projectRoot } from '../src/platform/paths';
import { freePort } from './support/global-setup';

/**
 * `npm start` as a newcomer runs it: the compiled server in its own process, no DATABASE_URL, so an
 * embedded PostgreSQL whose data folder sits inside a private (mode 700) folder, as a checkout made
 * in `mktemp -d` does. Signals are real, and NODE_ENV is unset as in a terminal (Apollo behaves
 * differently under NODE_ENV=test).
 */
describe('the server process (npm start)', () => {
  const buildDir = path.join(projectRoot, '.test-build', String(process.pid));
  let privateDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', buildDir], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
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
    await fs.rm(buildDir, { recursive: true, force: true });
    if (privateDir) await fs.rm(privateDir, { recursive: true, force: true });
  });

  async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
    const token = await signDevelopmentToken(loadConfig({}), { role: Role.ADMIN });
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

  it('starts from nothing, loads demo data, stops on SIGTERM, and reuses the data on a second start stopped by SIGINT', async () => {
    const first = await startServer(buildDir, env);
    expect(first.output()).toContain('initialising embedded PostgreSQL (first start)');
    expect(first.output()).toContain('(demo data loaded)');
    expect(first.output()).toContain('npm run --silent token -- --role ADMIN');
    expect((await fetch(new URL('/readyz', first.url))).status).toBe(200);
    const seeded = await traineeCount(first.url);
    expect(seeded).toBeGreaterThan(50);

    // Identity codes sent to the server, valid or not, appear in no log line.
    const created = await post(first.url, 'mutation ($input: CreateTraineeInput!) { createTrainee(input: $input) { trainee { id } } }', {
      input: { firstName: 'Lokitesti', lastName: 'Henkilö', identityCode: '131052-308T' },
    });
    expect(created.errors).toBeUndefined();
    const invalid = await post(first.url, 'query ($code: String!) { traineeByIdentityCode(identityCode: $code) { id } }', { code: '131052-308X' });
    expect(invalid.errors).toHaveLength(1);
    await post(first.url, '{ traineeByIdentityCode(identityCode: "131052-308T") { id firstName } }');

    const firstExit = await first.stop('SIGTERM');
    expect(first.output()).toContain('"msg":"graphql operation"');
    expect(first.output()).not.toContain('131052');
    expect({ ...firstExit, log: firstExit.code === 0 ? '' : first.output().slice(-3000) }).toEqual({ code: 0, signal: null, log: '' });
    expect(first.output()).toContain('"msg":"stopped"');
    // The embedded server went down with it: its lock file is gone.
    await expect(fs.access(path.join(env.DATA_DIR!, 'postgres', 'postmaster.pid'))).rejects.toThrow();

    const second = await startServer(buildDir, env);
    expect(second.output()).not.toContain('first start');
    expect(second.output()).not.toContain('demo data loaded');
    expect(await traineeCount(second.url)).toBe(seeded + 1);
    const secondExit = await second.stop('SIGINT', true);
    // On a failure the end of the log says why.
    expect({ ...secondExit, log: secondExit.code === 0 ? '' : second.output().slice(-3000) }).toEqual({ code: 0, signal: null, log: '' });
    expect(second.output()).toContain('"msg":"stopped"');
    // Ctrl-C stops the database under the server's feet; that is expected and not reported as a problem.
    const afterSignal = second.output().slice(second.output().indexOf('shutting down'));
    expect(afterSignal).not.toMatch(/"level":"(warn|error)"/);
  }, 120_000);
});

interface ServerProcess {
  url: string;
  output(): string;
  /** `wholeGroup`: as Ctrl-C in a terminal, which signals the server and the embedded PostgreSQL alike. */
  stop(signal: NodeJS.Signals, wholeGroup?: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServer(buildDir: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  // Its own process group, like a terminal's foreground job: Ctrl-C reaches it and the embedded PostgreSQL.
  const child: ChildProcess = spawn(process.execPath, [path.join(buildDir, 'src', 'main.js')], { cwd: projectRoot, env, detached: true });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Polku is running: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          output: () => output,
          stop: async (signal, wholeGroup = false) => {
            if (wholeGroup) process.kill(-child.pid!, signal);
            else child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((result) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready (${JSON.stringify(result)}):\n${output}`));
    });
  });
}
