/**
 * Business rules a review found missing, each refused over HTTP with a DomainError naming the
 * input field (or the trainee ids), and each refusal leaving every stored row as it was.
 */
import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { OutcomeCheckpoint } from '../src/modules/outcome/outcome';
import { addDays } from '../src/modules/shared/calendar';
import {
  AcceptWorkOrderDocument,
  AssignTraineeDocument,
  ChangePeriodPhaseDocument,
  CompleteWorkOrderDocument,
  CreateCapacityInstrumentDocument,
  CreateDepartmentDocument,
  CreatePlacementDocument,
  CreateTaskDocument,
  CreateWorkUnitDocument,
  EndPlacementDocument,
  OpenCoachingPeriodDocument,
  RecordCapacityAssessmentDocument,
  RecordOutcomeDocument,
  RequestWorkOrderDocument,
  ScheduleWorkOrderDocument,
  StartWorkOrderDocument,
  UnassignTraineeDocument,
  UpdatePeriodScheduleDocument,
  UpdatePlacementDocument,
  WorkOrderByIdDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { insertCoachingPeriod, insertStaffableTrainee, insertTrainee } from './support/fixtures';
import { startTestServer, TEST_TODAY, TestServer } from './support/test-server';

let server: TestServer;
let unitId: string;
let taskId: string;
let instrumentId: string;
let itemId: string;
const today = TEST_TODAY;
const day = (n: number) => addDays(today, n);
const text = (fi: string) => ({ fi, sv: fi, en: fi });

/** Every row of `table` whose `column` is `value`, as JSON (timestamps included), in id order. */
async function rowsOf(table: string, column: string, value: string): Promise<unknown[]> {
  const rows: Array<{ row: unknown }> = await server.app.dataSource.query(
    `SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${column} = $1 ORDER BY t.id`,
    [value],
  );
  return rows.map((r) => r.row);
}

/** Runs `fn` and checks that the listed rows are exactly as before. */
async function expectUnchanged(selections: Array<[table: string, column: string, value: string]>, fn: () => Promise<void>): Promise<void> {
  const snapshot = () => Promise.all(selections.map(([table, column, value]) => rowsOf(table, column, value)));
  const before = await snapshot();
  await fn();
  expect(await snapshot()).toEqual(before);
}

beforeAll(async () => {
  server = await startTestServer();
  const departmentId = (await server.ok(CreateDepartmentDocument, { input: { code: 'GAPS', name: text('Tekninen') } })).createDepartment.department
    .id;
  unitId = (await server.ok(CreateWorkUnitDocument, { input: { departmentId, name: 'Kiinteistöhuolto' } })).createWorkUnit.workUnit.id;
  taskId = (
    await server.ok(CreateTaskDocument, {
      input: { code: 'GAPS-1', name: text('Haravointi'), field: 'GROUNDS_AND_PROPERTY_CARE' as const, difficultyLevel: 1 },
    })
  ).createTask.task.id;
  const instrument = await server.ok(CreateCapacityInstrumentDocument, {
    input: {
      code: 'GAPS-TTK',
      version: 1,
      name: text('Mittari'),
      dimensions: [{ code: 'PHYSICAL', name: text('Fyysinen'), items: [{ code: 'p1', text: text('Jaksaminen') }] }],
    },
  });
  instrumentId = instrument.createCapacityInstrument.capacityInstrument.id;
  itemId = instrument.createCapacityInstrument.capacityInstrument.dimensions[0].items[0].id;
});

afterAll(async () => {
  await server?.stop();
});

describe('placements of an ended period', () => {
  /** A period opened through the API with one placement, then ended (and possibly moved to follow-up) through the API. */
  async function endedPeriodWithPlacement(followUp: boolean) {
    const trainee = await insertTrainee(server);
    const period = (
      await server.ok(OpenCoachingPeriodDocument, {
        input: {
          traineeId: trainee.id,
          serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
          participationBasis: 'CAREER_COACHING',
          daysPerWeek: 5,
          hoursPerDay: 6,
          startDate: '2024-01-01',
          plannedEndDate: '2024-12-31',
        },
      })
    ).openCoachingPeriod.coachingPeriod;
    const placement = (
      await server.ok(CreatePlacementDocument, {
        input: { periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitId, startDate: '2024-02-01', endDate: '2024-05-31', notes: 'Piha' },
      })
    ).createPlacement.placement;
    await server.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'ENDED', endDate: '2024-06-30' } });
    if (followUp) await server.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'FOLLOW_UP' } });
    return { period, placement };
  }

  it.each([
    ['ENDED', false],
    ['FOLLOW_UP', true],
  ] as const)(
    'refuses updating or ending a placement of a %s period with PERIOD_NOT_ACTIVE, as creating one, and changes nothing',
    async (phase, followUp) => {
      const { period, placement } = await endedPeriodWithPlacement(followUp);
      await expectUnchanged([['placement', 'period_id', period.id]], async () => {
        const attempts = [
          await server.request(CreatePlacementDocument, {
            input: { periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitId, startDate: '2024-06-01', endDate: '2024-06-15' },
          }),
          await server.request(UpdatePlacementDocument, { input: { placementId: placement.id, endDate: '2024-06-15' } }),
          await server.request(UpdatePlacementDocument, { input: { placementId: placement.id, startDate: '2024-01-15' } }),
          await server.request(UpdatePlacementDocument, { input: { placementId: placement.id, notes: 'Korjattu', supervisorName: 'Uusi ohjaaja' } }),
          await server.request(EndPlacementDocument, { input: { placementId: placement.id, endDate: '2024-04-30' } }),
          await server.request(EndPlacementDocument, { input: { placementId: placement.id } }),
        ];
        for (const response of attempts) {
          expect(response.data ?? null).toBeNull();
          expect(errorOf(response)).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_NOT_ACTIVE', details: { phase } });
        }
      });
    },
  );

  it('names input.endDate when only the end date changes and the placement no longer fits the period', async () => {
    const trainee = await insertTrainee(server);
    const period = (
      await server.ok(OpenCoachingPeriodDocument, {
        input: {
          traineeId: trainee.id,
          serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
          participationBasis: 'CAREER_COACHING',
          daysPerWeek: 5,
          hoursPerDay: 6,
          startDate: '2024-01-01',
          plannedEndDate: '2024-12-31',
        },
      })
    ).openCoachingPeriod.coachingPeriod;
    const placement = (
      await server.ok(CreatePlacementDocument, { input: { periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitId, startDate: '2024-11-01' } })
    ).createPlacement.placement;
    // The planned end moves before the placement's start (nothing checks placements there).
    await server.ok(UpdatePeriodScheduleDocument, { input: { periodId: period.id, daysPerWeek: 5, hoursPerDay: 6, plannedEndDate: '2024-10-31' } });

    await expectUnchanged([['placement', 'period_id', period.id]], async () => {
      for (const response of [
        await server.request(UpdatePlacementDocument, { input: { placementId: placement.id, endDate: '2024-11-15' } }),
        await server.request(EndPlacementDocument, { input: { placementId: placement.id, endDate: '2024-11-15' } }),
      ]) {
        expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_PERIOD' });
        expect(paths(errorOf(response))).toEqual(['input.endDate']);
      }
      // When both dates are given and both are outside, the start is named, as on creation.
      const start = await server.request(UpdatePlacementDocument, {
        input: { placementId: placement.id, startDate: '2024-11-02', endDate: '2024-11-15' },
      });
      expect(paths(errorOf(start))).toEqual(['input.startDate']);
    });
    const fixed = await server.ok(UpdatePlacementDocument, { input: { placementId: placement.id, startDate: '2024-10-01', endDate: '2024-10-31' } });
    expect(fixed.updatePlacement.placement).toMatchObject({ startDate: '2024-10-01', endDate: '2024-10-31' });
  });
});

