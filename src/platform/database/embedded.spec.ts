import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../logger';
import { grantTraverse, untraversableAncestors } from './embedded';

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
