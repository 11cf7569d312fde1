import { badInput, conflict, DomainError, ErrorCode, FieldProblem } from '../../platform/errors';
import { addDays, addMonths, assertIsoDate, compareDates, IsoDate, monthsInPeriod } from '../shared/calendar';
import { CommonReason } from '../shared/reasons';
import { CoachingPeriodReason } from './coaching-period.reasons';
import { ParticipationBasis } from './period-phase';

/**
 * Limits from Finnish law. Kept as configuration because they change with legislation; the
 * defaults reflect the law at the time of writing (see DOMAIN.md). Ranges are inclusive.
 *
 * Months are measured with `monthsInPeriod` (shared/calendar.ts): whole calendar months from the
 * start day plus the covered share of the next month, so a trial 1 Jan–30 Jun is exactly 6
 * months and 1 Jan–1 Jul is over 6.
 */
export interface NumberRange {
  min: number;
  max: number;
}

export interface ScheduleLimits {
  daysPerWeek: NumberRange;
  hoursPerDay: NumberRange;
}

export interface LegalLimits {
  /** Bases without an entry (employment, career coaching) get only the sanity checks. */
  schedule: Partial<Record<ParticipationBasis, ScheduleLimits>>;
  /** Kuntouttava työtoiminta is arranged in periods of this length. */
  rehabilitativePeriodMonths: NumberRange;
  workTrial: {
    maxMonthsPerOrganiser: number;
    maxMonthsTotal: number;
  };
}

export const defaultLegalLimits: Readonly<LegalLimits> = Object.freeze({
  schedule: {
    /** Act 189/2001. */
    [ParticipationBasis.REHABILITATIVE_WORK]: { daysPerWeek: { min: 1, max: 4 }, hoursPerDay: { min: 4, max: 8 } },
    /** Työkokeilu. */
    [ParticipationBasis.WORK_TRIAL]: { daysPerWeek: { min: 1, max: 5 }, hoursPerDay: { min: 4, max: 8 } },
  },
  rehabilitativePeriodMonths: { min: 3, max: 24 },
  workTrial: { maxMonthsPerOrganiser: 6, maxMonthsTotal: 12 },
});

/**
 * What the coaching_period table can store (its CHECK constraints): 1–5 days a week and more than
 * 0, at most 8 hours a day. Bases without legal schedule limits get these as sanity limits, and
 * configured limits may not go beyond them (that would need a migration first).
 */
export const STORED_SCHEDULE_LIMITS: Readonly<ScheduleLimits> = Object.freeze({
  daysPerWeek: { min: 1, max: 5 },
  hoursPerDay: { min: 0, max: 8 },
});

/**
 * Bases that are fixed-term by law (kuntouttava työtoiminta in periods of 3–24 months, työkokeilu
 * at most 6 months per organiser): a period of these needs a planned end.
 */
export const FIXED_TERM_BASES: readonly ParticipationBasis[] = [ParticipationBasis.REHABILITATIVE_WORK, ParticipationBasis.WORK_TRIAL];

export function isFixedTerm(basis: ParticipationBasis): boolean {
  return FIXED_TERM_BASES.includes(basis);
}

/** Month sums are floating point; a period of exactly the limit must not fail on rounding. */
const EPSILON = 1e-9;

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Checks a weekly schedule. Every failing field is listed in `fields`; `reason` names the first,
 * days before hours.
 */
export function checkSchedule(
  basis: ParticipationBasis,
  daysPerWeek: number,
  hoursPerDay: number,
  limits: LegalLimits,
  paths: { daysPerWeek: string; hoursPerDay: string } = { daysPerWeek: 'input.daysPerWeek', hoursPerDay: 'input.hoursPerDay' },
): void {
  const basisLimits = limits.schedule[basis];
  const problems: Array<FieldProblem & { reason: string }> = [];
  const stored = STORED_SCHEDULE_LIMITS;

  const dayRange = basisLimits?.daysPerWeek ?? stored.daysPerWeek;
  const [minDays, maxDays] = [Math.max(stored.daysPerWeek.min, dayRange.min), Math.min(stored.daysPerWeek.max, dayRange.max)];
  if (!Number.isInteger(daysPerWeek) || daysPerWeek < minDays || daysPerWeek > maxDays) {
    problems.push({
      path: paths.daysPerWeek,
      message: `Days per week must be a whole number from ${minDays} to ${maxDays} for ${basis}`,
      reason: CoachingPeriodReason.DAYS_PER_WEEK_OUT_OF_RANGE,
    });
  }

  const hourRange = basisLimits?.hoursPerDay;
  const hoursValid =
    Number.isFinite(hoursPerDay) &&
    hoursPerDay > stored.hoursPerDay.min &&
    hoursPerDay <= stored.hoursPerDay.max &&
    (hourRange === undefined || (hoursPerDay >= hourRange.min && hoursPerDay <= hourRange.max));
  if (!hoursValid) {
    problems.push({
      path: paths.hoursPerDay,
      message: hourRange
        ? `Hours per day must be from ${hourRange.min} to ${Math.min(hourRange.max, stored.hoursPerDay.max)} for ${basis}`
        : `Hours per day must be more than ${stored.hoursPerDay.min} and at most ${stored.hoursPerDay.max}`,
      reason: CoachingPeriodReason.HOURS_PER_DAY_OUT_OF_RANGE,
    });
  }

  if (problems.length > 0) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, problems.map((p) => p.message).join('; '), {
      reason: problems[0].reason,
      fields: problems.map(({ path, message }) => ({ path, message })),
    });
  }
}

