import { ErrorCode } from '../../platform/errors';
import { ParticipationBasis } from '../coaching-period/period-phase';
import { captureDomainError } from '../shared/testing';
import {
  AbsenceReason,
  AttendanceStatus,
  checkAttendanceEntry,
  computeExpenseAllowance,
  DEFAULT_EXPENSE_ALLOWANCE_BASES,
  DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY,
  defaultAttendanceLimits,
  ExpenseAllowanceRules,
  periodExpenseAllowance,
  rulesOfOrganisation,
} from './expense-allowance';

const { PRESENT, ABSENT } = AttendanceStatus;
const RATE = DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY;

describe('computeExpenseAllowance', () => {
  it('pays 9 € per present day by default', () => {
    const days = [
      { date: '2025-03-03', status: PRESENT },
      { date: '2025-03-04', status: ABSENT },
      { date: '2025-03-05', status: PRESENT },
      { date: '2025-03-06', status: PRESENT },
    ];
    expect(computeExpenseAllowance(days, RATE)).toEqual({ eligibleDays: 3, amountCents: 2700 });
  });

  it('counts duplicate entries of one date once', () => {
    const days = [
      { date: '2025-03-03', status: PRESENT },
      { date: '2025-03-03', status: PRESENT },
      { date: '2025-03-04', status: PRESENT },
    ];
    expect(computeExpenseAllowance(days, RATE)).toEqual({ eligibleDays: 2, amountCents: 1800 });
  });

  it('pays a date once when any entry for it is present', () => {
    const days = [
      { date: '2025-03-03', status: ABSENT },
      { date: '2025-03-03', status: PRESENT },
    ];
    expect(computeExpenseAllowance(days, RATE).eligibleDays).toBe(1);
  });

  it('uses a configured rate and handles no days', () => {
    expect(computeExpenseAllowance([{ date: '2025-03-03', status: PRESENT }], 1050)).toEqual({
      eligibleDays: 1,
      amountCents: 1050,
    });
    expect(computeExpenseAllowance([], RATE)).toEqual({ eligibleDays: 0, amountCents: 0 });
  });

  it('refuses a bad rate or date', () => {
    expect(() => computeExpenseAllowance([], 9.5)).toThrow(RangeError);
    expect(() => computeExpenseAllowance([], -1)).toThrow(RangeError);
    const error = captureDomainError(() =>
      computeExpenseAllowance(
        [
          { date: '2025-03-03', status: PRESENT },
          { date: '2025-02-30', status: PRESENT },
        ],
        RATE,
      ),
    );
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.days[1].date' })]);
  });
});

describe('periodExpenseAllowance', () => {
  const week = [
    { date: '2025-03-03', status: PRESENT },
    { date: '2025-03-04', status: PRESENT },
    { date: '2025-03-05', status: ABSENT },
  ];
  const rules: ExpenseAllowanceRules = { ratePerDayCents: RATE, bases: new Set(DEFAULT_EXPENSE_ALLOWANCE_BASES) };

  it('earns the allowance on rehabilitative work, work trials and career coaching by default', () => {
    expect(DEFAULT_EXPENSE_ALLOWANCE_BASES).toEqual([
      ParticipationBasis.REHABILITATIVE_WORK,
      ParticipationBasis.WORK_TRIAL,
      ParticipationBasis.CAREER_COACHING,
    ]);
    for (const basis of DEFAULT_EXPENSE_ALLOWANCE_BASES) {
      expect(periodExpenseAllowance(basis, week, rules)).toEqual({
        eligibleDays: 2,
        amountCents: 1800,
        ratePerDayCents: 900,
        basisEarnsAllowance: true,
      });
    }
  });

  it('pays nothing for employment (wages instead) and says so', () => {
    expect(periodExpenseAllowance(ParticipationBasis.EMPLOYMENT, week, rules)).toEqual({
      eligibleDays: 0,
      amountCents: 0,
      ratePerDayCents: 900,
      basisEarnsAllowance: false,
    });
  });

  it('follows the configured bases and rate', () => {
    const only: ExpenseAllowanceRules = { ratePerDayCents: 1050, bases: new Set([ParticipationBasis.REHABILITATIVE_WORK]) };
    expect(periodExpenseAllowance(ParticipationBasis.REHABILITATIVE_WORK, week, only)).toMatchObject({
      amountCents: 2100,
      basisEarnsAllowance: true,
    });
    expect(periodExpenseAllowance(ParticipationBasis.CAREER_COACHING, week, only)).toMatchObject({
      eligibleDays: 0,
      amountCents: 0,
      basisEarnsAllowance: false,
    });
  });
});

describe('checkAttendanceEntry', () => {
  it.each([0.5, 4, 8])('accepts a present day with %d hours', (hours) => {
    expect(() => checkAttendanceEntry({ status: PRESENT, hours }, defaultAttendanceLimits)).not.toThrow();
  });

  it.each([0, -1, 8.25, Number.NaN, null, undefined])('refuses a present day with %p hours', (hours) => {
    const error = captureDomainError(() => checkAttendanceEntry({ status: PRESENT, hours }, defaultAttendanceLimits));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('INVALID_ATTENDANCE_HOURS');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.hours' })]);
  });

  it('refuses an absence reason on a present day', () => {
    const error = captureDomainError(() =>
      checkAttendanceEntry({ status: PRESENT, hours: 6, absenceReason: AbsenceReason.ILLNESS }, defaultAttendanceLimits),
    );
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.absenceReason' })]);
  });

  it('follows configured limits', () => {
    expect(defaultAttendanceLimits.maxHoursPerDay).toBe(8);
    expect(() => checkAttendanceEntry({ status: PRESENT, hours: 7 }, { maxHoursPerDay: 6 })).toThrow();
    expect(() => checkAttendanceEntry({ status: PRESENT, hours: 10 }, { maxHoursPerDay: 10 })).not.toThrow();
  });

  it.each(Object.values(AbsenceReason))('accepts an absent day with reason %s', (absenceReason) => {
    expect(() => checkAttendanceEntry({ status: ABSENT, absenceReason }, defaultAttendanceLimits)).not.toThrow();
    expect(() => checkAttendanceEntry({ status: ABSENT, absenceReason, hours: 0 }, defaultAttendanceLimits)).not.toThrow();
  });

  it.each([undefined, null, 'HOLIDAY' as AbsenceReason])('requires an absence reason (%p)', (absenceReason) => {
    const error = captureDomainError(() => checkAttendanceEntry({ status: ABSENT, absenceReason }, defaultAttendanceLimits));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('ABSENCE_REASON_REQUIRED');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.absenceReason' })]);
  });

  it('refuses hours on an absent day', () => {
    const error = captureDomainError(() =>
      checkAttendanceEntry({ status: ABSENT, absenceReason: AbsenceReason.ILLNESS, hours: 3 }, defaultAttendanceLimits),
    );
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.hours' })]);
  });
});

describe('rulesOfOrganisation', () => {
  const rules: ExpenseAllowanceRules = { ratePerDayCents: 900, bases: new Set(DEFAULT_EXPENSE_ALLOWANCE_BASES) };
  it('takes the organisation’s own rate where it has one, the deployment’s otherwise', () => {
    expect(rulesOfOrganisation(rules, 1200)).toEqual({ ratePerDayCents: 1200, bases: rules.bases });
    expect(rulesOfOrganisation(rules, 0).ratePerDayCents).toBe(0);
    expect(rulesOfOrganisation(rules, null)).toBe(rules);
    expect(rulesOfOrganisation(rules, undefined)).toBe(rules);
  });
});
