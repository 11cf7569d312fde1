import { ChildProcess, spawn } from 'node:child_process';

import { print } from 'graphql';

import { RunningEmploymentAreaSimulator, startEmploymentAreaSimulator } from '../src/integrations/employment-area/employment-area.simulator';
import { RunningWageSubsidySimulator, startWageSubsidySimulator } from '../src/integrations/wage-subsidy/wage-subsidy.simulator';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { addDays, addMonths } from '../src/modules/shared/calendar';
import { projectRoot } from '../src/platform/paths';
import { freePort } from '../src/platform/startup';
import {
  CreateDepartmentDocument,
  CreateWorkUnitDocument,
  FinaliseFinalSummaryDocument,
  ReferralSetupCaseManagerDocument,
  ReferralSetupEmploymentAreaDocument,
  SubmitSubsidyApplicationDocument,
} from './generated/graphql';
import { insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The integration layer under faults: both simulators answer 30 % of requests with errors, delay
 * answers up to the adapter's time limit (and beyond it now and then), repeat and reorder what
 * they serve, while Polku — a separate process — is killed with SIGKILL and restarted twice.
 * 1,000 referrals come in, 300 wage-subsidy applications and 50 final summaries go out with the
 * monthly attendance reports. At the end everything exists exactly once on both sides ("at least
 * once, applied once": the simulators count repeats by idempotency key) and nothing is pending.
 */
const REFERRALS = 1000;
const APPLICATIONS = 300;
const SUMMARIES = 50;
const REPORT_PERIODS = 80;
const CORRECTED = 20;
const CONVERGENCE_LIMIT_MS = 200_000;

let setup: TestServer;
let employmentArea: RunningEmploymentAreaSimulator;
let wageSubsidy: RunningWageSubsidySimulator;
let polku: ChildProcess | undefined;
let port: number;
let log = '';

const faults = {
  errorRate: 0.3,
  latencyMs: [0, 900] as [number, number],
  timeoutRate: 0.02,
  timeoutHoldMs: 1500,
  duplicateRate: 0.2,
  outOfOrder: 0.5,
};
const connection = (baseUrl: string) => ({
  adapter: 'http',
  baseUrl,
  timeoutMs: 1000,
  maxAttempts: 3,
  backoff: { initialMs: 50, maxMs: 300 },
  breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 1000 },
  poll: true,
});

async function startPolku(): Promise<void> {
  const child = spawn(process.execPath, ['-r', './scripts/register.js', 'src/main.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: setup.database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'true',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      INTEGRATIONS: JSON.stringify({ default: { employmentArea: connection(employmentArea.url), wageSubsidy: connection(wageSubsidy.url) } }),
      INTEGRATION_POLL_SECONDS: '1',
      INTEGRATION_MAX_ATTEMPTS: '30',
      INTEGRATION_RETRY_INITIAL_MS: '200',
      INTEGRATION_RETRY_MAX_MS: '2000',
      INTEGRATION_LEASE_SECONDS: '8',
    },
  });
  polku = child;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes(`:${port}/graphql`)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`Polku exited (${code ?? signal}) before it started:\n${log.slice(-3000)}`)));
  });
}

