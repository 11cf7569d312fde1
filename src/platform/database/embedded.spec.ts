import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createLogger } from '../logger';
import { failureMessage } from '../startup';
import { explainPostgresFailure, grantTraverse, untraversableAncestors } from './embedded';

const isRoot = os.userInfo().uid === 0;

function postgresUserExists(): boolean {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the OS user `postgres` can read `file`, asked of the kernel rather than computed. */
function postgresCanRead(file: string): boolean {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-r', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL in a private checkout (as after `mktemp -d`)', () => {
  let privateRoot: string;
  let dataDir: string;

  beforeEach(async () => {
    privateRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'polku-private-'));
    await fs.chmod(privateRoot, 0o700);
    dataDir = path.join(privateRoot, 'checkout', '.data');
    await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
    await fs.writeFile(path.join(dataDir, 'probe'), 'x', { mode: 0o644 });
  });

  afterEach(() => fs.rm(privateRoot, { recursive: true, force: true }));

  it('finds exactly the ancestors others cannot pass through', async () => {
    expect(await untraversableAncestors(dataDir)).toEqual([privateRoot]);
  });

  it('adds only the pass-through bit, keeps listing private, and is idempotent', async () => {
    const logger = createLogger('silent');
    expect(await grantTraverse([dataDir, path.join(dataDir, 'postgres')], logger)).toEqual([privateRoot]);
    expect((await fs.stat(privateRoot)).mode & 0o777).toBe(0o701);
    expect(await untraversableAncestors(dataDir)).toEqual([]);
    expect(await grantTraverse([dataDir], logger)).toEqual([]);
  });

  (isRoot && postgresUserExists() ? it : it.skip)('lets the postgres OS user reach the files afterwards', async () => {
    const probe = path.join(dataDir, 'probe');
    expect(postgresCanRead(probe)).toBe(false);
    await grantTraverse([dataDir], createLogger('silent'));
    expect(postgresCanRead(probe)).toBe(true);
  });
});

describe('why the embedded PostgreSQL did not start, in one line', () => {
  const where = { databaseDir: '/srv/polku/.data/postgres', port: 54329 };

  it('names the port when another program has it', () => {
    const output = [
      '2026-12-01 14:15:06.081 UTC [11183] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      '2026-12-01 14:15:06.081 UTC [11183] HINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.',
      '2026-12-01 14:15:06.082 UTC [11183] FATAL:  could not create any TCP/IP sockets',
    ];
    expect(explainPostgresFailure(output, where)).toBe(
      'the embedded PostgreSQL cannot listen on port 54329: another program uses it (EMBEDDED_POSTGRES_PORT). Stop that program or set EMBEDDED_POSTGRES_PORT to a free port.',
    );
  });

  it('names the data folder when another PostgreSQL runs on it', () => {
    const output = [
      'FATAL:  lock file "postmaster.pid" already exists',
      'HINT:  Is another postmaster (PID 4242) running in data directory "/srv/polku/.data/postgres"?',
    ];
    expect(explainPostgresFailure(output, where)).toMatch(
      /^another PostgreSQL is running on the data folder \/srv\/polku\/\.data\/postgres\. Stop it/,
    );
  });

  it('says which versions when the data is from another major version', () => {
    const output = [
      'FATAL:  database files are incompatible with server',
      'DETAIL:  The data directory was initialized by PostgreSQL version 17, which is not compatible with this version 18.4.',
    ];
    expect(explainPostgresFailure(output, where)).toContain(
      '(The data directory was initialized by PostgreSQL version 17, which is not compatible with this version 18.4.)',
    );
  });

  it('passes on any other FATAL line, and gives up on output without one', () => {
    expect(explainPostgresFailure(['LOG:  starting', 'FATAL:  could not load pg_hba.conf'], where)).toBe(
      'the embedded PostgreSQL did not start: could not load pg_hba.conf. Run with LOG_LEVEL=debug to see its whole output.',
    );
    expect(explainPostgresFailure(['LOG:  starting'], where)).toBeUndefined();
  });
});

describe('a start-up failure as one line', () => {
  it('copes with what embedded-postgres rejects with (nothing at all) and with multi-line messages', () => {
    expect(failureMessage(undefined)).toBe('unexpected failure (no reason given); run with LOG_LEVEL=debug for details');
    expect(failureMessage(new Error('first\n   second'))).toBe('first second');
    expect(failureMessage('plain')).toBe('plain');
  });
});
