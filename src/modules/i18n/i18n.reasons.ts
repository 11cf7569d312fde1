import { ErrorCode, reasons } from '../../platform/errors';

/** Why the i18n module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const I18nReason = reasons('i18n', {
  UNKNOWN_ENUM: [ErrorCode.BAD_USER_INPUT, 'No enum of that name'],
});
