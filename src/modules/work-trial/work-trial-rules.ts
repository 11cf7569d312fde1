import { badInput, conflict, DomainError, ErrorCode, FieldProblem } from '../../platform/errors';
import { checkSchedule, isFixedTerm, latestEndWithin, LegalLimits } from '../coaching-period/legal-limits';
import { isActivePhase, ParticipationBasis, PeriodPhase } from '../coaching-period/period-phase';
import { PlacementKind } from '../placement/placement-rules';
import { assertIsoDate, compareDates, DateRange, IsoDate, isWithinRange, monthsInPeriod, rangesOverlap } from '../shared/calendar';
import { CommonReason } from '../shared/reasons';
import { WorkTrialReason } from './work-trial.reasons';

/**
 * Työkokeilu needs a written agreement between the participant, the authority and the organiser
 * before the trial starts, and the organiser gives written feedback when it ends. These are the
 * pure rules about both; WorkTrialService and AttendanceService apply them.
 */
export enum WorkTrialParty {
  /** The trainee. */
  PARTICIPANT = 'PARTICIPANT',
  /** The employment area (työllisyysalue), signed by its case manager or another official. */
  AUTHORITY = 'AUTHORITY',
  /** The organiser (järjestäjä): the coaching environment's municipality, a unit or a company. */
  ORGANISER = 'ORGANISER',
}

export enum WorkTrialOrganiserKind {
  /** The municipality running the coaching environment: the WORK_TRIAL period's own trial. */
  COACHING_ENVIRONMENT = 'COACHING_ENVIRONMENT',
  /** A municipal work unit hosting a WORK_TRIAL placement. */
  WORK_UNIT = 'WORK_UNIT',
  /** A partner company or association hosting a WORK_TRIAL placement. */
  PARTNER_COMPANY = 'PARTNER_COMPANY',
}

export enum PeriodWarningCode {
  /** A rehabilitative-work or work-trial period without a planned end (stored before it was required). */
  PLANNED_END_MISSING = 'PLANNED_END_MISSING',
  /** The period runs (or ran) longer than the law allows for its basis. */
  LEGAL_MAXIMUM_EXCEEDED = 'LEGAL_MAXIMUM_EXCEEDED',
  /** A work trial under way (or held) without a fully signed written agreement. */
  WORK_TRIAL_AGREEMENT_MISSING = 'WORK_TRIAL_AGREEMENT_MISSING',
  /** A work trial has ended and the organiser's written feedback is not recorded. */
  WORK_TRIAL_FEEDBACK_MISSING = 'WORK_TRIAL_FEEDBACK_MISSING',
}

export const ALL_PARTIES: readonly WorkTrialParty[] = [WorkTrialParty.PARTICIPANT, WorkTrialParty.AUTHORITY, WorkTrialParty.ORGANISER];

export interface AgreementSignatures {
  participantSignedOn: IsoDate | null;
  authoritySignedOn: IsoDate | null;
  organiserSignedOn: IsoDate | null;
}

export function signedOn(agreement: AgreementSignatures, party: WorkTrialParty): IsoDate | null {
  switch (party) {
    case WorkTrialParty.PARTICIPANT:
      return agreement.participantSignedOn;
    case WorkTrialParty.AUTHORITY:
      return agreement.authoritySignedOn;
    case WorkTrialParty.ORGANISER:
      return agreement.organiserSignedOn;
  }
}

/** Parties that have not signed, or (given `onDate`) signed only after that day. */
export function unsignedParties(agreement: AgreementSignatures, onDate?: IsoDate): WorkTrialParty[] {
  return ALL_PARTIES.filter((party) => {
    const on = signedOn(agreement, party);
    return on === null || (onDate !== undefined && compareDates(on, onDate) > 0);
  });
}

export function isFullySigned(agreement: AgreementSignatures): boolean {
  return unsignedParties(agreement).length === 0;
}

export function hasAnySignature(agreement: AgreementSignatures): boolean {
  return unsignedParties(agreement).length < ALL_PARTIES.length;
}

