import type { InboundDecision } from '../src/integrations/wage-subsidy/wage-subsidy.port';
import { ParticipationBasis, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { addDays, addMonths } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import {
  AnnounceSubsidisedPositionDocument,
  CreateDepartmentDocument,
  CreatePartnerCompanyDocument,
  CreatePlacementDocument,
  CreateWorkUnitDocument,
  DraftSubsidyApplicationDocument,
  type DraftSubsidyApplicationInput,
  SubmitSubsidyApplicationDocument,
  SubsidisedPositionsDocument,
  SubsidyApplicationDocument,
  SubsidyApplicationsDocument,
  UpdatePlacementDocument,
  WithdrawSubsidyApplicationDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { businessId, createStaffMember, insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
let unitId: string;
let otherUnitId: string;
let companyId: string;

beforeAll(async () => {
  server = await startTestServer();
  const department = await server.ok(CreateDepartmentDocument, { input: { code: 'TEKN', name: { fi: 'Tekninen', sv: 'Teknisk', en: 'Technical' } } });
  const departmentId = department.createDepartment.department.id;
  const unit = async (name: string) => (await server.ok(CreateWorkUnitDocument, { input: { departmentId, name } })).createWorkUnit.workUnit.id;
  [unitId, otherUnitId] = [await unit('Kiinteistöhuolto'), await unit('Puistot')];
  companyId = (await server.ok(CreatePartnerCompanyDocument, { input: { name: 'Satakunnan Siivous Oy', businessId: businessId(7654321) } }))
    .createPartnerCompany.partnerCompany.id;
});

afterAll(async () => {
  await server?.stop();
});

async function employmentPeriod(identityCode?: string) {
  const trainee = await insertTrainee(server, identityCode ? { identityCode } : {});
  return insertCoachingPeriod(server, {
    traineeId: trainee.id,
    serviceForm: ServiceForm.COACHING_EMPLOYMENT,
    participationBasis: ParticipationBasis.EMPLOYMENT,
    startDate: addMonths(server.today(), -2),
  });
}

const draftInput = (periodId: string, extra: Partial<DraftSubsidyApplicationInput> = {}): DraftSubsidyApplicationInput => ({
  periodId,
  workUnitId: unitId,
  hoursPerWeek: 30,
  monthlyPayCents: 210000,
  requestedTypeCode: 'PALKKATUKI_50',
  requestedStart: addDays(server.today(), 14),
  requestedEnd: addDays(addMonths(server.today(), 6), 13),
  ...extra,
});

async function submitted(extra: Partial<DraftSubsidyApplicationInput> = {}) {
  const period = await employmentPeriod();
  const draft = await server.ok(DraftSubsidyApplicationDocument, { input: draftInput(period.id, extra) });
  const id = draft.draftSubsidyApplication.application.id;
  await server.ok(SubmitSubsidyApplicationDocument, { input: { applicationId: id } });
  return { period, id };
}

function decision(applicationId: string, extra: Partial<InboundDecision> = {}): InboundDecision {
  return {
    decisionId: `PT-${applicationId.slice(0, 8)}`,
    applicationId,
    authority: 'Porin seudun työllisyysalue',
    outcome: 'GRANTED',
    percent: 50,
    subsidyTypeCode: 'PALKKATUKI_50',
    startDate: addDays(server.today(), 14),
    endDate: addDays(addMonths(server.today(), 6), 13),
    monthlyCapCents: 140000,
    denialReason: null,
    decidedOn: addDays(server.today(), 7),
    ...extra,
  };
}

const outbox = (subjectId: string) =>
  server.sql<{ kind: string; status: string; system: string }>('SELECT kind, status, system FROM outbox_message WHERE subject_id = $1', [subjectId]);

describe('drafting and submitting an application', () => {
  it('drafts, submits with the message to the authority in the same transaction, and keeps the history', async () => {
    const period = await employmentPeriod();
    const draft = (await server.ok(DraftSubsidyApplicationDocument, { input: draftInput(period.id) })).draftSubsidyApplication.application;
    expect(draft).toMatchObject({ state: 'DRAFT', traineeId: period.traineeId, requestedPercent: 50, submittedAt: null, decision: null });
    expect(await outbox(draft.id)).toEqual([]);

    const sent = (await server.ok(SubmitSubsidyApplicationDocument, { input: { applicationId: draft.id } })).submitSubsidyApplication.application;
    expect(sent.state).toBe('SUBMITTED');
    expect(await outbox(draft.id)).toEqual([{ kind: 'SUBSIDY_APPLICATION', status: 'PENDING', system: 'WAGE_SUBSIDY' }]);
    // The identity code travels in the message, sealed: nothing readable is stored.
    const [row] = await server.sql<{ payload: Buffer }>('SELECT payload_ciphertext AS payload FROM outbox_message WHERE subject_id = $1', [draft.id]);
    expect(row.payload.toString('latin1')).not.toMatch(/SUBSIDY_APPLICATION|PALKKATUKI|Testi/);

    const again = await server.request(SubmitSubsidyApplicationDocument, { input: { applicationId: draft.id } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_APPLICATION_TRANSITION' });
    expect(await outbox(draft.id)).toHaveLength(1);

    const read = (await server.ok(SubsidyApplicationDocument, { id: draft.id })).subsidyApplication;
    expect(read.history.map((h) => [h.fromState, h.toState])).toEqual([
      [null, 'DRAFT'],
      ['DRAFT', 'SUBMITTED'],
    ]);
  });

  it('names the wrong field for every refused draft, and stores nothing', async () => {
    const period = await employmentPeriod();
    const before = (await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM subsidy_application'))[0].n;
    const cases: Array<[Partial<DraftSubsidyApplicationInput>, string, string[]]> = [
      [{ workUnitId: null }, 'EMPLOYER_REQUIRED', ['input.workUnitId', 'input.partnerCompanyId']],
      [{ partnerCompanyId: companyId }, 'EMPLOYER_REQUIRED', ['input.workUnitId', 'input.partnerCompanyId']],
      [{ requestedTypeCode: 'KEKSITTY' }, 'UNKNOWN_SUBSIDY_TYPE', ['input.requestedTypeCode']],
      [{ requestedEnd: addMonths(addDays(server.today(), 14), 10) }, 'SUBSIDY_TOO_LONG', ['input.requestedEnd']],
      [{ requestedTypeCode: 'TYOLLISTAMISTUKI_55' }, 'SUBSIDY_AGE_NOT_REACHED', ['input.requestedTypeCode']],
      [{ requestedEnd: server.today() }, 'INVALID_RANGE', ['input.requestedEnd']],
      [{ requestedStart: '2026-02-30' }, 'INVALID_VARIABLE', ['$input.requestedStart']],
    ];
    for (const [change, reason, fields] of cases) {
      const response = await server.request(DraftSubsidyApplicationDocument, { input: draftInput(period.id, change) });
      expect([errorOf(response)?.reason, paths(errorOf(response))]).toEqual([reason, fields]);
    }
    const hostile = await server.request(DraftSubsidyApplicationDocument, { input: draftInput(period.id, { hoursPerWeek: 400 }) });
    expect(errorOf(hostile)?.code).toBe('BAD_USER_INPUT');
    expect((await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM subsidy_application'))[0].n).toBe(before);
  });

  it('gives the 55+ subsidy to a person who is 55 when the employment starts, and not the day before', async () => {
    // Born 55 years before the requested start, to the day.
    const start = addDays(server.today(), 14);
    const [y, m, d] = start.split('-');
    const digits = `${d}${m}${String(Number(y) - 55).slice(2)}`;
    const individual = '321';
    const identityCode = `${digits}-${individual}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(digits + individual) % 31]}`;
    const period = await employmentPeriod(identityCode);
    const input = draftInput(period.id, { requestedTypeCode: 'TYOLLISTAMISTUKI_55', requestedEnd: addMonths(start, 20) });
    const early = await server.request(DraftSubsidyApplicationDocument, { input: { ...input, requestedStart: addDays(start, -1) } });
    expect(errorOf(early)?.reason).toBe('SUBSIDY_AGE_NOT_REACHED');
    const response = await server.ok(DraftSubsidyApplicationDocument, { input });
    expect(response.draftSubsidyApplication.application).toMatchObject({ requestedTypeCode: 'TYOLLISTAMISTUKI_55', requestedPercent: 70 });
  });

  it('withdraws a draft or a submitted application with a reason, never a decided one', async () => {
    const { id } = await submitted();
    const withdrawn = await server.ok(WithdrawSubsidyApplicationDocument, { input: { applicationId: id, reason: 'Työnantaja perui' } });
    expect(withdrawn.withdrawSubsidyApplication.application).toMatchObject({ state: 'WITHDRAWN', withdrawalReason: 'Työnantaja perui' });
    const decided = await submitted();
    expect(await server.app.services.inbound.receiveDecision(server.organisationId, decision(decided.id))).toBe('applied');
    const refused = await server.request(WithdrawSubsidyApplicationDocument, { input: { applicationId: decided.id, reason: 'Myöhässä' } });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_APPLICATION_TRANSITION' });
  });
});

describe('decisions from the authority', () => {
  it('records a decision once, however often it arrives, and refuses one for an application not waiting for it', async () => {
    const { id } = await submitted();
    const inbound = server.app.services.inbound;
    expect(await inbound.receiveDecision(server.organisationId, decision(id))).toBe('applied');
    expect(await inbound.receiveDecision(server.organisationId, decision(id))).toBe('duplicate');
    // A second, different decision for the same application is refused: one application, one decision.
    expect(await inbound.receiveDecision(server.organisationId, decision(id, { decisionId: 'PT-OTHER', outcome: 'DENIED' }))).toBe('refused');
    const read = (await server.ok(SubsidyApplicationDocument, { id })).subsidyApplication;
    expect(read.state).toBe('DECIDED');
    expect(read.decision).toMatchObject({ outcome: 'GRANTED', percent: 50, monthlyCapCents: 140000, decisionId: `PT-${id.slice(0, 8)}` });
    expect(read.history.at(-1)).toMatchObject({ fromState: 'SUBMITTED', toState: 'DECIDED' });
    const rows = await server.sql<{ deliveries: number; result: string; refusal: string | null }>(
      "SELECT deliveries, result, refusal FROM inbound_message WHERE kind = 'DECISION' AND external_id = ANY($1) ORDER BY created_at",
      [[`Porin seudun työllisyysalue:PT-${id.slice(0, 8)}`, 'Porin seudun työllisyysalue:PT-OTHER']],
    );
    expect(rows).toEqual([
      { deliveries: 2, result: 'APPLIED', refusal: null },
      { deliveries: 1, result: 'REFUSED', refusal: 'APPLICATION_ALREADY_DECIDED' },
    ]);

    const period = await employmentPeriod();
    const draft = (await server.ok(DraftSubsidyApplicationDocument, { input: draftInput(period.id) })).draftSubsidyApplication.application;
    expect(await inbound.receiveDecision(server.organisationId, decision(draft.id))).toBe('refused');
    expect(await inbound.receiveDecision(server.organisationId, decision('00000000-0000-4000-8000-000000000000'))).toBe('refused');
    expect(await inbound.receiveDecision(server.organisationId, { ...decision(draft.id), percent: 'lots' } as never)).toBe('refused');
    expect(await inbound.receiveDecision(await server.createOrganisation(), decision(id, { decisionId: 'PT-ELSEWHERE' }))).toBe('refused');
    expect((await server.ok(SubsidyApplicationDocument, { id: draft.id })).subsidyApplication.state).toBe('DRAFT');
  });
});

describe('a subsidised employment stays within its decision', () => {
  async function decided(extra: Partial<InboundDecision> = {}) {
    const application = await submitted();
    await server.app.services.inbound.receiveDecision(server.organisationId, decision(application.id, extra));
    return application;
  }
  const employ = (periodId: string, subsidyApplicationId: string, startDate: string, endDate: string | null, workUnitId = unitId) =>
    server.request(CreatePlacementDocument, { input: { periodId, kind: 'EMPLOYMENT', workUnitId, subsidyApplicationId, startDate, endDate } });

  it('accepts the decided period from the decision day on, and refuses a start before the decision or outside the period', async () => {
    const { period, id } = await decided();
    const decidedOn = addDays(server.today(), 7);
    const start = addDays(server.today(), 14);
    const end = addDays(addMonths(server.today(), 6), 13);
    expect(errorOf(await employ(period.id, id, addDays(start, -1), end))).toMatchObject({ reason: 'EMPLOYMENT_OUTSIDE_DECISION' });
    expect(errorOf(await employ(period.id, id, start, addDays(end, 1)))).toMatchObject({
      reason: 'EMPLOYMENT_OUTSIDE_DECISION',
      fields: [{ path: 'input.endDate' }],
    });
    expect(errorOf(await employ(period.id, id, start, null))).toMatchObject({ reason: 'EMPLOYMENT_OUTSIDE_DECISION' });
    expect(errorOf(await employ(period.id, id, start, end, otherUnitId))).toMatchObject({ reason: 'APPLICATION_OF_ANOTHER_TRAINEE' });
    const placed = await employ(period.id, id, start, end);
    expect(placed.data?.createPlacement.placement).toMatchObject({ kind: 'EMPLOYMENT', subsidyApplicationId: id, startDate: start, endDate: end });

    // Moving its dates later is held to the same rule.
    const moved = await server.request(UpdatePlacementDocument, {
      input: { placementId: placed.data!.createPlacement.placement.id, endDate: addDays(end, 30) },
    });
    expect(errorOf(moved)).toMatchObject({ reason: 'EMPLOYMENT_OUTSIDE_DECISION' });

    // Decided after the decided period began: the employment still cannot start before the decision.
    const late = await decided({ startDate: server.today(), decidedOn });
    expect(errorOf(await employ(late.period.id, late.id, addDays(decidedOn, -1), end))).toMatchObject({
      reason: 'EMPLOYMENT_BEFORE_DECISION',
      fields: [{ path: 'input.startDate' }],
    });
    expect((await employ(late.period.id, late.id, decidedOn, end)).errors).toBeUndefined();
  });

  it('refuses an employment on an undecided or denied application, or another trainee’s', async () => {
    const waiting = await submitted();
    expect(errorOf(await employ(waiting.period.id, waiting.id, addDays(server.today(), 20), addDays(server.today(), 40)))).toMatchObject({
      code: 'CONFLICT',
      reason: 'APPLICATION_NOT_GRANTED',
    });
    const denied = await decided({
      outcome: 'DENIED',
      percent: null,
      startDate: null,
      endDate: null,
      monthlyCapCents: null,
      denialReason: 'ei edellytyksiä',
    });
    expect(errorOf(await employ(denied.period.id, denied.id, addDays(server.today(), 20), addDays(server.today(), 40)))).toMatchObject({
      reason: 'APPLICATION_NOT_GRANTED',
    });
    const granted = await decided();
    const other = await employmentPeriod();
    expect(errorOf(await employ(other.id, granted.id, addDays(server.today(), 20), addDays(server.today(), 40)))).toMatchObject({
      reason: 'APPLICATION_OF_ANOTHER_TRAINEE',
    });
    const trial = await server.request(CreatePlacementDocument, {
      input: {
        periodId: granted.period.id,
        kind: 'WORK_TRIAL',
        workUnitId: unitId,
        subsidyApplicationId: granted.id,
        startDate: addDays(server.today(), 20),
        endDate: addDays(server.today(), 40),
      },
    });
    expect(errorOf(trial)).toMatchObject({ reason: 'SUBSIDY_ONLY_FOR_EMPLOYMENT' });
  });
});

describe('who may draft and read applications', () => {
  it('lets the person’s own coach draft and read, and keeps others and unit leads out', async () => {
    const coachId = await createStaffMember(server, 'COACH');
    const trainee = await insertTrainee(server);
    const period = await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      coachId,
      serviceForm: ServiceForm.COACHING_EMPLOYMENT,
      participationBasis: ParticipationBasis.EMPLOYMENT,
    });
    const coach = await server.as({ role: Role.COACH, organisationId: server.organisationId, staffId: coachId });
    const drafted = await coach.request(DraftSubsidyApplicationDocument, { input: draftInput(period.id) });
    expect(drafted.errors).toBeUndefined();
    const id = drafted.data!.draftSubsidyApplication.application.id;
    expect((await coach.ok(SubsidyApplicationsDocument, {})).subsidyApplications.edges.map((e) => e.node.id)).toEqual([id]);
    // Drafting and reading the application are in the person's access log, with who did it.
    const logged = await server.sql<{ kind: string; fields: string[]; user_id: string }>(
      'SELECT kind, fields, user_id FROM access_log_entry WHERE trainee_id = $1 ORDER BY at',
      [trainee.id],
    );
    expect(logged.map((row) => [row.kind, row.user_id])).toEqual([
      ['WRITE', coach.userId],
      ['READ', coach.userId],
      ['READ', coach.userId],
    ]);
    expect(logged[0].fields).toEqual(['Mutation.draftSubsidyApplication']);
    expect(logged[1].fields).toEqual(expect.arrayContaining(['SubsidyApplication.monthlyPayCents']));

    const otherCoach = await server.as({
      role: Role.COACH,
      organisationId: server.organisationId,
      staffId: await createStaffMember(server, 'COACH'),
    });
    // The person is on their roster, not theirs to act for.
    expect(errorOf(await otherCoach.request(SubmitSubsidyApplicationDocument, { input: { applicationId: id } }))?.code).toBe('FORBIDDEN');
    expect(errorOf(await otherCoach.request(SubsidyApplicationDocument, { id }))?.code).toBe('FORBIDDEN');
    expect((await otherCoach.ok(SubsidyApplicationsDocument, {})).subsidyApplications.totalCount).toBe(0);

    const unitLead = await server.as({ role: Role.UNIT_LEAD, organisationId: server.organisationId, unitId });
    expect(errorOf(await unitLead.request(DraftSubsidyApplicationDocument, { input: draftInput(period.id) }))?.code).toBe('FORBIDDEN');
    expect(errorOf(await unitLead.request(SubsidyApplicationsDocument, {}))?.code).toBe('FORBIDDEN');

    // A unit lead announces positions for their own unit only.
    const announce = (workUnitId: string) =>
      unitLead.request(AnnounceSubsidisedPositionDocument, {
        input: { workUnitId, title: 'Kiinteistönhoitaja', hoursPerWeek: 30, tailored: false, availableFrom: server.today() },
      });
    expect((await announce(unitId)).data?.announceSubsidisedPosition.position).toMatchObject({ state: 'OPEN', workUnitId: unitId });
    expect(errorOf(await announce(otherUnitId))?.code).toBe('NOT_FOUND');
    expect((await coach.ok(SubsidisedPositionsDocument, {})).subsidisedPositions.edges.map((e) => e.node.title)).toContain('Kiinteistönhoitaja');

    // Another organisation's ADMIN sees none of it.
    const stranger = await server.as({ role: Role.ADMIN, organisationId: await server.createOrganisation() });
    expect(errorOf(await stranger.request(SubsidyApplicationDocument, { id }))?.code).toBe('NOT_FOUND');
    expect((await stranger.ok(SubsidisedPositionsDocument, {})).subsidisedPositions.totalCount).toBe(0);
  });
});
