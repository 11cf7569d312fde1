import { ErrorCode } from '../../platform/errors';
import { PeriodPhase } from '../coaching-period/period-phase';
import { captureDomainError } from '../shared/testing';
import {
  assertAssigneesActive,
  assertDifficultyLevel,
  assigneesWithoutActivePeriod,
  checkAssignment,
  DifficultyLevel,
  isDifficultyLevel,
  STATES_NEEDING_ACTIVE_ASSIGNEES,
  WorkOrderState,
  workOrderStateMachine,
} from './work-order-state';

const { REQUESTED, ACCEPTED, DECLINED, SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED } = WorkOrderState;
const allowed: Array<[WorkOrderState, WorkOrderState]> = [
  [REQUESTED, ACCEPTED],
  [REQUESTED, DECLINED],
  [REQUESTED, CANCELLED],
  [ACCEPTED, SCHEDULED],
  [ACCEPTED, CANCELLED],
  [SCHEDULED, IN_PROGRESS],
  [SCHEDULED, CANCELLED],
  [IN_PROGRESS, COMPLETED],
  [IN_PROGRESS, CANCELLED],
];
const states = Object.values(WorkOrderState);
const refused = states
  .flatMap((from) => states.map((to) => [from, to] as [WorkOrderState, WorkOrderState]))
  .filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));

describe('workOrderStateMachine', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(() => workOrderStateMachine.assert(from, to)).not.toThrow();
  });

  it.each(refused)('refuses %s -> %s', (from, to) => {
    const error = captureDomainError(() => workOrderStateMachine.assert(from, to));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('ILLEGAL_WORK_ORDER_TRANSITION');
  });

  it('has DECLINED, COMPLETED and CANCELLED as final states', () => {
    expect(states.filter((state) => workOrderStateMachine.isFinal(state))).toEqual([DECLINED, COMPLETED, CANCELLED]);
  });
});

describe('difficulty levels', () => {
  it('accepts 1, 2 and 3 only', () => {
    expect([0, 1, 2, 3, 4, 1.5, '2'].map(isDifficultyLevel)).toEqual([false, true, true, true, false, false, false]);
    expect(assertDifficultyLevel(2)).toBe(2);
  });

  it('reports a bad level on the given field', () => {
    const error = captureDomainError(() => assertDifficultyLevel(4, 'input.task.difficultyLevel'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('INVALID_DIFFICULTY_LEVEL');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.task.difficultyLevel' })]);
  });
});

describe('checkAssignment', () => {
  it.each([
    [1, 1],
    [1, 3],
    [2, 2],
    [3, 3],
  ] as Array<[DifficultyLevel, DifficultyLevel]>)('allows task %i for a level-%i trainee', (taskDifficulty, traineeLevel) => {
    expect(() => checkAssignment({ taskDifficulty, traineeLevel, traineeBusy: false })).not.toThrow();
  });

  it.each([
    [2, 1],
    [3, 1],
    [3, 2],
  ] as Array<[DifficultyLevel, DifficultyLevel]>)('refuses task %i for a level-%i trainee', (taskDifficulty, traineeLevel) => {
    const error = captureDomainError(() => checkAssignment({ taskDifficulty, traineeLevel, traineeBusy: false }));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('TASK_LEVEL_TOO_HIGH');
    expect(error.extensions.details).toEqual({ taskDifficulty, traineeLevel });
  });

  it('refuses a trainee who is already booked', () => {
    const error = captureDomainError(() => checkAssignment({ taskDifficulty: 1, traineeLevel: 2, traineeBusy: true }));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('TRAINEE_ALREADY_BOOKED');
  });

  it('reports the level mismatch when both rules fail', () => {
    expect(captureDomainError(() => checkAssignment({ taskDifficulty: 3, traineeLevel: 1, traineeBusy: true })).reason).toBe('TASK_LEVEL_TOO_HIGH');
  });

  it('refuses levels outside the scale at run time', () => {
    expect(() => checkAssignment({ taskDifficulty: 0 as DifficultyLevel, traineeLevel: 3, traineeBusy: false })).toThrow(RangeError);
  });
});

describe('assigned trainees and their periods', () => {
  const order = { start: '2025-05-12', end: '2025-05-16' };
  const assigned = (traineeId: string) => ({ traineeId, ...order });
  const period = (traineeId: string, phase: PeriodPhase, startDate: string, endDate: string | null = null) => ({
    traineeId,
    phase,
    startDate,
    endDate,
  });

  it('accepts trainees with an active period overlapping the order, whatever else they have', () => {
    const periods = [
      period('a', PeriodPhase.COACHING, '2025-01-01'),
      period('b', PeriodPhase.ENDED, '2024-01-01', '2024-12-31'),
      period('b', PeriodPhase.CHECK_POINT, '2025-05-16'),
    ];
    expect(assigneesWithoutActivePeriod([assigned('a'), assigned('b')], periods)).toEqual([]);
    expect(() => assertAssigneesActive([assigned('a'), assigned('b')], periods)).not.toThrow();
  });

  it('lists, in order and once each, trainees whose period ended, has not started, or is missing', () => {
    const periods = [
      period('ended', PeriodPhase.ENDED, '2025-01-01', '2025-05-14'),
      period('followUp', PeriodPhase.FOLLOW_UP, '2025-01-01', '2025-04-30'),
      period('later', PeriodPhase.INITIAL_MAPPING, '2025-05-17'),
      period('ok', PeriodPhase.COACHING, '2025-01-01'),
    ];
    const assignments = ['ended', 'ok', 'followUp', 'later', 'none', 'ended'].map(assigned);
    expect(assigneesWithoutActivePeriod(assignments, periods)).toEqual(['ended', 'followUp', 'later', 'none']);
  });

  it('refuses with ASSIGNED_TRAINEE_NOT_ACTIVE naming only trainee ids', () => {
    const error = captureDomainError(() =>
      assertAssigneesActive([assigned('t-1'), assigned('t-2')], [period('t-2', PeriodPhase.COACHING, '2025-01-01')]),
    );
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('ASSIGNED_TRAINEE_NOT_ACTIVE');
    expect(error.extensions.details).toEqual({ traineeIds: ['t-1'] });
    expect(error.message).not.toContain('t-1');
  });

  it('is checked when scheduling and starting, not when completing', () => {
    expect(STATES_NEEDING_ACTIVE_ASSIGNEES).toEqual([WorkOrderState.SCHEDULED, WorkOrderState.IN_PROGRESS]);
  });
});
