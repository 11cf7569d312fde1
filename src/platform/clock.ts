/**
 * Where "now" comes from. Services take a clock instead of reading the wall clock, so a test can
 * put the server at any instant (just after midnight in Finland, a Sunday, a DST change) and get
 * the same answer at whatever hour CI happens to run.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Always the same instant: for pure rules and seeds that must not move while they run. */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant).getTime();
  if (Number.isNaN(at)) throw new RangeError(`not an instant: ${String(instant)}`);
  return { now: () => new Date(at) };
}

/**
 * Starts at `start` and runs forward in real time, so the day is fixed but later writes still get
 * later timestamps (ordering, keyset cursors). `set` moves it, e.g. to cross midnight in a test.
 */
export class AdjustableClock implements Clock {
  private offsetMs: number;

  constructor(
    start: Date | string,
    private readonly base: Clock = systemClock,
  ) {
    this.offsetMs = 0;
    this.set(start);
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  set(instant: Date | string): void {
    const at = new Date(instant).getTime();
    if (Number.isNaN(at)) throw new RangeError(`not an instant: ${String(instant)}`);
    this.offsetMs = at - this.base.now().getTime();
  }
}
