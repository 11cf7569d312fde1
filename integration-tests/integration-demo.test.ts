import { Role } from '../src/platform/auth/actor';
import { IntegrationSummaryDocument, SubmitSubsidyApplicationDocument, SubsidyApplicationDocument } from './generated/graphql';
import { eventually } from './support/eventually';
import { startTestServer, TestServer } from './support/test-server';

/**
 * What `npm start` shows with no configuration: the in-process simulators of the employment area
 * and the wage-subsidy authority, over the demo data. (Here with short intervals; the defaults
 * are a referral a minute and decisions within half a minute.)
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    seedDemoData: true,
    env: {
      JOBS_ENABLED: 'true',
      INTEGRATIONS: JSON.stringify({
        default: { employmentArea: { adapter: 'simulator' }, wageSubsidy: { adapter: 'simulator' } },
        simulator: { referralsEveryMs: 300, initialReferrals: 2, decisionDelayMs: [100, 300] },
      }),
      INTEGRATION_POLL_SECONDS: '0.5',
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

it('shows referrals arriving from the employment area and a decision coming back for a submitted application', async () => {
  expect(server.app.simulators.employmentArea).toBeDefined();
  const [{ organisation_id: poriId }] = await server.sql<{ organisation_id: string }>(`SELECT organisation_id FROM subsidy_application LIMIT 1`);
  const simulated = () =>
    server.sql<{ external_id: string; state: string }>(
      `SELECT r.external_id, r.state FROM referral r JOIN trainee t ON t.id = r.trainee_id WHERE t.organisation_id = $1 AND r.external_id LIKE 'OHJ-%'`,
      [poriId],
    );
  const arrived = await eventually(async () => {
    const rows = await simulated();
    return rows.length >= 3 ? rows : undefined;
  });
  expect(arrived.every((row) => row.state === 'RECEIVED')).toBe(true);
  expect(new Set(arrived.map((row) => row.external_id)).size).toBe(arrived.length);

  // The demo's ADMIN of Pori submits a drafted application; the authority decides it.
  const [draft] = await server.sql<{ id: string; organisation_id: string }>(
    `SELECT id, organisation_id FROM subsidy_application WHERE state = 'DRAFT' ORDER BY id LIMIT 1`,
  );
  const admin = await server.as({ role: Role.ADMIN, organisationId: draft.organisation_id });
  expect((await admin.request(SubmitSubsidyApplicationDocument, { input: { applicationId: draft.id } })).errors).toBeUndefined();
  const decided = await eventually(async () => {
    const application = (await admin.ok(SubsidyApplicationDocument, { id: draft.id })).subsidyApplication;
    return application.state === 'DECIDED' ? application : undefined;
  });
  expect(decided.decision).toMatchObject({ authority: expect.any(String), outcome: expect.stringMatching(/GRANTED|PARTLY_GRANTED|DENIED/) });

  // The status view shows what the demo holds: delivered messages and its dead letters.
  const summary = (await admin.ok(IntegrationSummaryDocument, {})).integrationSummary;
  expect(summary).toContainEqual(expect.objectContaining({ system: 'WAGE_SUBSIDY', status: 'DELIVERED' }));
  expect(summary).toContainEqual(expect.objectContaining({ system: 'EMPLOYMENT_AREA', status: 'FAILED' }));
});
