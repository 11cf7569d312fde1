import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

import { projectRoot } from '../../src/platform/paths';

/**
 * npm as the user runs it, with the npm that runs the tests when there is one (`npm test` and
 * `npx jest` set npm_execpath), else the one on PATH.
 */
function npm(args: string[]): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.c?js$/.test(execPath)) {
    const cli = path.join(path.dirname(execPath), 'npm-cli.js');
    return { command: process.execPath, args: [cli, ...args] };
  }
  return { command: 'npm', args };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  /** The process that was started (npm). */
  pid: number;
  output(): string;
  exited: Promise<Exit>;
  /** Resolves with the first match of `pattern` in the output; rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** `wholeGroup`: as Ctrl-C in a terminal, which signals npm, node and the embedded PostgreSQL alike. */
  signal(signal: NodeJS.Signals, wholeGroup?: boolean): void;
}

/** `npm <args>` in the project, in its own process group (like a terminal's foreground job). */
export function runNpm(args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const { command, args: argv } = npm(args);
  const child: ChildProcess = spawn(command, argv, { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // The output may still be in the pipes when 'exit' fires; they close when the last process that
  // holds them ends, which a server left running never does: so not waited for long.
  const closed = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
    void exited.then((exit) => setTimeout(() => resolve(exit), 2000).unref());
  });
  return {
    pid: child.pid!,
    output: () => output,
    exited: Promise.all([exited, closed]).then(([exit]) => exit),
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void closed.then((exit) => {
          if (!listeners.has(check)) return;
          cleanup();
          reject(new Error(`exited (${JSON.stringify(exit)}) before ${pattern}:\n${output}`));
        });
        check();
      }),
    signal: (signal, wholeGroup = false) => {
      if (wholeGroup) process.kill(-child.pid!, signal);
      else child.kill(signal);
    },
  };
}

/** Alive and not a zombie (an orphan whose parent does not reap it still answers kill 0). */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** The pids of the node server (`polku.pid`) and its embedded PostgreSQL (`postmaster.pid`) of a data folder. */
export async function serverPids(dataDir: string): Promise<{ node: number; postgres: number }> {
  const owner = JSON.parse(await fs.readFile(path.join(dataDir, 'polku.pid'), 'utf8')) as { pid: number };
  const postmaster = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  return { node: owner.pid, postgres: Number(postmaster.split('\n')[0]) };
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The URL in the start banner. */
export const bannerUrl = /Polku is running: (http:\/\/\S+)/;
