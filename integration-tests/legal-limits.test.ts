/**
 * Finnish legal limits the model used to let through (issue 8, item 5), each tried through the API
 * as the real roles: the period's own coach opens, reschedules and ends periods and records
 * attendance and work-trial agreements; its career agent places the trainee. Every rule is fixed
 * for the whole class of writes with the same cause, not only the reproduction in the issue.
 */
import { startApp } from '../src/app/start';
import { ParticipationBasis, PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { legalConfigFrom } from '../src/modules/legal-config';
import { Placement } from '../src/modules/placement/placement.entity';
import { PlacementKind } from '../src/modules/placement/placement-rules';
import { WorkTrialAgreement, WorkTrialFeedback } from '../src/modules/work-trial/work-trial.entities';
import { WorkTrialOrganiserKind } from '../src/modules/work-trial/work-trial-rules';
import { Role } from '../src/platform/auth/actor';
import { ConfigError, loadConfig } from '../src/platform/config';
import { createLogger } from '../src/platform/logger';
import {
  AttendanceSummaryDocument,
  ChangePeriodPhaseDocument,
  CoachingPeriodByIdDocument,
  CreateDepartmentDocument,
  CreatePartnerCompanyDocument,
  CreatePlacementDocument,
  CreateWorkUnitDocument,
  EndPlacementDocument,
  OpenCoachingPeriodDocument,
  type OpenCoachingPeriodInput,
  PeriodAttendanceDocument,
  PeriodTrialWarningsDocument,
  PeriodWarningsDocument,
  RecordAttendanceDocument,
  RecordWorkTrialAgreementDocument,
  type RecordWorkTrialAgreementInput,
  RecordWorkTrialFeedbackDocument,
  ReferralSetupCaseManagerDocument,
  SignWorkTrialAgreementDocument,
  TraineePlacementsDocument,
  UpdatePeriodScheduleDocument,
  UpdatePlacementDocument,
  UpdateWorkTrialAgreementDocument,
  WorkTrialAgreementsDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { businessId, createAcceptedReferral, createEmploymentArea, createStaffMember, insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TEST_TODAY, TestServer } from './support/test-server';

let server: TestServer;
let areaId: string;
let caseManagerId: string;
let otherCaseManagerId: string;
let coachId: string;
let agentId: string;
let coach: GraphQLClient;
let agent: GraphQLClient;
let unitId: string;
let companyId: string;
let associationId: string;

/** An accepted referral of the given basis for a new trainee (or the given one), opened by the period's own coach. */
async function referralFor(basis: ParticipationBasis, traineeId?: string) {
  return createAcceptedReferral(server, areaId, { participationBasis: basis, traineeId });
}

function openInput(referralId: string, overrides: Partial<OpenCoachingPeriodInput> = {}): OpenCoachingPeriodInput {
  return { referralId, daysPerWeek: 5, hoursPerDay: 6, startDate: '2026-10-05', coachId, careerAgentId: agentId, ...overrides };
}

async function openPeriod(basis: ParticipationBasis, overrides: Partial<OpenCoachingPeriodInput> = {}, traineeId?: string) {
  const { referralId } = await referralFor(basis, traineeId);
  return (await coach.ok(OpenCoachingPeriodDocument, { input: openInput(referralId, overrides) })).openCoachingPeriod.coachingPeriod;
}

const present = (periodId: string, date: string, hours = 6) =>
  coach.request(RecordAttendanceDocument, { input: { date, entries: [{ periodId, status: 'PRESENT', hours }] } });
const phaseOf = async (id: string) => (await server.ok(CoachingPeriodByIdDocument, { id })).coachingPeriod;
const warningsOf = async (id: string) =>
  (await server.ok(PeriodWarningsDocument, { id })).coachingPeriod.warnings!.map((w) => ({
    code: w.code,
    agreementId: w.agreementId,
    placementId: w.placementId,
  }));

/** A fully signed agreement for the period's own work trial, every signature on `signedOn`. */
function agreementInput(
  periodId: string,
  startDate: string,
  endDate: string,
  signedOn: string,
  overrides: Partial<RecordWorkTrialAgreementInput> = {},
): RecordWorkTrialAgreementInput {
  return {
    periodId,
    organiserName: 'Porin kaupunki, Valmennusympäristö Polku',
    startDate,
    endDate,
    tasks: ['Varaston järjestely', 'Kierrätystavaran lajittelu'],
    daysPerWeek: 5,
    hoursPerDay: 6,
    signatures: [
      { party: 'PARTICIPANT', signedOn },
      { party: 'AUTHORITY', signerName: 'Heidi Saarinen', caseManagerId, signedOn },
      { party: 'ORGANISER', signerName: 'Riikka Laine', signedOn },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  // The dates below are written against the test servers' fixed day.
  expect(TEST_TODAY).toBe('2026-11-18');
  areaId = await createEmploymentArea(server);
  const otherAreaId = await createEmploymentArea(server);
  caseManagerId = (await server.ok(ReferralSetupCaseManagerDocument, { input: { employmentAreaId: areaId, name: 'Heidi Saarinen' } }))
    .createCaseManager.caseManager.id;
  otherCaseManagerId = (await server.ok(ReferralSetupCaseManagerDocument, { input: { employmentAreaId: otherAreaId, name: 'Marja Vuorinen' } }))
    .createCaseManager.caseManager.id;
  coachId = await createStaffMember(server, 'COACH', 100);
  agentId = await createStaffMember(server, 'CAREER_AGENT', 100);
  coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-user' });
  agent = await server.as({ role: Role.CAREER_AGENT, staffId: agentId, userId: 'agent-user' });
  const departmentId = (
    await server.ok(CreateDepartmentDocument, { input: { code: 'LAKI', name: { fi: 'Tekninen', sv: 'Teknisk', en: 'Technical' } } })
  ).createDepartment.department.id;
  unitId = (await server.ok(CreateWorkUnitDocument, { input: { departmentId, name: 'Kiinteistöhuolto' } })).createWorkUnit.workUnit.id;
  companyId = (await server.ok(CreatePartnerCompanyDocument, { input: { name: 'Porin Puu Oy', businessId: businessId(2345678) } }))
    .createPartnerCompany.partnerCompany.id;
  associationId = (
    await server.ok(CreatePartnerCompanyDocument, {
      input: { name: 'Porin Seudun Työttömät ry', businessId: businessId(3456789), isNonProfit: true },
    })
  ).createPartnerCompany.partnerCompany.id;
});

afterAll(async () => {
  await server?.stop();
});

describe('period length, on every write that sets a period’s dates', () => {
  it.each([ParticipationBasis.WORK_TRIAL, ParticipationBasis.REHABILITATIVE_WORK])(
    'opens a %s period only with a planned end, and never clears it',
    async (basis) => {
      const { referralId } = await referralFor(basis);
      const missing = await coach.request(OpenCoachingPeriodDocument, { input: openInput(referralId, { daysPerWeek: 4 }) });
      expect(errorOf(missing)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLANNED_END_REQUIRED' });
      expect(paths(errorOf(missing))).toEqual(['input.plannedEndDate']);

      const period = (await coach.ok(OpenCoachingPeriodDocument, { input: openInput(referralId, { daysPerWeek: 4, plannedEndDate: '2027-02-28' }) }))
        .openCoachingPeriod.coachingPeriod;
      const cleared = await coach.request(UpdatePeriodScheduleDocument, {
        input: { periodId: period.id, daysPerWeek: 4, hoursPerDay: 6, plannedEndDate: null },
      });
      expect(errorOf(cleared)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLANNED_END_REQUIRED' });
      expect(paths(errorOf(cleared))).toEqual(['input.plannedEndDate']);
      // Left out, it stays as it was.
      const kept = await coach.ok(UpdatePeriodScheduleDocument, { input: { periodId: period.id, daysPerWeek: 3, hoursPerDay: 6 } });
      expect(kept.updatePeriodSchedule.coachingPeriod).toMatchObject({ daysPerWeek: 3, plannedEndDate: '2027-02-28' });
    },
  );

  it('lets employment and career coaching stay open-ended', async () => {
    for (const basis of [ParticipationBasis.EMPLOYMENT, ParticipationBasis.CAREER_COACHING]) {
      expect((await openPeriod(basis)).plannedEndDate).toBeNull();
    }
  });

  it('makes a legacy open-ended rehabilitative period get a planned end at its next schedule change', async () => {
    const legacy = await insertCoachingPeriod(server, {
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
      startDate: '2026-06-01',
      coachId,
    });
    const unchanged = await coach.request(UpdatePeriodScheduleDocument, { input: { periodId: legacy.id, daysPerWeek: 3, hoursPerDay: 5 } });
    expect(errorOf(unchanged)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PLANNED_END_REQUIRED' });
    const tooLong = await coach.request(UpdatePeriodScheduleDocument, {
      input: { periodId: legacy.id, daysPerWeek: 3, hoursPerDay: 5, plannedEndDate: '2028-06-01' },
    });
    expect(errorOf(tooLong)).toMatchObject({ reason: 'REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE', details: { maxMonths: 24 } });
    const fixed = await coach.ok(UpdatePeriodScheduleDocument, {
      input: { periodId: legacy.id, daysPerWeek: 3, hoursPerDay: 5, plannedEndDate: '2027-05-31' },
    });
    expect(fixed.updatePeriodSchedule.coachingPeriod.plannedEndDate).toBe('2027-05-31');
  });

  it('refuses opening a 14-month work trial (the issue) and accepts exactly 6 months', async () => {
    const { referralId } = await referralFor(ParticipationBasis.WORK_TRIAL);
    const fourteen = await coach.request(OpenCoachingPeriodDocument, {
      input: openInput(referralId, { startDate: '2026-01-05', plannedEndDate: '2027-03-04' }),
    });
    expect(errorOf(fourteen)).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_TRIAL_ORGANISER_LIMIT',
      details: { usedMonths: 0, requestedMonths: 14, limitMonths: 6 },
    });
    const seven = await coach.request(OpenCoachingPeriodDocument, {
      input: openInput(referralId, { startDate: '2026-01-05', plannedEndDate: '2026-07-05' }),
    });
    expect(errorOf(seven)?.reason).toBe('WORK_TRIAL_ORGANISER_LIMIT');
    const six = await coach.ok(OpenCoachingPeriodDocument, {
      input: openInput(referralId, { startDate: '2026-01-05', plannedEndDate: '2026-07-04' }),
    });
    expect(six.openCoachingPeriod.coachingPeriod.plannedEndDate).toBe('2026-07-04');
  });

  it('counts the person’s other work trials, periods and placements alike, when opening and rescheduling', async () => {
    // An earlier work-trial period in the coaching environment, with the same coach (who therefore
    // sees the returning person in full and may open the next one): 4 of its 6 months are used.
    const trainee = await insertTrainee(server);
    await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      participationBasis: ParticipationBasis.WORK_TRIAL,
      phase: PeriodPhase.ENDED,
      coachId,
      startDate: '2025-01-01',
      plannedEndDate: '2025-04-30',
      endDate: '2025-04-30',
    });
    const { referralId } = await referralFor(ParticipationBasis.WORK_TRIAL, trainee.id);
    const three = await coach.request(OpenCoachingPeriodDocument, {
      input: openInput(referralId, { startDate: '2026-01-05', plannedEndDate: '2026-04-04' }),
    });
    expect(errorOf(three)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT', details: { usedMonths: 4, remainingMonths: 2 } });
    const two = (
      await coach.ok(OpenCoachingPeriodDocument, { input: openInput(referralId, { startDate: '2026-01-05', plannedEndDate: '2026-03-04' }) })
    ).openCoachingPeriod.coachingPeriod;
    const longer = await coach.request(UpdatePeriodScheduleDocument, {
      input: { periodId: two.id, daysPerWeek: 5, hoursPerDay: 6, plannedEndDate: '2026-03-05' },
    });
    expect(errorOf(longer)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT' });
    expect((await phaseOf(two.id)).plannedEndDate).toBe('2026-03-04');

    // Ten months of work trials in units and companies leave two months in total.
    const placed = await insertTrainee(server);
    const earlier = await insertCoachingPeriod(server, {
      traineeId: placed.id,
      phase: PeriodPhase.ENDED,
      startDate: '2024-01-01',
      endDate: '2025-06-30',
      coachId,
    });
    await server.app.dataSource.getRepository(Placement).insert([
      {
        traineeId: placed.id,
        periodId: earlier.id,
        kind: PlacementKind.WORK_TRIAL,
        workUnitId: unitId,
        startDate: '2024-01-01',
        endDate: '2024-06-30',
      },
      {
        traineeId: placed.id,
        periodId: earlier.id,
        kind: PlacementKind.WORK_TRIAL,
        partnerCompanyId: companyId,
        startDate: '2025-01-01',
        endDate: '2025-04-30',
      },
    ]);
    const { referralId: placedReferral } = await referralFor(ParticipationBasis.WORK_TRIAL, placed.id);
    const overTotal = await coach.request(OpenCoachingPeriodDocument, {
      input: openInput(placedReferral, { startDate: '2026-01-05', plannedEndDate: '2026-04-04' }),
    });
    expect(errorOf(overTotal)).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_TRIAL_TOTAL_LIMIT',
      details: { usedMonths: 10, limitMonths: 12, remainingMonths: 2 },
    });
  });

  it('refuses ending a rehabilitative period beyond 24 months (the issue’s January 2023 – November 2026), giving the latest legal end', async () => {
    const legacy = await insertCoachingPeriod(server, {
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
      startDate: '2023-01-09',
      coachId,
    });
    const today = await coach.request(ChangePeriodPhaseDocument, { input: { periodId: legacy.id, to: 'ENDED' } });
    expect(errorOf(today)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE',
      details: { maxMonths: 24, latestEndDate: '2025-01-08' },
    });
    expect(paths(errorOf(today))).toEqual(['input.endDate']);
    expect(await phaseOf(legacy.id)).toMatchObject({ phase: 'COACHING', endDate: null });
    // Nor does it run on for attendance or placements past the legal maximum.
    expect(errorOf(await present(legacy.id, '2026-11-16'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUTSIDE_PERIOD' });
    expect((await present(legacy.id, '2025-01-08')).errors).toBeUndefined();
    const placed = await coach.request(CreatePlacementDocument, {
      input: { periodId: legacy.id, kind: 'ON_THE_JOB_COACHING', workUnitId: unitId, startDate: '2026-11-02', endDate: '2026-11-30' },
    });
    expect(errorOf(placed)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_PERIOD' });

    const atTheLimit = await coach.ok(ChangePeriodPhaseDocument, { input: { periodId: legacy.id, to: 'ENDED', endDate: '2025-01-08' } });
    expect(atTheLimit.changePeriodPhase.coachingPeriod).toMatchObject({ phase: 'ENDED', endDate: '2025-01-08' });

    // People drop out: ending well before the 3-month minimum is allowed.
    const early = await openPeriod(ParticipationBasis.REHABILITATIVE_WORK, { daysPerWeek: 3, startDate: '2026-10-05', plannedEndDate: '2027-09-30' });
    expect(
      (await coach.ok(ChangePeriodPhaseDocument, { input: { periodId: early.id, to: 'ENDED', endDate: '2026-11-06' } })).changePeriodPhase
        .coachingPeriod.endDate,
    ).toBe('2026-11-06');
  });

  it('refuses ending a work trial later than the limits allow, also a legacy one without a planned end', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-03-02', plannedEndDate: '2026-08-31' });
    const late = await coach.request(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'ENDED', endDate: '2026-09-30' } });
    expect(errorOf(late)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT', details: { limitMonths: 6 } });
    expect(
      (await coach.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'ENDED', endDate: '2026-08-14' } })).changePeriodPhase
        .coachingPeriod.phase,
    ).toBe('ENDED');

    const legacy = await insertCoachingPeriod(server, { participationBasis: ParticipationBasis.WORK_TRIAL, startDate: '2026-01-05', coachId });
    const now = await coach.request(ChangePeriodPhaseDocument, { input: { periodId: legacy.id, to: 'ENDED' } });
    expect(errorOf(now)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT' });
    expect(
      (await coach.ok(ChangePeriodPhaseDocument, { input: { periodId: legacy.id, to: 'ENDED', endDate: '2026-07-04' } })).changePeriodPhase
        .coachingPeriod.endDate,
    ).toBe('2026-07-04');
  });
});

describe('present days a week, for every basis with a legal weekly maximum', () => {
  it('refuses a sixth work-trial day in one week and pays 45 €, not 63 € (the issue)', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-11-02', plannedEndDate: '2027-03-31' });
    await coach.ok(RecordWorkTrialAgreementDocument, { input: agreementInput(period.id, '2026-11-02', '2027-03-31', '2026-10-28') });
    const week = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
    for (const date of week.slice(0, 5)) expect((await present(period.id, date)).errors).toBeUndefined();
    for (const date of week.slice(5)) {
      expect(errorOf(await present(period.id, date))).toMatchObject({
        code: 'CONFLICT',
        reason: 'WEEKLY_DAYS_EXCEEDED',
        details: { entryIndex: 0, daysPerWeek: 5, legalMaxDaysPerWeek: 5, weekStart: '2026-11-09', presentDays: 5 },
      });
    }
    const summary = (await server.ok(AttendanceSummaryDocument, { periodId: period.id })).attendanceSummary;
    expect(summary).toMatchObject({ presentDays: 5, expenseAllowance: { basisEarnsAllowance: true, eligibleDays: 5, amountCents: 4500 } });
  });

  it('caps a legacy rehabilitative period agreed for 5 days at the legal 4', async () => {
    const legacy = await insertCoachingPeriod(server, {
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
      startDate: '2026-09-01',
      plannedEndDate: '2027-08-31',
      daysPerWeek: 5,
      coachId,
    });
    for (const date of ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12']) expect((await present(legacy.id, date)).errors).toBeUndefined();
    expect(errorOf(await present(legacy.id, '2026-11-13'))).toMatchObject({
      reason: 'WEEKLY_DAYS_EXCEEDED',
      details: { daysPerWeek: 4, legalMaxDaysPerWeek: 4, presentDays: 4 },
    });
  });

  it('limits a work-trial day to the days of its agreement', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-11-02', plannedEndDate: '2027-03-31' });
    await coach.ok(RecordWorkTrialAgreementDocument, {
      input: agreementInput(period.id, '2026-11-02', '2027-03-31', '2026-10-28', { daysPerWeek: 3, hoursPerDay: 5 }),
    });
    for (const date of ['2026-11-09', '2026-11-10', '2026-11-11']) expect((await present(period.id, date, 5)).errors).toBeUndefined();
    expect(errorOf(await present(period.id, '2026-11-12', 5))).toMatchObject({
      reason: 'WEEKLY_DAYS_EXCEEDED',
      details: { daysPerWeek: 3, legalMaxDaysPerWeek: 5 },
    });
    // The period allows 6 hours, the agreement 5.
    const hours = await present(period.id, '2026-11-16', 6);
    expect(errorOf(hours)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOURS_ABOVE_SCHEDULE' });
    expect(paths(errorOf(hours))).toEqual(['input.entries[0].hours']);
  });
});

describe('the expense allowance, only for the bases that earn it', () => {
  it('pays no allowance on an employment period (wages instead), and says so', async () => {
    const employed = await openPeriod(ParticipationBasis.EMPLOYMENT, { hoursPerDay: 7.5 });
    const coached = await openPeriod(ParticipationBasis.CAREER_COACHING);
    for (const date of ['2026-11-09', '2026-11-10', '2026-11-11']) {
      await coach.ok(RecordAttendanceDocument, {
        input: {
          date,
          entries: [
            { periodId: employed.id, status: 'PRESENT', hours: 7.5 },
            { periodId: coached.id, status: 'PRESENT', hours: 6 },
          ],
        },
      });
    }
    const wages = (await server.ok(AttendanceSummaryDocument, { periodId: employed.id })).attendanceSummary;
    expect(wages).toMatchObject({
      presentDays: 3,
      hours: 22.5,
      expenseAllowance: { basisEarnsAllowance: false, eligibleDays: 0, amountCents: 0, ratePerDayCents: 900 },
    });
    expect((await server.ok(PeriodAttendanceDocument, { id: employed.id })).coachingPeriod.expenseAllowance).toEqual({
      basisEarnsAllowance: false,
      eligibleDays: 0,
      amountCents: 0,
      ratePerDayCents: 900,
    });
    expect((await server.ok(PeriodAttendanceDocument, { id: coached.id })).coachingPeriod.expenseAllowance).toEqual({
      basisEarnsAllowance: true,
      eligibleDays: 3,
      amountCents: 2700,
      ratePerDayCents: 900,
    });
  });
});

describe('rehabilitative work activity is not organised by businesses', () => {
  it('refuses a company placement of a rehabilitative period, of any kind; a municipal unit or an association is fine', async () => {
    const period = await openPeriod(ParticipationBasis.REHABILITATIVE_WORK, {
      daysPerWeek: 3,
      startDate: '2026-09-07',
      plannedEndDate: '2027-08-31',
    });
    for (const kind of ['ON_THE_JOB_COACHING', 'WORK_TRIAL', 'EMPLOYMENT', 'PRE_COACHING'] as const) {
      const refused = await agent.request(CreatePlacementDocument, {
        input: { periodId: period.id, kind, partnerCompanyId: companyId, startDate: '2026-10-01', endDate: '2026-10-31' },
      });
      expect(errorOf(refused)).toMatchObject({
        code: 'CONFLICT',
        reason: 'REHABILITATIVE_WORK_IN_COMPANY',
        details: { partnerCompanyId: companyId },
      });
      expect(paths(errorOf(refused))).toEqual(['input.partnerCompanyId']);
    }
    expect((await server.ok(TraineePlacementsDocument, { id: period.id })).coachingPeriod.placements).toEqual([]);
    const association = await agent.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'ON_THE_JOB_COACHING', partnerCompanyId: associationId, startDate: '2026-10-01', endDate: '2026-10-31' },
    });
    expect(association.createPlacement.placement.partnerCompanyId).toBe(associationId);
    const unit = await agent.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'ON_THE_JOB_COACHING', workUnitId: unitId, startDate: '2026-11-02', endDate: '2026-11-30' },
    });
    expect(unit.createPlacement.placement.workUnitId).toBe(unitId);
    // Career coaching in a company is what partners are for.
    const coached = await openPeriod(ParticipationBasis.CAREER_COACHING);
    expect(
      (
        await agent.request(CreatePlacementDocument, {
          input: { periodId: coached.id, kind: 'ON_THE_JOB_COACHING', partnerCompanyId: companyId, startDate: '2026-10-05', endDate: '2026-10-31' },
        })
      ).errors,
    ).toBeUndefined();
  });

  it('lets a company placement stored before the rule be ended or shortened, never lengthened', async () => {
    const period = await openPeriod(ParticipationBasis.REHABILITATIVE_WORK, {
      daysPerWeek: 3,
      startDate: '2026-09-07',
      plannedEndDate: '2027-08-31',
    });
    const { identifiers } = await server.app.dataSource.getRepository(Placement).insert({
      traineeId: period.traineeId,
      periodId: period.id,
      kind: PlacementKind.ON_THE_JOB_COACHING,
      partnerCompanyId: companyId,
      startDate: '2026-10-01',
      endDate: '2026-12-31',
    });
    const placementId = identifiers[0].id as string;
    for (const input of [
      { placementId, endDate: '2027-01-31' },
      { placementId, startDate: '2026-09-15' },
      { placementId, endDate: null },
    ]) {
      expect(errorOf(await agent.request(UpdatePlacementDocument, { input }))).toMatchObject({
        code: 'CONFLICT',
        reason: 'REHABILITATIVE_WORK_IN_COMPANY',
      });
    }
    expect(
      (await agent.ok(UpdatePlacementDocument, { input: { placementId, startDate: '2026-10-15', notes: 'Siirtyy kunnan yksikköön' } }))
        .updatePlacement.placement.startDate,
    ).toBe('2026-10-15');
    expect((await agent.ok(EndPlacementDocument, { input: { placementId, endDate: '2026-11-13' } })).endPlacement.placement.endDate).toBe(
      '2026-11-13',
    );
  });
});

