import { ErrorCode, reasons } from '../../platform/errors';

/** Why the privacy module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const PrivacyReason = reasons('privacy', {
  IDENTITY_CODE_KEY_UNAVAILABLE: [ErrorCode.CONFLICT, 'The identity code cannot be decrypted with the configured keys'],
});