describe('work orders whose assigned trainee’s period has ended', () => {
  async function acceptedOrder(startDate: string, endDate: string, workersNeeded = 2): Promise<string> {
    const id = (
      await server.ok(RequestWorkOrderDocument, { input: { workUnitId: unitId, taskId, place: 'Koulun piha', startDate, endDate, workersNeeded } })
    ).requestWorkOrder.workOrder.id;
    await server.ok(AcceptWorkOrderDocument, { input: { id } });
    return id;
  }

  const endPeriod = (periodId: string) => server.ok(ChangePeriodPhaseDocument, { input: { periodId, to: 'ENDED', endDate: today } });

  const orderRows = (id: string): Array<[string, string, string]> => [
    ['work_order', 'id', id],
    ['work_order_assignment', 'work_order_id', id],
    ['state_change', 'subject_id', id],
  ];

  it('refuses START with ASSIGNED_TRAINEE_NOT_ACTIVE naming only the trainee id, changes nothing, and starts once they are unassigned', async () => {
    const id = await acceptedOrder(day(10), day(12));
    const stays = await insertStaffableTrainee(server, 1);
    const leaves = await insertStaffableTrainee(server, 1);
    await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: stays.trainee.id } });
    await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: leaves.trainee.id } });
    await server.ok(ScheduleWorkOrderDocument, { input: { id } });
    await endPeriod(leaves.period.id);

    await expectUnchanged(orderRows(id), async () => {
      const response = await server.request(StartWorkOrderDocument, { input: { id } });
      expect(response.data ?? null).toBeNull();
      expect(errorOf(response)).toMatchObject({
        code: 'CONFLICT',
        reason: 'ASSIGNED_TRAINEE_NOT_ACTIVE',
        details: { traineeIds: [leaves.trainee.id] },
      });
      const message = response.errors![0].message;
      for (const personal of [leaves.trainee.firstName, leaves.trainee.lastName, leaves.trainee.id]) expect(message).not.toContain(personal);
    });

    await server.ok(UnassignTraineeDocument, { input: { workOrderId: id, traineeId: leaves.trainee.id } });
    expect((await server.ok(StartWorkOrderDocument, { input: { id } })).startWorkOrder.workOrder.state).toBe('IN_PROGRESS');
  });

  it('refuses SCHEDULE with the same rule, listing every trainee without an active period', async () => {
    const id = await acceptedOrder(day(20), day(21), 3);
    const staffed = [await insertStaffableTrainee(server, 1), await insertStaffableTrainee(server, 1), await insertStaffableTrainee(server, 1)];
    for (const { trainee } of staffed) await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    await endPeriod(staffed[0].period.id);
    await endPeriod(staffed[2].period.id);

    await expectUnchanged(orderRows(id), async () => {
      const response = await server.request(ScheduleWorkOrderDocument, { input: { id } });
      expect(errorOf(response)).toMatchObject({
        code: 'CONFLICT',
        reason: 'ASSIGNED_TRAINEE_NOT_ACTIVE',
        details: { traineeIds: [staffed[0].trainee.id, staffed[2].trainee.id] },
      });
    });
    expect((await server.ok(WorkOrderByIdDocument, { id })).workOrder.state).toBe('ACCEPTED');
  });

  it('still completes an order whose trainee’s period ended while the work was in progress', async () => {
    const id = await acceptedOrder(today, day(2), 1);
    const { trainee, period } = await insertStaffableTrainee(server, 1);
    await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    await server.ok(ScheduleWorkOrderDocument, { input: { id } });
    await server.ok(StartWorkOrderDocument, { input: { id } });
    await endPeriod(period.id);
    expect((await server.ok(CompleteWorkOrderDocument, { input: { id } })).completeWorkOrder.workOrder.state).toBe('COMPLETED');
  });
});