describe('the written work-trial agreement', () => {
  it('lets a present day of a work trial be recorded only under a fully signed agreement covering it, signed on or before the day', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-10-05', plannedEndDate: '2027-02-26' });
    const none = await present(period.id, '2026-10-07');
    expect(errorOf(none)).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_TRIAL_AGREEMENT_MISSING',
      details: { entryIndex: 0, date: '2026-10-07', placementId: null },
    });
    // An absence needs no agreement.
    expect(
      (
        await coach.request(RecordAttendanceDocument, {
          input: { date: '2026-10-06', entries: [{ periodId: period.id, status: 'ABSENT', absenceReason: 'OTHER' }] },
        })
      ).errors,
    ).toBeUndefined();

    const recorded = await coach.ok(RecordWorkTrialAgreementDocument, {
      input: agreementInput(period.id, '2026-10-07', '2027-02-26', '2026-10-01', {
        signatures: [
          { party: 'PARTICIPANT', signedOn: '2026-10-01' },
          { party: 'AUTHORITY', signerName: ' Heidi Saarinen ', caseManagerId, signedOn: '2026-10-02' },
        ],
      }),
    });
    const agreement = recorded.recordWorkTrialAgreement.workTrialAgreement;
    expect(agreement).toMatchObject({
      periodId: period.id,
      traineeId: period.traineeId,
      placementId: null,
      organiserKind: 'COACHING_ENVIRONMENT',
      organiserName: 'Porin kaupunki, Valmennusympäristö Polku',
      employmentAreaId: areaId,
      employmentArea: { id: areaId },
      tasks: ['Varaston järjestely', 'Kierrätystavaran lajittelu'],
      daysPerWeek: 5,
      hoursPerDay: 6,
      fullySigned: false,
      recordedBy: await server.userIdOf('coach-user'),
      feedback: null,
      signatures: [
        { party: 'PARTICIPANT', signerName: null, caseManagerId: null, signedOn: '2026-10-01' },
        { party: 'AUTHORITY', signerName: 'Heidi Saarinen', caseManagerId, signedOn: '2026-10-02' },
      ],
    });
    expect(Math.abs(Date.parse(agreement.recordedAt) - server.clock.now().getTime())).toBeLessThan(10 * 60_000);

    expect(errorOf(await present(period.id, '2026-10-07'))).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_TRIAL_AGREEMENT_UNSIGNED',
      details: { agreementId: agreement.id, unsignedParties: ['ORGANISER'] },
    });
    const signed = await coach.ok(SignWorkTrialAgreementDocument, {
      input: { agreementId: agreement.id, signature: { party: 'ORGANISER', signerName: 'Riikka Laine', signedOn: '2026-10-08' } },
    });
    expect(signed.signWorkTrialAgreement.workTrialAgreement.fullySigned).toBe(true);
    // The organiser signed a day after the 7th: that day is still not covered.
    expect(errorOf(await present(period.id, '2026-10-07'))).toMatchObject({
      reason: 'WORK_TRIAL_AGREEMENT_UNSIGNED',
      details: { unsignedParties: ['ORGANISER'] },
    });
    expect((await present(period.id, '2026-10-08')).errors).toBeUndefined();
    // Before the agreement's first day nothing covers the day.
    expect(errorOf(await present(period.id, '2026-10-05'))).toMatchObject({ reason: 'WORK_TRIAL_AGREEMENT_MISSING' });

    const twice = await coach.request(SignWorkTrialAgreementDocument, {
      input: { agreementId: agreement.id, signature: { party: 'PARTICIPANT', signedOn: '2026-10-09' } },
    });
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ALREADY_SIGNED', details: { party: 'PARTICIPANT' } });
    const amended = await coach.request(UpdateWorkTrialAgreementDocument, { input: { agreementId: agreement.id, daysPerWeek: 4 } });
    expect(errorOf(amended)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_AGREEMENT_SIGNED' });
  });

  it('checks the parties, dates, tasks, schedule and signatures of an agreement', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-10-05', plannedEndDate: '2027-02-26' });
    const record = (overrides: Partial<RecordWorkTrialAgreementInput>) =>
      coach.request(RecordWorkTrialAgreementDocument, { input: agreementInput(period.id, '2026-10-05', '2026-12-31', '2026-10-01', overrides) });
    const refusals: Array<[Partial<RecordWorkTrialAgreementInput>, string, string]> = [
      [{ organiserName: null }, 'ORGANISER_NAME_REQUIRED', 'input.organiserName'],
      [{ startDate: '2026-10-02' }, 'OUTSIDE_PERIOD', 'input.startDate'],
      [{ endDate: '2027-03-01' }, 'OUTSIDE_PERIOD', 'input.endDate'],
      [{ endDate: '2026-10-04' }, 'END_BEFORE_START', 'input.endDate'],
      [{ tasks: ['  '] }, 'TASKS_REQUIRED', 'input.tasks'],
      [{ daysPerWeek: 6 }, 'DAYS_PER_WEEK_OUT_OF_RANGE', 'input.daysPerWeek'],
      [{ hoursPerDay: 3 }, 'HOURS_PER_DAY_OUT_OF_RANGE', 'input.hoursPerDay'],
      [{ signatures: [{ party: 'AUTHORITY', signedOn: '2026-10-01' }] }, 'SIGNER_NAME_REQUIRED', 'input.signatures[0].signerName'],
      [
        { signatures: [{ party: 'PARTICIPANT', signerName: 'Joku muu', signedOn: '2026-10-01' }] },
        'SIGNER_NAME_NOT_EXPECTED',
        'input.signatures[0].signerName',
      ],
      [
        { signatures: [{ party: 'ORGANISER', signerName: 'Riikka Laine', signedOn: '2026-11-19' }] },
        'DATE_IN_FUTURE',
        'input.signatures[0].signedOn',
      ],
      [
        { signatures: [{ party: 'AUTHORITY', signerName: 'Marja Vuorinen', caseManagerId: otherCaseManagerId, signedOn: '2026-10-01' }] },
        'CASE_MANAGER_NOT_IN_AREA',
        'input.signatures[0].caseManagerId',
      ],
      [
        {
          signatures: [
            { party: 'PARTICIPANT', signedOn: '2026-10-01' },
            { party: 'PARTICIPANT', signedOn: '2026-10-02' },
          ],
        },
        'DUPLICATE_SIGNATURE',
        'input.signatures[1].party',
      ],
    ];
    for (const [overrides, reason, path] of refusals) {
      const response = await record(overrides);
      expect({ reason, extensions: errorOf(response) }).toMatchObject({ reason, extensions: { code: 'BAD_USER_INPUT', reason } });
      expect({ reason, paths: paths(errorOf(response)) }).toEqual({ reason, paths: [path] });
    }
    expect(paths(errorOf(await record({ tasks: [] })))).toEqual(['input.tasks']);
    expect((await server.ok(WorkTrialAgreementsDocument, { periodId: period.id })).workTrialAgreements).toEqual([]);

    // Unsigned terms can be corrected; a second agreement may not overlap the first.
    const draft = (await record({ signatures: [] })).data!.recordWorkTrialAgreement.workTrialAgreement;
    const corrected = await coach.ok(UpdateWorkTrialAgreementDocument, {
      input: { agreementId: draft.id, endDate: '2026-11-30', tasks: ['Pihatyöt'] },
    });
    expect(corrected.updateWorkTrialAgreement.workTrialAgreement).toMatchObject({ endDate: '2026-11-30', tasks: ['Pihatyöt'], fullySigned: false });
    expect(errorOf(await coach.request(UpdateWorkTrialAgreementDocument, { input: { agreementId: draft.id, endDate: '2027-03-31' } }))).toMatchObject(
      { reason: 'OUTSIDE_PERIOD' },
    );
    const overlap = await coach.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(period.id, '2026-11-30', '2027-01-31', '2026-11-01'),
    });
    expect(errorOf(overlap)).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_TRIAL_AGREEMENT_OVERLAP',
      details: { overlappingAgreementId: draft.id },
    });
    expect(
      (await coach.request(RecordWorkTrialAgreementDocument, { input: agreementInput(period.id, '2026-12-01', '2027-01-31', '2026-11-01') })).errors,
    ).toBeUndefined();

    // Only for work trials.
    const coached = await openPeriod(ParticipationBasis.CAREER_COACHING);
    const notTrial = await coach.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(coached.id, '2026-10-05', '2026-12-31', '2026-10-01'),
    });
    expect(errorOf(notTrial)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_WORK_TRIAL', details: { participationBasis: 'CAREER_COACHING' } });

    // A legacy work-trial period without a planned end covers only its legal 6 months.
    const legacy = await insertCoachingPeriod(server, { participationBasis: ParticipationBasis.WORK_TRIAL, startDate: '2026-01-05', coachId });
    const long = await coach.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(legacy.id, '2026-01-05', '2026-09-30', '2026-01-02', { employmentAreaId: areaId }),
    });
    expect(errorOf(long)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_PERIOD' });
    expect(paths(errorOf(long))).toEqual(['input.endDate']);
    const six = await coach.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(legacy.id, '2026-01-05', '2026-07-04', '2026-01-02', { employmentAreaId: areaId }),
    });
    expect(six.errors).toBeUndefined();
    // An agreement is itself a trial: one with the same organiser beside the period's months is refused.
    const trainee = await insertTrainee(server);
    await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      participationBasis: ParticipationBasis.WORK_TRIAL,
      phase: PeriodPhase.ENDED,
      startDate: '2025-02-03',
      plannedEndDate: '2025-06-30',
      endDate: '2025-06-30',
    });
    const again = await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      participationBasis: ParticipationBasis.WORK_TRIAL,
      startDate: '2026-09-07',
      coachId,
    });
    const beyond = await coach.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(again.id, '2026-09-07', '2026-11-30', '2026-09-01', { employmentAreaId: areaId }),
    });
    expect(errorOf(beyond)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT' });
  });

  it('is written and read by the period’s own staff and read by the area’s case manager; others are refused', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-10-05', plannedEndDate: '2027-02-26' });
    const otherCoach = await server.as({ role: Role.COACH, staffId: await createStaffMember(server, 'COACH'), userId: 'other-coach' });
    const notTheirs = await otherCoach.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(period.id, '2026-10-05', '2026-12-31', '2026-10-01'),
    });
    expect(errorOf(notTheirs)).toMatchObject({ code: 'FORBIDDEN', reason: 'VIEW_TOO_NARROW' });
    const agreement = (
      await agent.ok(RecordWorkTrialAgreementDocument, { input: agreementInput(period.id, '2026-10-05', '2026-12-31', '2026-10-01') })
    ).recordWorkTrialAgreement.workTrialAgreement;
    expect(agreement.recordedBy).toBe(agent.userId);

    const caseManager = await server.as({ role: Role.CASE_MANAGER, areaId, userId: 'case-manager' });
    expect((await caseManager.ok(WorkTrialAgreementsDocument, { periodId: period.id })).workTrialAgreements.map((a) => a.id)).toEqual([agreement.id]);
    expect(
      errorOf(
        await caseManager.request(SignWorkTrialAgreementDocument, {
          input: { agreementId: agreement.id, signature: { party: 'PARTICIPANT', signedOn: '2026-10-01' } },
        }),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });
    for (const role of [Role.UNIT_LEAD, Role.PARTNER, Role.ANALYST]) {
      const outsider = await server.as({ role, userId: `outsider-${role}`, unitId, companyId });
      expect(errorOf(await outsider.request(WorkTrialAgreementsDocument, { periodId: period.id }))).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_ALLOWED',
      });
    }
    expect(errorOf(await otherCoach.request(WorkTrialAgreementsDocument, { periodId: period.id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'VIEW_TOO_NARROW',
    });
  });

  it('needs its own agreement, with the unit or company as organiser, for a work-trial placement of another basis', async () => {
    const period = await openPeriod(ParticipationBasis.CAREER_COACHING, { startDate: '2026-10-05', plannedEndDate: '2027-03-31' });
    const trial = (
      await agent.ok(CreatePlacementDocument, {
        input: { periodId: period.id, kind: 'WORK_TRIAL', partnerCompanyId: companyId, startDate: '2026-11-02', endDate: '2026-12-31' },
      })
    ).createPlacement.placement;
    // A career-coaching day before the trial needs no agreement; a trial day does.
    expect((await present(period.id, '2026-10-30')).errors).toBeUndefined();
    expect(errorOf(await present(period.id, '2026-11-03'))).toMatchObject({
      reason: 'WORK_TRIAL_AGREEMENT_MISSING',
      details: { placementId: trial.id },
    });

    const outside = await agent.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(period.id, '2026-10-26', '2026-12-31', '2026-10-20', { placementId: trial.id, organiserName: null }),
    });
    expect(errorOf(outside)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_PLACEMENT' });
    const agreement = (
      await agent.ok(RecordWorkTrialAgreementDocument, {
        input: agreementInput(period.id, '2026-11-02', '2026-12-31', '2026-10-30', { placementId: trial.id, organiserName: null }),
      })
    ).recordWorkTrialAgreement.workTrialAgreement;
    expect(agreement).toMatchObject({
      placementId: trial.id,
      organiserKind: WorkTrialOrganiserKind.PARTNER_COMPANY,
      organiserName: 'Porin Puu Oy',
      partnerCompanyId: companyId,
      fullySigned: true,
    });
    expect((await present(period.id, '2026-11-03')).errors).toBeUndefined();

    const coachingPlacement = (
      await agent.ok(CreatePlacementDocument, {
        input: { periodId: period.id, kind: 'ON_THE_JOB_COACHING', workUnitId: unitId, startDate: '2027-01-04', endDate: '2027-01-29' },
      })
    ).createPlacement.placement;
    const notTrial = await agent.request(RecordWorkTrialAgreementDocument, {
      input: agreementInput(period.id, '2027-01-04', '2027-01-29', '2026-10-30', { placementId: coachingPlacement.id }),
    });
    expect(errorOf(notTrial)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_WORK_TRIAL', details: { placementKind: 'ON_THE_JOB_COACHING' } });
  });

  it('takes the organiser’s written feedback when the trial ends; until then an ended trial warns', async () => {
    const period = await openPeriod(ParticipationBasis.WORK_TRIAL, { startDate: '2026-09-07', plannedEndDate: '2027-02-26' });
    const agreement = (
      await coach.ok(RecordWorkTrialAgreementDocument, { input: agreementInput(period.id, '2026-09-07', '2027-02-26', '2026-09-01') })
    ).recordWorkTrialAgreement.workTrialAgreement;
    const feedback = (givenOn: string) =>
      coach.request(RecordWorkTrialFeedbackDocument, {
        input: { agreementId: agreement.id, text: 'Täsmällinen ja oma-aloitteinen; sopii varastotyöhön.', givenBy: 'Riikka Laine', givenOn },
      });

    expect(errorOf(await feedback('2026-11-16'))).toMatchObject({
      code: 'CONFLICT',
      reason: 'WORK_TRIAL_NOT_ENDED',
      details: { trialEndDate: '2027-02-26' },
    });
    expect(await warningsOf(period.id)).toEqual([]);

    await coach.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'ENDED', endDate: '2026-11-13' } });
    expect(await warningsOf(period.id)).toEqual([{ code: 'WORK_TRIAL_FEEDBACK_MISSING', agreementId: agreement.id, placementId: null }]);
    const early = await feedback('2026-11-12');
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FEEDBACK_BEFORE_TRIAL_END', details: { trialEndDate: '2026-11-13' } });
    expect(paths(errorOf(early))).toEqual(['input.givenOn']);
    expect(errorOf(await feedback('2026-11-19'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });

    const given = (await feedback('2026-11-16')).data!.recordWorkTrialFeedback.workTrialFeedback;
    expect(given).toMatchObject({
      agreementId: agreement.id,
      traineeId: period.traineeId,
      givenBy: 'Riikka Laine',
      givenOn: '2026-11-16',
      recordedBy: await server.userIdOf('coach-user'),
    });
    expect(await warningsOf(period.id)).toEqual([]);
    expect((await server.ok(WorkTrialAgreementsDocument, { periodId: period.id })).workTrialAgreements[0].feedback).toMatchObject({
      id: given.id,
      givenOn: '2026-11-16',
    });
    expect(errorOf(await feedback('2026-11-17'))).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_FEEDBACK_EXISTS' });

    // Once the period has ended its agreements are part of the record.
    expect(
      errorOf(await coach.request(RecordWorkTrialAgreementDocument, { input: agreementInput(period.id, '2026-09-07', '2026-10-31', '2026-09-01') })),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'PERIOD_NOT_ACTIVE',
    });
  });
});

