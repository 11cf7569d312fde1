import { ErrorCode, reasons } from '../../platform/errors';

/** Why the trainee module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const TraineeReason = reasons('trainee', {
  DUPLICATE_IDENTITY_CODE: [ErrorCode.CONFLICT, 'A trainee with this identity code already exists'],
  INVALID_IDENTITY_CODE: [ErrorCode.BAD_USER_INPUT, 'Not a valid Finnish personal identity code (format, date, century sign or control character)'],
});
