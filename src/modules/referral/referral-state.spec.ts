import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { assertReferralTransition, assertRejectionReason, isOpenReferral, ReferralState, referralStateMachine } from './referral-state';

const { RECEIVED, ACCEPTED, REJECTED, CLOSED } = ReferralState;
const allowed: Array<[ReferralState, ReferralState]> = [
  [RECEIVED, ACCEPTED],
  [RECEIVED, REJECTED],
  [ACCEPTED, RECEIVED],
  [REJECTED, RECEIVED],
  [ACCEPTED, CLOSED],
];
const allPairs = Object.values(ReferralState).flatMap((from) =>
  Object.values(ReferralState).map((to) => [from, to] as [ReferralState, ReferralState]),
);
const isAllowed = (from: ReferralState, to: ReferralState) => allowed.some(([f, t]) => f === from && t === to);

describe('referralStateMachine', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(referralStateMachine.canTransition(from, to)).toBe(true);
    expect(() => referralStateMachine.assert(from, to)).not.toThrow();
  });

  it.each(allPairs.filter(([from, to]) => !isAllowed(from, to)))('refuses %s -> %s', (from, to) => {
    const error = captureDomainError(() => referralStateMachine.assert(from, to));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('ILLEGAL_REFERRAL_TRANSITION');
  });

  it('refuses accepting a rejected referral without reopening it', () => {
    expect(referralStateMachine.canTransition(REJECTED, ACCEPTED)).toBe(false);
  });

  it('has CLOSED as its only final state', () => {
    expect(Object.values(ReferralState).filter((state) => referralStateMachine.isFinal(state))).toEqual([CLOSED]);
  });
});

describe('assertRejectionReason', () => {
  it('returns the trimmed reason', () => {
    expect(assertRejectionReason('  Needs health assessment first ')).toBe('Needs health assessment first');
  });

  it.each([undefined, null, '', '   \n'])('requires a reason (%j) on input.reason', (reason) => {
    const error = captureDomainError(() => assertRejectionReason(reason));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('REJECTION_REASON_REQUIRED');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.reason' })]);
  });
});

describe('assertReferralTransition', () => {
  it('requires a reason only when rejecting', () => {
    expect(assertReferralTransition(RECEIVED, REJECTED, ' duplicate ')).toBe('duplicate');
    expect(captureDomainError(() => assertReferralTransition(RECEIVED, REJECTED, '')).reason).toBe('REJECTION_REASON_REQUIRED');
    expect(assertReferralTransition(RECEIVED, ACCEPTED)).toBeNull();
    expect(assertReferralTransition(REJECTED, RECEIVED)).toBeNull();
  });

  it('checks the transition before the reason', () => {
    expect(captureDomainError(() => assertReferralTransition(ACCEPTED, REJECTED, '')).reason).toBe('ILLEGAL_REFERRAL_TRANSITION');
  });
});

describe('isOpenReferral', () => {
  it('counts received and accepted referrals as open, rejected and closed ones not', () => {
    expect(isOpenReferral(RECEIVED)).toBe(true);
    expect(isOpenReferral(ACCEPTED)).toBe(true);
    expect(isOpenReferral(REJECTED)).toBe(false);
    expect(isOpenReferral(CLOSED)).toBe(false);
  });
});
