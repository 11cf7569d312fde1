import { ErrorCode, reasons } from '../../platform/errors';

/** Why the outcome module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const OutcomeReason = reasons('outcome', {
  BEFORE_PERIOD_START: [ErrorCode.BAD_USER_INPUT, 'An outcome cannot be observed before its coaching period started'],
  FOLLOW_UP_NOT_DUE: [ErrorCode.CONFLICT, 'The follow-up is not due yet'],
  OUTCOME_ALREADY_RECORDED: [ErrorCode.CONFLICT, 'An outcome is already recorded for this checkpoint; correct it instead'],
  SUBSIDY_TYPE_NOT_APPLICABLE: [ErrorCode.BAD_USER_INPUT, 'A subsidy type is named only for an outcome of type EMPLOYED_WAGE_SUBSIDY'],
  PERIOD_NOT_ENDED: [ErrorCode.CONFLICT, 'Outcomes are recorded only after the coaching period has ended'],
});