describe('end-of-period outcomes', () => {
  it('refuses an outcome observed before the period started, naming input.observedOn, and stores nothing', async () => {
    const period = await insertCoachingPeriod(server, { phase: PeriodPhase.ENDED, startDate: '2025-01-01', endDate: '2025-03-31' });
    await expectUnchanged([['outcome', 'period_id', period.id]], async () => {
      const response = await server.request(RecordOutcomeDocument, {
        input: { periodId: period.id, checkpoint: OutcomeCheckpoint.AT_END, type: 'STUDYING', observedOn: '2024-12-31' },
      });
      expect(response.data ?? null).toBeNull();
      expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BEFORE_PERIOD_START' });
      expect(paths(errorOf(response))).toEqual(['input.observedOn']);
    });
    const onStart = await server.ok(RecordOutcomeDocument, {
      input: { periodId: period.id, checkpoint: OutcomeCheckpoint.AT_END, type: 'STUDYING', observedOn: '2025-01-01' },
    });
    expect(onStart.recordOutcome.outcome).toMatchObject({ checkpoint: 'AT_END', observedOn: '2025-01-01' });
  });
});

describe('capacity assessments outside the period', () => {
  const assess = (periodId: string, assessedOn: string) =>
    server.request(RecordCapacityAssessmentDocument, {
      input: { periodId, instrumentId, assessedOn, summary: 'Arvio', scores: [{ itemId, score: 3 }] },
    });

  const scoreCount = async () => (await server.app.dataSource.query('SELECT count(*)::int AS n FROM capacity_score'))[0].n as number;
  const assessmentRows = (periodId: string): Array<[string, string, string]> => [['capacity_assessment', 'period_id', periodId]];

  it('refuses dates before the start or after the end of an ended period, naming input.assessedOn, and stores nothing', async () => {
    const period = await insertCoachingPeriod(server, { phase: PeriodPhase.ENDED, startDate: '2025-01-01', endDate: '2025-03-31' });
    const scoresBefore = await scoreCount();
    await expectUnchanged(assessmentRows(period.id), async () => {
      for (const assessedOn of ['2024-12-31', '2025-04-01', day(-1)]) {
        const response = await assess(period.id, assessedOn);
        expect(response.data ?? null).toBeNull();
        expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUTSIDE_PERIOD' });
        expect(paths(errorOf(response))).toEqual(['input.assessedOn']);
      }
    });
    expect(await scoreCount()).toBe(scoresBefore);
    // An assessment made during the period may still be entered after it ended (e.g. the final one).
    const last = await assess(period.id, '2025-03-31');
    expect(last.errors).toBeUndefined();
    expect(last.data?.recordCapacityAssessment.capacityAssessment.assessedOn).toBe('2025-03-31');
  });

  it('refuses a date before the start of a running period; today and the start day are accepted', async () => {
    const { period } = await insertStaffableTrainee(server, 1, { startDate: day(-30) });
    const scoresBefore = await scoreCount();
    await expectUnchanged(assessmentRows(period.id), async () => {
      const response = await assess(period.id, day(-31));
      expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUTSIDE_PERIOD' });
      expect(paths(errorOf(response))).toEqual(['input.assessedOn']);
    });
    expect(await scoreCount()).toBe(scoresBefore);
    expect((await assess(period.id, day(-30))).errors).toBeUndefined();
    expect((await assess(period.id, today)).errors).toBeUndefined();
  });
});

