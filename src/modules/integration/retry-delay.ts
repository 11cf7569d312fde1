/** How long to wait before try `attempt + 1` of a message: exponential, capped, with jitter. */
export interface RetrySchedule {
  /** Tries in all before the message is a dead letter. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** How long one try may hold a message: longer than a try can last (attempts × timeout plus waits). */
  leaseSeconds: number;
}

/**
 * "Equal jitter": half the exponential delay fixed, half random, so messages that failed together
 * (an outage) do not all come back in the same second, and none comes back at once.
 */
export function retryDelayMs(schedule: RetrySchedule, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(schedule.maxDelayMs, schedule.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
