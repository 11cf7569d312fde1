import { badInput, conflict } from '../../platform/errors';
import { StateMachine } from '../../platform/state-machine';
import { compareDates, IsoDate, monthsInPeriod } from '../shared/calendar';
import { WageSubsidyReason } from './wage-subsidy.reasons';

export enum SubsidyApplicationState {
  /** Being prepared with the employer; nothing has left Polku. */
  DRAFT = 'DRAFT',
  /** Sent to the authority (through the outbox); waiting for the decision. */
  SUBMITTED = 'SUBMITTED',
  /** The authority's decision has arrived (granted, partly granted or denied). */
  DECIDED = 'DECIDED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum DecisionOutcome {
  GRANTED = 'GRANTED',
  /** Granted for a shorter period or a lower share than asked. */
  PARTLY_GRANTED = 'PARTLY_GRANTED',
  DENIED = 'DENIED',
}

export enum PositionState {
  OPEN = 'OPEN',
  FILLED = 'FILLED',
  CLOSED = 'CLOSED',
}

/** DECIDED comes only from the authority's decision, never from a user's request. */
export const applicationStateMachine = new StateMachine<SubsidyApplicationState>(WageSubsidyReason.ILLEGAL_APPLICATION_TRANSITION, {
  [SubsidyApplicationState.DRAFT]: [SubsidyApplicationState.SUBMITTED, SubsidyApplicationState.WITHDRAWN],
  [SubsidyApplicationState.SUBMITTED]: [SubsidyApplicationState.DECIDED, SubsidyApplicationState.WITHDRAWN],
  [SubsidyApplicationState.DECIDED]: [],
  [SubsidyApplicationState.WITHDRAWN]: [],
});

export interface SubsidyTypeLimits {
  code: string;
  maxMonths: number | null;
  minAge?: number | null;
}

/** Age in whole years on `day` of a person born on `birthDate`. */
export function ageOn(birthDate: IsoDate, day: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The requested period fits the type: not longer than its maximum, and the person old enough when it starts. */
export function assertRequestFitsType(type: SubsidyTypeLimits, start: IsoDate, end: IsoDate, birthDate: IsoDate | null, path: string): void {
  if (type.maxMonths !== null && monthsInPeriod(start, end) > type.maxMonths) {
    throw badInput(
      `${path}.requestedEnd`,
      `The ${type.code} subsidy is paid for at most ${type.maxMonths} months`,
      WageSubsidyReason.SUBSIDY_TOO_LONG,
    );
  }
  if (type.minAge && (birthDate === null || ageOn(birthDate, start) < type.minAge)) {
    throw badInput(
      `${path}.requestedTypeCode`,
      `The ${type.code} subsidy requires the person to be ${type.minAge} or older when the employment starts`,
      WageSubsidyReason.SUBSIDY_AGE_NOT_REACHED,
    );
  }
}

export interface DecidedWindow {
  outcome: DecisionOutcome;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  decidedOn: IsoDate;
}

/**
 * A subsidised employment starts no earlier than the decision and its decided start, and ends no
 * later than the decided end (an employment that goes on past it is a new decision's matter). An
 * open end is refused: the subsidy is always for a fixed period.
 */
export function assertEmploymentWithinDecision(decision: DecidedWindow, start: IsoDate, end: IsoDate | null, path: string): void {
  if (decision.outcome === DecisionOutcome.DENIED || !decision.startDate || !decision.endDate) {
    throw conflict(WageSubsidyReason.APPLICATION_NOT_GRANTED, 'The wage-subsidy application was not granted', {
      details: { outcome: decision.outcome },
    });
  }
  if (compareDates(start, decision.decidedOn) < 0) {
    throw badInput(
      `${path}.startDate`,
      `A subsidised employment cannot start before its decision of ${decision.decidedOn}`,
      WageSubsidyReason.EMPLOYMENT_BEFORE_DECISION,
    );
  }
  if (compareDates(start, decision.startDate) < 0 || compareDates(start, decision.endDate) > 0) {
    throw badInput(
      `${path}.startDate`,
      `The decided period is ${decision.startDate} – ${decision.endDate}`,
      WageSubsidyReason.EMPLOYMENT_OUTSIDE_DECISION,
    );
  }
  if (end === null || compareDates(end, decision.endDate) > 0) {
    throw badInput(
      `${path}.endDate`,
      `A subsidised employment ends by ${decision.endDate}, the end of the decided period`,
      WageSubsidyReason.EMPLOYMENT_OUTSIDE_DECISION,
    );
  }
}
