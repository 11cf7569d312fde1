import type { InboundReferral } from '../src/integrations/employment-area/employment-area.port';
import { RunningEmploymentAreaSimulator, startEmploymentAreaSimulator } from '../src/integrations/employment-area/employment-area.simulator';
import { signWebhook } from '../src/integrations/shared/webhook-signature';
import { ParticipationBasis, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { addDays, addMonths } from '../src/modules/shared/calendar';
import {
  CreateDepartmentDocument,
  CreateWorkUnitDocument,
  DraftSubsidyApplicationDocument,
  ReferralSetupEmploymentAreaDocument,
  SubmitSubsidyApplicationDocument,
  SubsidyApplicationDocument,
} from './generated/graphql';
import { eventually } from './support/eventually';
import { insertCoachingPeriod, insertTrainee, nextIdentityCode } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

const SECRET = 'webhook-secret-of-the-employment-area';
const ROTATED = 'the-next-webhook-secret-being-rotated-in';
let server: TestServer;
let employmentArea: RunningEmploymentAreaSimulator;
let sequence = 0;

beforeAll(async () => {
  employmentArea = await startEmploymentAreaSimulator({ seed: 21 });
  const pushOnly = (baseUrl: string) => ({ adapter: 'http', baseUrl, poll: false, webhookSecrets: [SECRET, ROTATED] });
  server = await startTestServer({
    env: { INTEGRATIONS: JSON.stringify({ default: { employmentArea: pushOnly(employmentArea.url), wageSubsidy: pushOnly(employmentArea.url) } }) },
  });
  await server.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Pori', municipalityCodes: ['609'] } });
});

afterAll(async () => {
  await server?.stop();
  await employmentArea?.stop();
});

const nowSeconds = () => Math.floor(server.clock.now().getTime() / 1000);
const webhookUrl = (system = 'employment-area', organisationId = server.organisationId) =>
  `${server.baseUrl}/integrations/${organisationId}/${system}/webhook`;

function referral(): InboundReferral {
  sequence += 1;
  return {
    externalId: `WH-${sequence}`,
    sentAt: server.clock.now().toISOString(),
    person: { identityCode: nextIdentityCode(), firstName: 'Webhook', lastName: `Henkilö ${sequence}` },
    serviceForm: ServiceForm.TOWARDS_WORK_AND_EDUCATION,
    participationBasis: ParticipationBasis.WORK_TRIAL,
  };
}

async function push(body: string, signature: string | null, url = webhookUrl()) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'polku-signature': signature }) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { results?: string[]; error?: string } };
}

const events = (type: string, ...data: unknown[]) => JSON.stringify({ events: data.map((d, i) => ({ id: `evt-${sequence}-${i}`, type, data: d })) });
const referralCount = async (externalId: string) =>
  (await server.sql<{ n: number }>('SELECT count(*)::int AS n FROM referral WHERE external_id = $1', [externalId]))[0].n;

