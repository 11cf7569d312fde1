import { addDays, addMonths } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import {
  AcceptWorkOrderDocument,
  AccessLogDocument,
  AccessLogQuery,
  AssignTraineeDocument,
  CapacityAssessmentsDocument,
  CapacityChangeDocument,
  ChangePeriodPhaseDocument,
  type ChangePeriodPhaseInput,
  CoachingPeriodByIdDocument,
  CompleteWorkOrderDocument,
  CreateCapacityInstrumentDocument,
  CreateDepartmentDocument,
  CreatePartnerCompanyDocument,
  CreatePlacementDocument,
  CreateStaffMemberDocument,
  CreateTaskDocument,
  CreateWorkUnitDocument,
  FinaliseFinalSummaryDocument,
  FinalSummaryOfPeriodDocument,
  FollowUpsDueDocument,
  GiveWorkOrderFeedbackDocument,
  ImportQualificationDocument,
  LifecycleAcceptReferralDocument,
  LifecycleTraineePictureDocument,
  MarkCompetenceDemonstratedDocument,
  OpenCoachingPeriodDocument,
  OutcomesOfPeriodDocument,
  OutcomeStatisticsDocument,
  PlacementByIdDocument,
  ReceiveReferralDocument,
  RecordCapacityAssessmentDocument,
  RecordCompetenceDocument,
  RecordOutcomeDocument,
  ReferralByIdDocument,
  ReferralSetupCaseManagerDocument,
  ReferralSetupEmploymentAreaDocument,
  RequestWorkOrderDocument,
  ScheduleWorkOrderDocument,
  StaffMemberByIdDocument,
  StartFinalSummaryDocument,
  StartWorkOrderDocument,
  UpdateCheckPointDocument,
  UpdateFinalSummaryDocument,
  UpdateTraineeDocument,
  VerifyCompetenceDocument,
  WorkOrderByIdDocument,
} from './generated/graphql';
import { Extensions } from './support/errors';
import { businessId } from './support/fixtures';
import { GraphQLClient, startTestServer, TEST_TODAY, TestServer } from './support/test-server';

/**
 * One trainee of a Pori-like coaching environment, walked through the whole lifecycle over HTTP:
 * referral → period → mapping → capacity → work order → placement → check point → re-assessment →
 * competence → final summary → end → outcomes and follow-ups.
 *
 * The steps are separate tests that share state and must run in order (a failing step makes the
 * later ones fail too; read the first failure).
 *
 * Dates: the follow-ups need a period that ended more than six months ago, so the period is dated
 * in the past (started 15 months ago, ended 8 months ago). A work order cannot start in the past
 * (START_DATE_IN_PAST), so the one work order of the walk lies two weeks ahead: it is staffed
 * while the period is still open, which is all the service checks.
 */

const today = TEST_TODAY;
/** Day `day` of the month `months` from this one (negative: earlier). Days ≤ 28 exist in every month. */
const inMonth = (months: number, day: number) => `${addMonths(`${today.slice(0, 7)}-01`, months).slice(0, 7)}-${String(day).padStart(2, '0')}`;

const PERIOD_START = inMonth(-15, 1);
const PLANNED_END = inMonth(-8, 28);
const FIRST_ASSESSMENT = inMonth(-14, 12);
const TRIAL_START = inMonth(-12, 1);
const TRIAL_END = inMonth(-10, 28);
const SECOND_ASSESSMENT = inMonth(-9, 20);
const PERIOD_END = inMonth(-8, 15);
const FOLLOW_UP_3_DUE = inMonth(-5, 15);
const FOLLOW_UP_6_DUE = inMonth(-2, 15);
const ORDER_START = addDays(today, 14);
const ORDER_END = addDays(today, 16);

const text = (fi: string, sv = fi, en = fi) => ({ fi, sv, en });
const refusal = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }): Extensions => response.errors?.[0]?.extensions;

