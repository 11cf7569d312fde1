import { retryDelayMs } from './retry-delay';

const schedule = { maxAttempts: 8, initialDelayMs: 1000, maxDelayMs: 60000, leaseSeconds: 60 };

describe('retryDelayMs', () => {
  it('doubles per attempt between half and all of the exponential delay', () => {
    expect(retryDelayMs(schedule, 1, () => 0)).toBe(500);
    expect(retryDelayMs(schedule, 1, () => 1)).toBe(1000);
    expect(retryDelayMs(schedule, 3, () => 0)).toBe(2000);
    expect(retryDelayMs(schedule, 3, () => 1)).toBe(4000);
  });

  it('never waits longer than the cap, however many tries failed', () => {
    expect(retryDelayMs(schedule, 30, () => 1)).toBe(60000);
    expect(retryDelayMs(schedule, 1000, () => 0.5)).toBe(45000);
  });

  it('spreads messages that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(schedule, 4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