export interface SignatureInput {
  party: WorkTrialParty;
  signerName?: string | null;
  caseManagerId?: string | null;
  signedOn: IsoDate;
}

export interface CheckedSignature {
  party: WorkTrialParty;
  signerName: string | null;
  caseManagerId: string | null;
  signedOn: IsoDate;
}

/**
 * A signature says who signed and when: the authority and the organiser by a named person (the
 * authority's may name a case manager registered in Polku), the participant is the trainee. A
 * signature is recorded after it was given, never dated ahead.
 */
export function checkSignature(signature: SignatureInput, today: IsoDate, path: string): CheckedSignature {
  assertIsoDate(signature.signedOn, `${path}.signedOn`);
  if (compareDates(signature.signedOn, today) > 0) {
    throw badInput(`${path}.signedOn`, 'A signature is recorded once given, not dated ahead', CommonReason.DATE_IN_FUTURE);
  }
  const signerName = signature.signerName?.trim() || null;
  if (signature.party === WorkTrialParty.PARTICIPANT) {
    if (signerName)
      throw badInput(`${path}.signerName`, 'The participant is the trainee; no other signer is named', WorkTrialReason.SIGNER_NAME_NOT_EXPECTED);
  } else if (!signerName) {
    throw badInput(`${path}.signerName`, `The ${signature.party.toLowerCase()}'s signature names who signed`, WorkTrialReason.SIGNER_NAME_REQUIRED);
  }
  if (signature.caseManagerId && signature.party !== WorkTrialParty.AUTHORITY) {
    throw badInput(`${path}.caseManagerId`, 'Only the authority signs by a case manager', WorkTrialReason.CASE_MANAGER_NOT_EXPECTED);
  }
  return { party: signature.party, signerName, caseManagerId: signature.caseManagerId ?? null, signedOn: signature.signedOn };
}

export interface AgreementTermsInput {
  startDate: IsoDate;
  endDate: IsoDate;
  tasks: readonly string[];
  daysPerWeek: number;
  hoursPerDay: number;
}

/**
 * The terms of an agreement: dates inside what it covers (the WORK_TRIAL period, or the WORK_TRIAL
 * placement), at least one task, and a schedule within the legal work-trial limits. Returns the
 * tasks trimmed. `within.end` null is an open-ended period without a planned end.
 */
export function checkAgreementTerms(terms: AgreementTermsInput, within: DateRange & { what: 'period' | 'placement' }, limits: LegalLimits): string[] {
  assertIsoDate(terms.startDate, 'input.startDate');
  assertIsoDate(terms.endDate, 'input.endDate');
  if (compareDates(terms.endDate, terms.startDate) < 0)
    throw badInput('input.endDate', 'The end date must not be before the start date', CommonReason.END_BEFORE_START);
  const reason = within.what === 'period' ? WorkTrialReason.OUTSIDE_PERIOD : WorkTrialReason.OUTSIDE_PLACEMENT;
  if (!isWithinRange(terms.startDate, within)) throw badInput('input.startDate', `The agreement must start within its ${within.what}`, reason);
  if (!isWithinRange(terms.endDate, within)) throw badInput('input.endDate', `The agreement must end within its ${within.what}`, reason);
  const tasks = terms.tasks.map((task) => task.trim()).filter(Boolean);
  if (tasks.length === 0) throw badInput('input.tasks', 'The agreement lists the tasks of the trial', WorkTrialReason.TASKS_REQUIRED);
  checkSchedule(ParticipationBasis.WORK_TRIAL, terms.daysPerWeek, terms.hoursPerDay, limits);
  return tasks;
}

/** The first agreement (of the same period and placement) whose dates overlap the candidate's. */
export function findOverlappingAgreement<A extends { id: string; startDate: IsoDate; endDate: IsoDate }>(
  candidate: DateRange,
  others: readonly A[],
): A | undefined {
  return others.find((other) => rangesOverlap(candidate, { start: other.startDate, end: other.endDate }));
}

