import { ATTENDANCE_REPORT_JOB } from '../src/modules/attendance/attendance.jobs';
import { QUALIFICATION_IMPORT_JOB } from '../src/modules/competence/qualification-import.jobs';
import { POLL_JOB, SWEEP_JOB } from '../src/modules/integration/integration.jobs';
import { DELIVERY_JOB } from '../src/modules/integration/outbox';
import { KEY_ROTATION_JOB, RETENTION_JOB } from '../src/modules/privacy/privacy.jobs';
import { loadConfig } from '../src/platform/config';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The pg-boss job runner as the server starts it when JOBS_ENABLED: queues and daily schedules
 * exist, the start-up rotation job runs, a retention job sent now runs, and stop() stops it all.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { JOBS_ENABLED: 'true' } });
});

afterAll(async () => {
  await server?.stop();
});

async function waitForJob(name: string, id: string) {
  const boss = server.app.jobs!.boss;
  for (let i = 0; i < 100; i++) {
    const job = await boss.getJobById<object>(name, id, { includeArchive: true });
    if (job && ['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${name} ${id} did not finish`);
}

it('JOBS_ENABLED defaults to on, except under NODE_ENV=test', () => {
  expect(loadConfig({ NODE_ENV: 'development' }).jobsEnabled).toBe(true);
  expect(loadConfig({ NODE_ENV: 'test' }).jobsEnabled).toBe(false);
  expect(loadConfig({ NODE_ENV: 'test', JOBS_ENABLED: 'true' }).jobsEnabled).toBe(true);
  expect(loadConfig({ NODE_ENV: 'development', JOBS_ENABLED: 'false' }).jobsEnabled).toBe(false);
  expect(loadConfig({}).RETENTION_YEARS).toBe(10);
  expect(() => loadConfig({ RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS/);
});

it('creates the queues and the daily schedules in Finnish time', async () => {
  const boss = server.app.jobs!.boss;
  const queues = await boss.getQueues();
  expect(
    queues
      .filter((q) => [RETENTION_JOB, KEY_ROTATION_JOB].includes(q.name))
      .map((q) => [q.name, q.policy])
      .sort(),
  ).toEqual([
    [KEY_ROTATION_JOB, 'stately'],
    [RETENTION_JOB, 'stately'],
  ]);
  const schedules = await boss.getSchedules();
  expect(schedules.map((s) => ({ name: s.name, cron: s.cron, tz: s.options?.tz })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
    { name: ATTENDANCE_REPORT_JOB, cron: '45 3 * * *', tz: 'Europe/Helsinki' },
    { name: KEY_ROTATION_JOB, cron: '15 2 * * *', tz: 'Europe/Helsinki' },
    { name: RETENTION_JOB, cron: '30 2 * * *', tz: 'Europe/Helsinki' },
    { name: QUALIFICATION_IMPORT_JOB, cron: '45 3 * * 0', tz: 'Europe/Helsinki' },
  ]);
  // Queues that a job left active by a killed instance must not block: no one-at-a-time policy.
  expect(queues.filter((q) => [DELIVERY_JOB, POLL_JOB, SWEEP_JOB].includes(q.name)).map((q) => q.policy)).toEqual([
    'standard',
    'standard',
    'standard',
  ]);
  expect(schedules.find((s) => s.name === KEY_ROTATION_JOB)!.data).toEqual({ expectedKeyId: server.config.keyRing.currentKeyId });
});

it('runs a retention job sent now and stores its report as the output', async () => {
  const id = await server.app.jobs!.send(RETENTION_JOB);
  expect(id).toEqual(expect.any(String));
  const job = await waitForJob(RETENTION_JOB, id!);
  expect(job.state).toBe('completed');
  expect(job.output).toMatchObject({ dryRun: false, retentionYears: 10, trainees: 0, remaining: 0 });
});

it('ran the identity-key rotation once at start-up', async () => {
  const [row] = await server.app.dataSource.query(
    `SELECT id FROM pgboss.job WHERE name = $1 UNION ALL SELECT id FROM pgboss.archive WHERE name = $1 LIMIT 1`,
    [KEY_ROTATION_JOB],
  );
  const job = await waitForJob(KEY_ROTATION_JOB, row.id);
  expect(job.state).toBe('completed');
  expect(job.output).toMatchObject({ currentKeyId: server.config.keyRing.currentKeyId, rotated: 0, remainingByKey: {} });
});