describe('periods stored before these rules', () => {
  it('stay readable and warn about what they lack', async () => {
    const rehab = await insertCoachingPeriod(server, {
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
      startDate: '2023-01-09',
      coachId,
    });
    expect(await warningsOf(rehab.id)).toEqual([
      { code: 'PLANNED_END_MISSING', agreementId: null, placementId: null },
      { code: 'LEGAL_MAXIMUM_EXCEEDED', agreementId: null, placementId: null },
    ]);
    const trial = await insertCoachingPeriod(server, {
      participationBasis: ParticipationBasis.WORK_TRIAL,
      startDate: '2026-10-05',
      plannedEndDate: '2027-02-26',
      coachId,
    });
    expect(await warningsOf(trial.id)).toEqual([{ code: 'WORK_TRIAL_AGREEMENT_MISSING', agreementId: null, placementId: null }]);
    const ended = await insertCoachingPeriod(server, {
      participationBasis: ParticipationBasis.WORK_TRIAL,
      phase: PeriodPhase.ENDED,
      startDate: '2025-03-03',
      plannedEndDate: '2025-06-30',
      endDate: '2025-06-30',
      coachId,
    });
    expect(await warningsOf(ended.id)).toEqual([
      { code: 'WORK_TRIAL_AGREEMENT_MISSING', agreementId: null, placementId: null },
      { code: 'WORK_TRIAL_FEEDBACK_MISSING', agreementId: null, placementId: null },
    ]);
    // Warnings are part of the FULL view, like the period's dates and goals.
    const caseManager = await server.as({ role: Role.CASE_MANAGER, areaId: await createEmploymentArea(server), userId: 'other-area' });
    expect(errorOf(await caseManager.request(PeriodWarningsDocument, { id: rehab.id }))?.code).toBe('NOT_FOUND');
  });

  it('reads the warnings of a page of periods in the same number of statements for 5 and 25', async () => {
    const listCoachId = await createStaffMember(server, 'COACH', 100);
    const ds = server.app.dataSource;
    for (let i = 0; i < 25; i++) {
      const ended = i % 3 === 0;
      const period = await insertCoachingPeriod(server, {
        participationBasis: ParticipationBasis.WORK_TRIAL,
        phase: ended ? PeriodPhase.ENDED : PeriodPhase.COACHING,
        startDate: `2026-06-${String(i + 1).padStart(2, '0')}`,
        plannedEndDate: '2026-11-30',
        endDate: ended ? '2026-10-30' : null,
        coachId: listCoachId,
      });
      const { identifiers } = await ds.getRepository(WorkTrialAgreement).insert({
        periodId: period.id,
        traineeId: period.traineeId,
        placementId: null,
        organiserKind: WorkTrialOrganiserKind.COACHING_ENVIRONMENT,
        organiserName: 'Porin kaupunki',
        employmentAreaId: areaId,
        startDate: period.startDate,
        endDate: '2026-11-30',
        tasks: ['Pihatyöt'],
        daysPerWeek: 5,
        hoursPerDay: 6,
        participantSignedOn: '2026-05-25',
        authoritySignerName: 'Heidi Saarinen',
        authoritySignedOn: '2026-05-25',
        organiserSignerName: 'Riikka Laine',
        organiserSignedOn: '2026-05-25',
        recordedBy: 'fixture',
        recordedAt: new Date(`${period.startDate}T08:00:00Z`),
      });
      if (i % 2 === 0) {
        await ds.getRepository(WorkTrialFeedback).insert({
          agreementId: identifiers[0].id as string,
          traineeId: period.traineeId,
          text: 'Hyvä',
          givenBy: 'Riikka Laine',
          givenOn: '2026-11-02',
          recordedBy: 'fixture',
          recordedAt: new Date('2026-11-02T10:00:00Z'),
        });
      }
    }
    const filter = { coachId: listCoachId };
    const five = await server.countStatements(() => server.ok(PeriodTrialWarningsDocument, { first: 5, filter }));
    const twentyFive = await server.countStatements(() => server.ok(PeriodTrialWarningsDocument, { first: 25, filter }));
    expect(twentyFive).toBe(five);
    const nodes = (await server.ok(PeriodTrialWarningsDocument, { first: 25, filter })).coachingPeriods.edges.map((e) => e.node);
    // Ended without feedback: the odd-numbered ended ones (i = 3, 9, 15, 21).
    expect(nodes.filter((n) => n.warnings!.some((w) => w.code === 'WORK_TRIAL_FEEDBACK_MISSING'))).toHaveLength(4);
    expect(nodes.filter((n) => n.phase === 'ENDED')).toHaveLength(9);
    process.stdout.write(`period warnings statements: first 5 → ${five}, first 25 → ${twentyFive}\n`);
  });
});

