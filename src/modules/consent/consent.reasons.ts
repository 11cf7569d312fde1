import { ErrorCode, reasons } from '../../platform/errors';

/** Why the consent module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const ConsentReason = reasons('consent', {
  CONSENT_ALREADY_GIVEN: [ErrorCode.CONFLICT, 'The trainee already has an active consent for this target'],
  NO_ACTIVE_CONSENT: [ErrorCode.CONFLICT, 'The trainee has no active consent for this target'],
  PARTNER_COMPANY_NOT_ALLOWED: [ErrorCode.BAD_USER_INPUT, 'A consent to all partners names no company'],
  PARTNER_COMPANY_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A consent to one company names the company'],
  TRAINEE_PSEUDONYMISED: [ErrorCode.CONFLICT, 'The trainee’s personal data has been pseudonymised'],
});
