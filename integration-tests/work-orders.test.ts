import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { addDays } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import {
  AcceptWorkOrderDocument,
  AssignTraineeDocument,
  CancelWorkOrderDocument,
  CompleteWorkOrderDocument,
  CreateDepartmentDocument,
  CreateTaskDocument,
  CreateWorkUnitDocument,
  DeclineWorkOrderDocument,
  GiveWorkOrderFeedbackDocument,
  ImportQualificationDocument,
  RequestWorkOrderDocument,
  RequestWorkOrderMutationVariables,
  ScheduleWorkOrderDocument,
  StartWorkOrderDocument,
  TaskByIdDocument,
  TasksDocument,
  TraineeWorkOrderAssignmentsDocument,
  UnassignTraineeDocument,
  UpdateTaskDocument,
  WorkOrderByIdDocument,
  WorkOrdersDocument,
} from './generated/graphql';
import { Extensions } from './support/errors';
import { insertStaffableTrainee } from './support/fixtures';
import { startTestServer, TEST_TODAY, TestServer } from './support/test-server';

let server: TestServer;
let unitA: string;
let unitB: string;
let unitBulk: string;
let easyTask: string;
let hardTask: string;
let inactiveTask: string;
const today = TEST_TODAY;
const day = (n: number) => addDays(today, n);
const text = (fi: string) => ({ fi, sv: fi, en: fi });

const fieldPaths = (extensions: Extensions) => ((extensions?.fields as Array<{ path: string }>) ?? []).map((f) => f.path);

async function createUnit(name: string, departmentId: string): Promise<string> {
  return (await server.ok(CreateWorkUnitDocument, { input: { departmentId, name } })).createWorkUnit.workUnit.id;
}

async function createTask(code: string, difficultyLevel: number, active = true): Promise<string> {
  const data = await server.ok(CreateTaskDocument, {
    input: { code, name: text(code), field: 'GROUNDS_AND_PROPERTY_CARE' as const, difficultyLevel, active },
  });
  return data.createTask.task.id;
}

async function requestOrder(overrides: Partial<RequestWorkOrderMutationVariables['input']> = {}): Promise<string> {
  const data = await server.ok(RequestWorkOrderDocument, {
    input: { workUnitId: unitA, taskId: easyTask, place: 'Koulun piha', startDate: day(10), endDate: day(12), workersNeeded: 2, ...overrides },
  });
  return data.requestWorkOrder.workOrder.id;
}

async function acceptedOrder(overrides: Partial<RequestWorkOrderMutationVariables['input']> = {}): Promise<string> {
  const id = await requestOrder(overrides);
  await server.ok(AcceptWorkOrderDocument, { input: { id } });
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  const department = (await server.ok(CreateDepartmentDocument, { input: { code: 'TECH', name: text('Tekniset palvelut') } })).createDepartment
    .department.id;
  unitA = await createUnit('Puistot', department);
  unitB = await createUnit('Kiinteistöt', department);
  unitBulk = await createUnit('Massatilaukset', department);
  easyTask = await createTask('GROUNDS-1', 1);
  hardTask = await createTask('MACHINE-3', 3);
  inactiveTask = await createTask('OLD-1', 1, false);
});

afterAll(async () => {
  await server?.stop();
});