export interface TrialPlacement {
  id: string;
  kind: PlacementKind;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/**
 * Whether a day of a period is a work-trial day, and whose agreement governs it: a WORK_TRIAL
 * placement covering the day (its organiser is the unit or company), else the period itself when
 * its basis is WORK_TRIAL (the coaching environment organises it). Null: not a work-trial day.
 */
export function workTrialScopeOn(
  basis: ParticipationBasis,
  placements: readonly TrialPlacement[],
  date: IsoDate,
): { placementId: string | null } | null {
  const placement = placements.find((p) => p.kind === PlacementKind.WORK_TRIAL && isWithinRange(date, { start: p.startDate, end: p.endDate }));
  if (placement) return { placementId: placement.id };
  return basis === ParticipationBasis.WORK_TRIAL ? { placementId: null } : null;
}

export interface AgreementOnFile extends AgreementSignatures {
  id: string;
  placementId: string | null;
  startDate: IsoDate;
  endDate: IsoDate;
  daysPerWeek: number;
  hoursPerDay: number;
}

/**
 * The agreement that allows a present day of a work trial: one for the same organiser (the same
 * placement, or the period itself) covering the day, signed by all three parties on or before it.
 * Refuses with WORK_TRIAL_AGREEMENT_MISSING when none covers the day, WORK_TRIAL_AGREEMENT_UNSIGNED
 * when the covering one lacks a signature dated on or before it.
 */
export function agreementForDay<A extends AgreementOnFile>(
  agreements: readonly A[],
  scope: { placementId: string | null },
  date: IsoDate,
  details: Record<string, unknown> = {},
): A {
  const covering = agreements.filter((a) => a.placementId === scope.placementId && isWithinRange(date, { start: a.startDate, end: a.endDate }));
  const signed = covering.find((a) => unsignedParties(a, date).length === 0);
  if (signed) return signed;
  if (covering.length === 0) {
    throw conflict(
      WorkTrialReason.WORK_TRIAL_AGREEMENT_MISSING,
      `No written work-trial agreement covers ${date}; record and sign it before the first day of the trial`,
      {
        details: { ...details, date, placementId: scope.placementId },
      },
    );
  }
  const [agreement] = covering;
  throw conflict(
    WorkTrialReason.WORK_TRIAL_AGREEMENT_UNSIGNED,
    `The work-trial agreement covering ${date} is not signed by every party on or before that day`,
    {
      details: { ...details, date, agreementId: agreement.id, unsignedParties: unsignedParties(agreement, date) },
    },
  );
}

/** The day a trial ended: the agreement's end, or the period's end when it ended earlier. */
export function trialEndOf(agreement: { endDate: IsoDate }, periodEndDate: IsoDate | null): IsoDate {
  return periodEndDate && compareDates(periodEndDate, agreement.endDate) < 0 ? periodEndDate : agreement.endDate;
}

/**
 * The organiser's written feedback is given when the trial ends: on or after its last day (the
 * agreement's end, or the period's when it ended earlier), and not dated ahead of today.
 */
export function checkFeedbackDate(givenOn: IsoDate, trialEnd: IsoDate, today: IsoDate): void {
  assertIsoDate(givenOn, 'input.givenOn');
  if (compareDates(trialEnd, today) > 0) {
    throw conflict(WorkTrialReason.WORK_TRIAL_NOT_ENDED, `The organiser's feedback is recorded when the trial ends (${trialEnd})`, {
      details: { trialEndDate: trialEnd },
    });
  }
  const problems: FieldProblem[] = [];
  if (compareDates(givenOn, trialEnd) < 0)
    problems.push({ path: 'input.givenOn', message: `Feedback is given when the trial ends, on or after ${trialEnd}` });
  if (compareDates(givenOn, today) > 0) problems.push({ path: 'input.givenOn', message: 'Feedback cannot be dated ahead' });
  if (problems.length) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, problems[0].message, {
      reason: compareDates(givenOn, trialEnd) < 0 ? WorkTrialReason.FEEDBACK_BEFORE_TRIAL_END : CommonReason.DATE_IN_FUTURE,
      fields: problems.slice(0, 1),
      details: { trialEndDate: trialEnd },
    });
  }
}

