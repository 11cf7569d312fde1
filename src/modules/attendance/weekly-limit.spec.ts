import { defaultLegalLimits, LegalLimits } from '../coaching-period/legal-limits';
import { ParticipationBasis } from '../coaching-period/period-phase';
import { captureDomainError } from '../shared/testing';
import { checkWeeklyDays, isoWeekOf, weeklyDayLimit } from './weekly-limit';

const { REHABILITATIVE_WORK, WORK_TRIAL, EMPLOYMENT, CAREER_COACHING } = ParticipationBasis;
const L = defaultLegalLimits;

describe('isoWeekOf', () => {
  it('runs from Monday to Sunday', () => {
    expect(isoWeekOf('2025-03-05')).toEqual({ start: '2025-03-03', end: '2025-03-09' }); // Wednesday
    expect(isoWeekOf('2025-03-03')).toEqual({ start: '2025-03-03', end: '2025-03-09' }); // Monday
    expect(isoWeekOf('2025-03-09')).toEqual({ start: '2025-03-03', end: '2025-03-09' }); // Sunday
  });

  it('crosses month and year ends', () => {
    expect(isoWeekOf('2025-01-01')).toEqual({ start: '2024-12-30', end: '2025-01-05' });
  });
});

describe('weeklyDayLimit', () => {
  it('limits every basis with a legal schedule to the agreed days', () => {
    expect(weeklyDayLimit([REHABILITATIVE_WORK], [3], L)).toEqual({ daysPerWeek: 3, legalMaxDaysPerWeek: 4, agreedDaysPerWeek: 3 });
    expect(weeklyDayLimit([WORK_TRIAL], [4], L)).toEqual({ daysPerWeek: 4, legalMaxDaysPerWeek: 5, agreedDaysPerWeek: 4 });
  });

  it('caps an agreed value above the legal maximum (a row stored before the check)', () => {
    expect(weeklyDayLimit([REHABILITATIVE_WORK], [5], L)?.daysPerWeek).toBe(4);
    expect(weeklyDayLimit([WORK_TRIAL], [5], L)?.daysPerWeek).toBe(5);
  });

  it('leaves bases without a legal schedule unlimited', () => {
    expect(weeklyDayLimit([EMPLOYMENT], [5], L)).toBeNull();
    expect(weeklyDayLimit([CAREER_COACHING], [5], L)).toBeNull();
  });

  it('takes the smallest agreed value and the smallest legal maximum when a day falls under two', () => {
    // A work-trial placement day of a career-coaching period, agreed for 3 days a week.
    expect(weeklyDayLimit([CAREER_COACHING, WORK_TRIAL], [5, 3], L)).toEqual({ daysPerWeek: 3, legalMaxDaysPerWeek: 5, agreedDaysPerWeek: 3 });
    expect(weeklyDayLimit([REHABILITATIVE_WORK, WORK_TRIAL], [5, 5], L)?.daysPerWeek).toBe(4);
  });

  it('follows configured limits', () => {
    const limits: LegalLimits = { ...L, schedule: { [WORK_TRIAL]: { daysPerWeek: { min: 1, max: 3 }, hoursPerDay: { min: 4, max: 8 } } } };
    expect(weeklyDayLimit([WORK_TRIAL], [5], limits)?.daysPerWeek).toBe(3);
    expect(weeklyDayLimit([REHABILITATIVE_WORK], [4], limits)).toBeNull();
  });
});

describe('checkWeeklyDays', () => {
  it('allows up to the limit', () => {
    expect(() => checkWeeklyDays('2025-03-06', 3, weeklyDayLimit([REHABILITATIVE_WORK], [4], L)!)).not.toThrow();
  });

  it('refuses one day more with the week and limit in details', () => {
    const error = captureDomainError(() => checkWeeklyDays('2025-03-07', 4, weeklyDayLimit([REHABILITATIVE_WORK], [4], L)!, { entryIndex: 2 }));
    expect(error.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'WEEKLY_DAYS_EXCEEDED',
      details: { entryIndex: 2, daysPerWeek: 4, legalMaxDaysPerWeek: 4, weekStart: '2025-03-03', presentDays: 4 },
    });
  });

  it('refuses a sixth work-trial day even when more were agreed, naming the legal maximum', () => {
    const error = captureDomainError(() => checkWeeklyDays('2025-03-08', 5, weeklyDayLimit([WORK_TRIAL], [7], L)!));
    expect(error.reason).toBe('WEEKLY_DAYS_EXCEEDED');
    expect(error.message).toMatch(/legal maximum of 5/);
    expect(error.extensions.details).toMatchObject({ daysPerWeek: 5, legalMaxDaysPerWeek: 5 });
  });
});