function killPolku(): Promise<void> {
  const child = polku!;
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A GraphQL write as a client would send it: again after a dropped connection or a 5xx, until the server answers. */
async function send(
  document: Parameters<typeof print>[0],
  variables: object,
): Promise<{ errors?: Array<{ extensions?: { code?: string; reason?: string } }> }> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.token}` },
        body: JSON.stringify({ query: print(document), variables }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status < 500) return (await response.json()) as never;
    } catch {
      // The server is down (killed on purpose): the client tries again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Done when applied now, or when an earlier try was applied before the answer was lost (the state moved on). */
const applied = (response: { errors?: Array<{ extensions?: { code?: string; reason?: string } }> }, alreadyDone: string) =>
  !response.errors || response.errors[0]?.extensions?.reason === alreadyDone;

const count = async (sql: string, params: unknown[] = []) => (await setup.sql<{ n: number }>(sql, params))[0].n;

beforeAll(async () => {
  employmentArea = await startEmploymentAreaSimulator({ seed: 31, faults, caseManagerEmails: ['faults.manager@pori.example'] });
  wageSubsidy = await startWageSubsidySimulator({ seed: 32, faults, decisionDelayMs: [200, 2000] });
  setup = await startTestServer();
  port = await freePort();
  const area = await setup.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Pori', municipalityCodes: ['609'] } });
  await setup.ok(ReferralSetupCaseManagerDocument, {
    input: { employmentAreaId: area.createEmploymentArea.employmentArea.id, name: 'Kaisa Käsittelijä', email: 'faults.manager@pori.example' },
  });
  const department = await setup.ok(CreateDepartmentDocument, { input: { code: 'TEKN', name: { fi: 'Tekninen', sv: 'Teknisk', en: 'Technical' } } });
  const unitId = (await setup.ok(CreateWorkUnitDocument, { input: { departmentId: department.createDepartment.department.id, name: 'Varikko' } }))
    .createWorkUnit.workUnit.id;

  // 300 drafts (people in coaching employment), ready to be submitted while Polku is being killed.
  const start = addDays(setup.today(), 30);
  for (let i = 0; i < APPLICATIONS; i++) {
    const trainee = await insertTrainee(setup);
    const period = await insertCoachingPeriod(setup, {
      traineeId: trainee.id,
      serviceForm: ServiceForm.COACHING_EMPLOYMENT,
      participationBasis: ParticipationBasis.EMPLOYMENT,
    });
    await setup.sql(
      `INSERT INTO subsidy_application (organisation_id, trainee_id, period_id, work_unit_id, hours_per_week, monthly_pay_cents, requested_type_code, requested_percent, requested_start, requested_end)
       VALUES ($1, $2, $3, $4, 30, 210000, 'PALKKATUKI_50', 50, $5, $6)`,
      [setup.organisationId, trainee.id, period.id, unitId, start, addMonths(start, 6)],
    );
  }
  // 50 ended periods with a final summary written and waiting to be finalised.
  for (let i = 0; i < SUMMARIES; i++) {
    const period = await insertCoachingPeriod(setup, { phase: PeriodPhase.ENDED, startDate: '2026-03-02', endDate: '2026-10-30' });
    await setup.sql(
      `INSERT INTO final_summary (period_id, capacity_statement, continuation_plan) VALUES ($1, 'Työkyky riittää kevyeen työhön', 'Työhön')`,
      [period.id],
    );
  }
  // Rehabilitative work in October: the monthly reports, then a correction of some of them.
  const periods: string[] = [];
  for (let i = 0; i < REPORT_PERIODS; i++) {
    const period = await insertCoachingPeriod(setup, { participationBasis: ParticipationBasis.REHABILITATIVE_WORK, startDate: '2026-09-01' });
    periods.push(period.id);
    await setup.sql(
      `INSERT INTO attendance_entry (period_id, trainee_id, date, status, hours)
       SELECT $1, $2, d::date, 'PRESENT', 6 FROM generate_series('2026-10-05'::date, '2026-10-09'::date, '1 day') d`,
      [period.id, period.traineeId],
    );
  }
  await setup.app.services.attendanceReports.run();
  await setup.sql(
    `INSERT INTO attendance_entry (period_id, trainee_id, date, status, hours) SELECT p.id, p.trainee_id, '2026-10-12', 'PRESENT', 6 FROM coaching_period p WHERE p.id = ANY($1)`,
    [periods.slice(0, CORRECTED)],
  );
  await setup.app.services.attendanceReports.run();
}, 240_000);

afterAll(async () => {
  polku?.kill('SIGKILL');
  await setup?.stop();
  await employmentArea?.stop();
  await wageSubsidy?.stop();
});

it('loses and doubles nothing under errors, delays, repeats, reordering and two SIGKILLs', async () => {
  const started = Date.now();
  await startPolku();

  // Referrals arrive in four waves while the writes below go out.
  const waves = (async () => {
    for (let wave = 0; wave < 4; wave++) {
      employmentArea.generateReferrals(REFERRALS / 4);
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }
  })();
  const drafts = await setup.sql<{ id: string }>(`SELECT id FROM subsidy_application WHERE state = 'DRAFT' ORDER BY id`);
  const summaries = await setup.sql<{ id: string }>(`SELECT id FROM final_summary WHERE state = 'DRAFT' ORDER BY id`);
  const writes = (async () => {
    const queue: Array<() => Promise<boolean>> = [
      ...drafts.map(
        ({ id }) =>
          async () =>
            applied(await send(SubmitSubsidyApplicationDocument, { input: { applicationId: id } }), 'ILLEGAL_APPLICATION_TRANSITION'),
      ),
      ...summaries.map(
        ({ id }) =>
          async () =>
            applied(await send(FinaliseFinalSummaryDocument, { input: { id } }), 'FINAL_SUMMARY_IS_FINAL'),
      ),
    ];
    const refused: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let task = queue.shift(); task; task = queue.shift()) if (!(await task())) refused.push(1);
      }),
    );
    return refused.length;
  })();

  // Two crashes in the middle of it all.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  await killPolku();
  await startPolku();
  await new Promise((resolve) => setTimeout(resolve, 6000));
  await killPolku();
  await startPolku();
  const crashedAt = Date.now();

  expect(await writes).toBe(0);
  await waves;

  const reportsExpected = REPORT_PERIODS + CORRECTED;
  const state = async () => ({
    referrals: await count('SELECT count(*)::int AS n FROM referral'),
    decided: await count(`SELECT count(*)::int AS n FROM subsidy_application WHERE state = 'DECIDED'`),
    decisions: await count('SELECT count(*)::int AS n FROM subsidy_decision'),
    notDelivered: await count(`SELECT count(*)::int AS n FROM outbox_message WHERE status <> 'DELIVERED'`),
    applicationsAtAuthority: wageSubsidy.stats().applications.applied,
    summariesAtArea: new Set(employmentArea.stats().finalSummaryIds).size,
    reportsAtArea: new Set(employmentArea.stats().attendanceReports.map((r) => `${r.periodId}:${r.month}:${r.version}`)).size,
  });
  const target = {
    referrals: REFERRALS,
    decided: APPLICATIONS,
    decisions: APPLICATIONS,
    notDelivered: 0,
    applicationsAtAuthority: APPLICATIONS,
    summariesAtArea: SUMMARIES,
    reportsAtArea: reportsExpected,
  };
  let last = await state();
  const timeline: string[] = [];
  while (JSON.stringify(last) !== JSON.stringify(target) && Date.now() - started < CONVERGENCE_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    last = await state();
    if (timeline.length < 400) timeline.push(`${((Date.now() - started) / 1000).toFixed(0)}s ${JSON.stringify(last)}`);
  }
  if (process.env.FAULTS_TIMELINE) console.log(timeline.join('\n'));
  const convergedMs = Date.now() - started;
  expect(last).toEqual(target);

  // Exactly once on our side: one row per referral id and per person, one decision per application.
  expect(await count('SELECT count(DISTINCT external_id)::int AS n FROM referral')).toBe(REFERRALS);
  expect(await count('SELECT count(*)::int AS n FROM trainee WHERE first_name IS NOT NULL')).toBe(
    REFERRALS + APPLICATIONS + SUMMARIES + REPORT_PERIODS,
  );
  expect(await count('SELECT count(DISTINCT application_id)::int AS n FROM subsidy_decision')).toBe(APPLICATIONS);
  expect(await count(`SELECT count(*)::int AS n FROM outbox_message WHERE kind = 'SUBSIDY_APPLICATION'`)).toBe(APPLICATIONS);
  // Applied once at the receivers, whatever reached them twice.
  const area = employmentArea.stats();
  const authority = wageSubsidy.stats();
  expect(area.messages.FINAL_SUMMARY.applied).toBe(SUMMARIES);
  expect(area.messages.ATTENDANCE_REPORT.applied).toBe(reportsExpected);
  expect(authority.decisions.made).toBe(APPLICATIONS);
  const repeats = await count('SELECT coalesce(sum(deliveries - 1), 0)::int AS n FROM inbound_message');
  expect(area.referrals.servedAgain + authority.decisions.fetchedAgain).toBeGreaterThan(0);
  expect(repeats).toBeGreaterThan(0);
  expect(log).not.toMatch(/"level":"(error|fatal)"/);

  console.log(
    [
      `integration faults: converged ${(convergedMs / 1000).toFixed(1)} s after the first start (${((Date.now() - crashedAt) / 1000).toFixed(1)} s after the second restart)`,
      `${REFERRALS} referrals stored once (served again ${area.referrals.servedAgain}, repeats absorbed ${repeats}), ${APPLICATIONS} applications decided once`,
      `authority: ${authority.applications.received} application requests, ${authority.applications.applied} applied, ${authority.applications.duplicates} duplicates; ${authority.decisions.delivered} decision deliveries`,
      `employment area: final summaries ${area.messages.FINAL_SUMMARY.received} received / ${area.messages.FINAL_SUMMARY.applied} applied / ${area.messages.FINAL_SUMMARY.duplicates} duplicates; ` +
        `attendance reports ${area.messages.ATTENDANCE_REPORT.received} / ${area.messages.ATTENDANCE_REPORT.applied} / ${area.messages.ATTENDANCE_REPORT.duplicates}`,
      `faults injected: ${JSON.stringify(area.faults)} / ${JSON.stringify(authority.faults)}`,
    ].join('\n'),
  );
}, 300_000);
