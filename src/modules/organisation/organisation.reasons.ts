import { ErrorCode, reasons } from '../../platform/errors';

/** Why the organisation module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const OrganisationReason = reasons('organisation', {
  DUPLICATE_BUSINESS_ID: [ErrorCode.CONFLICT, 'A partner company with this business ID already exists'],
  INVALID_BUSINESS_ID: [ErrorCode.BAD_USER_INPUT, 'A business ID has the form 1234567-8 with a valid check digit'],
  INTAKE_CHANGE_REASON_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A change of the intake team changes who sees the people in intake: give a reason'],
});
