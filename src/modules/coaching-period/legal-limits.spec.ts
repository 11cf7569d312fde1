import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import {
  checkRehabilitativePeriodLength,
  checkSchedule,
  checkWorkTrialLimits,
  defaultLegalLimits,
  LegalLimits,
  usedWorkTrialMonths,
  WorkTrialPeriod,
} from './legal-limits';
import { ParticipationBasis } from './period-phase';

const { REHABILITATIVE_WORK, WORK_TRIAL, EMPLOYMENT, CAREER_COACHING } = ParticipationBasis;

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
    expect(() => checkSchedule(basis, days, hours)).not.toThrow();
  });

  it.each([
    [REHABILITATIVE_WORK, 5, 6],
    [REHABILITATIVE_WORK, 0, 6],
    [WORK_TRIAL, 6, 6],
    [WORK_TRIAL, 2.5, 6],
    [EMPLOYMENT, 8, 6],
    [EMPLOYMENT, 0, 6],
  ])('refuses %s with %d days a week', (basis, days, hours) => {
    const error = captureDomainError(() => checkSchedule(basis, days, hours));
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
    [EMPLOYMENT, 5, Number.NaN],
  ])('refuses %s with %d hours a day', (basis, days, hours) => {
    const error = captureDomainError(() => checkSchedule(basis, days, hours));
    expect(error.reason).toBe('HOURS_PER_DAY_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.hoursPerDay' })]);
  });

  it('lists both fields when both fail, naming days first', () => {
    const error = captureDomainError(() => checkSchedule(REHABILITATIVE_WORK, 5, 10));
    expect(error.reason).toBe('DAYS_PER_WEEK_OUT_OF_RANGE');
    expect((error.extensions.fields as Array<{ path: string }>).map((f) => f.path)).toEqual([
      'input.daysPerWeek',
      'input.hoursPerDay',
    ]);
  });

  it('follows configured limits', () => {
    const limits: LegalLimits = {
      ...defaultLegalLimits,
      schedule: { [REHABILITATIVE_WORK]: { daysPerWeek: { min: 1, max: 5 }, hoursPerDay: { min: 3, max: 8 } } },
    };
    expect(() => checkSchedule(REHABILITATIVE_WORK, 5, 3, limits)).not.toThrow();
    // Work trial has no entry in this configuration, so only the sanity checks apply.
    expect(() => checkSchedule(WORK_TRIAL, 6, 2, limits)).not.toThrow();
  });
});

describe('checkRehabilitativePeriodLength', () => {
  it.each([
    ['2025-01-01', '2025-03-31'], // exactly 3 months
    ['2025-01-15', '2026-01-14'],
    ['2025-01-01', '2026-12-31'], // exactly 24 months
  ])('accepts %s – %s', (start, end) => {
    expect(() => checkRehabilitativePeriodLength(start, end)).not.toThrow();
  });

  it.each([
    ['2025-01-01', '2025-03-30', 2.97],
    ['2025-01-01', '2027-01-01', 24.03],
  ])('refuses %s – %s (%d months)', (start, end, months) => {
    const error = captureDomainError(() => checkRehabilitativePeriodLength(start, end));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.plannedEndDate' })]);
    expect(error.extensions.details).toEqual({ months, minMonths: 3, maxMonths: 24 });
  });

  it('refuses an end before the start and malformed dates', () => {
    expect(captureDomainError(() => checkRehabilitativePeriodLength('2025-05-01', '2025-04-30')).reason).toBe(
      'END_BEFORE_START',
    );
    const bad = captureDomainError(() => checkRehabilitativePeriodLength('2025-02-30', '2025-08-01'));
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
    expect(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-06-30'), [])).not.toThrow();
  });

  it('refuses 1 Jan – 1 Jul with one organiser', () => {
    const error = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-07-01'), []));
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
    expect(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-03-31'), existing)).not.toThrow();
    const error = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-04-01'), existing));
    expect(error.reason).toBe('WORK_TRIAL_ORGANISER_LIMIT');
    expect(error.extensions.details).toMatchObject({ usedMonths: 3, limitMonths: 6, remainingMonths: 3 });
  });

  it('refuses going over 12 months in total across organisers', () => {
    const existing = [trial('A', '2023-01-01', '2023-06-30'), trial('B', '2024-01-01', '2024-04-30')];
    expect(() => checkWorkTrialLimits(trial('C', '2025-01-01', '2025-02-28'), existing)).not.toThrow();
    const error = captureDomainError(() => checkWorkTrialLimits(trial('C', '2025-01-01', '2025-03-01'), existing));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('WORK_TRIAL_TOTAL_LIMIT');
    expect(error.extensions.details).toMatchObject({ usedMonths: 10, limitMonths: 12, remainingMonths: 2 });
  });

  it('reports the organiser limit before the total limit', () => {
    const existing = [trial('A', '2023-01-01', '2023-06-30'), trial('B', '2024-01-01', '2024-06-30')];
    const error = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-01-31'), existing));
    expect(error.reason).toBe('WORK_TRIAL_ORGANISER_LIMIT');
  });

  it('does not count an overlapping day twice', () => {
    const existing = [trial('A', '2025-01-01', '2025-03-31')];
    expect(() => checkWorkTrialLimits(trial('A', '2025-03-01', '2025-06-30'), existing)).not.toThrow();
  });

  it('uses configured limits', () => {
    const limits: LegalLimits = { ...defaultLegalLimits, workTrial: { maxMonthsPerOrganiser: 3, maxMonthsTotal: 4 } };
    expect(captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-01-01', '2025-04-30'), [], limits)).reason).toBe(
      'WORK_TRIAL_ORGANISER_LIMIT',
    );
  });

  it('validates the candidate dates', () => {
    const reversed = captureDomainError(() => checkWorkTrialLimits(trial('A', '2025-02-01', '2025-01-31'), []));
    expect(reversed.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(reversed.extensions.fields).toEqual([expect.objectContaining({ path: 'input.endDate' })]);
  });
});
