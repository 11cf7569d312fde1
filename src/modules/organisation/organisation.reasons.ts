import { ErrorCode, reasons } from '../../platform/errors';

/** Why the organisation module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const OrganisationReason = reasons('organisation', {
  DUPLICATE_BUSINESS_ID: [ErrorCode.CONFLICT, 'A partner company with this business ID already exists'],
  UNKNOWN_SUBSIDY_TYPE: [ErrorCode.BAD_USER_INPUT, 'A subsidy type is one of the national wage subsidies or one of the organisation’s own'],
  NATIONAL_SUBSIDY_CODE: [ErrorCode.BAD_USER_INPUT, 'An organisation’s own subsidy type cannot take the code of a national one'],
  INVALID_BUSINESS_ID: [ErrorCode.BAD_USER_INPUT, 'A business ID has the form 1234567-8 with a valid check digit'],
  INTAKE_CHANGE_REASON_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A change of the intake team changes who sees the people in intake: give a reason'],
});
