import { ErrorCode } from '../../platform/errors';
import { defaultLegalLimits } from '../coaching-period/legal-limits';
import { ParticipationBasis, PeriodPhase } from '../coaching-period/period-phase';
import { PlacementKind } from '../placement/placement-rules';
import { captureDomainError } from '../shared/testing';
import {
  agreementForDay,
  AgreementOnFile,
  checkAgreementTerms,
  checkFeedbackDate,
  checkSignature,
  findOverlappingAgreement,
  hasAnySignature,
  isFullySigned,
  PeriodWarningCode,
  periodWarnings,
  trialEndOf,
  unsignedParties,
  WarningAgreement,
  WarningPeriod,
  WorkTrialParty,
  workTrialScopeOn,
} from './work-trial-rules';

const L = defaultLegalLimits;
const { PARTICIPANT, AUTHORITY, ORGANISER } = WorkTrialParty;
const signedAll = (on: string) => ({ participantSignedOn: on, authoritySignedOn: on, organiserSignedOn: on });

describe('signatures', () => {
  it('are complete when all three parties have signed', () => {
    expect(unsignedParties({ participantSignedOn: null, authoritySignedOn: null, organiserSignedOn: null })).toEqual([
      PARTICIPANT,
      AUTHORITY,
      ORGANISER,
    ]);
    expect(unsignedParties({ participantSignedOn: '2026-01-02', authoritySignedOn: null, organiserSignedOn: '2026-01-03' })).toEqual([AUTHORITY]);
    expect(isFullySigned(signedAll('2026-01-02'))).toBe(true);
    expect(hasAnySignature({ participantSignedOn: null, authoritySignedOn: null, organiserSignedOn: null })).toBe(false);
    expect(hasAnySignature({ participantSignedOn: '2026-01-02', authoritySignedOn: null, organiserSignedOn: null })).toBe(true);
  });

  it('count on a day only when given on or before it', () => {
    const agreement = { participantSignedOn: '2026-01-02', authoritySignedOn: '2026-01-05', organiserSignedOn: '2026-01-05' };
    expect(unsignedParties(agreement, '2026-01-04')).toEqual([AUTHORITY, ORGANISER]);
    expect(unsignedParties(agreement, '2026-01-05')).toEqual([]);
  });
});

describe('checkSignature', () => {
  const today = '2026-11-18';

  it('names the signer of the authority and the organiser, not of the participant', () => {
    expect(
      checkSignature({ party: AUTHORITY, signerName: ' Heidi Saarinen ', caseManagerId: 'cm', signedOn: '2026-11-01' }, today, 'input.s'),
    ).toEqual({
      party: AUTHORITY,
      signerName: 'Heidi Saarinen',
      caseManagerId: 'cm',
      signedOn: '2026-11-01',
    });
    expect(checkSignature({ party: PARTICIPANT, signedOn: today }, today, 'input.s')).toEqual({
      party: PARTICIPANT,
      signerName: null,
      caseManagerId: null,
      signedOn: today,
    });
    for (const party of [AUTHORITY, ORGANISER]) {
      const error = captureDomainError(() => checkSignature({ party, signerName: '  ', signedOn: '2026-11-01' }, today, 'input.s'));
      expect(error.reason).toBe('SIGNER_NAME_REQUIRED');
      expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.s.signerName' })]);
    }
    expect(captureDomainError(() => checkSignature({ party: PARTICIPANT, signerName: 'X', signedOn: today }, today, 'input.s')).reason).toBe(
      'SIGNER_NAME_NOT_EXPECTED',
    );
    expect(
      captureDomainError(() => checkSignature({ party: ORGANISER, signerName: 'X', caseManagerId: 'cm', signedOn: today }, today, 'input.s')).reason,
    ).toBe('CASE_MANAGER_NOT_EXPECTED');
  });

  it('refuses a signature dated ahead and a malformed date', () => {
    const ahead = captureDomainError(() => checkSignature({ party: PARTICIPANT, signedOn: '2026-11-19' }, today, 'input.s'));
    expect(ahead).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'DATE_IN_FUTURE' });
    expect(ahead.extensions.fields).toEqual([expect.objectContaining({ path: 'input.s.signedOn' })]);
    expect(captureDomainError(() => checkSignature({ party: PARTICIPANT, signedOn: '2026-02-30' }, today, 'input.s')).reason).toBe('INVALID_DATE');
  });
});

