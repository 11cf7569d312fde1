import { badInput, conflict } from '../../platform/errors';
import { StateMachine } from '../../platform/state-machine';
import { isActivePhase, PeriodPhase } from '../coaching-period/period-phase';
import { DateRange, IsoDate, rangesOverlap } from '../shared/calendar';
import { WorkOrderReason } from './work-order.reasons';

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
export const workOrderStateMachine = new StateMachine<WorkOrderState>(WorkOrderReason.ILLEGAL_WORK_ORDER_TRANSITION, {
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
    throw badInput(path, `Difficulty level must be ${MIN_DIFFICULTY_LEVEL}–${MAX_DIFFICULTY_LEVEL}`, WorkOrderReason.INVALID_DIFFICULTY_LEVEL);
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
    throw conflict(WorkOrderReason.TASK_LEVEL_TOO_HIGH, 'The task is more demanding than the trainee’s current level', {
      details: { taskDifficulty, traineeLevel },
    });
  }
  if (traineeBusy) {
    throw conflict(WorkOrderReason.TRAINEE_ALREADY_BOOKED, 'The trainee is already booked for that time');
  }
}

/**
 * Moving to these states commits the assigned trainees to the work, so each must still be in a
 * running coaching period then (it was checked when they were assigned, but a period can end in
 * between). COMPLETED is not among them: by then the work has been done, an IN_PROGRESS order can
 * no longer be re-staffed, and a period that ended during the work still covered the days worked.
 */
export const STATES_NEEDING_ACTIVE_ASSIGNEES: readonly WorkOrderState[] = [WorkOrderState.SCHEDULED, WorkOrderState.IN_PROGRESS];

export interface AssignedDates extends DateRange {
  traineeId: string;
}

export interface TraineePeriod {
  traineeId: string;
  phase: PeriodPhase;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/**
 * The trainees (in the given order, each once) who have no running coaching period on any day of
 * their assignment: the same rule as when assigning (an active phase, overlapping the dates).
 */
export function assigneesWithoutActivePeriod(assignments: readonly AssignedDates[], periods: readonly TraineePeriod[]): string[] {
  const missing = assignments
    .filter(
      (assignment) =>
        !periods.some(
          (period) =>
            period.traineeId === assignment.traineeId &&
            isActivePhase(period.phase) &&
            rangesOverlap({ start: period.startDate, end: period.endDate }, assignment),
        ),
    )
    .map((assignment) => assignment.traineeId);
  return [...new Set(missing)];
}

/** Names the trainees by id only: the message and details carry no personal data. */
export function assertAssigneesActive(assignments: readonly AssignedDates[], periods: readonly TraineePeriod[]): void {
  const traineeIds = assigneesWithoutActivePeriod(assignments, periods);
  if (traineeIds.length > 0) {
    throw conflict(
      WorkOrderReason.ASSIGNED_TRAINEE_NOT_ACTIVE,
      `${traineeIds.length} assigned trainee(s) no longer have an active coaching period for the order’s dates; unassign them first`,
      { details: { traineeIds } },
    );
  }
}
