import { ErrorCode, reasons } from '../../platform/errors';

/** Why the user module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const UserReason = reasons('user', {
  ROLE_EXISTS: [ErrorCode.CONFLICT, 'The user already has a role in this organisation; change it instead of linking again'],
  OWN_ROLE: [ErrorCode.FORBIDDEN, 'No one links, changes or deactivates their own role: another administrator does'],
  ROLE_NOT_GRANTABLE: [
    ErrorCode.FORBIDDEN,
    'The caller may not give this role (an ADMIN gives the roles of their organisation; the platform operator gives ADMIN)',
  ],
  SCOPE_ROW_REQUIRED: [
    ErrorCode.BAD_USER_INPUT,
    'The role needs the row its scope is made of (a staff member, unit, area, company or trainee) and no other',
  ],
  STAFF_ROLE_MISMATCH: [ErrorCode.BAD_USER_INPUT, 'A COACH is linked to a coach, a CAREER_AGENT to a career agent'],
  ALREADY_INACTIVE: [ErrorCode.CONFLICT, 'The role is already deactivated'],
  ALREADY_ACTIVE: [ErrorCode.CONFLICT, 'The role is already active'],
});
