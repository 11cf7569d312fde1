import { Rng } from '../../demo/random';
import { decideFault, mergeFaults, noFaults } from './faults';
import { BadCursorError, CursorFeed } from './feed';
import { canonicalJson, IdempotencyLedger } from './idempotency';
import { startSimServer } from './sim-server';

describe('CursorFeed', () => {
  it('pages by opaque cursor and refuses cursors it never gave out', () => {
    const feed = new CursorFeed<number>('items', new Rng(1));
    for (let i = 1; i <= 5; i++) feed.append(i);
    const first = feed.read(null, 2, noFaults);
    expect(first.items).toEqual([1, 2]);
    expect(first.cursor).not.toMatch(/2/);
    expect(feed.read(first.cursor, 10, noFaults).items).toEqual([3, 4, 5]);
    expect(feed.read(feed.read(first.cursor, 10, noFaults).cursor, 10, noFaults)).toEqual({ items: [], cursor: null, repeated: 0 });
    for (const bad of ['nonsense', Buffer.from('other:1').toString('base64url'), Buffer.from('items:9').toString('base64url'), 'a'.repeat(100)])
      expect(() => feed.read(bad, 2, noFaults)).toThrow(BadCursorError);
  });

  it('serves items again in a later page under the duplicate fault, new items still moving on', () => {
    const feed = new CursorFeed<number>('items', new Rng(2));
    for (let i = 1; i <= 40; i++) feed.append(i);
    const faults = mergeFaults(noFaults, { duplicateRate: 0.5 });
    const served: number[] = [];
    let cursor: string | null = null;
    for (let page = feed.read(cursor, 4, faults); page.items.length; page = feed.read(cursor, 4, faults)) {
      served.push(...page.items);
      cursor = page.cursor ?? cursor;
    }
    expect(new Set(served)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => i + 1)));
    expect(served.length).toBeGreaterThan(50);
  });
});

describe('faults', () => {
  it('merges changes and refuses values out of range', () => {
    expect(mergeFaults(noFaults, { errorRate: 0.2, outOfOrder: true, latencyMs: [5, 10] })).toMatchObject({
      errorRate: 0.2,
      outOfOrderRate: 1,
      latencyMs: [5, 10],
      timeoutHoldMs: 30_000,
    });
    expect(() => mergeFaults(noFaults, { errorRate: 1.5 })).toThrow(RangeError);
    expect(() => mergeFaults(noFaults, { latencyMs: [10, 5] })).toThrow(RangeError);
    expect(() => mergeFaults(noFaults, { timeoutHoldMs: -1 })).toThrow(RangeError);
  });

  it('decides the same way from the same seed, and applies only writes before a timeout', () => {
    const faults = mergeFaults(noFaults, { errorRate: 0.3, timeoutRate: 0.3, latencyMs: [1, 9] });
    const run = (seed: number, write: boolean) =>
      Array.from(
        { length: 50 },
        (
          (rng) => () =>
            decideFault(faults, rng, write)
        )(new Rng(seed)),
      );
    expect(run(7, true)).toEqual(run(7, true));
    expect(run(7, true)).not.toEqual(run(8, true));
    const reads = run(7, false).filter((d) => d.kind === 'timeout');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((d) => d.kind === 'timeout' && !d.applied)).toBe(true);
    expect(run(7, true).some((d) => d.kind === 'timeout' && d.applied)).toBe(true);
    expect(run(7, true).every((d) => d.delayMs >= 1 && d.delayMs <= 9)).toBe(true);
  });
});

describe('IdempotencyLedger', () => {
  it('replays the same request, and calls the same key with another body or endpoint a conflict', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    const ledger = new IdempotencyLedger<string>();
    expect(ledger.lookup('k', 'A', { x: 1 })).toEqual({ status: 'new' });
    ledger.record('k', 'A', { x: 1, y: 2 }, 'answer');
    expect(ledger.lookup('k', 'A', { y: 2, x: 1 })).toEqual({ status: 'replay', response: 'answer' });
    expect(ledger.lookup('k', 'A', { x: 1, y: 3 })).toEqual({ status: 'conflict' });
    expect(ledger.lookup('k', 'B', { x: 1, y: 2 })).toEqual({ status: 'conflict' });
  });
});

describe('simulator server', () => {
  it('holds a timed-out request, then drops it unanswered, and stop ends held requests at once', async () => {
    const server = await startSimServer({
      name: 't',
      seed: 1,
      faults: { timeoutRate: 1, timeoutHoldMs: 60_000 },
      routes: [{ method: 'GET', path: '/x', handle: () => ({ status: 200, body: {} }) }],
      controlRoutes: [],
      stats: () => ({}),
    });
    const answer = fetch(`${server.url}/x`).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    await server.stop();
    expect(await answer).toBe('dropped');
    // Not waited out: the request is held for a minute, stop ends it (a loaded machine may take a few seconds).
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(server.faultCounters()).toEqual({ errors: 0, timeouts: 1, timeoutsApplied: 0 });
  });
});
