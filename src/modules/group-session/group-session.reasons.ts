import { ErrorCode, reasons } from '../../platform/errors';

/** Why the group-session module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const GroupSessionReason = reasons('group-session', {
  DUPLICATE_TRAINEE: [ErrorCode.BAD_USER_INPUT, 'Each trainee may appear only once'],
  GROUP_SESSION_NOT_STARTED: [ErrorCode.CONFLICT, 'Attendance can be recorded once the session has started'],
  NOT_A_PARTICIPANT: [ErrorCode.BAD_USER_INPUT, 'Not a participant of this session'],
  UNKNOWN_TRAINEE: [ErrorCode.BAD_USER_INPUT, 'No such trainee'],
});
