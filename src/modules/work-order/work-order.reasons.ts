import { ErrorCode, reasons } from '../../platform/errors';

/** Why the work-order module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const WorkOrderReason = reasons('work-order', {
  ALREADY_ASSIGNED: [ErrorCode.CONFLICT, 'The trainee is already assigned to this order'],
  ASSIGNED_TRAINEE_NOT_ACTIVE: [
    ErrorCode.CONFLICT,
    "Assigned trainees no longer have an active coaching period for the order's dates; unassign them first",
  ],
  INVALID_DIFFICULTY_LEVEL: [ErrorCode.BAD_USER_INPUT, 'Difficulty levels are 1–3'],
  NO_ACTIVE_PERIOD: [ErrorCode.CONFLICT, 'The trainee has no active coaching period for the order’s dates'],
  NO_TRAINEES_ASSIGNED: [ErrorCode.CONFLICT, 'Assign at least one trainee before scheduling the order'],
  START_DATE_IN_PAST: [ErrorCode.BAD_USER_INPUT, 'The work cannot start in the past'],
  TASK_INACTIVE: [ErrorCode.BAD_USER_INPUT, 'The task is no longer in the catalogue'],
  TASK_LEVEL_TOO_HIGH: [ErrorCode.CONFLICT, 'The task is more demanding than the trainee’s current level'],
  TRAINEE_ALREADY_BOOKED: [ErrorCode.CONFLICT, 'The trainee is already booked for that time'],
  WORK_ORDER_FULL: [ErrorCode.CONFLICT, 'The order already has all the workers it needs'],
  WORK_ORDER_NOT_COMPLETED: [ErrorCode.CONFLICT, 'Feedback can be given only on a completed order'],
  WORK_ORDER_NOT_STAFFABLE: [ErrorCode.CONFLICT, 'Trainees can be assigned only while the order is accepted or scheduled'],
  ILLEGAL_WORK_ORDER_TRANSITION: [ErrorCode.CONFLICT, 'The work order cannot move from its state to the one asked for (details: from, to, allowed)'],
});
