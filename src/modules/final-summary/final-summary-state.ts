import { conflict } from '../../platform/errors';
import { StateMachine } from '../../platform/state-machine';
import { FinalSummaryReason } from './final-summary.reasons';

/** Loppukooste: the end-of-period summary delivered to the case manager. */
export enum FinalSummaryState {
  DRAFT = 'DRAFT',
  FINAL = 'FINAL',
}

/** FINAL is final: once delivered, the case manager's copy and ours must not drift apart. */
export const finalSummaryStateMachine = new StateMachine<FinalSummaryState>(FinalSummaryReason.ILLEGAL_FINAL_SUMMARY_TRANSITION, {
  [FinalSummaryState.DRAFT]: [FinalSummaryState.FINAL],
  [FinalSummaryState.FINAL]: [],
});

export function assertEditable(state: FinalSummaryState): void {
  if (state !== FinalSummaryState.DRAFT) {
    throw conflict(FinalSummaryReason.FINAL_SUMMARY_IS_FINAL, 'The final summary has been finalised and can no longer be edited', {
      details: { state },
    });
  }
}
