import type { Rng } from '../../demo/random';
import type { SimulatorFaults } from './faults';

/** A cursor the caller passed that this feed never gave out: answered 400. */
export class BadCursorError extends Error {
  constructor() {
    super('the cursor is not one this system gave out');
    this.name = 'BadCursorError';
  }
}

export interface FeedPage<T> {
  items: T[];
  /** After the newest item served; null when nothing was served (the caller keeps its own cursor). */
  cursor: string | null;
  /** How many of `items` were served before (the duplicate fault). */
  repeated: number;
}

/**
 * An append-only stream read by opaque cursors, as an outside system serves referrals or decisions
 * to pollers. A cursor is the base64url of `<name>:<sequence>`: opaque to callers, checked here.
 * The faults apply: `duplicateRate` puts an item served now into a later page again, and
 * `outOfOrderRate` shuffles a page (the cursor still points after the newest item in it).
 */
export class CursorFeed<T> {
  private readonly items: T[] = [];
  private readonly again: number[] = [];

  constructor(
    private readonly name: string,
    private readonly rng: Rng,
  ) {}

  append(item: T): number {
    this.items.push(item);
    return this.items.length;
  }

  get length(): number {
    return this.items.length;
  }

  all(): readonly T[] {
    return this.items;
  }

  encode(sequence: number): string {
    return Buffer.from(`${this.name}:${sequence}`).toString('base64url');
  }

  decode(cursor: string | null | undefined): number {
    if (cursor === null || cursor === undefined || cursor === '') return 0;
    const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    const match = new RegExp(`^${this.name}:(\\d{1,9})$`).exec(text);
    const sequence = match ? Number(match[1]) : NaN;
    if (!Number.isInteger(sequence) || sequence > this.items.length) throw new BadCursorError();
    return sequence;
  }

  read(cursor: string | null | undefined, limit: number, faults: Readonly<SimulatorFaults>): FeedPage<T> {
    const after = this.decode(cursor);
    const page: Array<{ sequence: number; repeated: boolean }> = [];
    // Items owed again from earlier pages come first, up to half the page, so new ones still move on.
    const repeatSlots = Math.min(this.again.length, Math.max(1, Math.floor(limit / 2)), limit);
    for (const sequence of this.again.splice(0, repeatSlots)) page.push({ sequence, repeated: true });
    let last = after;
    for (let sequence = after + 1; sequence <= this.items.length && page.length < limit; sequence++) {
      page.push({ sequence, repeated: false });
      last = sequence;
      if (faults.duplicateRate > 0 && this.rng.chance(faults.duplicateRate)) this.again.push(sequence);
    }
    const ordered = faults.outOfOrderRate > 0 && page.length > 1 && this.rng.chance(faults.outOfOrderRate) ? this.rng.shuffle(page) : page;
    return {
      items: ordered.map(({ sequence }) => this.items[sequence - 1]),
      cursor: page.length === 0 ? null : this.encode(last),
      repeated: page.filter((p) => p.repeated).length,
    };
  }
}
