import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { checkCaseload, defaultCaseloadRange, occupancy } from './caseload';

describe('checkCaseload', () => {
  it('allows assignment below the maximum without a reason', () => {
    expect(checkCaseload({ current: 11, max: 12 })).toBeNull();
    expect(checkCaseload({ current: 0, max: 12, overrideReason: 'ignored' })).toBeNull();
  });

  it.each([
    [12, 12, undefined],
    [12, 12, null],
    [12, 12, '  '],
    [15, 12, ''],
  ])('refuses %i of %i with override %j', (current, max, overrideReason) => {
    const error = captureDomainError(() => checkCaseload({ current, max, overrideReason }));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('COACH_AT_CAPACITY');
    expect(error.extensions.details).toEqual({ current, max });
  });

  it('allows exceeding with a reason and returns it trimmed', () => {
    expect(checkCaseload({ current: 12, max: 12, overrideReason: ' colleague on sick leave ' })).toBe('colleague on sick leave');
  });
});

describe('occupancy', () => {
  it('defaults to 8–12', () => {
    expect(defaultCaseloadRange).toEqual({ min: 8, max: 12 });
    expect(occupancy(10)).toEqual({ count: 10, min: 8, max: 12, ratio: 0.83, status: 'OK' });
  });

  it.each([
    [0, 'UNDER', 0],
    [7, 'UNDER', 0.58],
    [8, 'OK', 0.67],
    [11, 'OK', 0.92],
    [12, 'FULL', 1],
    [13, 'OVER', 1.08],
  ])('%i trainees -> %s', (count, status, ratio) => {
    expect(occupancy(count, 8, 12)).toMatchObject({ status, ratio });
  });

  it('uses a custom range', () => {
    expect(occupancy(5, 4, 5).status).toBe('FULL');
    expect(occupancy(3, 4, 5).status).toBe('UNDER');
  });

  it('refuses an impossible range', () => {
    expect(() => occupancy(1, 8, 0)).toThrow(RangeError);
    expect(() => occupancy(1, 13, 12)).toThrow(RangeError);
  });
});
