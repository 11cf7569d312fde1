import { ErrorCode, reasons } from '../../platform/errors';

/** Why several modules refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const CommonReason = reasons('shared', {
  CASE_MANAGER_NOT_IN_AREA: [ErrorCode.BAD_USER_INPUT, 'The case manager belongs to another employment area'],
  DATE_IN_FUTURE: [ErrorCode.BAD_USER_INPUT, 'The date lies in the future: it is recorded when it has happened'],
  DATE_OUTSIDE_PERIOD: [ErrorCode.BAD_USER_INPUT, 'The date is outside this coaching period'],
  DUPLICATE_CODE: [ErrorCode.BAD_USER_INPUT, 'A code must be unique within the import'],
  END_BEFORE_START: [ErrorCode.BAD_USER_INPUT, 'The end date is before the start date'],
  INVALID_VALUE: [ErrorCode.BAD_USER_INPUT, 'Not one of the values the field takes'],
  INVALID_CURSOR: [ErrorCode.BAD_USER_INPUT, 'The cursor is not valid for this list'],
  INVALID_DATE: [ErrorCode.BAD_USER_INPUT, 'A calendar date in the form YYYY-MM-DD'],
  INVALID_RANGE: [ErrorCode.BAD_USER_INPUT, 'The end of the range is before its start'],
  NOT_CURRENT_PERIOD: [ErrorCode.BAD_USER_INPUT, 'A trainee writes only on their own current, ongoing coaching period'],
  PARTNER_COMPANY_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such partner company'],
  PERIOD_NOT_ACTIVE: [ErrorCode.CONFLICT, 'The coaching period is no longer active'],
  PERIOD_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such coaching period'],
  TASK_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such task'],
  TRAINEE_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such trainee'],
  TRAINEE_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A trainee is needed when there is no referral'],
  WORK_ORDER_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such work order'],
  WORK_UNIT_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such work unit'],
});
