import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { assertObservedAfterPeriodStart, followUpDueDate, isEmployedOrStudying, OutcomeCheckpoint, OutcomeType } from './outcome';

describe('followUpDueDate', () => {
  it.each([
    ['2025-05-15', OutcomeCheckpoint.AT_END, '2025-05-15'],
    ['2025-05-15', OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, '2025-08-15'],
    ['2025-05-15', OutcomeCheckpoint.FOLLOW_UP_6_MONTHS, '2025-11-15'],
    ['2025-08-31', OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, '2025-11-30'],
    ['2025-08-31', OutcomeCheckpoint.FOLLOW_UP_6_MONTHS, '2026-02-28'],
    ['2025-11-30', OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, '2026-02-28'],
    ['2023-08-31', OutcomeCheckpoint.FOLLOW_UP_6_MONTHS, '2024-02-29'],
  ])('%s + %s = %s', (end, checkpoint, due) => {
    expect(followUpDueDate(end, checkpoint)).toBe(due);
  });

  it('refuses an invalid end date', () => {
    expect(() => followUpDueDate('2025-02-30', OutcomeCheckpoint.AT_END)).toThrow(RangeError);
  });
});

describe('isEmployedOrStudying', () => {
  it('counts only employment and studies towards the 70% target', () => {
    expect(Object.values(OutcomeType).filter(isEmployedOrStudying)).toEqual([
      OutcomeType.EMPLOYED_OPEN_MARKET,
      OutcomeType.EMPLOYED_WAGE_SUBSIDY,
      OutcomeType.STUDYING,
    ]);
  });

  it('has the nine outcome types', () => {
    expect(Object.keys(OutcomeType)).toHaveLength(9);
  });
});

describe('assertObservedAfterPeriodStart', () => {
  it('accepts the start day and later', () => {
    expect(() => assertObservedAfterPeriodStart('2025-01-01', '2025-01-01')).not.toThrow();
    expect(() => assertObservedAfterPeriodStart('2025-06-30', '2025-01-01')).not.toThrow();
  });

  it('refuses a day before the start on input.observedOn', () => {
    const error = captureDomainError(() => assertObservedAfterPeriodStart('2024-12-31', '2025-01-01'));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.reason).toBe('BEFORE_PERIOD_START');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.observedOn' })]);
  });
});