export interface WarningPeriod {
  participationBasis: ParticipationBasis;
  phase: PeriodPhase;
  startDate: IsoDate;
  plannedEndDate: IsoDate | null;
  endDate: IsoDate | null;
}

export interface WarningAgreement extends AgreementSignatures {
  id: string;
  placementId: string | null;
  endDate: IsoDate;
  hasFeedback: boolean;
}

export interface PeriodWarningResult {
  code: PeriodWarningCode;
  message: string;
  agreementId: string | null;
  placementId: string | null;
}

/**
 * What needs attention about a period, from its row, its placements and its work-trial agreements
 * (two batched reads for any number of periods). Legacy rows that break the rules stay readable
 * and show here instead of failing.
 */
export function periodWarnings(
  period: WarningPeriod,
  placements: readonly TrialPlacement[],
  agreements: readonly WarningAgreement[],
  today: IsoDate,
  limits: LegalLimits,
): PeriodWarningResult[] {
  const warnings: PeriodWarningResult[] = [];
  const warn = (code: PeriodWarningCode, message: string, ids: { agreementId?: string | null; placementId?: string | null } = {}) =>
    warnings.push({ code, message, agreementId: ids.agreementId ?? null, placementId: ids.placementId ?? null });
  const basis = period.participationBasis;
  const started = compareDates(period.startDate, today) <= 0;
  const ended = period.endDate !== null || !isActivePhase(period.phase);

  if (isFixedTerm(basis) && !period.plannedEndDate && !ended) {
    warn(PeriodWarningCode.PLANNED_END_MISSING, `A ${basis} period is fixed-term by law; set its planned end`);
  }

  const maxMonths =
    basis === ParticipationBasis.REHABILITATIVE_WORK
      ? limits.rehabilitativePeriodMonths.max
      : basis === ParticipationBasis.WORK_TRIAL
        ? limits.workTrial.maxMonthsPerOrganiser
        : null;
  if (maxMonths !== null && started) {
    const last = period.endDate ?? [period.plannedEndDate ?? today, today].sort(compareDates)[1];
    if (monthsInPeriod(period.startDate, last) > maxMonths + 1e-9) {
      warn(
        PeriodWarningCode.LEGAL_MAXIMUM_EXCEEDED,
        `A ${basis} period may last at most ${maxMonths} months; its legal end was ${latestEndWithin(period.startDate, maxMonths)}`,
      );
    }
  }

  const trialPlacements = placements.filter((p) => p.kind === PlacementKind.WORK_TRIAL);
  const scopes: Array<{ placementId: string | null; start: IsoDate }> = [
    ...(basis === ParticipationBasis.WORK_TRIAL ? [{ placementId: null, start: period.startDate }] : []),
    ...trialPlacements.map((p) => ({ placementId: p.id, start: p.startDate })),
  ];
  for (const scope of scopes) {
    if (compareDates(scope.start, today) > 0) continue;
    const own = agreements.filter((a) => a.placementId === scope.placementId);
    if (!own.some(isFullySigned)) {
      warn(PeriodWarningCode.WORK_TRIAL_AGREEMENT_MISSING, 'The work trial has no fully signed written agreement', {
        placementId: scope.placementId,
      });
    }
    // An ended WORK_TRIAL period with no agreement at all has no feedback either.
    if (scope.placementId === null && ended && own.length === 0) {
      warn(PeriodWarningCode.WORK_TRIAL_FEEDBACK_MISSING, "The work trial has ended without the organiser's written feedback");
    }
  }
  for (const agreement of agreements) {
    if (!isFullySigned(agreement) || agreement.hasFeedback) continue;
    if (ended || compareDates(agreement.endDate, today) < 0) {
      warn(PeriodWarningCode.WORK_TRIAL_FEEDBACK_MISSING, "The work trial has ended without the organiser's written feedback", {
        agreementId: agreement.id,
        placementId: agreement.placementId,
      });
    }
  }
  return warnings;
}
