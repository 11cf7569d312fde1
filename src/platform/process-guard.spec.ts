import { Writable } from 'node:stream';

import { createLogger } from './logger';
import { guardProcess, unhandledRejectionVerdict } from './process-guard';

/** What pg reports when the server terminates a connection (a restart, a failover, Ctrl-C). */
const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });

describe('unhandled promise rejections', () => {
  it('survives a lost database connection and stops on anything else', () => {
    expect(unhandledRejectionVerdict(terminated)).toBe('survive');
    expect(unhandledRejectionVerdict(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('survive');
    expect(unhandledRejectionVerdict(new Error('Connection terminated unexpectedly'))).toBe('survive');
    expect(unhandledRejectionVerdict(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('exit');
    expect(unhandledRejectionVerdict(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe('exit');
    expect(unhandledRejectionVerdict(undefined)).toBe('exit');
  });

  it('logs and carries on, or logs and exits with 1', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const exits: number[] = [];
    const before = process.listeners('unhandledRejection');
    guardProcess(logger, (code) => exits.push(code));
    const added = process.listeners('unhandledRejection').filter((listener) => !before.includes(listener));
    try {
      expect(added).toHaveLength(1);
      added[0](terminated, Promise.resolve());
      expect(exits).toEqual([]);
      added[0](new TypeError('a bug'), Promise.resolve());
      expect(exits).toEqual([1]);
      expect(lines.map((line) => JSON.parse(line) as { level: string; msg: string }).map((l) => [l.level, l.msg])).toEqual([
        ['warn', 'a background task lost its database connection; carrying on'],
        ['fatal', 'unhandled promise rejection; stopping'],
      ]);
    } finally {
      for (const listener of added) process.off('unhandledRejection', listener);
    }
  });
});
