import { finnishTime } from './dates';

describe('finnishTime', () => {
  it.each([
    // Winter (EET, +2) and summer (EEST, +3).
    ['2026-12-01', 8, 0, '2026-12-01T06:00:00.000Z'],
    ['2026-07-01', 0, 5, '2026-06-30T21:05:00.000Z'],
    // 29 March 2026: clocks go from 03:00 to 04:00. Before the change +2, after it +3.
    ['2026-03-29', 0, 5, '2026-03-28T22:05:00.000Z'],
    ['2026-03-29', 2, 30, '2026-03-29T00:30:00.000Z'],
    ['2026-03-29', 4, 30, '2026-03-29T01:30:00.000Z'],
    ['2026-03-29', 23, 55, '2026-03-29T20:55:00.000Z'],
    // 25 October 2026: clocks go from 04:00 back to 03:00. Before +3, after +2.
    ['2026-10-25', 0, 5, '2026-10-24T21:05:00.000Z'],
    ['2026-10-25', 2, 0, '2026-10-24T23:00:00.000Z'],
    ['2026-10-25', 12, 0, '2026-10-25T10:00:00.000Z'],
    ['2026-10-25', 23, 55, '2026-10-25T21:55:00.000Z'],
  ] as const)('%s %i:%i is %s', (date, hour, minute, expected) => {
    expect(finnishTime(date, hour, minute).toISOString()).toBe(expected);
  });
});