describe('checkAgreementTerms', () => {
  const terms = { startDate: '2026-02-02', endDate: '2026-05-29', tasks: [' Pihatyöt ', '', 'Lajittelu'], daysPerWeek: 4, hoursPerDay: 6 };
  const period = { what: 'period' as const, start: '2026-02-02', end: '2026-07-31' };

  it('accepts terms within the period and the legal schedule, trimming the tasks', () => {
    expect(checkAgreementTerms(terms, period, L)).toEqual(['Pihatyöt', 'Lajittelu']);
    expect(checkAgreementTerms({ ...terms, endDate: '2027-01-01' }, { ...period, end: null }, L)).toHaveLength(2);
  });

  it.each([
    [{ startDate: '2026-02-01' }, 'OUTSIDE_PERIOD', 'input.startDate'],
    [{ endDate: '2026-08-01' }, 'OUTSIDE_PERIOD', 'input.endDate'],
    [{ endDate: '2026-02-01' }, 'END_BEFORE_START', 'input.endDate'],
    [{ tasks: [' '] }, 'TASKS_REQUIRED', 'input.tasks'],
    [{ daysPerWeek: 6 }, 'DAYS_PER_WEEK_OUT_OF_RANGE', 'input.daysPerWeek'],
    [{ hoursPerDay: 8.5 }, 'HOURS_PER_DAY_OUT_OF_RANGE', 'input.hoursPerDay'],
    [{ startDate: '2026-13-01' }, 'INVALID_DATE', 'input.startDate'],
  ])('refuses %p with %s at %s', (change, reason, path) => {
    const error = captureDomainError(() => checkAgreementTerms({ ...terms, ...change }, period, L));
    expect(error.reason).toBe(reason);
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path })]);
  });

  it('names the placement when the agreement is for one', () => {
    expect(captureDomainError(() => checkAgreementTerms(terms, { what: 'placement', start: '2026-03-01', end: '2026-03-31' }, L)).reason).toBe(
      'OUTSIDE_PLACEMENT',
    );
  });
});

describe('findOverlappingAgreement', () => {
  const others = [{ id: 'a', startDate: '2026-01-05', endDate: '2026-02-27' }];
  it('finds one sharing a day, not one after it', () => {
    expect(findOverlappingAgreement({ start: '2026-02-27', end: '2026-03-31' }, others)?.id).toBe('a');
    expect(findOverlappingAgreement({ start: '2026-02-28', end: '2026-03-31' }, others)).toBeUndefined();
  });
});

describe('workTrialScopeOn', () => {
  const placements = [
    { id: 'wt', kind: PlacementKind.WORK_TRIAL, startDate: '2026-03-02', endDate: '2026-04-30' },
    { id: 'otj', kind: PlacementKind.ON_THE_JOB_COACHING, startDate: '2026-05-04', endDate: null },
  ];

  it('is the work-trial placement covering the day, whatever the period’s basis', () => {
    expect(workTrialScopeOn(ParticipationBasis.CAREER_COACHING, placements, '2026-03-02')).toEqual({ placementId: 'wt' });
    expect(workTrialScopeOn(ParticipationBasis.WORK_TRIAL, placements, '2026-04-30')).toEqual({ placementId: 'wt' });
  });

  it('is the period itself on other days of a WORK_TRIAL period, and nothing for other bases', () => {
    expect(workTrialScopeOn(ParticipationBasis.WORK_TRIAL, placements, '2026-05-05')).toEqual({ placementId: null });
    expect(workTrialScopeOn(ParticipationBasis.CAREER_COACHING, placements, '2026-05-05')).toBeNull();
    expect(workTrialScopeOn(ParticipationBasis.REHABILITATIVE_WORK, [], '2026-05-05')).toBeNull();
  });
});

