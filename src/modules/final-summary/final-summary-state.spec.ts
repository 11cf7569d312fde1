import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { assertEditable, FinalSummaryState, finalSummaryStateMachine } from './final-summary-state';

describe('finalSummaryStateMachine', () => {
  it('allows DRAFT -> FINAL', () => {
    expect(() => finalSummaryStateMachine.assert(FinalSummaryState.DRAFT, FinalSummaryState.FINAL)).not.toThrow();
  });

  it.each([
    [FinalSummaryState.FINAL, FinalSummaryState.DRAFT],
    [FinalSummaryState.FINAL, FinalSummaryState.FINAL],
    [FinalSummaryState.DRAFT, FinalSummaryState.DRAFT],
  ])('refuses %s -> %s', (from, to) => {
    const error = captureDomainError(() => finalSummaryStateMachine.assert(from, to));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('ILLEGAL_FINAL_SUMMARY_TRANSITION');
  });
});

describe('assertEditable', () => {
  it('allows editing a draft', () => {
    expect(() => assertEditable(FinalSummaryState.DRAFT)).not.toThrow();
  });

  it('refuses editing a final summary', () => {
    const error = captureDomainError(() => assertEditable(FinalSummaryState.FINAL));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('FINAL_SUMMARY_IS_FINAL');
  });
});
