import { badInput } from '../../platform/errors';
import { addMonths, compareDates, IsoDate } from '../shared/calendar';
import { OutcomeReason } from './outcome.reasons';

/** Where the trainee went after the coaching period (jatkosijoittuminen). */
export enum OutcomeType {
  EMPLOYED_OPEN_MARKET = 'EMPLOYED_OPEN_MARKET',
  /** Palkkatuettu työ. */
  EMPLOYED_WAGE_SUBSIDY = 'EMPLOYED_WAGE_SUBSIDY',
  STUDYING = 'STUDYING',
  WORK_TRIAL = 'WORK_TRIAL',
  OTHER_SERVICE = 'OTHER_SERVICE',
  REHABILITATION = 'REHABILITATION',
  /** Eläkeselvitys: also counts as a solution that ends unemployment, but not as employment. */
  PENSION_ASSESSMENT = 'PENSION_ASSESSMENT',
  DROPPED_OUT = 'DROPPED_OUT',
  UNKNOWN = 'UNKNOWN',
}

/** Whose periods an aggregate counts. */
export enum StatisticsScope {
  /** The caller's organisation: its own register, every count shown. */
  ORGANISATION = 'ORGANISATION',
  /** Every organisation of the deployment together, with small counts suppressed (small-cell rule). */
  NATIONAL = 'NATIONAL',
}

/** The outcome types of the headline indicator (employed or studying). */
export const EMPLOYED_OR_STUDYING_TYPES: readonly OutcomeType[] = [
  OutcomeType.EMPLOYED_OPEN_MARKET,
  OutcomeType.EMPLOYED_WAGE_SUBSIDY,
  OutcomeType.STUDYING,
];

/** Outcomes are recorded at fixed points, not once, so later employment is not missed. */
export enum OutcomeCheckpoint {
  AT_END = 'AT_END',
  FOLLOW_UP_3_MONTHS = 'FOLLOW_UP_3_MONTHS',
  FOLLOW_UP_6_MONTHS = 'FOLLOW_UP_6_MONTHS',
}

const MONTHS_AFTER_END: Readonly<Record<OutcomeCheckpoint, number>> = {
  [OutcomeCheckpoint.AT_END]: 0,
  [OutcomeCheckpoint.FOLLOW_UP_3_MONTHS]: 3,
  [OutcomeCheckpoint.FOLLOW_UP_6_MONTHS]: 6,
};

/** Calendar months after the end date, clamped to month end (31 Aug + 3 months = 30 Nov). */
export function followUpDueDate(endDate: IsoDate, checkpoint: OutcomeCheckpoint): IsoDate {
  return addMonths(endDate, MONTHS_AFTER_END[checkpoint]);
}

/** The headline indicator (target 70%): employed, with or without wage subsidy, or studying. */
export function isEmployedOrStudying(type: OutcomeType): boolean {
  return EMPLOYED_OR_STUDYING_TYPES.includes(type);
}

/**
 * An outcome describes where the trainee went after (or at the end of) their period, so it cannot
 * be observed before the period started. AT_END may be observed a little before the end date (the
 * final meeting); follow-ups are held to their due dates separately.
 */
export function assertObservedAfterPeriodStart(observedOn: IsoDate, periodStart: IsoDate): void {
  if (compareDates(observedOn, periodStart) < 0) {
    throw badInput('input.observedOn', 'An outcome cannot be observed before its coaching period started', OutcomeReason.BEFORE_PERIOD_START);
  }
}
