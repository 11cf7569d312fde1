import { badInput } from '../../platform/errors';
import { ParticipationBasis } from '../coaching-period/period-phase';
import { assertIsoDate, IsoDate } from '../shared/calendar';
import { AttendanceReason } from './attendance.reasons';

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
}

export enum AbsenceReason {
  ILLNESS = 'ILLNESS',
  /** Sick child (lapsen sairaus). */
  CHILD_ILLNESS = 'CHILD_ILLNESS',
  /** Agreed in advance (luvallinen poissaolo). */
  AUTHORISED = 'AUTHORISED',
  UNAUTHORISED = 'UNAUTHORISED',
  OTHER = 'OTHER',
}

/** Kulukorvaus: 9 € per attendance day at the time of writing; keep it in configuration. */
export const DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY = 900;

/**
 * Which participation bases earn the allowance (EXPENSE_ALLOWANCE_BASES overrides): rehabilitative
 * work activity, work trials and career coaching are employment-promoting services whose
 * participants get kulukorvaus for each day present. EMPLOYMENT never does: an employee is paid
 * wages, not an allowance.
 */
export const DEFAULT_EXPENSE_ALLOWANCE_BASES: readonly ParticipationBasis[] = [
  ParticipationBasis.REHABILITATIVE_WORK,
  ParticipationBasis.WORK_TRIAL,
  ParticipationBasis.CAREER_COACHING,
];

export interface ExpenseAllowanceRules {
  ratePerDayCents: number;
  /** Bases whose present days earn the allowance. */
  bases: ReadonlySet<ParticipationBasis>;
}

export interface AttendanceDay {
  date: IsoDate;
  status: AttendanceStatus;
}

export interface ExpenseAllowance {
  eligibleDays: number;
  amountCents: number;
}

export interface PeriodExpenseAllowance extends ExpenseAllowance {
  ratePerDayCents: number;
  /** False for a basis that earns no allowance (employment): then days and amount are 0. */
  basisEarnsAllowance: boolean;
}

/**
 * The rules of one organisation: its own daily rate (organisation.expense_allowance_cents_per_day)
 * where it has set one, else the deployment's (EXPENSE_ALLOWANCE_CENTS_PER_DAY); the earning bases
 * are the deployment's.
 */
export function rulesOfOrganisation(rules: ExpenseAllowanceRules, organisationRatePerDayCents: number | null | undefined): ExpenseAllowanceRules {
  return organisationRatePerDayCents === null || organisationRatePerDayCents === undefined
    ? rules
    : { ...rules, ratePerDayCents: organisationRatePerDayCents };
}

/**
 * One allowance per distinct attendance day: two entries for the same day (e.g. morning and
 * afternoon, or a correction) must not pay twice. Amounts are integer cents to avoid float money.
 */
export function computeExpenseAllowance(days: readonly AttendanceDay[], ratePerDayCents: number): ExpenseAllowance {
  if (!Number.isInteger(ratePerDayCents) || ratePerDayCents < 0) {
    throw new RangeError(`The daily rate must be a non-negative whole number of cents, got ${ratePerDayCents}`);
  }
  const presentDates = new Set<IsoDate>();
  days.forEach((day, index) => {
    assertIsoDate(day.date, `input.days[${index}].date`);
    if (day.status === AttendanceStatus.PRESENT) presentDates.add(day.date);
  });
  return { eligibleDays: presentDates.size, amountCents: presentDates.size * ratePerDayCents };
}

/**
 * The allowance of one period: its present days at the configured rate when its basis earns the
 * allowance, otherwise nothing (and says so).
 */
export function periodExpenseAllowance(
  basis: ParticipationBasis,
  days: readonly AttendanceDay[],
  rules: ExpenseAllowanceRules,
): PeriodExpenseAllowance {
  const earns = rules.bases.has(basis);
  const allowance = earns ? computeExpenseAllowance(days, rules.ratePerDayCents) : { eligibleDays: 0, amountCents: 0 };
  return { ...allowance, ratePerDayCents: rules.ratePerDayCents, basisEarnsAllowance: earns };
}

export interface AttendanceLimits {
  maxHoursPerDay: number;
}

/** 8 hours is the daily maximum for both rehabilitative work and work trials. */
export const defaultAttendanceLimits: Readonly<AttendanceLimits> = Object.freeze({ maxHoursPerDay: 8 });

export interface AttendanceEntry {
  status: AttendanceStatus;
  hours?: number | null;
  absenceReason?: AbsenceReason | null;
}

/**
 * Attendance is reported to the employment area and drives allowances, so an entry must be
 * unambiguous: present days have hours and no absence reason, absent days a reason and no hours.
 */
export function checkAttendanceEntry({ status, hours, absenceReason }: AttendanceEntry, limits: AttendanceLimits): void {
  if (status === AttendanceStatus.PRESENT) {
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > limits.maxHoursPerDay) {
      throw badInput(
        'input.hours',
        `A present day needs hours above 0 and at most ${limits.maxHoursPerDay}`,
        AttendanceReason.INVALID_ATTENDANCE_HOURS,
      );
    }
    if (absenceReason != null) {
      throw badInput('input.absenceReason', 'A present day cannot have an absence reason', AttendanceReason.UNEXPECTED_ABSENCE_REASON);
    }
    return;
  }
  if (absenceReason == null || !Object.values(AbsenceReason).includes(absenceReason)) {
    throw badInput('input.absenceReason', 'An absent day needs an absence reason', AttendanceReason.ABSENCE_REASON_REQUIRED);
  }
  if (hours != null && hours !== 0) {
    throw badInput('input.hours', 'An absent day cannot have attendance hours', AttendanceReason.UNEXPECTED_ATTENDANCE_HOURS);
  }
}
