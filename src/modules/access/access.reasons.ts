import { ErrorCode, reasons } from '../../platform/errors';

/** Why the access module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const AccessReason = reasons('access', {
  INVALID_ID: [ErrorCode.BAD_USER_INPUT, 'Not a valid id'],
  NOT_CURRENT_STAFF: [ErrorCode.FORBIDDEN, 'A hand-over by someone who does not hold the period: only ADMIN or its current coach or career agent'],
  ROLE_NOT_ALLOWED: [ErrorCode.FORBIDDEN, "The caller's role may not use the operation"],
  SUBJECT_REQUIRED: [
    ErrorCode.FORBIDDEN,
    "The caller's role must name an object the operation could otherwise do without (a coach opens a period only from a referral)",
  ],
  VIEW_TOO_NARROW: [ErrorCode.FORBIDDEN, "The caller sees this record only in part (e.g. another coach's trainee as a roster entry)"],
});
