import { RunningEmploymentAreaSimulator, startEmploymentAreaSimulator } from '../src/integrations/employment-area/employment-area.simulator';
import { RunningWageSubsidySimulator, startWageSubsidySimulator } from '../src/integrations/wage-subsidy/wage-subsidy.simulator';
import { ParticipationBasis, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { IntegrationSystem } from '../src/modules/integration/integration.entities';
import { addDays, addMonths } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import {
  AcceptReferralDocument,
  CreateDepartmentDocument,
  CreateWorkUnitDocument,
  DraftSubsidyApplicationDocument,
  IntegrationMessagesDocument,
  IntegrationSummaryDocument,
  ReferralSetupCaseManagerDocument,
  ReferralSetupEmploymentAreaDocument,
  RejectReferralDocument,
  RetryIntegrationMessageDocument,
  SubmitSubsidyApplicationDocument,
  SubsidyApplicationDocument,
} from './generated/graphql';
import { errorOf } from './support/errors';
import { eventually } from './support/eventually';
import { insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
let employmentArea: RunningEmploymentAreaSimulator;
let wageSubsidy: RunningWageSubsidySimulator;
let unitId: string;

const connection = (baseUrl: string) => ({
  adapter: 'http',
  baseUrl,
  timeoutMs: 5000,
  maxAttempts: 2,
  backoff: { initialMs: 10, maxMs: 50 },
  breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 1000 },
  poll: true,
});

beforeAll(async () => {
  employmentArea = await startEmploymentAreaSimulator({ seed: 11, caseManagerEmails: ['case.manager@pori.example'] });
  wageSubsidy = await startWageSubsidySimulator({ seed: 12, decisionDelayMs: [50, 200] });
  server = await startTestServer({
    env: {
      JOBS_ENABLED: 'true',
      INTEGRATIONS: JSON.stringify({ default: { employmentArea: connection(employmentArea.url), wageSubsidy: connection(wageSubsidy.url) } }),
      INTEGRATION_POLL_SECONDS: '1',
      INTEGRATION_MAX_ATTEMPTS: '3',
      INTEGRATION_RETRY_INITIAL_MS: '100',
      INTEGRATION_RETRY_MAX_MS: '400',
    },
  });
  const area = await server.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Pori', municipalityCodes: ['609'] } });
  await server.ok(ReferralSetupCaseManagerDocument, {
    input: { employmentAreaId: area.createEmploymentArea.employmentArea.id, name: 'Kaisa Käsittelijä', email: 'case.manager@pori.example' },
  });
  const department = await server.ok(CreateDepartmentDocument, { input: { code: 'TEKN', name: { fi: 'Tekninen', sv: 'Teknisk', en: 'Technical' } } });
  unitId = (await server.ok(CreateWorkUnitDocument, { input: { departmentId: department.createDepartment.department.id, name: 'Varikko' } }))
    .createWorkUnit.workUnit.id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await employmentArea?.stop();
  await wageSubsidy?.stop();
});

const referralRows = () =>
  server.sql<{ external_id: string; case_manager_id: string | null; state: string }>(
    'SELECT external_id, case_manager_id, state FROM referral ORDER BY external_id',
  );

async function delivered(subjectId: string) {
  return eventually(
    async () => {
      const data = await server.ok(IntegrationMessagesDocument, { filter: { subjectId } });
      const node = data.integrationMessages.edges[0]?.node;
      return node?.status === 'DELIVERED' ? node : undefined;
    },
    { what: `delivery of the message about ${subjectId}` },
  );
}

describe('referrals in, decisions out', () => {
  it('stores each polled referral once, the person and the case manager found or created, and delivers the decision', async () => {
    const sent = employmentArea.generateReferrals(4);
    const rows = await eventually(async () => {
      const rows = await referralRows();
      return rows.length === 4 ? rows : undefined;
    });
    expect(rows.map((r) => r.external_id)).toEqual(sent.map((r) => r.externalId).sort());
    expect(rows.every((r) => r.state === 'RECEIVED')).toBe(true);
    // The case manager is found by e-mail among the area's; a referral without one has none.
    const withManager = sent.filter((r) => r.caseManagerEmail === 'case.manager@pori.example').length;
    expect(withManager).toBeGreaterThan(0);
    expect(rows.filter((r) => r.case_manager_id !== null)).toHaveLength(withManager);
    const [trainees] = await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM trainee');
    expect(trainees.n).toBe(4);

    // Served again (the simulator repeats a batch): nothing doubles.
    employmentArea.setFaults({ duplicateRate: 1 });
    employmentArea.generateReferrals(1);
    await eventually(async () => ((await referralRows()).length === 5 ? true : undefined));
    await eventually(async () => (employmentArea.stats().referrals.servedAgain > 0 ? true : undefined), { what: 'a repeated batch' });
    employmentArea.setFaults({ duplicateRate: 0 });
    expect(await referralRows()).toHaveLength(5);
    const [{ repeats }] = await server.sql<{ repeats: number }>(
      "SELECT coalesce(sum(deliveries - 1), 0)::int AS repeats FROM inbound_message WHERE kind = 'REFERRAL'",
    );
    expect(repeats).toBeGreaterThan(0);

    const [referral] = await server.sql<{ id: string; external_id: string }>('SELECT id, external_id FROM referral ORDER BY external_id LIMIT 1');
    await server.ok(AcceptReferralDocument, { input: { referralId: referral.id } });
    const message = await delivered(referral.id);
    expect(message).toMatchObject({ system: 'EMPLOYMENT_AREA', kind: 'REFERRAL_DECISION', attempts: 1, lastError: null });
    expect(employmentArea.stats().decidedReferralIds).toContain(referral.external_id);
    expect(employmentArea.stats().messages.REFERRAL_DECISION.applied).toBe(1);
  });
});

describe('wage-subsidy applications out, decisions in', () => {
  it('submits through the outbox and takes the decision the authority makes', async () => {
    const trainee = await insertTrainee(server);
    const period = await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      serviceForm: ServiceForm.COACHING_EMPLOYMENT,
      participationBasis: ParticipationBasis.EMPLOYMENT,
    });
    const draft = await server.ok(DraftSubsidyApplicationDocument, {
      input: {
        periodId: period.id,
        workUnitId: unitId,
        hoursPerWeek: 30,
        monthlyPayCents: 200000,
        requestedTypeCode: 'PALKKATUKI_70',
        requestedStart: addDays(server.today(), 20),
        requestedEnd: addMonths(server.today(), 8),
      },
    });
    const id = draft.draftSubsidyApplication.application.id;
    await server.ok(SubmitSubsidyApplicationDocument, { input: { applicationId: id } });
    await delivered(id);
    const decided = await eventually(async () => {
      const application = (await server.ok(SubsidyApplicationDocument, { id })).subsidyApplication;
      return application.state === 'DECIDED' ? application : undefined;
    });
    const made = wageSubsidy.decisions().find((d) => d.applicationId === id)!;
    expect(decided.decision).toMatchObject({
      decisionId: made.decisionId,
      outcome: made.outcome,
      authority: made.authority,
      decidedOn: made.decidedOn,
    });
    expect(wageSubsidy.stats().applications.applied).toBe(1);
  });
});

