import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { addDays } from '../src/modules/shared/calendar';
import {
  ChangePeriodPhaseDocument,
  CoachingPeriodByIdDocument,
  CreateDepartmentDocument,
  CreatePlacementDocument,
  CreateWorkUnitDocument,
  UpdateCheckPointDocument,
} from './generated/graphql';
import { insertCoachingPeriod } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

/** Ending a period must refuse dates that would leave its placements inconsistent, never fail with a 500. */
let server: TestServer;
let unitId: string;

beforeAll(async () => {
  server = await startTestServer();
  const department = await server.ok(CreateDepartmentDocument, { input: { code: 'VAPA', name: { fi: 'Vapaa-aika', sv: 'Fritid', en: 'Leisure' } } });
  unitId = (await server.ok(CreateWorkUnitDocument, { input: { departmentId: department.createDepartment.department.id, name: 'Uimahalli' } }))
    .createWorkUnit.workUnit.id;
});

afterAll(async () => {
  await server?.stop();
});

const end = (periodId: string, endDate: string) => server.request(ChangePeriodPhaseDocument, { input: { periodId, to: 'ENDED', endDate } });

it('refuses an end date before an open placement starts, or in the future, and changes nothing', async () => {
  const period = await insertCoachingPeriod(server, { startDate: '2025-01-01', phase: PeriodPhase.COACHING });
  await server.ok(CreatePlacementDocument, {
    input: { periodId: period.id, kind: 'ON_THE_JOB_COACHING', workUnitId: unitId, startDate: '2025-03-01' },
  });

  const early = await end(period.id, '2025-02-01');
  expect(early.errors?.[0].extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    reason: 'PLACEMENT_AFTER_END',
    fields: [expect.objectContaining({ path: 'input.endDate' })],
  });

  const future = await end(period.id, addDays(server.today(), 1));
  expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_IN_FUTURE' });

  const unchanged = await server.ok(CoachingPeriodByIdDocument, { id: period.id });
  expect(unchanged.coachingPeriod).toMatchObject({ phase: 'COACHING', endDate: null });

  const ended = await end(period.id, '2025-06-30');
  expect(ended.errors).toBeUndefined();
  const [placement] = await server.app.dataSource.query('SELECT end_date::text AS end_date FROM placement WHERE period_id = $1', [period.id]);
  expect(placement.end_date).toBe('2025-06-30');
});

it('keeps a closed check point as it was', async () => {
  const period = await insertCoachingPeriod(server, { phase: PeriodPhase.COACHING });
  const opened = await server.ok(ChangePeriodPhaseDocument, {
    input: { periodId: period.id, to: 'CHECK_POINT', checkPoint: { difficulty: 'Poissaoloja', agreedActions: 'Aamupalaveri' } },
  });
  const checkPointId = opened.changePeriodPhase.coachingPeriod.checkPoints![0].id;
  await server.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'COACHING' } });
  const edit = await server.request(UpdateCheckPointDocument, { input: { checkPointId, agreedActions: 'muutettu' } });
  expect(edit.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CHECK_POINT_CLOSED' });
  const [row] = await server.app.dataSource.query('SELECT agreed_actions FROM check_point WHERE id = $1', [checkPointId]);
  expect(row.agreed_actions).toBe('Aamupalaveri');
});