describe('task catalogue', () => {
  it('creates and updates a task with its qualification units', async () => {
    const imported = await server.ok(ImportQualificationDocument, {
      input: {
        externalId: 'q-kiinteisto',
        diaryNumber: 'OPH-1-2024',
        name: text('Kiinteistöpalvelujen perustutkinto'),
        units: [
          { externalId: 'u-1', name: text('Puhtaanapito'), competencePoints: 25, requirements: [{ code: '1', text: 'siivoaa' }] },
          { externalId: 'u-2', name: text('Ulkoalueet'), competencePoints: 20, requirements: [] },
        ],
      },
    });
    const [unit1, unit2] = imported.importQualification.qualification.units.map((u) => u.id);
    const created = await server.ok(CreateTaskDocument, {
      input: {
        code: 'CLEAN-2',
        name: text('Koulun siivous'),
        description: 'Luokkien siivous',
        field: 'CLEANING' as const,
        difficultyLevel: 2,
        protectiveGear: ['GLOVES' as const],
        typicalPlace: 'Koulu',
        qualificationUnitIds: [unit1],
      },
    });
    const task = created.createTask.task;
    expect(task).toMatchObject({ code: 'CLEAN-2', difficultyLevel: 2, active: true, transportNeeded: false, protectiveGear: ['GLOVES'] });
    expect(task.qualificationUnits.map((u) => u.id)).toEqual([unit1]);

    const updated = await server.ok(UpdateTaskDocument, {
      input: { id: task.id, difficultyLevel: 3, active: false, qualificationUnitIds: [unit2, unit1] },
    });
    expect(updated.updateTask.task).toMatchObject({ difficultyLevel: 3, active: false, description: 'Luokkien siivous' });
    expect(updated.updateTask.task.qualificationUnits.map((u) => u.externalId)).toEqual(['u-1', 'u-2']);
    const fetched = await server.ok(TaskByIdDocument, { id: task.id });
    expect(fetched.task.qualificationUnits).toHaveLength(2);
  });

  it('refuses a difficulty level outside 1–3, a duplicate code, an unknown unit and non-admins', async () => {
    const bad = await server.request(CreateTaskDocument, {
      input: { code: 'X-4', name: text('x'), field: 'RECYCLING' as const, difficultyLevel: 4 },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_DIFFICULTY_LEVEL' });
    expect(fieldPaths(bad.errors?.[0].extensions)).toEqual(['input.difficultyLevel']);

    const duplicate = await server.request(CreateTaskDocument, {
      input: { code: 'GROUNDS-1', name: text('x'), field: 'RECYCLING' as const, difficultyLevel: 1 },
    });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_TASK_CODE' });

    const unknownUnit = await server.request(CreateTaskDocument, {
      input: {
        code: 'X-5',
        name: text('x'),
        field: 'RECYCLING' as const,
        difficultyLevel: 1,
        qualificationUnitIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(unknownUnit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REFERENCE_NOT_FOUND' });
    expect(fieldPaths(unknownUnit.errors?.[0].extensions)).toEqual(['input.qualificationUnitIds[0]']);

    const coach = await server.as({ role: Role.COACH });
    const forbidden = await coach.request(CreateTaskDocument, {
      input: { code: 'X-6', name: text('x'), field: 'RECYCLING' as const, difficultyLevel: 1 },
    });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('filters by field, level, activity and search', async () => {
    const levelOne = await server.ok(TasksDocument, { filter: { difficultyLevel: 1 }, first: 50 });
    expect(levelOne.tasks.edges.map((e) => e.node.code)).toEqual(['GROUNDS-1', 'OLD-1']);
    const active = await server.ok(TasksDocument, { filter: { difficultyLevel: 1, activeOnly: true }, first: 50 });
    expect(active.tasks.edges.map((e) => e.node.code)).toEqual(['GROUNDS-1']);
    const byField = await server.ok(TasksDocument, { filter: { field: 'GROUNDS_AND_PROPERTY_CARE' as const, search: 'machine' }, first: 50 });
    expect(byField.tasks.edges.map((e) => e.node.code)).toEqual(['MACHINE-3']);
  });
});

describe('requesting work orders', () => {
  it('lets a unit lead order for their own unit only', async () => {
    const lead = await server.as({ role: Role.UNIT_LEAD, unitId: unitA });
    const own = await lead.request(RequestWorkOrderDocument, {
      input: { workUnitId: unitA, taskId: easyTask, place: 'Puisto', startDate: day(3), endDate: day(3), workersNeeded: 1 },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data?.requestWorkOrder.workOrder).toMatchObject({ state: 'REQUESTED', workUnit: { id: unitA } });

    // Another unit is outside a unit lead's scope: the permission matrix answers NOT_FOUND.
    const other = await lead.request(RequestWorkOrderDocument, {
      input: { workUnitId: unitB, taskId: easyTask, place: 'Piha', startDate: day(3), endDate: day(3), workersNeeded: 1 },
    });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unitBOrders = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitB }, first: 10 });
    expect(unitBOrders.workOrders.totalCount).toBe(0);
  });

  it('refuses an inactive task, past or reversed dates and zero workers, naming the field', async () => {
    const base = { workUnitId: unitA, taskId: easyTask, place: 'Piha', startDate: day(5), endDate: day(6), workersNeeded: 1 };
    const cases: Array<[Partial<typeof base>, string, string]> = [
      [{ taskId: inactiveTask }, 'input.taskId', 'TASK_INACTIVE'],
      [{ startDate: day(-1) }, 'input.startDate', 'START_DATE_IN_PAST'],
      [{ endDate: day(4) }, 'input.endDate', 'END_BEFORE_START'],
      [{ workersNeeded: 0 }, 'input.workersNeeded', 'INVALID_INPUT'],
    ];
    for (const [override, path, reason] of cases) {
      const response = await server.request(RequestWorkOrderDocument, { input: { ...base, ...override } });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.reason).toBe(reason);
      expect(fieldPaths(response.errors?.[0].extensions)).toEqual([path]);
    }
  });
});

describe('the work-order path', () => {
  it('goes REQUESTED → ACCEPTED → assign → SCHEDULED → IN_PROGRESS → COMPLETED → feedback, with history', async () => {
    const lead = await server.as({ role: Role.UNIT_LEAD, unitId: unitA, userId: 'lead-a' });
    const coach = await server.as({ role: Role.COACH, userId: 'coach-1' });
    const id = (
      await lead.ok(RequestWorkOrderDocument, {
        input: {
          workUnitId: unitA,
          taskId: easyTask,
          place: 'Koulun piha',
          startDate: day(20),
          endDate: day(21),
          workersNeeded: 1,
          notes: 'Haravointi',
        },
      })
    ).requestWorkOrder.workOrder.id;
    await coach.ok(AcceptWorkOrderDocument, { input: { id } });

    const empty = await coach.request(ScheduleWorkOrderDocument, { input: { id } });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_TRAINEES_ASSIGNED' });

    const { trainee } = await insertStaffableTrainee(server, 1);
    const assigned = await coach.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(assigned.assignTrainee.assignment).toMatchObject({ startDate: day(20), endDate: day(21), trainee: { id: trainee.id }, workOrder: { id } });

    const early = await lead.request(GiveWorkOrderFeedbackDocument, { input: { workOrderId: id, unitRating: 5, confirmedHours: 8 } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'WORK_ORDER_NOT_COMPLETED' });

    expect((await coach.ok(ScheduleWorkOrderDocument, { input: { id } })).scheduleWorkOrder.workOrder.state).toBe('SCHEDULED');
    expect((await coach.ok(StartWorkOrderDocument, { input: { id } })).startWorkOrder.workOrder.state).toBe('IN_PROGRESS');
    expect((await coach.ok(CompleteWorkOrderDocument, { input: { id } })).completeWorkOrder.workOrder.state).toBe('COMPLETED');

    const badRating = await lead.request(GiveWorkOrderFeedbackDocument, { input: { workOrderId: id, unitRating: 6, confirmedHours: -1 } });
    expect(badRating.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldPaths(badRating.errors?.[0].extensions)).toEqual(expect.arrayContaining(['input.unitRating', 'input.confirmedHours']));

    const otherLead = await server.as({ role: Role.UNIT_LEAD, unitId: unitB });
    const foreign = await otherLead.request(GiveWorkOrderFeedbackDocument, { input: { workOrderId: id, unitRating: 1, confirmedHours: 0 } });
    // Another unit's order is out of scope for a unit lead: NOT_FOUND, as if it did not exist.
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const feedback = await lead.ok(GiveWorkOrderFeedbackDocument, {
      input: { workOrderId: id, unitFeedback: 'Hyvää työtä', unitRating: 5, confirmedHours: 12.5 },
    });
    expect(feedback.giveWorkOrderFeedback.workOrder).toMatchObject({ unitFeedback: 'Hyvää työtä', unitRating: 5, confirmedHours: 12.5 });

    const order = (await server.ok(WorkOrderByIdDocument, { id })).workOrder;
    const coachUser = await server.userIdOf('coach-1');
    expect(order.history.map((h) => [h.fromState, h.toState, h.actorId, h.actorRole])).toEqual([
      [null, 'REQUESTED', await server.userIdOf('lead-a'), 'UNIT_LEAD'],
      ['REQUESTED', 'ACCEPTED', coachUser, 'COACH'],
      ['ACCEPTED', 'SCHEDULED', coachUser, 'COACH'],
      ['SCHEDULED', 'IN_PROGRESS', coachUser, 'COACH'],
      ['IN_PROGRESS', 'COMPLETED', coachUser, 'COACH'],
    ]);
    expect(order.assignments.map((a) => a.trainee.id)).toEqual([trainee.id]);

    const traineeView = await server.ok(TraineeWorkOrderAssignmentsDocument, { id: trainee.id });
    expect(traineeView.trainee.workOrderAssignments.map((a) => a.workOrder)).toEqual([{ id, state: 'COMPLETED' }]);
  });

  it('refuses illegal transitions with ILLEGAL_WORK_ORDER_TRANSITION', async () => {
    const id = await requestOrder();
    const complete = await server.request(CompleteWorkOrderDocument, { input: { id } });
    expect(complete.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ILLEGAL_WORK_ORDER_TRANSITION',
      details: { from: 'REQUESTED', to: 'COMPLETED' },
    });
    await server.ok(AcceptWorkOrderDocument, { input: { id } });
    const decline = await server.request(DeclineWorkOrderDocument, { input: { id, reason: 'liian myöhään' } });
    expect(decline.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_WORK_ORDER_TRANSITION' });
    expect((await server.ok(WorkOrderByIdDocument, { id })).workOrder.state).toBe('ACCEPTED');
  });

  it('needs a reason to decline and keeps it', async () => {
    const id = await requestOrder();
    const noReason = await server.request(DeclineWorkOrderDocument, { input: { id, reason: '' } });
    expect(noReason.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldPaths(noReason.errors?.[0].extensions)).toEqual(['input.reason']);

    const declined = await server.ok(DeclineWorkOrderDocument, { input: { id, reason: 'Ei kapasiteettia' } });
    expect(declined.declineWorkOrder.workOrder).toMatchObject({ state: 'DECLINED' as const, declineReason: 'Ei kapasiteettia' });
    const history = (await server.ok(WorkOrderByIdDocument, { id })).workOrder.history;
    expect(history.at(-1)).toMatchObject({ fromState: 'REQUESTED', toState: 'DECLINED', reason: 'Ei kapasiteettia' });
  });

  it('lets a unit lead cancel only their own unit’s orders', async () => {
    const id = await requestOrder();
    const otherLead = await server.as({ role: Role.UNIT_LEAD, unitId: unitB });
    const refused = await otherLead.request(CancelWorkOrderDocument, { input: { id, reason: 'ei tarvita' } });
    // Another unit's order is out of scope for a unit lead: NOT_FOUND, and nothing changes.
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await server.ok(WorkOrderByIdDocument, { id })).workOrder.state).toBe('REQUESTED');
    const lead = await server.as({ role: Role.UNIT_LEAD, unitId: unitA });
    const cancelled = await lead.ok(CancelWorkOrderDocument, { input: { id, reason: 'ei tarvita' } });
    expect(cancelled.cancelWorkOrder.workOrder.state).toBe('CANCELLED');
    const partner = await server.as({ role: Role.PARTNER });
    const accept = await partner.request(AcceptWorkOrderDocument, { input: { id } });
    expect(accept.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('assigning trainees', () => {
  it('refuses a task above the trainee’s level', async () => {
    const id = await acceptedOrder({ taskId: hardTask });
    const { trainee } = await insertStaffableTrainee(server, 2);
    const response = await server.request(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'TASK_LEVEL_TOO_HIGH',
      details: { taskDifficulty: 3, traineeLevel: 2 },
    });
    const { trainee: expert } = await insertStaffableTrainee(server, 3);
    await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: expert.id } });
  });

  it('refuses double booking on overlapping dates until the other order is released', async () => {
    const { trainee } = await insertStaffableTrainee(server, 1);
    const first = await acceptedOrder({ startDate: day(40), endDate: day(42) });
    const overlapping = await acceptedOrder({ startDate: day(42), endDate: day(44) });
    const later = await acceptedOrder({ startDate: day(43), endDate: day(45) });
    await server.ok(AssignTraineeDocument, { input: { workOrderId: first, traineeId: trainee.id } });

    const refused = await server.request(AssignTraineeDocument, { input: { workOrderId: overlapping, traineeId: trainee.id } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'TRAINEE_ALREADY_BOOKED' });
    await server.ok(AssignTraineeDocument, { input: { workOrderId: later, traineeId: trainee.id } });

    const again = await server.request(AssignTraineeDocument, { input: { workOrderId: first, traineeId: trainee.id } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ASSIGNED' });

    await server.ok(CancelWorkOrderDocument, { input: { id: first, reason: 'sade' } });
    await server.ok(UnassignTraineeDocument, { input: { workOrderId: later, traineeId: trainee.id } });
    const afterRelease = await server.ok(AssignTraineeDocument, { input: { workOrderId: overlapping, traineeId: trainee.id } });
    expect(afterRelease.assignTrainee.workOrder.assignments).toHaveLength(1);
  });

  it('refuses more trainees than the order needs', async () => {
    const id = await acceptedOrder({ workersNeeded: 1, startDate: day(50), endDate: day(50) });
    const [{ trainee: a }, { trainee: b }] = [await insertStaffableTrainee(server, 1), await insertStaffableTrainee(server, 1)];
    await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: a.id } });
    const full = await server.request(AssignTraineeDocument, { input: { workOrderId: id, traineeId: b.id } });
    expect(full.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'WORK_ORDER_FULL', details: { workersNeeded: 1, assigned: 1 } });
  });

  it('refuses a trainee without an active coaching period', async () => {
    const id = await acceptedOrder({ startDate: day(55), endDate: day(55) });
    const { trainee } = await insertStaffableTrainee(server, 1, { phase: PeriodPhase.ENDED, endDate: day(-1) });
    const response = await server.request(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_ACTIVE_PERIOD' });
  });

  it('records who let the unit see the person: an assignment and its removal are in the period’s staffing history', async () => {
    const id = await acceptedOrder({ startDate: day(70), endDate: day(71) });
    const { trainee, period } = await insertStaffableTrainee(server, 1);
    const coach = await server.as({ role: Role.COACH, userId: 'coach-workplace' });
    const lead = await server.as({ role: Role.UNIT_LEAD, unitId: unitA });
    const leadSees = async () => {
      const answer = await lead.request(TraineeWorkOrderAssignmentsDocument, { id: trainee.id });
      return answer.data?.trainee ? 'SEEN' : answer.errors?.[0]?.extensions?.code;
    };
    expect(await leadSees()).toBe('NOT_FOUND');

    await coach.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(await leadSees()).toBe('SEEN');
    await coach.ok(UnassignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(await leadSees()).toBe('NOT_FOUND');

    const rows = await server.sql<Record<string, string | null>>(
      `SELECT from_state, to_state, actor_id, actor_role, reason FROM state_change WHERE subject_type = 'CoachingPeriodWorkplace' AND subject_id = $1 ORDER BY changed_at, id`,
      [period.id],
    );
    const actor = { actor_id: coach.userId, actor_role: 'COACH' };
    expect(rows).toEqual([
      { from_state: null, to_state: `WorkUnit:${unitA}`, ...actor, reason: `assigned to work order ${id} from ${day(70)} to ${day(71)}` },
      { from_state: `WorkUnit:${unitA}`, to_state: 'UNASSIGNED', ...actor, reason: `taken off work order ${id}` },
    ]);
  });

  it('staffs only accepted or scheduled orders', async () => {
    const id = await requestOrder({ startDate: day(60), endDate: day(60) });
    const { trainee } = await insertStaffableTrainee(server, 1);
    const response = await server.request(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'WORK_ORDER_NOT_STAFFABLE' });
    const unknownTrainee = await server.request(UnassignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    expect(unknownTrainee.errors?.[0].extensions?.reason).toBe('WORK_ORDER_NOT_STAFFABLE');
  });
});

describe('listing work orders', () => {
  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const id = await acceptedOrder({ workUnitId: unitBulk, startDate: day(100 + (24 - i)), endDate: day(100 + (24 - i)), workersNeeded: 1 });
      const { trainee } = await insertStaffableTrainee(server, 1);
      await server.ok(AssignTraineeDocument, { input: { workOrderId: id, traineeId: trainee.id } });
    }
  });

  it('orders by start date and filters by unit, state and dates', async () => {
    const all = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk }, first: 100 });
    expect(all.workOrders.totalCount).toBe(25);
    const dates = all.workOrders.edges.map((e) => e.node.startDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe(day(100));

    const window = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk, from: day(105), to: day(109) }, first: 100 });
    expect(window.workOrders.edges.map((e) => e.node.startDate)).toEqual([day(105), day(106), day(107), day(108), day(109)]);
    const declined = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk, state: 'DECLINED' as const }, first: 100 });
    expect(declined.workOrders.totalCount).toBe(0);

    const page1 = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk }, first: 10 });
    const page2 = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk }, first: 10, after: page1.workOrders.pageInfo.endCursor });
    expect(page2.workOrders.edges[0].node.startDate).toBe(day(110));
  });

  it('loads task, unit and assigned trainees with the same statement count for 5 and 25 rows', async () => {
    const small = await server.countStatements(async () => {
      const data = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk }, first: 5 });
      expect(data.workOrders.edges).toHaveLength(5);
      expect(data.workOrders.edges.every((e) => e.node.assignments.length === 1 && e.node.task.id === easyTask)).toBe(true);
    });
    const large = await server.countStatements(async () => {
      const data = await server.ok(WorkOrdersDocument, { filter: { workUnitId: unitBulk }, first: 25 });
      expect(data.workOrders.edges).toHaveLength(25);
      expect(new Set(data.workOrders.edges.map((e) => e.node.assignments[0].trainee.id)).size).toBe(25);
    });
    expect(large).toBe(small);
    // 6 reads, the orders' units and organisation and the assigned trainees' standing (the organisation
    // boundary, one statement each), and the access-log insert.
    expect(small).toBeLessThanOrEqual(9);
  });
});