function assertPeriodDates(start: IsoDate, end: IsoDate, startPath: string, endPath: string): void {
  assertIsoDate(start, startPath);
  assertIsoDate(end, endPath);
  if (compareDates(end, start) < 0) {
    throw badInput(endPath, 'The end date must not be before the start date', CommonReason.END_BEFORE_START);
  }
}

/**
 * Rehabilitative work activity is decided in periods of 3–24 months; the planned end is what the
 * activation plan states.
 */
export function checkRehabilitativePeriodLength(start: IsoDate, plannedEnd: IsoDate, limits: LegalLimits, path = 'input.plannedEndDate'): void {
  assertPeriodDates(start, plannedEnd, 'input.startDate', path);
  const months = monthsInPeriod(start, plannedEnd);
  const { min, max } = limits.rehabilitativePeriodMonths;
  if (months < min - EPSILON || months > max + EPSILON) {
    const message = `A rehabilitative work period must last ${min}–${max} months; this one lasts ${round2(months)}`;
    throw new DomainError(ErrorCode.BAD_USER_INPUT, message, {
      reason: CoachingPeriodReason.REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE,
      fields: [{ path, message }],
      details: { months: round2(months), minMonths: min, maxMonths: max },
    });
  }
}

/**
 * A fixed-term period (see FIXED_TERM_BASES) cannot be opened or kept without a planned end: the
 * law limits its length, and without an end nothing can be checked.
 */
export function requirePlannedEnd(basis: ParticipationBasis, plannedEnd: IsoDate | null | undefined, path = 'input.plannedEndDate'): void {
  if (isFixedTerm(basis) && !plannedEnd) {
    throw badInput(path, `A ${basis} period is fixed-term by law and needs a planned end`, CoachingPeriodReason.PLANNED_END_REQUIRED);
  }
}

/**
 * The last day a period starting on `start` may last to and still be at most `maxMonths` long
 * (measured like `monthsInPeriod`): 1 Jan 2025 + 24 months → 31 Dec 2026.
 */
export function latestEndWithin(start: IsoDate, maxMonths: number): IsoDate {
  const whole = Math.floor(maxMonths + EPSILON);
  let end = addDays(addMonths(start, whole), -1);
  // A fractional maximum (e.g. 6.5 months) allows part of the next month.
  while (monthsInPeriod(start, addDays(end, 1)) <= maxMonths + EPSILON) end = addDays(end, 1);
  return end;
}

/**
 * The actual end of a rehabilitative work period: earlier than the 3-month minimum is allowed
 * (people drop out, move or find work), beyond the maximum is not. The refusal gives the latest
 * legal end, so a period left running too long is ended on the day the law's period ran out.
 */
export function checkRehabilitativeActualEnd(start: IsoDate, end: IsoDate, limits: LegalLimits, path = 'input.endDate'): void {
  assertPeriodDates(start, end, 'input.startDate', path);
  const months = monthsInPeriod(start, end);
  const { max } = limits.rehabilitativePeriodMonths;
  if (months > max + EPSILON) {
    const message = `A rehabilitative work period may last at most ${max} months; ending it on ${end} makes it ${round2(months)}`;
    throw new DomainError(ErrorCode.BAD_USER_INPUT, message, {
      reason: CoachingPeriodReason.REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE,
      fields: [{ path, message }],
      details: { months: round2(months), maxMonths: max, latestEndDate: latestEndWithin(start, max) },
    });
  }
}

/**
 * The last day the law allows a period of a fixed-term basis to run, counted from its start:
 * rehabilitative work its maximum period, a work trial its per-organiser maximum. Null for bases
 * without a length limit.
 */
