import { isOnTrack } from './indicator-progress';

describe('isOnTrack', () => {
  it.each([
    [70, 72, true, true],
    [70, 70, true, true],
    [70, 69.99, true, false],
    [14, 10, false, true],
    [14, 14, false, true],
    [14, 15, false, false],
  ])('target %s, latest %s, higherIsBetter %s -> %s', (target, latest, higherIsBetter, expected) => {
    expect(isOnTrack({ target, latest, higherIsBetter })).toBe(expected);
  });

  it('is unknown without a target or a measurement', () => {
    expect(isOnTrack({ target: null, latest: 50, higherIsBetter: true })).toBeNull();
    expect(isOnTrack({ target: 50, latest: null, higherIsBetter: false })).toBeNull();
  });
});