describe('webhook pushes', () => {
  it('applies a signed push once; the same request again is a replay, a fresh delivery of it a duplicate', async () => {
    const sent = referral();
    const body = events('referral.created', sent);
    const signature = signWebhook(SECRET, body, nowSeconds());
    expect(await push(body, signature)).toEqual({ status: 200, body: { results: ['applied'] } });
    expect(await referralCount(sent.externalId)).toBe(1);

    expect(await push(body, signature)).toEqual({ status: 409, body: { error: 'REPLAY' } });
    expect(await push(body, signWebhook(SECRET, body, nowSeconds() + 1))).toEqual({ status: 200, body: { results: ['duplicate'] } });
    expect(await referralCount(sent.externalId)).toBe(1);
  });

  it('refuses stale, future, unsigned, tampered and wrongly signed pushes, and takes the secret being rotated in', async () => {
    const sent = referral();
    const body = events('referral.created', sent);
    expect(await push(body, signWebhook(SECRET, body, nowSeconds() - 301))).toEqual({ status: 401, body: { error: 'STALE' } });
    expect(await push(body, signWebhook(SECRET, body, nowSeconds() + 301))).toEqual({ status: 401, body: { error: 'STALE' } });
    expect(await push(body, null)).toEqual({ status: 401, body: { error: 'MISSING' } });
    expect(await push(body, 'v1=abc')).toMatchObject({ status: 401 });
    expect(await push(body, signWebhook('someone-else-entirely-secret', body, nowSeconds()))).toEqual({
      status: 401,
      body: { error: 'BAD_SIGNATURE' },
    });
    const signature = signWebhook(SECRET, body, nowSeconds());
    expect(await push(body.replace('Webhook', 'Hyökkääjä'), signature)).toEqual({ status: 401, body: { error: 'BAD_SIGNATURE' } });
    expect(await push(body, signature, webhookUrl('payroll'))).toMatchObject({ status: 401 });
    expect(await push(body, signature, webhookUrl('employment-area', 'not-an-id'))).toMatchObject({ status: 401 });
    expect(await referralCount(sent.externalId)).toBe(0);

    expect(await push(body, signWebhook(ROTATED, body, nowSeconds()))).toEqual({ status: 200, body: { results: ['applied'] } });
    expect(await referralCount(sent.externalId)).toBe(1);
  });

  it('answers 400 to a signed body that is not a list of events, and records a malformed event as refused', async () => {
    const notJson = 'not json';
    expect(await push(notJson, signWebhook(SECRET, notJson, nowSeconds()))).toEqual({ status: 400, body: { error: 'MALFORMED' } });
    const empty = JSON.stringify({ events: [] });
    expect(await push(empty, signWebhook(SECRET, empty, nowSeconds()))).toEqual({ status: 400, body: { error: 'MALFORMED' } });
    const bad = { ...referral(), person: { identityCode: '\u0000', firstName: '', lastName: 'x' } };
    const body = events('referral.created', bad);
    expect(await push(body, signWebhook(SECRET, body, nowSeconds()))).toEqual({ status: 200, body: { results: ['refused'] } });
    const [row] = await server.sql<{ result: string; refusal: string }>(
      "SELECT result, refusal FROM inbound_message WHERE external_id LIKE '%' || $1",
      [bad.externalId],
    );
    expect(row).toEqual({ result: 'REFUSED', refusal: 'MALFORMED' });
    expect(await referralCount(bad.externalId)).toBe(0);
  });

  it('takes a decision pushed by the wage-subsidy authority into the same handler as polling', async () => {
    const department = await server.ok(CreateDepartmentDocument, {
      input: { code: 'VAPA', name: { fi: 'Vapaa-aika', sv: 'Fritid', en: 'Leisure' } },
    });
    const unitId = (
      await server.ok(CreateWorkUnitDocument, { input: { departmentId: department.createDepartment.department.id, name: 'Uimahalli' } })
    ).createWorkUnit.workUnit.id;
    const trainee = await insertTrainee(server);
    const period = await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      participationBasis: ParticipationBasis.EMPLOYMENT,
      serviceForm: ServiceForm.COACHING_EMPLOYMENT,
    });
    const start = addDays(server.today(), 10);
    const draft = await server.ok(DraftSubsidyApplicationDocument, {
      input: {
        periodId: period.id,
        workUnitId: unitId,
        hoursPerWeek: 37.5,
        monthlyPayCents: 230000,
        requestedTypeCode: 'PALKKATUKI_50',
        requestedStart: start,
        requestedEnd: addMonths(start, 6),
      },
    });
    const id = draft.draftSubsidyApplication.application.id;
    await server.ok(SubmitSubsidyApplicationDocument, { input: { applicationId: id } });
    const decision = {
      decisionId: `PT-WH-${id.slice(0, 6)}`,
      applicationId: id,
      authority: 'Porin seudun työllisyysalue',
      outcome: 'PARTLY_GRANTED',
      percent: 50,
      subsidyTypeCode: 'PALKKATUKI_50',
      startDate: start,
      endDate: addMonths(start, 4),
      monthlyCapCents: 140000,
      denialReason: null,
      decidedOn: server.today(),
    };
    // Values PostgreSQL could not store (a day that does not exist, a lone surrogate) are refused at the boundary.
    const impossible = events(
      'decision.made',
      { ...decision, decisionId: `${decision.decisionId}-X`, endDate: '2027-02-31' },
      { ...decision, decisionId: `${decision.decisionId}-Y`, authority: 'Pori \ud800' },
    );
    expect(await push(impossible, signWebhook(SECRET, impossible, nowSeconds()), webhookUrl('wage-subsidy'))).toEqual({
      status: 200,
      body: { results: ['refused', 'refused'] },
    });
    expect((await server.ok(SubsidyApplicationDocument, { id })).subsidyApplication.state).toBe('SUBMITTED');

    const body = events('decision.made', decision, decision);
    expect(await push(body, signWebhook(SECRET, body, nowSeconds()), webhookUrl('wage-subsidy'))).toEqual({
      status: 200,
      body: { results: ['applied', 'duplicate'] },
    });
    const application = (await server.ok(SubsidyApplicationDocument, { id })).subsidyApplication;
    expect(application).toMatchObject({ state: 'DECIDED', decision: { outcome: 'PARTLY_GRANTED', endDate: addMonths(start, 4) } });
    // A decision is not a referral: the wrong stream refuses it.
    expect((await push(body, signWebhook(SECRET, body, nowSeconds() + 2))).body.results).toEqual(['refused', 'refused']);
  });

  it('stores every referral the simulator pushes exactly once, with duplicate and reordered deliveries', async () => {
    const pushing = await startEmploymentAreaSimulator({
      seed: 22,
      referralIdPrefix: 'PUSH-',
      faults: { duplicateRate: 0.5, outOfOrder: true },
      webhook: { url: webhookUrl(), secret: SECRET, clock: () => server.clock.now(), retry: { initialMs: 20, maxMs: 200 } },
    });
    try {
      const sent = pushing.generateReferrals(12);
      await pushing.webhookIdle();
      const stored = await eventually(async () => {
        const rows = await server.sql<{ external_id: string }>(
          "SELECT external_id FROM referral WHERE external_id LIKE 'PUSH-%' ORDER BY external_id",
        );
        return rows.length >= 12 ? rows : undefined;
      });
      expect(stored.map((r) => r.external_id)).toEqual(sent.map((r) => r.externalId).sort());
      const [{ deliveries }] = await server.sql<{ deliveries: number }>(
        "SELECT sum(deliveries)::int AS deliveries FROM inbound_message WHERE external_id LIKE '%:PUSH-%'",
      );
      expect(deliveries).toBeGreaterThan(12);
      // The simulator pushed more events than there are referrals (repeats), all acknowledged.
      expect(pushing.stats().webhook).toMatchObject({ eventsDelivered: deliveries, failedAttempts: 0, pending: 0 });
    } finally {
      await pushing.stop();
    }
  });
});
