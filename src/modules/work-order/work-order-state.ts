import { badInput, conflict } from '../../platform/errors';
import { StateMachine } from '../../platform/state-machine';

/** Työtilaus: work ordered by a municipal unit from the task catalogue. */
export enum WorkOrderState {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  SCHEDULED = 'SCHEDULED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

/** Either side may cancel until the work is done; a declined or finished order is never reopened. */
export const workOrderStateMachine = new StateMachine<WorkOrderState>('WORK_ORDER', {
  [WorkOrderState.REQUESTED]: [WorkOrderState.ACCEPTED, WorkOrderState.DECLINED, WorkOrderState.CANCELLED],
  [WorkOrderState.ACCEPTED]: [WorkOrderState.SCHEDULED, WorkOrderState.CANCELLED],
  [WorkOrderState.SCHEDULED]: [WorkOrderState.IN_PROGRESS, WorkOrderState.CANCELLED],
  [WorkOrderState.IN_PROGRESS]: [WorkOrderState.COMPLETED, WorkOrderState.CANCELLED],
  [WorkOrderState.DECLINED]: [],
  [WorkOrderState.COMPLETED]: [],
  [WorkOrderState.CANCELLED]: [],
});

/**
 * Task difficulty and trainee level share one scale:
 * 1 = basic work under guidance, 2 = demanding work, 3 = partly independent work.
 */
export type DifficultyLevel = 1 | 2 | 3;

export const MIN_DIFFICULTY_LEVEL = 1;
export const MAX_DIFFICULTY_LEVEL = 3;

export function isDifficultyLevel(value: unknown): value is DifficultyLevel {
  return value === 1 || value === 2 || value === 3;
}

export function assertDifficultyLevel(value: number, path = 'input.difficultyLevel'): DifficultyLevel {
  if (!isDifficultyLevel(value)) {
    throw badInput(path, `Difficulty level must be ${MIN_DIFFICULTY_LEVEL}–${MAX_DIFFICULTY_LEVEL}`, 'INVALID_DIFFICULTY_LEVEL');
  }
  return value;
}

export interface AssignmentCheck {
  taskDifficulty: DifficultyLevel;
  traineeLevel: DifficultyLevel;
  /** Already booked on an overlapping work order. */
  traineeBusy: boolean;
}

/**
 * Level is checked first: it is the lasting mismatch, while a booking may clear up, so the
 * client is told about the one that rescheduling would not fix.
 */
export function checkAssignment({ taskDifficulty, traineeLevel, traineeBusy }: AssignmentCheck): void {
  if (!isDifficultyLevel(taskDifficulty) || !isDifficultyLevel(traineeLevel)) {
    throw new RangeError('Difficulty levels are 1, 2 or 3');
  }
  if (traineeLevel < taskDifficulty) {
    throw conflict('TASK_LEVEL_TOO_HIGH', 'The task is more demanding than the trainee’s current level', {
      details: { taskDifficulty, traineeLevel },
    });
  }
  if (traineeBusy) {
    throw conflict('TRAINEE_ALREADY_BOOKED', 'The trainee is already booked for that time');
  }
}
