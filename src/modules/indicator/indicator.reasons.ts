import { ErrorCode, reasons } from '../../platform/errors';

/** Why the indicator module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const IndicatorReason = reasons('indicator', {
  INDICATOR_CODE_EXISTS: [ErrorCode.CONFLICT, 'An indicator with this code already exists'],
});
