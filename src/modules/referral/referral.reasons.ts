import { ErrorCode, reasons } from '../../platform/errors';

/** Why the referral module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const ReferralReason = reasons('referral', {
  DUPLICATE_EXTERNAL_ID: [ErrorCode.CONFLICT, 'The employment area has already sent a referral with this id'],
  DUPLICATE_REFERRAL: [ErrorCode.CONFLICT, 'The trainee already has an open referral to this service form'],
  REFERRAL_HAS_PERIOD: [ErrorCode.CONFLICT, 'A coaching period has been started from this referral'],
  REJECTION_REASON_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A rejection needs a reason'],
  ILLEGAL_REFERRAL_TRANSITION: [ErrorCode.CONFLICT, 'The referral cannot move from its state to the one asked for (details: from, to, allowed)'],
});