describe('agreementForDay', () => {
  const own: AgreementOnFile = {
    id: 'own',
    placementId: null,
    startDate: '2026-03-02',
    endDate: '2026-05-29',
    daysPerWeek: 5,
    hoursPerDay: 6,
    ...signedAll('2026-02-25'),
  };
  const placed: AgreementOnFile = { ...own, id: 'placed', placementId: 'p1', ...signedAll('2026-03-10') };

  it('returns the signed agreement of the same organiser covering the day', () => {
    expect(agreementForDay([own, placed], { placementId: null }, '2026-03-02').id).toBe('own');
    expect(agreementForDay([own, placed], { placementId: 'p1' }, '2026-03-10').id).toBe('placed');
  });

  it('refuses a day no agreement of that organiser covers', () => {
    for (const [scope, date] of [
      [{ placementId: null }, '2026-06-01'],
      [{ placementId: 'p2' }, '2026-03-10'],
    ] as const) {
      const error = captureDomainError(() => agreementForDay([own, placed], scope, date, { entryIndex: 3 }));
      expect(error).toMatchObject({ code: ErrorCode.CONFLICT, reason: 'WORK_TRIAL_AGREEMENT_MISSING' });
      expect(error.extensions.details).toEqual({ entryIndex: 3, date, placementId: scope.placementId });
    }
  });

  it('refuses a day before every party had signed, listing who had not', () => {
    const error = captureDomainError(() => agreementForDay([placed], { placementId: 'p1' }, '2026-03-09'));
    expect(error.reason).toBe('WORK_TRIAL_AGREEMENT_UNSIGNED');
    expect(error.extensions.details).toMatchObject({ agreementId: 'placed', unsignedParties: [PARTICIPANT, AUTHORITY, ORGANISER] });
    const partly = { ...own, organiserSignedOn: null };
    expect(captureDomainError(() => agreementForDay([partly], { placementId: null }, '2026-04-01')).extensions.details).toMatchObject({
      unsignedParties: [ORGANISER],
    });
  });
});

describe('the organiser’s feedback', () => {
  it('is due at the agreement’s end, or the period’s when it ended earlier', () => {
    expect(trialEndOf({ endDate: '2026-05-29' }, null)).toBe('2026-05-29');
    expect(trialEndOf({ endDate: '2026-05-29' }, '2026-04-17')).toBe('2026-04-17');
    expect(trialEndOf({ endDate: '2026-05-29' }, '2026-06-30')).toBe('2026-05-29');
  });

  it('is refused before the trial ends, dated before its end or ahead of today', () => {
    expect(captureDomainError(() => checkFeedbackDate('2026-05-01', '2026-05-29', '2026-05-10'))).toMatchObject({
      code: ErrorCode.CONFLICT,
      reason: 'WORK_TRIAL_NOT_ENDED',
    });
    expect(captureDomainError(() => checkFeedbackDate('2026-05-28', '2026-05-29', '2026-06-10'))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      reason: 'FEEDBACK_BEFORE_TRIAL_END',
    });
    expect(captureDomainError(() => checkFeedbackDate('2026-06-11', '2026-05-29', '2026-06-10')).reason).toBe('DATE_IN_FUTURE');
    expect(() => checkFeedbackDate('2026-05-29', '2026-05-29', '2026-05-29')).not.toThrow();
  });
});

