import { ErrorCode } from '../../platform/errors';
import {
  addDays,
  addMonths,
  assertIsoDate,
  compareDates,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  inclusiveDayCount,
  isIsoDate,
  isLeapYear,
  isWithinRange,
  monthsInPeriod,
  parseIsoDate,
  rangesOverlap,
  todayInFinland,
} from './calendar';
import { captureDomainError } from './testing';

describe('calendar', () => {
  describe('parseIsoDate / isIsoDate', () => {
    it('parses a valid date into its parts', () => {
      expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    });

    it.each([
      '2023-02-29', // not a leap year
      '1900-02-29', // century not divisible by 400
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-5',
      '20240105',
      '2024-01-05T00:00:00Z',
      ' 2024-01-05',
      '',
    ])('rejects %j', (value) => {
      expect(parseIsoDate(value)).toBeNull();
      expect(isIsoDate(value)).toBe(false);
    });

    it('accepts 29 Feb 2000 (divisible by 400)', () => {
      expect(isIsoDate('2000-02-29')).toBe(true);
    });

    it('rejects non-strings', () => {
      expect(isIsoDate(20240101)).toBe(false);
      expect(isIsoDate(null)).toBe(false);
    });
  });

  describe('assertIsoDate', () => {
    it('returns a valid date unchanged', () => {
      expect(assertIsoDate('2025-06-30', 'input.startDate')).toBe('2025-06-30');
    });

    it('throws BAD_USER_INPUT naming the field', () => {
      const error = captureDomainError(() => assertIsoDate('2025-06-31', 'input.startDate'));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.reason).toBe('INVALID_DATE');
      expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.startDate' })]);
    });
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it('formats with zero padding', () => {
    expect(formatIsoDate({ year: 987, month: 3, day: 7 })).toBe('0987-03-07');
  });

  describe('addDays', () => {
    it('crosses month, year and leap-day boundaries', () => {
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
      expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
      expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
      expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    });

    it('is unaffected by the daylight-saving change in Finland', () => {
      // DST starts on 30 Mar 2025 and ends on 26 Oct 2025 in Europe/Helsinki.
      expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
      expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
    });

    it('refuses invalid dates and fractional days', () => {
      expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
      expect(() => addDays('2025-02-01', 1.5)).toThrow(RangeError);
    });
  });

  describe('addMonths', () => {
    it('keeps the day of month when it exists', () => {
      expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
      expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
      expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
    });

    it('clamps to the last day of a shorter month', () => {
      expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
      expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
      expect(addMonths('2025-08-31', 1)).toBe('2025-09-30');
      expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    });
  });

  describe('daysBetween / compareDates / inclusiveDayCount', () => {
    it('counts signed days', () => {
      expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
      expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
      expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
      expect(daysBetween('2025-03-01', '2025-01-01')).toBe(-59);
    });

    it('orders dates', () => {
      expect(compareDates('2025-01-02', '2025-01-01')).toBeGreaterThan(0);
      expect(compareDates('2024-12-31', '2025-01-01')).toBeLessThan(0);
      expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    });

    it('counts both ends of an inclusive period', () => {
      expect(inclusiveDayCount('2025-01-01', '2025-01-01')).toBe(1);
      expect(inclusiveDayCount('2025-01-01', '2025-12-31')).toBe(365);
    });
  });

  describe('rangesOverlap', () => {
    const jan = { start: '2025-01-01', end: '2025-01-31' };

    it('treats a shared end day as overlap', () => {
      expect(rangesOverlap(jan, { start: '2025-01-31', end: '2025-02-28' })).toBe(true);
      expect(rangesOverlap({ start: '2024-12-01', end: '2025-01-01' }, jan)).toBe(true);
    });

    it('does not overlap adjacent ranges', () => {
      expect(rangesOverlap(jan, { start: '2025-02-01', end: '2025-02-28' })).toBe(false);
      expect(rangesOverlap({ start: '2024-12-01', end: '2024-12-31' }, jan)).toBe(false);
    });

    it('detects containment', () => {
      expect(rangesOverlap(jan, { start: '2025-01-10', end: '2025-01-12' })).toBe(true);
      expect(rangesOverlap({ start: '2025-01-10', end: '2025-01-12' }, jan)).toBe(true);
    });

    it('treats a null end as open-ended', () => {
      expect(rangesOverlap({ start: '2025-06-01', end: null }, jan)).toBe(false);
      expect(rangesOverlap({ start: '2024-06-01', end: null }, jan)).toBe(true);
      expect(rangesOverlap(jan, { start: '2025-01-31', end: null })).toBe(true);
      expect(rangesOverlap({ start: '2030-01-01', end: null }, { start: '2020-01-01', end: null })).toBe(true);
    });
  });

  it('isWithinRange includes both ends and handles open ranges', () => {
    const range = { start: '2025-01-10', end: '2025-01-20' };
    expect(isWithinRange('2025-01-10', range)).toBe(true);
    expect(isWithinRange('2025-01-20', range)).toBe(true);
    expect(isWithinRange('2025-01-21', range)).toBe(false);
    expect(isWithinRange('2025-01-09', range)).toBe(false);
    expect(isWithinRange('2099-01-01', { start: '2025-01-10', end: null })).toBe(true);
  });

  describe('monthsInPeriod', () => {
    it('counts 1 Jan to 30 Jun as exactly six months in common and leap years', () => {
      expect(monthsInPeriod('2025-01-01', '2025-06-30')).toBe(6);
      expect(monthsInPeriod('2024-01-01', '2024-06-30')).toBe(6);
    });

    it('counts 1 Jul to 31 Dec (184 days) as exactly six months too', () => {
      expect(monthsInPeriod('2025-07-01', '2025-12-31')).toBe(6);
    });

    it('goes over six months when 1 Jan runs to 1 Jul', () => {
      const months = monthsInPeriod('2025-01-01', '2025-07-01');
      expect(months).toBeGreaterThan(6);
      expect(months).toBeCloseTo(6 + 1 / 31, 10);
    });

    it('counts mid-month periods from the start day', () => {
      expect(monthsInPeriod('2025-03-15', '2025-04-14')).toBe(1);
      expect(monthsInPeriod('2025-01-15', '2026-01-14')).toBe(12);
      expect(monthsInPeriod('2024-01-01', '2025-12-31')).toBe(24);
    });

    it('gives fractions of a month for partial months', () => {
      expect(monthsInPeriod('2025-01-01', '2025-01-01')).toBeCloseTo(1 / 31, 10);
      expect(monthsInPeriod('2025-02-01', '2025-02-14')).toBeCloseTo(14 / 28, 10);
      expect(monthsInPeriod('2025-01-01', '2025-03-15')).toBeCloseTo(2 + 15 / 31, 10);
    });

    it('handles start days missing from later months', () => {
      // 31 Jan + 1 month = 28 Feb, so 31 Jan–27 Feb is one month and 31 Jan–30 Mar is two.
      expect(monthsInPeriod('2025-01-31', '2025-02-27')).toBe(1);
      expect(monthsInPeriod('2025-01-31', '2025-03-30')).toBe(2);
    });

    it('returns 0 for an empty period and refuses a reversed one', () => {
      expect(monthsInPeriod('2025-01-01', '2024-12-31')).toBe(0);
      expect(() => monthsInPeriod('2025-01-10', '2025-01-01')).toThrow(RangeError);
    });
  });

  describe('todayInFinland', () => {
    it('uses the Finnish date even when UTC is still on the previous day', () => {
      expect(todayInFinland(new Date('2024-03-31T22:30:00Z'))).toBe('2024-04-01');
      expect(todayInFinland(new Date('2024-03-31T20:30:00Z'))).toBe('2024-03-31');
    });
  });
});