export function lastLegalDay(basis: ParticipationBasis, start: IsoDate, limits: LegalLimits): IsoDate | null {
  if (basis === ParticipationBasis.REHABILITATIVE_WORK) return latestEndWithin(start, limits.rehabilitativePeriodMonths.max);
  if (basis === ParticipationBasis.WORK_TRIAL) return latestEndWithin(start, limits.workTrial.maxMonthsPerOrganiser);
  return null;
}

/**
 * The last day a period covers for attendance, placements and agreements: its end, else its
 * planned end, but never past its legal maximum, so a period stored open-ended before the planned
 * end was required (a legacy row) does not run on without limit. Null: open-ended.
 */
export function coveredUntil(
  period: { participationBasis: ParticipationBasis; startDate: IsoDate; plannedEndDate: IsoDate | null; endDate: IsoDate | null },
  limits: LegalLimits,
): IsoDate | null {
  if (period.endDate) return period.endDate;
  const legal = lastLegalDay(period.participationBasis, period.startDate, limits);
  if (!period.plannedEndDate) return legal;
  return legal && compareDates(legal, period.plannedEndDate) < 0 ? legal : period.plannedEndDate;
}

export interface WorkTrialPeriod {
  /** Identifies the organiser (e.g. business ID or unit id); trials with equal keys share the 6-month limit. */
  organiserKey: string;
  start: IsoDate;
  /** Inclusive; a trial ended early is passed with its actual end. */
  end: IsoDate;
}

/**
 * Months used by a set of trials. Overlapping or back-to-back trials are merged first, so a day
 * is never counted twice and two adjacent trials measure like one continuous trial.
 */
export function usedWorkTrialMonths(trials: ReadonlyArray<{ start: IsoDate; end: IsoDate }>): number {
  const sorted = [...trials].sort((a, b) => compareDates(a.start, b.start));
  const merged: Array<{ start: IsoDate; end: IsoDate }> = [];
  for (const trial of sorted) {
    const last = merged[merged.length - 1];
    if (last && compareDates(trial.start, addDays(last.end, 1)) <= 0) {
      if (compareDates(trial.end, last.end) > 0) last.end = trial.end;
    } else {
      merged.push({ start: trial.start, end: trial.end });
    }
  }
  return merged.reduce((sum, range) => sum + monthsInPeriod(range.start, range.end), 0);
}

/**
 * Checks a new or changed work trial against the 6-months-per-organiser and 12-months-in-total
 * limits. `existingWorkTrials` are the person's other trials (the caller leaves out the one being
 * changed, and decides how far back trials count).
 */
export function checkWorkTrialLimits(
  candidate: WorkTrialPeriod,
  existingWorkTrials: readonly WorkTrialPeriod[],
  limits: LegalLimits,
  endPath = 'input.endDate',
): void {
  assertPeriodDates(candidate.start, candidate.end, 'input.startDate', endPath);
  const requestedMonths = monthsInPeriod(candidate.start, candidate.end);

  const sameOrganiser = existingWorkTrials.filter((trial) => trial.organiserKey === candidate.organiserKey);
  const organiserLimit = limits.workTrial.maxMonthsPerOrganiser;
  const organiserTotal = usedWorkTrialMonths([...sameOrganiser, candidate]);
  if (organiserTotal > organiserLimit + EPSILON) {
    const usedMonths = usedWorkTrialMonths(sameOrganiser);
    throw conflict(
      CoachingPeriodReason.WORK_TRIAL_ORGANISER_LIMIT,
      `A work trial with the same organiser may last at most ${organiserLimit} months in total`,
      { details: details(usedMonths, requestedMonths, organiserTotal, organiserLimit) },
    );
  }

  const totalLimit = limits.workTrial.maxMonthsTotal;
  const total = usedWorkTrialMonths([...existingWorkTrials, candidate]);
  if (total > totalLimit + EPSILON) {
    const usedMonths = usedWorkTrialMonths(existingWorkTrials);
    throw conflict(CoachingPeriodReason.WORK_TRIAL_TOTAL_LIMIT, `Work trials may last at most ${totalLimit} months in total`, {
      details: details(usedMonths, requestedMonths, total, totalLimit),
    });
  }
}

function details(usedMonths: number, requestedMonths: number, totalMonths: number, limitMonths: number) {
  return {
    usedMonths: round2(usedMonths),
    requestedMonths: round2(requestedMonths),
    totalMonths: round2(totalMonths),
    limitMonths,
    remainingMonths: Math.max(0, Math.floor((limitMonths - usedMonths + EPSILON) * 100) / 100),
  };
}
