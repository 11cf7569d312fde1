import { badInput } from '../../platform/errors';
import { StateMachine } from '../../platform/state-machine';
import { ReferralReason } from './referral.reasons';

/** Lähete: a referral from the employment area to the coaching environment. */
export enum ReferralState {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  /** The coaching period that the referral led to has ended; a new referral may follow. */
  CLOSED = 'CLOSED',
}

/**
 * Decisions can be reopened instead of deleting and re-sending the referral, so the history of
 * who decided what stays on one record.
 */
export const referralStateMachine = new StateMachine<ReferralState>(ReferralReason.ILLEGAL_REFERRAL_TRANSITION, {
  [ReferralState.RECEIVED]: [ReferralState.ACCEPTED, ReferralState.REJECTED],
  [ReferralState.ACCEPTED]: [ReferralState.RECEIVED, ReferralState.CLOSED],
  [ReferralState.REJECTED]: [ReferralState.RECEIVED],
  [ReferralState.CLOSED]: [],
});

/** The case manager must be told why; returns the trimmed reason. */
export function assertRejectionReason(reason?: string | null, path = 'input.reason'): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed === '') {
    throw badInput(path, 'A rejection needs a reason', ReferralReason.REJECTION_REASON_REQUIRED);
  }
  return trimmed;
}

/**
 * Checks the transition and, when rejecting, the reason. Returns the trimmed reason (or null when
 * the target state needs none).
 */
export function assertReferralTransition(from: ReferralState, to: ReferralState, reason?: string | null): string | null {
  referralStateMachine.assert(from, to);
  return to === ReferralState.REJECTED ? assertRejectionReason(reason) : null;
}

/**
 * Open referrals block a second referral of the same person to the same service. A rejected one
 * does not: the employment area may send a new referral later.
 */
export function isOpenReferral(state: ReferralState): boolean {
  return state === ReferralState.RECEIVED || state === ReferralState.ACCEPTED;
}
