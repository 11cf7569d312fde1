import { ErrorCode, reasons } from '../../platform/errors';

/** Why the staff module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const StaffReason = reasons('staff', {
  COACH_AT_CAPACITY: [ErrorCode.CONFLICT, 'The coach is at the caseload maximum; give a reason to go over it'],
  DUPLICATE_STAFF_EMAIL: [ErrorCode.CONFLICT, 'A staff member with this email already exists'],
  INVALID_CASELOAD_RANGE: [ErrorCode.BAD_USER_INPUT, 'The caseload maximum must not be below the minimum'],
  STAFF_INACTIVE: [ErrorCode.CONFLICT, 'The staff member is not active'],
});
