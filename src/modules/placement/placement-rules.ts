import { badInput, conflict } from '../../platform/errors';
import { assertIsoDate, compareDates, DateRange, IsoDate, rangesOverlap } from '../shared/calendar';

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
    throw badInput('input.endDate', 'The end date must not be before the start date', 'END_BEFORE_START');
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
    throw conflict('PLACEMENT_OVERLAP', 'The trainee already has a placement during these dates', {
      details: { overlappingPlacementId: overlapping.id },
    });
  }
}
