import type { Rng } from '../../demo/random';

/**
 * What a simulator does wrong on purpose, so that the adapters, the outbox and the pollers can be
 * seen to cope: every rate is a probability per request (or per pushed batch), 0 to 1.
 */
export interface SimulatorFaults {
  /** Answers 500 or 503 without doing anything. */
  errorRate: number;
  /** Every request waits a random time in this range (ms) before it is handled. */
  latencyMs: [number, number];
  /**
   * Holds the request for `timeoutHoldMs` (longer than a caller waits) and then drops the
   * connection without an answer. A write is, at random, applied before the drop or not, as a
   * real system may have committed it when the connection broke.
   */
  timeoutRate: number;
  timeoutHoldMs: number;
  /** Pulls: an item is served again in a later batch. Pushes: a delivered batch is sent once more. */
  duplicateRate: number;
  /** Probability that a pulled batch is shuffled, or that a push is reordered and held back so later ones overtake it. */
  outOfOrderRate: number;
}

/** As options and `POST /_sim/faults` take them: any subset; `outOfOrder: true` is a rate of 1. */
export type SimulatorFaultsInput = Partial<Omit<SimulatorFaults, 'outOfOrderRate'>> & { outOfOrder?: boolean | number; outOfOrderRate?: number };

export const noFaults: Readonly<SimulatorFaults> = Object.freeze({
  errorRate: 0,
  latencyMs: [0, 0] as [number, number],
  timeoutRate: 0,
  timeoutHoldMs: 30_000,
  duplicateRate: 0,
  outOfOrderRate: 0,
});

const rate = (name: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be a number from 0 to 1`);
  return value;
};

/** Merges a change into the current faults; throws RangeError on a value out of range (nothing changes then). */
export function mergeFaults(current: Readonly<SimulatorFaults>, change: SimulatorFaultsInput | null | undefined): SimulatorFaults {
  const next: SimulatorFaults = { ...current, latencyMs: [...current.latencyMs] };
  if (!change) return next;
  if (typeof change !== 'object') throw new RangeError('faults must be an object');
  if (change.errorRate !== undefined) next.errorRate = rate('errorRate', change.errorRate);
  if (change.timeoutRate !== undefined) next.timeoutRate = rate('timeoutRate', change.timeoutRate);
  if (change.duplicateRate !== undefined) next.duplicateRate = rate('duplicateRate', change.duplicateRate);
  if (change.outOfOrderRate !== undefined) next.outOfOrderRate = rate('outOfOrderRate', change.outOfOrderRate);
  if (change.outOfOrder !== undefined)
    next.outOfOrderRate = typeof change.outOfOrder === 'boolean' ? (change.outOfOrder ? 1 : 0) : rate('outOfOrder', change.outOfOrder);
  if (change.latencyMs !== undefined) {
    const range = change.latencyMs as unknown;
    if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[0] > range[1])
      throw new RangeError('latencyMs must be [min, max] in whole milliseconds, min ≤ max');
    next.latencyMs = [range[0], range[1]];
  }
  if (change.timeoutHoldMs !== undefined) {
    if (!Number.isInteger(change.timeoutHoldMs) || change.timeoutHoldMs < 0) throw new RangeError('timeoutHoldMs must be whole milliseconds');
    next.timeoutHoldMs = change.timeoutHoldMs;
  }
  return next;
}

/** What the fault gate decided for one request. */
export type FaultDecision =
  | { kind: 'pass'; delayMs: number }
  | { kind: 'error'; delayMs: number; status: 500 | 503 }
  /** `applied`: a write is carried out before the connection is dropped. */
  | { kind: 'timeout'; delayMs: number; applied: boolean };

export function decideFault(faults: Readonly<SimulatorFaults>, rng: Rng, write: boolean): FaultDecision {
  const [min, max] = faults.latencyMs;
  const delayMs = max > 0 ? rng.int(min, max) : 0;
  if (faults.timeoutRate > 0 && rng.chance(faults.timeoutRate)) return { kind: 'timeout', delayMs, applied: write && rng.chance(0.5) };
  if (faults.errorRate > 0 && rng.chance(faults.errorRate)) return { kind: 'error', delayMs, status: rng.chance(0.5) ? 500 : 503 };
  return { kind: 'pass', delayMs };
}