describe('dead letters', () => {
  it('ends a message that keeps failing as FAILED with its last error, shows it to ADMIN only, and sends it again on request', async () => {
    const [referral] = await server.sql<{ id: string }>("SELECT id FROM referral WHERE state = 'RECEIVED' ORDER BY external_id LIMIT 1");
    employmentArea.setFaults({ errorRate: 1 });
    await server.ok(RejectReferralDocument, { input: { referralId: referral.id, reason: 'Ei sovi palveluun' } });
    const failed = await eventually(async () => {
      const node = (await server.ok(IntegrationMessagesDocument, { filter: { subjectId: referral.id } })).integrationMessages.edges[0]?.node;
      return node?.status === 'FAILED' ? node : undefined;
    });
    expect(failed).toMatchObject({ attempts: 3, nextAttemptAt: null, deliveredAt: null });
    expect(failed.lastError).toMatch(/HTTP 50[03]/);
    const summary = (await server.ok(IntegrationSummaryDocument, {})).integrationSummary;
    expect(summary).toContainEqual(expect.objectContaining({ system: 'EMPLOYMENT_AREA', status: 'FAILED', count: 1 }));

    const coach = await server.as({ role: Role.COACH, organisationId: server.organisationId });
    expect(errorOf(await coach.request(IntegrationMessagesDocument, {}))?.code).toBe('FORBIDDEN');
    expect(errorOf(await coach.request(RetryIntegrationMessageDocument, { input: { messageId: failed.id } }))?.code).toBe('FORBIDDEN');
    const otherAdmin = await server.as({ role: Role.ADMIN, organisationId: await server.createOrganisation() });
    expect(errorOf(await otherAdmin.request(RetryIntegrationMessageDocument, { input: { messageId: failed.id } }))?.code).toBe('NOT_FOUND');
    expect((await otherAdmin.ok(IntegrationMessagesDocument, {})).integrationMessages.totalCount).toBe(0);

    employmentArea.setFaults({ errorRate: 0 });
    const retried = await server.ok(RetryIntegrationMessageDocument, { input: { messageId: failed.id } });
    expect(retried.retryIntegrationMessage.message).toMatchObject({ status: 'PENDING', attempts: 0 });
    await delivered(referral.id);
    const again = await server.request(RetryIntegrationMessageDocument, { input: { messageId: failed.id } });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', reason: 'MESSAGE_ALREADY_DELIVERED' });
    const history = await server.sql<{ from_state: string; to_state: string; actor_role: string }>(
      'SELECT from_state, to_state, actor_role FROM state_change WHERE subject_id = $1',
      [failed.id],
    );
    expect(history).toEqual([{ from_state: 'FAILED', to_state: 'PENDING', actor_role: 'ADMIN' }]);
    expect(employmentArea.stats().messages.REFERRAL_DECISION.applied).toBe(2);
  });
});

describe('the lease', () => {
  it('lets one of several tries running at once send a message; the others find it taken', async () => {
    const [period] = await server.sql<{ id: string }>('SELECT id FROM coaching_period LIMIT 1');
    const received = () => employmentArea.stats().messages.OUTCOME.received;
    const before = received();
    const id = await server.app.dataSource.transaction((manager) =>
      server.app.services.outbox.enqueue(manager, {
        organisationId: server.organisationId,
        system: IntegrationSystem.EMPLOYMENT_AREA,
        kind: 'OUTCOME',
        subjectType: 'Outcome',
        subjectId: period?.id ?? '00000000-0000-4000-8000-000000000001',
        idempotencyKey: 'lease-test',
        payload: { kind: 'OUTCOME', referralExternalId: null, periodId: 'p', outcomeId: 'lease-test', outcomeType: 'EMPLOYED', date: server.today() },
      }),
    );
    // Its queued job races these three.
    const results = await Promise.all([1, 2, 3].map(() => server.app.services.integrationDelivery.deliver(id!)));
    expect(results.filter((r) => r === 'delivered').length).toBeLessThanOrEqual(1);
    await delivered(period?.id ?? '00000000-0000-4000-8000-000000000001');
    expect(received() - before).toBe(1);
  });
});