describe('legal numbers as configuration', () => {
  it('applies LEGAL_LIMITS and EXPENSE_ALLOWANCE_BASES from the environment', async () => {
    const configured = await startTestServer({
      env: {
        LEGAL_LIMITS: JSON.stringify({ workTrial: { maxMonthsPerOrganiser: 3 }, schedule: { REHABILITATIVE_WORK: { daysPerWeek: { max: 3 } } } }),
        EXPENSE_ALLOWANCE_BASES: 'REHABILITATIVE_WORK, WORK_TRIAL',
        EXPENSE_ALLOWANCE_CENTS_PER_DAY: '1000',
      },
    });
    try {
      const area = await createEmploymentArea(configured);
      const open = async (basis: ParticipationBasis, input: Partial<OpenCoachingPeriodInput>) => {
        const { referralId } = await createAcceptedReferral(configured, area, { participationBasis: basis });
        return configured.request(OpenCoachingPeriodDocument, {
          input: { referralId, daysPerWeek: 3, hoursPerDay: 6, startDate: '2026-10-05', ...input },
        });
      };
      expect(errorOf(await open(ParticipationBasis.WORK_TRIAL, { plannedEndDate: '2027-01-31' }))).toMatchObject({
        reason: 'WORK_TRIAL_ORGANISER_LIMIT',
        details: { limitMonths: 3 },
      });
      expect(errorOf(await open(ParticipationBasis.REHABILITATIVE_WORK, { daysPerWeek: 4, plannedEndDate: '2027-06-30' }))).toMatchObject({
        reason: 'DAYS_PER_WEEK_OUT_OF_RANGE',
      });
      const rehab = (await open(ParticipationBasis.REHABILITATIVE_WORK, { plannedEndDate: '2027-06-30' })).data!.openCoachingPeriod.coachingPeriod;
      const coached = (await open(ParticipationBasis.CAREER_COACHING, {})).data!.openCoachingPeriod.coachingPeriod;
      await configured.ok(RecordAttendanceDocument, {
        input: {
          date: '2026-11-16',
          entries: [
            { periodId: rehab.id, status: 'PRESENT', hours: 6 },
            { periodId: coached.id, status: 'PRESENT', hours: 6 },
          ],
        },
      });
      expect((await configured.ok(PeriodAttendanceDocument, { id: rehab.id })).coachingPeriod.expenseAllowance).toEqual({
        basisEarnsAllowance: true,
        eligibleDays: 1,
        amountCents: 1000,
        ratePerDayCents: 1000,
      });
      expect((await configured.ok(PeriodAttendanceDocument, { id: coached.id })).coachingPeriod.expenseAllowance).toEqual({
        basisEarnsAllowance: false,
        eligibleDays: 0,
        amountCents: 0,
        ratePerDayCents: 1000,
      });
    } finally {
      await configured.stop();
    }
  });

  it('stops start-up on a bad value, naming the variable, before the database is opened', async () => {
    const base = { NODE_ENV: 'test', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent' };
    expect(() => loadConfig({ ...base, LEGAL_LIMITS: '{"workTrial":{"maxMonthsPerOrganizer":3}}' })).toThrow(/LEGAL_LIMITS/);
    for (const env of [{ LEGAL_LIMITS: '{"schedule":{"WORK_TRAIL":{"daysPerWeek":{"max":4}}}}' }, { EXPENSE_ALLOWANCE_BASES: 'WORK_TRIAL,WAGES' }]) {
      const config = loadConfig({ ...base, ...env });
      await expect(startApp(config, createLogger('silent'))).rejects.toThrow(ConfigError);
      await expect(startApp(config, createLogger('silent'))).rejects.toThrow(Object.keys(env)[0]);
    }
    expect(legalConfigFrom(loadConfig(base)).expenseAllowance.bases).toEqual(
      new Set([ParticipationBasis.REHABILITATIVE_WORK, ParticipationBasis.WORK_TRIAL, ParticipationBasis.CAREER_COACHING]),
    );
  });
});
