import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import {
  assertDifficultyLevel,
  checkAssignment,
  DifficultyLevel,
  isDifficultyLevel,
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
    expect(captureDomainError(() => checkAssignment({ taskDifficulty: 3, traineeLevel: 1, traineeBusy: true })).reason).toBe(
      'TASK_LEVEL_TOO_HIGH',
    );
  });

  it('refuses levels outside the scale at run time', () => {
    expect(() =>
      checkAssignment({ taskDifficulty: 0 as DifficultyLevel, traineeLevel: 3, traineeBusy: false }),
    ).toThrow(RangeError);
  });
});