describe('the demo data', () => {
  let demo: TestServer;
  const rows = (sql: string, params: unknown[] = []) => demo.app.dataSource.query(sql, params);

  beforeAll(async () => {
    demo = await startTestServer({ seedDemoData: true });
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it('keeps these rules: staffed orders have trainees in running periods, outcomes and assessments fall in their periods', async () => {
    expect((await rows("SELECT count(*)::int AS n FROM work_order WHERE state IN ('SCHEDULED', 'IN_PROGRESS')"))[0].n).toBeGreaterThan(0);
    expect(
      await rows(`SELECT a.id FROM work_order_assignment a JOIN work_order o ON o.id = a.work_order_id
                  WHERE o.state IN ('SCHEDULED', 'IN_PROGRESS') AND NOT EXISTS (
                    SELECT 1 FROM coaching_period p WHERE p.trainee_id = a.trainee_id AND p.phase NOT IN ('ENDED', 'FOLLOW_UP')
                      AND p.start_date <= a.end_date AND (p.end_date IS NULL OR p.end_date >= a.start_date))`),
    ).toEqual([]);
    expect(await rows('SELECT o.id FROM outcome o JOIN coaching_period p ON p.id = o.period_id WHERE o.observed_on < p.start_date')).toEqual([]);
    expect(
      await rows(
        `SELECT a.id FROM capacity_assessment a JOIN coaching_period p ON p.id = a.period_id
         WHERE a.assessed_on < p.start_date OR a.assessed_on > coalesce(p.end_date, $1::date)`,
        [today],
      ),
    ).toEqual([]);
    expect((await rows('SELECT count(*)::int AS n FROM capacity_assessment'))[0].n).toBeGreaterThan(0);
  });
});