/** A valid henkilötunnus of the 1900s ('-' sign). */
function identityCode(ddmmyy: string, individual: string): string {
  return `${ddmmyy}-${individual}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${ddmmyy}${individual}`) % 31]}`;
}

let server: TestServer;
let caseManager: GraphQLClient;
let coach: GraphQLClient;
let careerAgent: GraphQLClient;
let unitLead: GraphQLClient;

/** Set up in beforeAll. */
const setup = {
  areaId: '',
  caseManagerId: '',
  coachId: '',
  careerAgentId: '',
  workUnitId: '',
  companyId: '',
  taskId: '',
  instrumentId: '',
  item: {} as Record<string, string>,
  requirement: {} as Record<string, string>,
};

/** Produced by the walk. */
const walk = {
  traineeId: '',
  referralId: '',
  periodId: '',
  firstAssessmentId: '',
  secondAssessmentId: '',
  workOrderId: '',
  assignmentId: '',
  placementId: '',
  checkPointId: '',
  verifiedRecordId: '',
  practisingRecordId: '',
  summaryId: '',
};

/** The users' identities (subjects); what history and the access log record is the Polku user each maps to. */
let COACH_USER = 'tyovalmentaja-satu-laine';
let AGENT_USER = 'ura-agentti-mika-nieminen';
let CASE_MANAGER_USER = 'asiakasvastaava-riikka-salonen';
let UNIT_LEAD_USER = 'esihenkilo-pekka-hakala';

const picture = async () => (await server.ok(LifecycleTraineePictureDocument, { id: walk.traineeId })).trainee;
const periodHistory = async () =>
  (await server.ok(CoachingPeriodByIdDocument, { id: walk.periodId })).coachingPeriod.history!.map((h) => [h.fromState, h.toState]);
const coachOccupancy = async () => (await server.ok(StaffMemberByIdDocument, { id: setup.coachId })).staffMember.occupancy.activeTrainees;
const movePeriod = (input: Omit<ChangePeriodPhaseInput, 'periodId'>) =>
  coach.ok(ChangePeriodPhaseDocument, { input: { periodId: walk.periodId, ...input } });

beforeAll(async () => {
  server = await startTestServer();

  // Organisation of the city and the employment area.
  setup.areaId = (
    await server.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Porin seudun työllisyysalue', municipalityCodes: ['609', '886', '531'] } })
  ).createEmploymentArea.employmentArea.id;
  setup.caseManagerId = (
    await server.ok(ReferralSetupCaseManagerDocument, {
      input: { employmentAreaId: setup.areaId, name: 'Riikka Salonen', email: 'riikka.salonen@pori.fi' },
    })
  ).createCaseManager.caseManager.id;
  const staff = async (name: string, role: 'COACH' | 'CAREER_AGENT') =>
    (await server.ok(CreateStaffMemberDocument, { input: { name, role, email: `${name.toLowerCase().replace(' ', '.')}@pori.fi` } }))
      .createStaffMember.staffMember.id;
  setup.coachId = await staff('Satu Laine', 'COACH');
  setup.careerAgentId = await staff('Mika Nieminen', 'CAREER_AGENT');
  const departmentId = (
    await server.ok(CreateDepartmentDocument, {
      input: { code: 'TEKPA', name: text('Tekninen palvelukeskus', 'Tekniska servicecentralen', 'Technical services') },
    })
  ).createDepartment.department.id;
  setup.workUnitId = (
    await server.ok(CreateWorkUnitDocument, {
      input: { departmentId, name: 'Kiinteistöpalvelut', address: 'Valtakatu 11, 28100 Pori', unitLeadName: 'Pekka Hakala' },
    })
  ).createWorkUnit.workUnit.id;
  setup.companyId = (
    await server.ok(CreatePartnerCompanyDocument, {
      input: { name: 'Satakunnan Kiinteistöhuolto Oy', businessId: businessId(2894512), industry: 'Kiinteistöhuolto', municipalityCode: '609' },
    })
  ).createPartnerCompany.partnerCompany.id;

  // Qualification requirements (ePerusteet) and the task catalogue entry that counts towards them.
  const qualification = await server.ok(ImportQualificationDocument, {
    input: {
      externalId: 'peruste-3397',
      diaryNumber: 'OPH-2590-2017',
      name: text('Kiinteistöpalvelujen perustutkinto'),
      units: [
        {
          externalId: 'osa-kiinteistonhoito',
          name: text('Kiinteistönhoito'),
          competencePoints: 45,
          requirements: [
            { code: '1', text: 'hoitaa piha- ja viheralueita' },
            { code: '2', text: 'käyttää kiinteistönhoidon koneita turvallisesti' },
          ],
        },
      ],
    },
  });
  const [unit] = qualification.importQualification.qualification.units;
  for (const r of unit.requirements) setup.requirement[r.code] = r.id;
  setup.taskId = (
    await server.ok(CreateTaskDocument, {
      input: {
        code: 'PIHA-2',
        name: text('Koulun piha-alueen kunnostus'),
        field: 'GROUNDS_AND_PROPERTY_CARE',
        difficultyLevel: 2,
        protectiveGear: ['SAFETY_SHOES', 'WORK_CLOTHES', 'GLOVES'],
        typicalPlace: 'Koulut ja päiväkodit',
        qualificationUnitIds: [unit.id],
      },
    })
  ).createTask.task.id;

  // The capacity meter (Siun sote / Karelia).
  const meter = await server.ok(CreateCapacityInstrumentDocument, {
    input: {
      code: 'SIUN-TTK',
      version: 1,
      name: text('Työ- ja toimintakyvyn mittaristo'),
      source: 'Siun sote / Karelia-ammattikorkeakoulu',
      dimensions: [
        {
          code: 'PHYSICAL',
          name: text('Fyysinen'),
          items: [
            { code: 'p1', text: text('Jaksaminen') },
            { code: 'p2', text: text('Liikkuminen') },
          ],
        },
        { code: 'PSYCHOLOGICAL', name: text('Psyykkinen'), items: [{ code: 'ps1', text: text('Stressinsieto') }] },
        {
          code: 'SOCIAL',
          name: text('Sosiaalinen'),
          items: [
            { code: 's1', text: text('Yhteistyö') },
            { code: 's2', text: text('Vuorovaikutus') },
            { code: 's3', text: text('Ryhmässä toimiminen') },
          ],
        },
        {
          code: 'WORK_SKILLS',
          name: text('Työtaidot'),
          items: [
            { code: 'w1', text: text('Työn laatu') },
            { code: 'w2', text: text('Ohjeiden noudattaminen') },
          ],
        },
      ],
    },
  });
  setup.instrumentId = meter.createCapacityInstrument.capacityInstrument.id;
  for (const d of meter.createCapacityInstrument.capacityInstrument.dimensions) for (const i of d.items) setup.item[i.code] = i.id;

  caseManager = await server.as({ role: Role.CASE_MANAGER, userId: CASE_MANAGER_USER, areaId: setup.areaId });
  coach = await server.as({ role: Role.COACH, userId: COACH_USER, staffId: setup.coachId });
  careerAgent = await server.as({ role: Role.CAREER_AGENT, userId: AGENT_USER, staffId: setup.careerAgentId });
  unitLead = await server.as({ role: Role.UNIT_LEAD, userId: UNIT_LEAD_USER, unitId: setup.workUnitId });
  [CASE_MANAGER_USER, COACH_USER, AGENT_USER, UNIT_LEAD_USER] = [caseManager, coach, careerAgent, unitLead].map((client) => client.userId!);
});

afterAll(async () => {
  await server?.stop();
});

const scores = (byItem: Record<string, number>) => Object.entries(byItem).map(([code, score]) => ({ itemId: setup.item[code], score }));

describe('one trainee from referral to the 6-month follow-up (Pori)', () => {
  it('1. the employment area sends a referral that brings the new person along', async () => {
    const code = identityCode('150387', '236');
    const response = await caseManager.request(ReceiveReferralDocument, {
      input: {
        employmentAreaId: setup.areaId,
        externalId: 'PORI-TYL-2024-0117',
        caseManagerId: setup.caseManagerId,
        newTrainee: {
          firstName: 'Janne',
          lastName: 'Mäkinen',
          identityCode: code,
          municipalityCode: '609',
          employmentAreaId: setup.areaId,
          languages: ['fi'],
        },
        serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
        participationBasis: 'CAREER_COACHING',
        background: 'Pitkäaikaistyötön, aiempaa kokemusta kiinteistöhuollosta; tavoitteena työ tai oppisopimus.',
      },
    });
    expect(response.errors).toBeUndefined();
    const referral = response.data!.receiveReferral.referral;
    expect(referral).toMatchObject({
      state: 'RECEIVED',
      externalId: 'PORI-TYL-2024-0117',
      serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
      participationBasis: 'CAREER_COACHING',
      decidedAt: null,
      trainee: { firstName: 'Janne', lastName: 'Mäkinen', birthYear: 1987, identityCodeTemporary: false },
      employmentArea: { id: setup.areaId, name: 'Porin seudun työllisyysalue' },
      caseManager: { id: setup.caseManagerId, name: 'Riikka Salonen' },
    });
    expect(referral.history.map((h) => [h.fromState, h.toState, h.actorId, h.actorRole])).toEqual([
      [null, 'RECEIVED', CASE_MANAGER_USER, 'CASE_MANAGER'],
    ]);
    expect(JSON.stringify(response)).not.toContain(code.slice(0, 6));
    walk.referralId = referral.id;
    walk.traineeId = referral.trainee.id;

    const trainee = await picture();
    expect(trainee).toMatchObject({ municipalityCode: '609', workLevel: 1, employmentArea: { id: setup.areaId }, currentPeriod: null, periods: [] });
    expect(trainee.referrals!.map((r) => [r.id, r.state])).toEqual([[referral.id, 'RECEIVED']]);
  });

  it('2. the coach accepts the referral', async () => {
    const accepted = (await coach.ok(LifecycleAcceptReferralDocument, { input: { referralId: walk.referralId } })).acceptReferral.referral;
    expect(accepted).toMatchObject({ id: walk.referralId, state: 'ACCEPTED', trainee: { id: walk.traineeId } });
    expect(Date.parse(accepted.decidedAt!)).toBeGreaterThanOrEqual(Date.parse(accepted.receivedAt));
    expect(accepted.history.map((h) => [h.fromState, h.toState, h.actorId, h.actorRole])).toEqual([
      [null, 'RECEIVED', CASE_MANAGER_USER, 'CASE_MANAGER'],
      ['RECEIVED', 'ACCEPTED', COACH_USER, 'COACH'],
    ]);
  });

  it('3. a coaching period opens from the referral in INITIAL_MAPPING and takes a place in the coach’s caseload', async () => {
    expect(await coachOccupancy()).toBe(0);
    const opened = await coach.ok(OpenCoachingPeriodDocument, {
      input: {
        referralId: walk.referralId,
        startDate: PERIOD_START,
        plannedEndDate: PLANNED_END,
        daysPerWeek: 4,
        hoursPerDay: 6,
        coachId: setup.coachId,
        careerAgentId: setup.careerAgentId,
        goals: 'Työllistyminen kiinteistöalalle tai oppisopimus',
      },
    });
    const period = opened.openCoachingPeriod.coachingPeriod;
    // Trainee, service form and basis come from the referral.
    expect(period).toMatchObject({
      phase: 'INITIAL_MAPPING',
      traineeId: walk.traineeId,
      referralId: walk.referralId,
      serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
      participationBasis: 'CAREER_COACHING',
      startDate: PERIOD_START,
      plannedEndDate: PLANNED_END,
      endDate: null,
      coachId: setup.coachId,
      careerAgentId: setup.careerAgentId,
      caseloadOverrideReason: null,
    });
    walk.periodId = period.id;
    expect(await periodHistory()).toEqual([[null, 'INITIAL_MAPPING']]);
    expect(await coachOccupancy()).toBe(1);

    const trainee = await picture();
    expect(trainee.currentPeriod).toEqual({ id: period.id, phase: 'INITIAL_MAPPING' });
    expect(trainee.periods!.map((p) => p.id)).toEqual([period.id]);
    // The referral stays ACCEPTED while its period runs.
    expect(trainee.referrals!.map((r) => r.state)).toEqual(['ACCEPTED']);
  });

  it('4. mapping is done: PRE_COACHING, then COACHING, each with its note in the history', async () => {
    const pre = await movePeriod({ to: 'PRE_COACHING', note: 'Alkukartoitus tehty: ei oppimisvaikeuksia, aamut raskaita' });
    expect(pre.changePeriodPhase.coachingPeriod.phase).toBe('PRE_COACHING');
    const coaching = await movePeriod({ to: 'COACHING', note: 'Esivalmennus sujui, siirtyy työvalmennukseen' });
    expect(coaching.changePeriodPhase.coachingPeriod).toMatchObject({ phase: 'COACHING', endDate: null, checkPoints: [] });

    const { coachingPeriod } = await server.ok(CoachingPeriodByIdDocument, { id: walk.periodId });
    expect(coachingPeriod.history!.map((h) => [h.fromState, h.toState, h.actorId, h.reason])).toEqual([
      [null, 'INITIAL_MAPPING', COACH_USER, null],
      ['INITIAL_MAPPING', 'PRE_COACHING', COACH_USER, 'Alkukartoitus tehty: ei oppimisvaikeuksia, aamut raskaita'],
      ['PRE_COACHING', 'COACHING', COACH_USER, 'Esivalmennus sujui, siirtyy työvalmennukseen'],
    ]);
  });

  it('5. the first capacity assessment is recorded with its dimension means', async () => {
    const { recordCapacityAssessment } = await coach.ok(RecordCapacityAssessmentDocument, {
      input: {
        periodId: walk.periodId,
        instrumentId: setup.instrumentId,
        assessedOn: FIRST_ASSESSMENT,
        summary: 'Lähtötaso: jaksaminen ja stressinsieto heikkoja',
        scores: scores({ p1: 2, p2: 3, ps1: 2, s1: 3, s2: 2, s3: 2, w1: 2, w2: 3 }),
      },
    });
    const assessment = recordCapacityAssessment.capacityAssessment;
    expect(assessment).toMatchObject({ traineeId: walk.traineeId, periodId: walk.periodId, assessedOn: FIRST_ASSESSMENT, assessorId: COACH_USER });
    expect(assessment.scores.map((s) => s.score)).toEqual([2, 3, 2, 3, 2, 2, 2, 3]);
    // (2+3)/2, 2/1, (3+2+2)/3 rounded, (2+3)/2.
    expect(assessment.dimensionMeans).toEqual([
      { dimensionCode: 'PHYSICAL', mean: 2.5 },
      { dimensionCode: 'PSYCHOLOGICAL', mean: 2 },
      { dimensionCode: 'SOCIAL', mean: 2.33 },
      { dimensionCode: 'WORK_SKILLS', mean: 2.5 },
    ]);
    walk.firstAssessmentId = assessment.id;
    expect((await picture()).latestCapacityAssessment).toEqual({ id: assessment.id, assessedOn: FIRST_ASSESSMENT });
  });

  it('6. a unit orders work; it is accepted, staffed with the trainee once cleared for the level, scheduled, done and confirmed', async () => {
    const requested = (
      await unitLead.ok(RequestWorkOrderDocument, {
        input: {
          workUnitId: setup.workUnitId,
          taskId: setup.taskId,
          place: 'Länsi-Porin koulu, piha-alue',
          startDate: ORDER_START,
          endDate: ORDER_END,
          workersNeeded: 1,
          notes: 'Lehtien haravointi ja pensaiden leikkuu ennen talvea',
        },
      })
    ).requestWorkOrder.workOrder;
    expect(requested).toMatchObject({
      state: 'REQUESTED',
      task: { id: setup.taskId, code: 'PIHA-2' },
      workUnit: { id: setup.workUnitId },
      assignments: [],
    });
    walk.workOrderId = requested.id;
    const id = requested.id;

    expect((await coach.ok(AcceptWorkOrderDocument, { input: { id } })).acceptWorkOrder.workOrder.state).toBe('ACCEPTED');
    const unstaffed = await coach.request(ScheduleWorkOrderDocument, { input: { id } });
    expect(refusal(unstaffed)).toMatchObject({ code: 'CONFLICT', reason: 'NO_TRAINEES_ASSIGNED' });

    // The task is level 2; a new trainee is cleared for basic work only.
    const tooEarly = await coach.request(AssignTraineeDocument, { input: { workOrderId: id, traineeId: walk.traineeId } });
    expect(refusal(tooEarly)).toMatchObject({ code: 'CONFLICT', reason: 'TASK_LEVEL_TOO_HIGH', details: { taskDifficulty: 2, traineeLevel: 1 } });
    const cleared = await coach.ok(UpdateTraineeDocument, { input: { traineeId: walk.traineeId, workLevel: 2 } });
    expect(cleared.updateTrainee.trainee.workLevel).toBe(2);

    const staffed = (await coach.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: walk.traineeId } })).assignTrainee;
    expect(staffed.assignment).toMatchObject({ startDate: ORDER_START, endDate: ORDER_END, trainee: { id: walk.traineeId }, workOrder: { id } });
    walk.assignmentId = staffed.assignment.id;

    expect((await coach.ok(ScheduleWorkOrderDocument, { input: { id } })).scheduleWorkOrder.workOrder.state).toBe('SCHEDULED');
    expect((await coach.ok(StartWorkOrderDocument, { input: { id } })).startWorkOrder.workOrder.state).toBe('IN_PROGRESS');
    expect((await coach.ok(CompleteWorkOrderDocument, { input: { id } })).completeWorkOrder.workOrder.state).toBe('COMPLETED');
    const feedback = await unitLead.ok(GiveWorkOrderFeedbackDocument, {
      input: { workOrderId: id, unitRating: 5, confirmedHours: 18, unitFeedback: 'Huolellista työtä, piha valmis aikataulussa' },
    });
    expect(feedback.giveWorkOrderFeedback.workOrder).toMatchObject({
      unitRating: 5,
      confirmedHours: 18,
      unitFeedback: 'Huolellista työtä, piha valmis aikataulussa',
    });

    const order = (await server.ok(WorkOrderByIdDocument, { id })).workOrder;
    expect(order.state).toBe('COMPLETED');
    expect(order.assignments.map((a) => a.trainee.id)).toEqual([walk.traineeId]);
    expect(order.history.map((h) => [h.fromState, h.toState, h.actorId, h.actorRole])).toEqual([
      [null, 'REQUESTED', UNIT_LEAD_USER, 'UNIT_LEAD'],
      ['REQUESTED', 'ACCEPTED', COACH_USER, 'COACH'],
      ['ACCEPTED', 'SCHEDULED', COACH_USER, 'COACH'],
      ['SCHEDULED', 'IN_PROGRESS', COACH_USER, 'COACH'],
      ['IN_PROGRESS', 'COMPLETED', COACH_USER, 'COACH'],
    ]);

    const trainee = await picture();
    expect(trainee.workLevel).toBe(2);
    expect(trainee.workOrderAssignments).toEqual([
      { id: walk.assignmentId, startDate: ORDER_START, endDate: ORDER_END, workOrder: { id, state: 'COMPLETED', unitRating: 5, confirmedHours: 18 } },
    ]);
  });

  it('7. the career agent places the trainee on a work trial in a partner company', async () => {
    const created = await careerAgent.ok(CreatePlacementDocument, {
      input: {
        periodId: walk.periodId,
        kind: 'WORK_TRIAL',
        partnerCompanyId: setup.companyId,
        startDate: TRIAL_START,
        endDate: TRIAL_END,
        supervisorName: 'Jukka Rantanen',
        supervisorContact: '044 123 4567',
        notes: 'Työkokeilu kiinteistöhuollon tehtävissä Porin keskustan kohteissa',
      },
    });
    const placement = created.createPlacement.placement;
    expect(placement).toMatchObject({
      periodId: walk.periodId,
      traineeId: walk.traineeId,
      kind: 'WORK_TRIAL',
      partnerCompanyId: setup.companyId,
      workUnitId: null,
      startDate: TRIAL_START,
      endDate: TRIAL_END,
      supervisorName: 'Jukka Rantanen',
    });
    walk.placementId = placement.id;
    const read = await server.ok(PlacementByIdDocument, { id: placement.id });
    expect(read.placement.partnerCompany).toEqual({ id: setup.companyId, name: 'Satakunnan Kiinteistöhuolto Oy' });

    const trainee = await picture();
    expect(trainee.placements).toEqual([{ id: placement.id, kind: 'WORK_TRIAL' }]);
    expect(trainee.periods![0].placements!.map((p) => p.id)).toEqual([placement.id]);
    // It does not cover today, but it is the only one, so it is the latest.
    expect(trainee.currentPlacement).toEqual({ id: placement.id });
  });

  it('8. difficulties lead to a check point that is updated and closed on return to COACHING', async () => {
    const atCheckPoint = await movePeriod({
      to: 'CHECK_POINT',
      note: 'Poissaolot lisääntyneet',
      checkPoint: { difficulty: 'Aamupoissaolot lisääntyneet työkokeilun aikana', agreedActions: 'Työpäivä alkaa klo 9, viikoittainen palaveri' },
    });
    const period = atCheckPoint.changePeriodPhase.coachingPeriod;
    expect(period.phase).toBe('CHECK_POINT');
    expect(period.checkPoints).toHaveLength(1);
    expect(period.checkPoints![0]).toMatchObject({
      difficulty: 'Aamupoissaolot lisääntyneet työkokeilun aikana',
      reassessment: null,
      agreedActions: 'Työpäivä alkaa klo 9, viikoittainen palaveri',
      openedBy: COACH_USER,
      closedAt: null,
    });
    walk.checkPointId = period.checkPoints![0].id;

    const updated = await coach.ok(UpdateCheckPointDocument, {
      input: {
        checkPointId: walk.checkPointId,
        reassessment: 'Työtaidot riittävät; uni- ja vuorokausirytmi syynä poissaoloihin',
        agreedActions: 'Työpäivä alkaa klo 9, viikoittainen palaveri, ohjaus terveydenhoitajalle',
      },
    });
    expect(updated.updateCheckPoint.checkPoint).toEqual({
      id: walk.checkPointId,
      difficulty: 'Aamupoissaolot lisääntyneet työkokeilun aikana',
      reassessment: 'Työtaidot riittävät; uni- ja vuorokausirytmi syynä poissaoloihin',
      agreedActions: 'Työpäivä alkaa klo 9, viikoittainen palaveri, ohjaus terveydenhoitajalle',
    });

    const back = (await movePeriod({ to: 'COACHING', note: 'Poissaolot loppuneet' })).changePeriodPhase.coachingPeriod;
    expect(back.phase).toBe('COACHING');
    expect(back.checkPoints).toHaveLength(1);
    const [closed] = back.checkPoints!;
    expect(closed.closedAt).not.toBeNull();
    expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(Date.parse(closed.openedAt));
    expect(await periodHistory()).toEqual([
      [null, 'INITIAL_MAPPING'],
      ['INITIAL_MAPPING', 'PRE_COACHING'],
      ['PRE_COACHING', 'COACHING'],
      ['COACHING', 'CHECK_POINT'],
      ['CHECK_POINT', 'COACHING'],
    ]);
  });

  it('9. a second capacity assessment shows the change per dimension', async () => {
    const { recordCapacityAssessment } = await careerAgent.ok(RecordCapacityAssessmentDocument, {
      input: {
        periodId: walk.periodId,
        instrumentId: setup.instrumentId,
        assessedOn: SECOND_ASSESSMENT,
        summary: 'Check pointin jälkeen jaksaminen ja työtaidot parantuneet',
        scores: scores({ p1: 4, p2: 4, ps1: 3, s1: 3, s2: 3, s3: 3, w1: 4, w2: 5 }),
      },
    });
    walk.secondAssessmentId = recordCapacityAssessment.capacityAssessment.id;
    expect(recordCapacityAssessment.capacityAssessment.assessorId).toBe(AGENT_USER);

    const { capacityChange } = await coach.ok(CapacityChangeDocument, {
      fromAssessmentId: walk.firstAssessmentId,
      toAssessmentId: walk.secondAssessmentId,
    });
    // SOCIAL: 7/3 → 9/3, change 2/3 from the unrounded means.
    expect(capacityChange).toEqual([
      { dimensionCode: 'PHYSICAL', from: 2.5, to: 4, change: 1.5 },
      { dimensionCode: 'PSYCHOLOGICAL', from: 2, to: 3, change: 1 },
      { dimensionCode: 'SOCIAL', from: 2.33, to: 3, change: 0.67 },
      { dimensionCode: 'WORK_SKILLS', from: 2.5, to: 4.5, change: 2 },
    ]);
    // The other way round the changes flip sign.
    const reversed = await coach.ok(CapacityChangeDocument, { fromAssessmentId: walk.secondAssessmentId, toAssessmentId: walk.firstAssessmentId });
    expect(reversed.capacityChange.map((c) => c.change)).toEqual([-1.5, -1, -0.67, -2]);

    const { capacityAssessments } = await coach.ok(CapacityAssessmentsDocument, { periodId: walk.periodId });
    expect(capacityAssessments.map((a) => [a.id, a.assessedOn])).toEqual([
      [walk.firstAssessmentId, FIRST_ASSESSMENT],
      [walk.secondAssessmentId, SECOND_ASSESSMENT],
    ]);
    expect((await picture()).latestCapacityAssessment).toEqual({ id: walk.secondAssessmentId, assessedOn: SECOND_ASSESSMENT });
  });

  it('10. competence from the work order is recorded, demonstrated and verified; another stays in practice', async () => {
    const recorded = (
      await coach.ok(RecordCompetenceDocument, {
        input: {
          traineeId: walk.traineeId,
          periodId: walk.periodId,
          requirementId: setup.requirement['1'],
          taskId: setup.taskId,
          workOrderId: walk.workOrderId,
          evidence: 'Kunnosti Länsi-Porin koulun piha-alueen itsenäisesti; yksikkö vahvisti 18 tuntia',
        },
      })
    ).recordCompetence.competenceRecord;
    expect(recorded).toMatchObject({
      traineeId: walk.traineeId,
      periodId: walk.periodId,
      qualificationExternalId: 'peruste-3397',
      diaryNumber: 'OPH-2590-2017',
      unitExternalId: 'osa-kiinteistonhoito',
      requirementCode: '1',
      requirementText: 'hoitaa piha- ja viheralueita',
      taskId: setup.taskId,
      workOrderId: walk.workOrderId,
      state: 'PRACTISING',
      demonstratedAt: null,
      verifiedAt: null,
    });
    walk.verifiedRecordId = recorded.id;

    const demonstrated = (await coach.ok(MarkCompetenceDemonstratedDocument, { input: { id: recorded.id } })).markCompetenceDemonstrated
      .competenceRecord;
    expect(demonstrated.state).toBe('DEMONSTRATED');
    expect(demonstrated.demonstratedAt).not.toBeNull();
    const verified = (await coach.ok(VerifyCompetenceDocument, { input: { id: recorded.id } })).verifyCompetence.competenceRecord;
    expect(verified).toMatchObject({ state: 'VERIFIED', verifiedBy: COACH_USER, demonstratedAt: demonstrated.demonstratedAt });
    expect(verified.verifiedAt).not.toBeNull();
    expect(verified.history.map((h) => [h.fromState, h.toState, h.actorId])).toEqual([
      [null, 'PRACTISING', COACH_USER],
      ['PRACTISING', 'DEMONSTRATED', COACH_USER],
      ['DEMONSTRATED', 'VERIFIED', COACH_USER],
    ]);

    const machines = await coach.ok(RecordCompetenceDocument, {
      input: {
        traineeId: walk.traineeId,
        periodId: walk.periodId,
        requirementId: setup.requirement['2'],
        evidence: 'Harjoittelee ruohonleikkurin käyttöä ohjattuna',
      },
    });
    walk.practisingRecordId = machines.recordCompetence.competenceRecord.id;
    expect(machines.recordCompetence.competenceRecord).toMatchObject({ state: 'PRACTISING', requirementCode: '2', taskId: null, workOrderId: null });

    const trainee = await picture();
    expect(trainee.verifiedCompetenceCount).toBe(1);
    expect(trainee.competenceRecords!.map((r) => [r.id, r.state])).toEqual([
      [walk.verifiedRecordId, 'VERIFIED'],
      [walk.practisingRecordId, 'PRACTISING'],
    ]);
  });

  it('11. the final summary is started, written, finalised once complete, and read-only afterwards', async () => {
    const started = (await coach.ok(StartFinalSummaryDocument, { input: { periodId: walk.periodId } })).startFinalSummary.finalSummary;
    expect(started).toMatchObject({ periodId: walk.periodId, state: 'DRAFT', recommendations: [], capacityStatement: null, finalisedAt: null });
    walk.summaryId = started.id;

    const content = {
      capacityStatement: 'Jaksaa 6 tunnin työpäivät neljänä päivänä viikossa, kun työ alkaa klo 9.',
      competenceSummary: 'Kiinteistönhoito: piha- ja viheralueiden hoito todennettu; koneiden käyttö harjoitteluvaiheessa.',
      recommendations: ['Työterveyshuollon tarkastus ennen palkkatuettua työtä', 'Kiinteistönhoidon tutkinnon osa oppisopimuksella'],
    };
    const draft = (await careerAgent.ok(UpdateFinalSummaryDocument, { input: { id: walk.summaryId, ...content } })).updateFinalSummary.finalSummary;
    expect(draft).toMatchObject({ ...content, state: 'DRAFT', continuationPlan: null });

    const incomplete = await coach.request(FinaliseFinalSummaryDocument, { input: { id: walk.summaryId } });
    expect(refusal(incomplete)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FINAL_SUMMARY_INCOMPLETE' });
    expect(refusal(incomplete)?.details).toEqual({ missingFields: ['continuationPlan'] });

    const plan = {
      continuationPlan: 'Palkkatuettu työsuhde Satakunnan Kiinteistöhuolto Oy:ssä työkokeilun jatkoksi; ura-agentti tukee kolme kuukautta.',
      unitRepresentative: 'Pekka Hakala, Kiinteistöpalvelut',
    };
    await careerAgent.ok(UpdateFinalSummaryDocument, { input: { id: walk.summaryId, ...plan } });
    const finalised = (await coach.ok(FinaliseFinalSummaryDocument, { input: { id: walk.summaryId } })).finaliseFinalSummary.finalSummary;
    expect(finalised).toMatchObject({ ...content, ...plan, state: 'FINAL', finalisedBy: COACH_USER });
    expect(Number.isFinite(Date.parse(finalised.finalisedAt!))).toBe(true);

    const lateEdit = await careerAgent.request(UpdateFinalSummaryDocument, {
      input: { id: walk.summaryId, continuationPlan: 'Muutettu jälkikäteen' },
    });
    expect(refusal(lateEdit)).toMatchObject({ code: 'CONFLICT', reason: 'FINAL_SUMMARY_IS_FINAL' });
    const read = (await server.ok(FinalSummaryOfPeriodDocument, { periodId: walk.periodId })).finalSummary;
    expect(read).toMatchObject({ id: walk.summaryId, ...content, ...plan, state: 'FINAL', finalisedAt: finalised.finalisedAt });
    expect(read?.history.map((h) => [h.fromState, h.toState, h.actorId, h.actorRole])).toEqual([
      [null, 'DRAFT', COACH_USER, 'COACH'],
      ['DRAFT', 'FINAL', COACH_USER, 'COACH'],
    ]);
  });

  it('12. the period ends: the referral closes, the coach’s place frees up and the period takes no new placements', async () => {
    const tooSoon = await careerAgent.request(RecordOutcomeDocument, {
      input: { periodId: walk.periodId, checkpoint: 'AT_END', type: 'EMPLOYED_WAGE_SUBSIDY', observedOn: PERIOD_END },
    });
    expect(refusal(tooSoon)).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_NOT_ENDED', details: { phase: 'COACHING' } });

    const ended = (await movePeriod({ to: 'ENDED', endDate: PERIOD_END, note: 'Työllistyi palkkatuella' })).changePeriodPhase.coachingPeriod;
    expect(ended).toMatchObject({ phase: 'ENDED', endDate: PERIOD_END, plannedEndDate: PLANNED_END });

    const referral = (await server.ok(ReferralByIdDocument, { id: walk.referralId })).referral;
    expect(referral.state).toBe('CLOSED');
    expect(referral.history.map((h) => [h.fromState, h.toState, h.actorId])).toEqual([
      [null, 'RECEIVED', CASE_MANAGER_USER],
      ['RECEIVED', 'ACCEPTED', COACH_USER],
      ['ACCEPTED', 'CLOSED', COACH_USER],
    ]);
    expect(await coachOccupancy()).toBe(0);

    const lateTrial = await careerAgent.request(CreatePlacementDocument, {
      input: { periodId: walk.periodId, kind: 'ON_THE_JOB_COACHING', workUnitId: setup.workUnitId, startDate: PERIOD_START, endDate: PERIOD_START },
    });
    expect(refusal(lateTrial)).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_NOT_ACTIVE', details: { phase: 'ENDED' } });
    // The work trial had its own end date, within the period: ending the period leaves it as it was.
    expect((await server.ok(PlacementByIdDocument, { id: walk.placementId })).placement.endDate).toBe(TRIAL_END);

    // Both follow-ups are now on the warning list (the database holds only this trainee).
    const due = await server.ok(FollowUpsDueDocument, { before: today, first: 10 });
    expect(due.followUpsDue.edges.map((e) => [e.node.period.id, e.node.checkpoint, e.node.dueDate, e.node.trainee.id])).toEqual([
      [walk.periodId, 'FOLLOW_UP_3_MONTHS', FOLLOW_UP_3_DUE, walk.traineeId],
      [walk.periodId, 'FOLLOW_UP_6_MONTHS', FOLLOW_UP_6_DUE, walk.traineeId],
    ]);
    expect(due.followUpsDue.edges[0].node.period.finalSummary?.state).toBe('FINAL');
  });

  it('13. the outcome at the end is recorded once and counts in the statistics; the period moves to FOLLOW_UP', async () => {
    const atEnd = (
      await careerAgent.ok(RecordOutcomeDocument, {
        input: {
          periodId: walk.periodId,
          checkpoint: 'AT_END',
          type: 'EMPLOYED_WAGE_SUBSIDY',
          observedOn: PERIOD_END,
          note: 'Palkkatuki 50 %, 6 kk, Satakunnan Kiinteistöhuolto Oy',
        },
      })
    ).recordOutcome.outcome;
    expect(atEnd).toMatchObject({
      periodId: walk.periodId,
      traineeId: walk.traineeId,
      checkpoint: 'AT_END',
      type: 'EMPLOYED_WAGE_SUBSIDY',
      recordedBy: AGENT_USER,
    });
    const twice = await careerAgent.request(RecordOutcomeDocument, {
      input: { periodId: walk.periodId, checkpoint: 'AT_END', type: 'STUDYING', observedOn: PERIOD_END },
    });
    expect(refusal(twice)).toMatchObject({ code: 'CONFLICT', reason: 'OUTCOME_ALREADY_RECORDED' });

    const followUp = (await movePeriod({ to: 'FOLLOW_UP', note: 'Tuki jatkuu työpaikalla' })).changePeriodPhase.coachingPeriod;
    expect(followUp).toMatchObject({ phase: 'FOLLOW_UP', endDate: PERIOD_END });

    const endMonth = PERIOD_END.slice(0, 7);
    const { outcomeStatistics } = await server.ok(OutcomeStatisticsDocument, { from: `${endMonth}-01`, to: `${endMonth}-28` });
    expect(outcomeStatistics).toMatchObject({ periodsEnded: 1, withOutcome: 1, employedOrStudying: 1, share: 1 });
    expect(outcomeStatistics.byType.find((t) => t.type === 'EMPLOYED_WAGE_SUBSIDY')?.count).toBe(1);
  });

  it('14. follow-ups are accepted from their due dates at 3 and 6 months and leave the warning list', async () => {
    const early = await careerAgent.request(RecordOutcomeDocument, {
      input: { periodId: walk.periodId, checkpoint: 'FOLLOW_UP_3_MONTHS', type: 'EMPLOYED_WAGE_SUBSIDY', observedOn: addDays(FOLLOW_UP_3_DUE, -1) },
    });
    expect(refusal(early)).toMatchObject({
      code: 'CONFLICT',
      reason: 'FOLLOW_UP_NOT_DUE',
      details: { dueDate: FOLLOW_UP_3_DUE, checkpoint: 'FOLLOW_UP_3_MONTHS' },
    });

    const threeMonths = await careerAgent.ok(RecordOutcomeDocument, {
      input: { periodId: walk.periodId, checkpoint: 'FOLLOW_UP_3_MONTHS', type: 'EMPLOYED_WAGE_SUBSIDY', observedOn: addDays(FOLLOW_UP_3_DUE, 4) },
    });
    expect(threeMonths.recordOutcome.outcome).toMatchObject({ checkpoint: 'FOLLOW_UP_3_MONTHS', observedOn: addDays(FOLLOW_UP_3_DUE, 4) });
    const stillDue = await server.ok(FollowUpsDueDocument, { before: today, first: 10 });
    expect(stillDue.followUpsDue.edges.map((e) => e.node.checkpoint)).toEqual(['FOLLOW_UP_6_MONTHS']);

    await careerAgent.ok(RecordOutcomeDocument, {
      input: {
        periodId: walk.periodId,
        checkpoint: 'FOLLOW_UP_6_MONTHS',
        type: 'EMPLOYED_OPEN_MARKET',
        observedOn: FOLLOW_UP_6_DUE,
        note: 'Palkkatuen jälkeen toistaiseksi voimassa oleva työsuhde',
      },
    });
    const none = await server.ok(FollowUpsDueDocument, { before: today, first: 10 });
    expect(none.followUpsDue.totalCount).toBe(0);

    const { outcomes } = await server.ok(OutcomesOfPeriodDocument, { periodId: walk.periodId });
    expect(outcomes.map((o) => [o.checkpoint, o.type, o.observedOn, o.recordedBy])).toEqual([
      ['AT_END', 'EMPLOYED_WAGE_SUBSIDY', PERIOD_END, AGENT_USER],
      ['FOLLOW_UP_3_MONTHS', 'EMPLOYED_WAGE_SUBSIDY', addDays(FOLLOW_UP_3_DUE, 4), AGENT_USER],
      ['FOLLOW_UP_6_MONTHS', 'EMPLOYED_OPEN_MARKET', FOLLOW_UP_6_DUE, AGENT_USER],
    ]);
    // Follow-ups do not change the end-of-period figures.
    const endMonth = PERIOD_END.slice(0, 7);
    const { outcomeStatistics } = await server.ok(OutcomeStatisticsDocument, { from: `${endMonth}-01`, to: `${endMonth}-28` });
    expect(outcomeStatistics).toMatchObject({ periodsEnded: 1, withOutcome: 1, employedOrStudying: 1 });
  });

  it('15. read back, the trainee shows the whole path', async () => {
    const trainee = await picture();
    expect(trainee).toMatchObject({
      id: walk.traineeId,
      firstName: 'Janne',
      lastName: 'Mäkinen',
      birthYear: 1987,
      municipalityCode: '609',
      workLevel: 2,
      verifiedCompetenceCount: 1,
      employmentArea: { id: setup.areaId, name: 'Porin seudun työllisyysalue' },
      currentPeriod: { id: walk.periodId, phase: 'FOLLOW_UP' },
      currentPlacement: { id: walk.placementId },
      latestCapacityAssessment: { id: walk.secondAssessmentId, assessedOn: SECOND_ASSESSMENT },
    });

    expect(trainee.referrals).toEqual([
      {
        id: walk.referralId,
        state: 'CLOSED',
        history: [
          { fromState: null, toState: 'RECEIVED', actorRole: 'CASE_MANAGER' },
          { fromState: 'RECEIVED', toState: 'ACCEPTED', actorRole: 'COACH' },
          { fromState: 'ACCEPTED', toState: 'CLOSED', actorRole: 'COACH' },
        ],
      },
    ]);

    expect(trainee.periods).toHaveLength(1);
    const [period] = trainee.periods!;
    expect(period).toMatchObject({
      id: walk.periodId,
      phase: 'FOLLOW_UP',
      referralId: walk.referralId,
      serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
      participationBasis: 'CAREER_COACHING',
      startDate: PERIOD_START,
      plannedEndDate: PLANNED_END,
      endDate: PERIOD_END,
      coachId: setup.coachId,
      careerAgentId: setup.careerAgentId,
    });
    expect(period.history!.map((h) => [h.fromState, h.toState])).toEqual([
      [null, 'INITIAL_MAPPING'],
      ['INITIAL_MAPPING', 'PRE_COACHING'],
      ['PRE_COACHING', 'COACHING'],
      ['COACHING', 'CHECK_POINT'],
      ['CHECK_POINT', 'COACHING'],
      ['COACHING', 'ENDED'],
      ['ENDED', 'FOLLOW_UP'],
    ]);
    expect(period.history!.every((h) => h.actorId === COACH_USER && h.actorRole === 'COACH')).toBe(true);
    expect(period.history![5].reason).toBe('Työllistyi palkkatuella');

    expect(period.checkPoints).toHaveLength(1);
    expect(period.checkPoints![0]).toMatchObject({
      id: walk.checkPointId,
      reassessment: 'Työtaidot riittävät; uni- ja vuorokausirytmi syynä poissaoloihin',
    });
    expect(period.checkPoints![0].closedAt).not.toBeNull();

    expect(period.placements).toEqual([
      {
        id: walk.placementId,
        kind: 'WORK_TRIAL',
        startDate: TRIAL_START,
        endDate: TRIAL_END,
        partnerCompany: { id: setup.companyId, name: 'Satakunnan Kiinteistöhuolto Oy' },
        workUnit: null,
      },
    ]);
    expect(trainee.placements!.map((p) => p.id)).toEqual([walk.placementId]);

    expect(period.finalSummary).toMatchObject({ id: walk.summaryId, state: 'FINAL', finalisedBy: COACH_USER });
    expect(period.finalSummary?.recommendations).toHaveLength(2);
    expect(period.outcomes!.map((o) => [o.checkpoint, o.type])).toEqual([
      ['AT_END', 'EMPLOYED_WAGE_SUBSIDY'],
      ['FOLLOW_UP_3_MONTHS', 'EMPLOYED_WAGE_SUBSIDY'],
      ['FOLLOW_UP_6_MONTHS', 'EMPLOYED_OPEN_MARKET'],
    ]);

    expect(trainee.competenceRecords).toEqual([
      {
        id: walk.verifiedRecordId,
        state: 'VERIFIED',
        unitExternalId: 'osa-kiinteistonhoito',
        requirementCode: '1',
        taskId: setup.taskId,
        workOrderId: walk.workOrderId,
      },
      {
        id: walk.practisingRecordId,
        state: 'PRACTISING',
        unitExternalId: 'osa-kiinteistonhoito',
        requirementCode: '2',
        taskId: null,
        workOrderId: null,
      },
    ]);
    expect(trainee.workOrderAssignments).toEqual([
      {
        id: walk.assignmentId,
        startDate: ORDER_START,
        endDate: ORDER_END,
        workOrder: { id: walk.workOrderId, state: 'COMPLETED', unitRating: 5, confirmedHours: 18 },
      },
    ]);
  });
  it('16. the access log answers "who has processed my data": every role that read or wrote, one row per request', async () => {
    const entries: AccessLogQuery['accessLog']['edges'][number]['node'][] = [];
    let after: string | null = null;
    do {
      const page: AccessLogQuery = await server.ok(AccessLogDocument, { filter: { traineeId: walk.traineeId }, first: 100, after });
      entries.push(...page.accessLog.edges.map((e) => e.node));
      after = page.accessLog.pageInfo.hasNextPage ? page.accessLog.pageInfo.endCursor : null;
    } while (after);

    const byUser = (user: string, kind: string) => entries.filter((e) => e.userId === user && e.kind === kind);
    // The case manager's referral, the coach's and career agent's daily work, the unit lead's feedback.
    expect(byUser(CASE_MANAGER_USER, 'READ').length).toBeGreaterThan(0);
    expect(byUser(COACH_USER, 'READ').length).toBeGreaterThan(5);
    expect(byUser(AGENT_USER, 'READ').length + byUser(AGENT_USER, 'WRITE').length).toBeGreaterThan(0);
    const coachWrites = byUser(COACH_USER, 'WRITE').flatMap((e) => e.fields);
    expect(coachWrites).toEqual(
      expect.arrayContaining([
        'Mutation.changePeriodPhase',
        'Mutation.recordCapacityAssessment',
        'Mutation.verifyCompetence',
        'Mutation.finaliseFinalSummary',
      ]),
    );
    expect(entries.find((e) => e.userId === COACH_USER)?.role).toBe('COACH');
    // One row per request, trainee and kind: fields are gathered, not logged one by one.
    const keys = entries.map((e) => `${e.requestId}:${e.kind}:${e.userId}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Names of fields, never values.
    expect(entries.flatMap((e) => e.fields).every((f) => /^(Mutation\.[a-zA-Z]+|[A-Z][A-Za-z]+\.[a-zA-Z]+)$/.test(f))).toBe(true);
  });
});
