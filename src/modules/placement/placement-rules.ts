import { badInput, conflict, FieldProblem } from '../../platform/errors';
import { isActivePhase, ParticipationBasis, PeriodPhase } from '../coaching-period/period-phase';
import { assertIsoDate, compareDates, DateRange, IsoDate, isWithinRange, rangesOverlap } from '../shared/calendar';
import { CommonReason } from '../shared/reasons';
import { PlacementReason } from './placement.reasons';

/** Where a trainee is placed during continued coaching (jatkovalmennus). */
export enum PlacementKind {
  /** Työkokeilu in another municipal unit or company. */
  WORK_TRIAL = 'WORK_TRIAL',
  /** Työpaikkavalmennus, e.g. in a partner company. */
  ON_THE_JOB_COACHING = 'ON_THE_JOB_COACHING',
  /** Esivalmennus. */
  PRE_COACHING = 'PRE_COACHING',
  EMPLOYMENT = 'EMPLOYMENT',
}

export interface ExistingPlacement extends DateRange {
  id: string;
}

/** `end = null` is an open-ended placement. End dates are inclusive. */
export function assertPlacementDates(start: IsoDate, end: IsoDate | null): void {
  assertIsoDate(start, 'input.startDate');
  if (end === null) return;
  assertIsoDate(end, 'input.endDate');
  if (compareDates(end, start) < 0) {
    throw badInput('input.endDate', 'The end date must not be before the start date', CommonReason.END_BEFORE_START);
  }
}

/** The first existing placement (in the given order) sharing at least one day with the candidate. */
export function findOverlap<P extends ExistingPlacement>(candidate: DateRange, existing: readonly P[]): P | undefined {
  return existing.find((placement) => rangesOverlap(candidate, placement));
}

/**
 * A trainee is in one placement at a time. The caller leaves out the placement being edited and
 * any cancelled ones.
 */
export function assertNoOverlap(candidate: DateRange, existing: readonly ExistingPlacement[]): void {
  assertPlacementDates(candidate.start, candidate.end);
  const overlapping = findOverlap(candidate, existing);
  if (overlapping) {
    throw conflict(PlacementReason.PLACEMENT_OVERLAP, 'The trainee already has a placement during these dates', {
      details: { overlappingPlacementId: overlapping.id },
    });
  }
}

/** The facts about a coaching period that decide whether its placements may still change. */
export interface PlacementPeriod {
  phase: PeriodPhase;
  /** Set when the period is ended; an ended period's placements are part of the record. */
  endDate: IsoDate | null;
}

/**
 * Placements are created, changed and ended only while their period runs. Once the period has
 * ended (ENDED or FOLLOW_UP, or an end date is stored) its placements were closed with it and are
 * part of the record, the same as closed check points.
 */
export function assertPeriodOpenForPlacements(period: PlacementPeriod): void {
  if (!isActivePhase(period.phase) || period.endDate !== null) {
    throw conflict(CommonReason.PERIOD_NOT_ACTIVE, `The period is ${period.phase}`, { details: { phase: period.phase } });
  }
}

/** Which of the placement's dates the caller gave in this request (the others are stored values). */
export interface GivenDates {
  start: boolean;
  end: boolean;
}

/**
 * A placement starts and ends within its period (`period.end` is the end date, else the planned
 * end, else open). When both dates are outside, the refusal names a date the caller gave before
 * one that was already stored (e.g. an update of the end date only, after the period's planned end
 * moved before the placement's start), and the start before the end.
 */
export function assertWithinPeriod(placement: DateRange, period: DateRange, given: GivenDates = { start: true, end: true }): void {
  const problems: Array<FieldProblem & { given: boolean }> = [];
  if (!isWithinRange(placement.start, period)) {
    problems.push({ path: 'input.startDate', message: 'The placement must start within its coaching period', given: given.start });
  }
  if (placement.end !== null && !isWithinRange(placement.end, period)) {
    problems.push({ path: 'input.endDate', message: 'The placement must end within its coaching period', given: given.end });
  }
  const atFault = problems.find((p) => p.given) ?? problems[0];
  if (atFault) throw badInput(atFault.path, atFault.message, PlacementReason.OUTSIDE_PERIOD);
}

/** The host of a placement as far as the law cares: a municipal unit, or a company and whether it is non-profit. */
export interface PlacementHost {
  partnerCompanyId: string | null;
  /** Associations and foundations (yhdistys, säätiö); undefined when the host is a unit. */
  companyIsNonProfit?: boolean;
}

/**
 * Rehabilitative work activity is organised by the municipality, or bought from a registered
 * association or foundation; it may not be organised by a business (Act 189/2001 §2: not in the
 * service of a private business). So a REHABILITATIVE_WORK period's placements are in municipal
 * units or non-profit partners only. `extending` is false for a change that only shortens an
 * existing placement (ending a placement stored before this rule), which stays possible.
 */
export function assertHostAllowed(basis: ParticipationBasis, host: PlacementHost, extending = true): void {
  if (basis !== ParticipationBasis.REHABILITATIVE_WORK || !host.partnerCompanyId || host.companyIsNonProfit || !extending) return;
  throw conflict(
    PlacementReason.REHABILITATIVE_WORK_IN_COMPANY,
    'Rehabilitative work activity may not be organised by a company; place the trainee in a municipal unit or a non-profit partner',
    {
      fields: [{ path: 'input.partnerCompanyId', message: 'a company may not organise rehabilitative work activity' }],
      details: { participationBasis: basis, partnerCompanyId: host.partnerCompanyId },
    },
  );
}

/** True when `next` covers a day `stored` did not (an earlier start, a later or removed end). */
export function extendsRange(stored: DateRange, next: DateRange): boolean {
  if (compareDates(next.start, stored.start) < 0) return true;
  if (stored.end === null) return false;
  return next.end === null || compareDates(next.end, stored.end) > 0;
}
