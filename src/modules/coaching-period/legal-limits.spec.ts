import { ErrorCode } from '../../platform/errors';
import { addDays, monthsInPeriod } from '../shared/calendar';
import { captureDomainError } from '../shared/testing';
import {
  checkRehabilitativeActualEnd,
  checkRehabilitativePeriodLength,
  checkSchedule,
  checkWorkTrialLimits,
  coveredUntil,
  defaultLegalLimits,
  FIXED_TERM_BASES,
  isFixedTerm,
  lastLegalDay,
  latestEndWithin,
  LegalLimits,
  requirePlannedEnd,
  usedWorkTrialMonths,
  WorkTrialPeriod,
} from './legal-limits';
import { ParticipationBasis } from './period-phase';

const { REHABILITATIVE_WORK, WORK_TRIAL, EMPLOYMENT, CAREER_COACHING } = ParticipationBasis;
const L = defaultLegalLimits;

describe('checkSchedule', () => {
  it.each([
    [REHABILITATIVE_WORK, 1, 4],
    [REHABILITATIVE_WORK, 4, 8],
    [REHABILITATIVE_WORK, 3, 6.5],
    [WORK_TRIAL, 5, 8],
    [WORK_TRIAL, 1, 4],
    [EMPLOYMENT, 5, 7.5],
    [CAREER_COACHING, 2, 3],
  ])('accepts %s %i days x %d h', (basis, days, hours) => {
    expect(() => checkSchedule(basis, days, hours, L)).not.toThrow();
  });

  it.each([
    [REHABILITATIVE_WORK, 5, 6],
    [REHABILITATIVE_WORK, 0, 6],
    [WORK_TRIAL, 6, 6],
    [WORK_TRIAL, 2.5, 6],
    [EMPLOYMENT, 8, 6],
    [EMPLOYMENT, 0, 6],
    // Bases without legal limits are held to what coaching_period can store (1–5 days), not a 500.
    [EMPLOYMENT, 6, 6],
    [CAREER_COACHING, 6, 6],
  ])('refuses %s with %d days a week', (basis, days, hours) => {
    const error = captureDomainError(() => checkSchedule(basis, days, hours, L));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('DAYS_PER_WEEK_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.daysPerWeek' })]);
  });

  it.each([
    [REHABILITATIVE_WORK, 3, 3.5],
    [REHABILITATIVE_WORK, 3, 8.5],
    [WORK_TRIAL, 5, 9],
    [WORK_TRIAL, 5, 3],
    [EMPLOYMENT, 5, 0],
    [EMPLOYMENT, 5, 25],
    [EMPLOYMENT, 5, 9],
    [EMPLOYMENT, 5, Number.NaN],
  ])('refuses %s with %d hours a day', (basis, days, hours) => {
    const error = captureDomainError(() => checkSchedule(basis, days, hours, L));
    expect(error.reason).toBe('HOURS_PER_DAY_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.hoursPerDay' })]);
  });

  it('lists both fields when both fail, naming days first', () => {
    const error = captureDomainError(() => checkSchedule(REHABILITATIVE_WORK, 5, 10, L));
    expect(error.reason).toBe('DAYS_PER_WEEK_OUT_OF_RANGE');
    expect((error.extensions.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(['input.daysPerWeek', 'input.hoursPerDay']);
  });

  it('follows configured limits', () => {
    const limits: LegalLimits = {
      ...defaultLegalLimits,
      schedule: { [REHABILITATIVE_WORK]: { daysPerWeek: { min: 1, max: 5 }, hoursPerDay: { min: 3, max: 8 } } },
    };
    expect(() => checkSchedule(REHABILITATIVE_WORK, 5, 3, limits)).not.toThrow();
    // Work trial has no entry in this configuration, so only the storage limits apply.
    expect(() => checkSchedule(WORK_TRIAL, 5, 2, limits)).not.toThrow();
    expect(captureDomainError(() => checkSchedule(WORK_TRIAL, 6, 2, limits)).reason).toBe('DAYS_PER_WEEK_OUT_OF_RANGE');
  });

  it('names the paths it is given', () => {
    const error = captureDomainError(() =>
      checkSchedule(WORK_TRIAL, 6, 9, L, { daysPerWeek: 'input.agreement.days', hoursPerDay: 'input.agreement.hours' }),
    );
    expect((error.extensions.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(['input.agreement.days', 'input.agreement.hours']);
  });
});

describe('fixed-term bases and the planned end', () => {
  it('are rehabilitative work and work trials', () => {
    expect(FIXED_TERM_BASES).toEqual([REHABILITATIVE_WORK, WORK_TRIAL]);
    expect([REHABILITATIVE_WORK, WORK_TRIAL, EMPLOYMENT, CAREER_COACHING].map(isFixedTerm)).toEqual([true, true, false, false]);
  });

  it.each([REHABILITATIVE_WORK, WORK_TRIAL])('refuses a %s period without a planned end, naming the path', (basis) => {
    for (const missing of [null, undefined, '']) {
      const error = captureDomainError(() => requirePlannedEnd(basis, missing));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.reason).toBe('PLANNED_END_REQUIRED');
      expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.plannedEndDate' })]);
    }
    expect(() => requirePlannedEnd(basis, '2025-06-30')).not.toThrow();
  });

  it.each([EMPLOYMENT, CAREER_COACHING])('lets a %s period stay open-ended', (basis) => {
    expect(() => requirePlannedEnd(basis, null)).not.toThrow();
  });
});

describe('latestEndWithin', () => {
  it.each([
    ['2025-01-01', 24, '2026-12-31'],
    ['2025-01-01', 6, '2025-06-30'],
    ['2024-02-29', 24, '2026-02-27'],
    ['2025-01-31', 1, '2025-02-27'],
    ['2023-01-09', 24, '2025-01-08'],
  ])('from %s for %d months is %s, exactly the maximum', (start, months, end) => {
    expect(latestEndWithin(start, months)).toBe(end);
    expect(monthsInPeriod(start, end)).toBeLessThanOrEqual(months);
    expect(monthsInPeriod(start, addDays(end, 1))).toBeGreaterThan(months);
  });

  it('allows part of a month for a fractional maximum', () => {
    const end = latestEndWithin('2025-01-01', 6.5);
    expect(monthsInPeriod('2025-01-01', end)).toBeLessThanOrEqual(6.5);
    expect(monthsInPeriod('2025-01-01', addDays(end, 1))).toBeGreaterThan(6.5);
  });
});

describe('lastLegalDay and coveredUntil', () => {
  const period = (participationBasis: ParticipationBasis, plannedEndDate: string | null, endDate: string | null = null) => ({
    participationBasis,
    startDate: '2023-01-09',
    plannedEndDate,
    endDate,
  });

  it('caps fixed-term bases at their legal maximum from the start', () => {
    expect(lastLegalDay(REHABILITATIVE_WORK, '2023-01-09', L)).toBe('2025-01-08');
    expect(lastLegalDay(WORK_TRIAL, '2023-01-09', L)).toBe('2023-07-08');
    expect(lastLegalDay(CAREER_COACHING, '2023-01-09', L)).toBeNull();
  });

  it('covers a period to its end, else its planned end, never past the legal maximum', () => {
    expect(coveredUntil(period(REHABILITATIVE_WORK, null), L)).toBe('2025-01-08');
    expect(coveredUntil(period(REHABILITATIVE_WORK, '2024-06-30'), L)).toBe('2024-06-30');
    expect(coveredUntil(period(REHABILITATIVE_WORK, '2026-01-31'), L)).toBe('2025-01-08');
    expect(coveredUntil(period(WORK_TRIAL, null, '2023-03-31'), L)).toBe('2023-03-31');
    expect(coveredUntil(period(EMPLOYMENT, null), L)).toBeNull();
    expect(coveredUntil(period(CAREER_COACHING, '2023-12-31'), L)).toBe('2023-12-31');
  });
});

describe('checkRehabilitativeActualEnd', () => {
  it('allows ending early, even before the 3-month minimum, and exactly at 24 months', () => {
    expect(() => checkRehabilitativeActualEnd('2025-01-01', '2025-01-20', L)).not.toThrow();
    expect(() => checkRehabilitativeActualEnd('2025-01-01', '2026-12-31', L)).not.toThrow();
  });

  it('refuses an end beyond 24 months, giving the latest legal end', () => {
    // The case: started in January 2023, ended in November 2026.
    const error = captureDomainError(() => checkRehabilitativeActualEnd('2023-01-09', '2026-11-18', L));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.endDate' })]);
    expect(error.extensions.details).toEqual({ months: 46.33, maxMonths: 24, latestEndDate: '2025-01-08' });
  });

  it('follows the configured maximum', () => {
    const limits: LegalLimits = { ...L, rehabilitativePeriodMonths: { min: 3, max: 12 } };
    expect(captureDomainError(() => checkRehabilitativeActualEnd('2025-01-01', '2026-01-01', limits)).extensions.details).toMatchObject({
      maxMonths: 12,
      latestEndDate: '2025-12-31',
    });
  });
});

describe('checkRehabilitativePeriodLength', () => {
  it.each([
    ['2025-01-01', '2025-03-31'], // exactly 3 months
    ['2025-01-15', '2026-01-14'],
    ['2025-01-01', '2026-12-31'], // exactly 24 months
  ])('accepts %s – %s', (start, end) => {
    expect(() => checkRehabilitativePeriodLength(start, end, L)).not.toThrow();
  });

  it.each([
    ['2025-01-01', '2025-03-30', 2.97],
    ['2025-01-01', '2027-01-01', 24.03],
  ])('refuses %s – %s (%d months)', (start, end, months) => {
    const error = captureDomainError(() => checkRehabilitativePeriodLength(start, end, L));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.plannedEndDate' })]);
    expect(error.extensions.details).toEqual({ months, minMonths: 3, maxMonths: 24 });
  });

  it('refuses an end before the start and malformed dates', () => {
    expect(captureDomainError(() => checkRehabilitativePeriodLength('2025-05-01', '2025-04-30', L)).reason).toBe('END_BEFORE_START');
    const bad = captureDomainError(() => checkRehabilitativePeriodLength('2025-02-30', '2025-08-01', L));
    expect(bad.reason).toBe('INVALID_DATE');
    expect(bad.extensions.fields).toEqual([expect.objectContaining({ path: 'input.startDate' })]);
  });
});

describe('usedWorkTrialMonths', () => {
  it('merges overlapping and adjacent trials', () => {
    expect(
      usedWorkTrialMonths([
        { start: '2025-04-01', end: '2025-06-30' },
        { start: '2025-01-01', end: '2025-03-31' },
      ]),
    ).toBe(6);
    expect(
      usedWorkTrialMonths([
        { start: '2025-01-01', end: '2025-03-31' },
        { start: '2025-02-01', end: '2025-02-28' },
      ]),
    ).toBe(3);
    expect(usedWorkTrialMonths([])).toBe(0);
  });

  it('sums separate trials', () => {
    expect(
      usedWorkTrialMonths([
        { start: '2024-01-01', end: '2024-02-29' },
        { start: '2025-03-01', end: '2025-03-31' },
      ]),
    ).toBe(3);
  });
});

describe('checkWorkTrialLimits', () => {
  const trial = (organiserKey: string, start: string, end: string): WorkTrialPeriod => ({ organiserKey, start, end });

  it('allows 1 Jan – 30 Jun with one organiser (exactly 6 months)', () => {
    expect(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-06-30'), [], L)).not.toThrow();
  });

  it('refuses 1 Jan – 1 Jul with one organiser', () => {
    const error = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-07-01'), [], L));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('WORK_TRIAL_ORGANISER_LIMIT');
    expect(error.extensions.details).toEqual({
      usedMonths: 0,
      requestedMonths: 6.03,
      totalMonths: 6.03,
      limitMonths: 6,
      remainingMonths: 6,
    });
  });

  it('counts earlier trials with the same organiser', () => {
    const existing = [trial('A', '2024-01-01', '2024-03-31'), trial('B', '2024-04-01', '2024-09-30')];
    expect(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-03-31'), existing, L)).not.toThrow();
    const error = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-04-01'), existing, L));
    expect(error.reason).toBe('WORK_TRIAL_ORGANISER_LIMIT');
    expect(error.extensions.details).toMatchObject({ usedMonths: 3, limitMonths: 6, remainingMonths: 3 });
  });

  it('refuses going over 12 months in total across organisers', () => {
    const existing = [trial('A', '2023-01-01', '2023-06-30'), trial('B', '2024-01-01', '2024-04-30')];
    expect(() => checkWorkTrialLimits(trial('C', '2025-01-01', '2025-02-28'), existing, L)).not.toThrow();
    const error = captureDomainError(() => checkWorkTrialLimits(trial('C', '2025-01-01', '2025-03-01'), existing, L));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('WORK_TRIAL_TOTAL_LIMIT');
    expect(error.extensions.details).toMatchObject({ usedMonths: 10, limitMonths: 12, remainingMonths: 2 });
  });

  it('reports the organiser limit before the total limit', () => {
    const existing = [trial('A', '2023-01-01', '2023-06-30'), trial('B', '2024-01-01', '2024-06-30')];
    const error = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-01-31'), existing, L));
    expect(error.reason).toBe('WORK_TRIAL_ORGANISER_LIMIT');
  });

  it('does not count an overlapping day twice', () => {
    const existing = [trial('A', '2025-01-01', '2025-03-31')];
    expect(() => checkWorkTrialLimits(trial('A', '2025-03-01', '2025-06-30'), existing, L)).not.toThrow();
  });

  it('uses configured limits', () => {
    const limits: LegalLimits = { ...defaultLegalLimits, workTrial: { maxMonthsPerOrganiser: 3, maxMonthsTotal: 4 } };
    expect(captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-04-30'), [], limits)).reason).toBe(
      'WORK_TRIAL_ORGANISER_LIMIT',
    );
  });

  it('validates the candidate dates', () => {
    const reversed = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-02-01', '2025-01-31'), [], L));
    expect(reversed.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(reversed.extensions.fields).toEqual([expect.objectContaining({ path: 'input.endDate' })]);
  });
});
