import { ErrorCode, reasons } from '../../platform/errors';

/** Why the task-catalogue module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const TaskCatalogueReason = reasons('task-catalogue', {
  DUPLICATE_TASK_CODE: [ErrorCode.CONFLICT, 'A task with this code already exists'],
  QUALIFICATION_UNIT_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such qualification unit'],
});
