import fs from 'node:fs';
import path from 'node:path';

import { AdjustableClock, fixedClock } from './clock';

describe('clocks', () => {
  it('a fixed clock never moves', () => {
    const clock = fixedClock('2026-03-29T00:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
  });

  it('an adjustable clock starts where it is put and runs with its base', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const clock = new AdjustableClock('2026-11-18T08:00:00Z', { now: () => new Date(real) });
    expect(clock.now().toISOString()).toBe('2026-11-18T08:00:00.000Z');
    real += 1500;
    expect(clock.now().toISOString()).toBe('2026-11-18T08:00:01.500Z');
    clock.set('2026-12-31T21:59:00Z');
    expect(clock.now().toISOString()).toBe('2026-12-31T21:59:00.000Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => fixedClock('tomorrow')).toThrow(RangeError);
  });
});

/**
 * The class of the "fails in the morning" bug: domain code that reads the wall clock. Services and
 * the demo seed take a Clock; durations use performance.now().
 */
describe('no domain code reads the wall clock', () => {
  const roots = ['src/modules', 'src/demo'].map((dir) => path.join(__dirname, '..', '..', dir));
  const files = roots.flatMap((root) =>
    (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => path.join(root, f)),
  );

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('has no Date.now(), argument-less new Date(), or CURRENT_DATE / CURRENT_TIMESTAMP in SQL', () => {
    const offending = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${path.relative(process.cwd(), file)}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*'))
        .filter(({ line }) => /Date\.now\(\)|new Date\(\)|\bCURRENT_DATE\b|\bCURRENT_TIMESTAMP\b/.test(line))
        .map(({ at, line }) => `${at}: ${line}`),
    );
    expect(offending).toEqual([]);
  });
});
