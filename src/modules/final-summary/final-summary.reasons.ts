import { ErrorCode, reasons } from '../../platform/errors';

/** Why the final-summary module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const FinalSummaryReason = reasons('final-summary', {
  FINAL_SUMMARY_EXISTS: [ErrorCode.CONFLICT, 'This coaching period already has a final summary'],
  FINAL_SUMMARY_INCOMPLETE: [ErrorCode.BAD_USER_INPUT, 'Texts the case manager needs are missing before the summary is finalised'],
  FINAL_SUMMARY_IS_FINAL: [ErrorCode.CONFLICT, 'The final summary has been finalised and can no longer be edited'],
  PERIOD_NOT_READY_FOR_SUMMARY: [ErrorCode.CONFLICT, 'A final summary can be started only when the period is in coaching, at a check point or ended'],
  ILLEGAL_FINAL_SUMMARY_TRANSITION: [
    ErrorCode.CONFLICT,
    'The final summary cannot move from its state to the one asked for (details: from, to, allowed)',
  ],
});