describe('periodWarnings', () => {
  const today = '2026-11-18';
  const trial: WarningPeriod = {
    participationBasis: ParticipationBasis.WORK_TRIAL,
    phase: PeriodPhase.COACHING,
    startDate: '2026-09-07',
    plannedEndDate: '2027-02-26',
    endDate: null,
  };
  const agreement: WarningAgreement = { id: 'a1', placementId: null, endDate: '2027-02-26', hasFeedback: false, ...signedAll('2026-09-01') };
  const codes = (warnings: ReturnType<typeof periodWarnings>) => warnings.map((w) => [w.code, w.agreementId, w.placementId]);

  it('has nothing to say about a running, signed work trial or a career-coaching period', () => {
    expect(periodWarnings(trial, [], [agreement], today, L)).toEqual([]);
    expect(periodWarnings({ ...trial, participationBasis: ParticipationBasis.CAREER_COACHING, plannedEndDate: null }, [], [], today, L)).toEqual([]);
  });

  it('warns about a started work trial without a fully signed agreement, not one still to start', () => {
    expect(codes(periodWarnings(trial, [], [], today, L))).toEqual([[PeriodWarningCode.WORK_TRIAL_AGREEMENT_MISSING, null, null]]);
    expect(codes(periodWarnings(trial, [], [{ ...agreement, organiserSignedOn: null }], today, L))).toEqual([
      [PeriodWarningCode.WORK_TRIAL_AGREEMENT_MISSING, null, null],
    ]);
    expect(periodWarnings({ ...trial, startDate: '2026-11-23' }, [], [], today, L)).toEqual([]);
  });

  it('warns about a work-trial placement without its own agreement', () => {
    const placement = { id: 'p1', kind: PlacementKind.WORK_TRIAL, startDate: '2026-10-05', endDate: '2026-12-31' };
    expect(codes(periodWarnings({ ...trial, participationBasis: ParticipationBasis.CAREER_COACHING }, [placement], [], today, L))).toEqual([
      [PeriodWarningCode.WORK_TRIAL_AGREEMENT_MISSING, null, 'p1'],
    ]);
  });

  it('warns about missing feedback once the agreement’s end has passed or the period has ended', () => {
    const past = { ...agreement, endDate: '2026-11-17' };
    expect(codes(periodWarnings(trial, [], [past], today, L))).toEqual([[PeriodWarningCode.WORK_TRIAL_FEEDBACK_MISSING, 'a1', null]]);
    expect(periodWarnings(trial, [], [{ ...past, hasFeedback: true }], today, L)).toEqual([]);
    expect(periodWarnings(trial, [], [{ ...agreement, endDate: today }], today, L)).toEqual([]);
    const ended = { ...trial, phase: PeriodPhase.ENDED, endDate: '2026-11-13' };
    expect(codes(periodWarnings(ended, [], [agreement], today, L))).toEqual([[PeriodWarningCode.WORK_TRIAL_FEEDBACK_MISSING, 'a1', null]]);
    expect(codes(periodWarnings(ended, [], [], today, L))).toEqual([
      [PeriodWarningCode.WORK_TRIAL_AGREEMENT_MISSING, null, null],
      [PeriodWarningCode.WORK_TRIAL_FEEDBACK_MISSING, null, null],
    ]);
  });

  it('warns about fixed-term periods without a planned end and periods past the legal maximum', () => {
    const rehab: WarningPeriod = {
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
      phase: PeriodPhase.COACHING,
      startDate: '2023-01-09',
      plannedEndDate: null,
      endDate: null,
    };
    expect(codes(periodWarnings(rehab, [], [], today, L))).toEqual([
      [PeriodWarningCode.PLANNED_END_MISSING, null, null],
      [PeriodWarningCode.LEGAL_MAXIMUM_EXCEEDED, null, null],
    ]);
    expect(periodWarnings(rehab, [], [], today, L)[1].message).toMatch(/2025-01-08/);
    expect(periodWarnings({ ...rehab, startDate: '2025-01-01', plannedEndDate: '2026-12-31' }, [], [], today, L)).toEqual([]);
    // An ended legacy period is history: no planned end needed, but the excess still shows.
    expect(codes(periodWarnings({ ...rehab, phase: PeriodPhase.ENDED, endDate: '2026-01-31' }, [], [], today, L))).toEqual([
      [PeriodWarningCode.LEGAL_MAXIMUM_EXCEEDED, null, null],
    ]);
    expect(codes(periodWarnings({ ...trial, plannedEndDate: '2027-09-30' }, [], [agreement], today, L))).toEqual([
      [PeriodWarningCode.LEGAL_MAXIMUM_EXCEEDED, null, null],
    ]);
  });
});
