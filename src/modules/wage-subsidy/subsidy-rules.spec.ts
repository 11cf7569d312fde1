import { DomainError } from '../../platform/errors';
import { NATIONAL_SUBSIDY_TYPES } from '../organisation/subsidy-types';
import {
  ageOn,
  applicationStateMachine,
  assertEmploymentWithinDecision,
  assertRequestFitsType,
  DecisionOutcome,
  SubsidyApplicationState,
} from './subsidy-rules';

const reasonOf = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return {
      reason: (error as DomainError).extensions.reason,
      field: ((error as DomainError).extensions.fields as Array<{ path: string }> | undefined)?.[0]?.path,
    };
  }
  return null;
};
const type = (code: string) => NATIONAL_SUBSIDY_TYPES.find((t) => t.code === code)!;

describe('ageOn', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('1971-03-15', '2026-03-14')).toBe(54);
    expect(ageOn('1971-03-15', '2026-03-15')).toBe(55);
    expect(ageOn('1972-02-29', '2027-02-28')).toBe(54);
    expect(ageOn('1972-02-29', '2027-03-01')).toBe(55);
  });
});

describe('assertRequestFitsType', () => {
  it('lets a 50 % subsidy run ten months and refuses one day more', () => {
    expect(reasonOf(() => assertRequestFitsType(type('PALKKATUKI_50'), '2026-01-01', '2026-10-31', '1990-01-01', 'input'))).toBeNull();
    expect(reasonOf(() => assertRequestFitsType(type('PALKKATUKI_50'), '2026-01-01', '2026-11-01', '1990-01-01', 'input'))).toEqual({
      reason: 'SUBSIDY_TOO_LONG',
      field: 'input.requestedEnd',
    });
  });

  it('gives the 55+ subsidy only to people who are 55 when the employment starts', () => {
    const over55 = type('TYOLLISTAMISTUKI_55');
    expect(reasonOf(() => assertRequestFitsType(over55, '2026-03-15', '2027-03-14', '1971-03-15', 'input'))).toBeNull();
    expect(reasonOf(() => assertRequestFitsType(over55, '2026-03-14', '2027-03-14', '1971-03-15', 'input'))).toEqual({
      reason: 'SUBSIDY_AGE_NOT_REACHED',
      field: 'input.requestedTypeCode',
    });
    expect(reasonOf(() => assertRequestFitsType(over55, '2026-03-14', '2027-03-14', null, 'input'))?.reason).toBe('SUBSIDY_AGE_NOT_REACHED');
  });

  it('lets a type without a maximum run any length', () => {
    expect(reasonOf(() => assertRequestFitsType({ code: 'KUNTALISA', maxMonths: null }, '2026-01-01', '2030-01-01', null, 'input'))).toBeNull();
  });
});

describe('assertEmploymentWithinDecision', () => {
  const granted = { outcome: DecisionOutcome.GRANTED, startDate: '2026-02-01', endDate: '2026-07-31', decidedOn: '2026-02-10' };

  it('accepts an employment from the decision day to the decided end', () => {
    expect(reasonOf(() => assertEmploymentWithinDecision(granted, '2026-02-10', '2026-07-31', 'input'))).toBeNull();
    expect(reasonOf(() => assertEmploymentWithinDecision({ ...granted, decidedOn: '2026-01-20' }, '2026-02-01', '2026-06-30', 'input'))).toBeNull();
  });

  it('refuses a start before the decision, even inside the decided period', () => {
    expect(reasonOf(() => assertEmploymentWithinDecision(granted, '2026-02-09', '2026-07-31', 'input'))).toEqual({
      reason: 'EMPLOYMENT_BEFORE_DECISION',
      field: 'input.startDate',
    });
  });

  it('refuses a start or end outside the decided period, and an open end', () => {
    const early = { ...granted, decidedOn: '2026-01-01' };
    expect(reasonOf(() => assertEmploymentWithinDecision(early, '2026-01-31', '2026-07-31', 'input'))).toEqual({
      reason: 'EMPLOYMENT_OUTSIDE_DECISION',
      field: 'input.startDate',
    });
    expect(reasonOf(() => assertEmploymentWithinDecision(early, '2026-08-01', '2026-08-31', 'input'))?.reason).toBe('EMPLOYMENT_OUTSIDE_DECISION');
    expect(reasonOf(() => assertEmploymentWithinDecision(early, '2026-02-01', '2026-08-01', 'input'))).toEqual({
      reason: 'EMPLOYMENT_OUTSIDE_DECISION',
      field: 'input.endDate',
    });
    expect(reasonOf(() => assertEmploymentWithinDecision(early, '2026-02-01', null, 'input'))?.field).toBe('input.endDate');
  });

  it('refuses any employment on a denied decision', () => {
    const denied = { outcome: DecisionOutcome.DENIED, startDate: null, endDate: null, decidedOn: '2026-02-10' };
    expect(reasonOf(() => assertEmploymentWithinDecision(denied, '2026-03-01', '2026-04-01', 'input'))?.reason).toBe('APPLICATION_NOT_GRANTED');
  });
});

describe('application states', () => {
  it('moves DRAFT → SUBMITTED → DECIDED, withdraws before the decision, and keeps DECIDED final', () => {
    const { DRAFT, SUBMITTED, DECIDED, WITHDRAWN } = SubsidyApplicationState;
    expect(applicationStateMachine.canTransition(DRAFT, SUBMITTED)).toBe(true);
    expect(applicationStateMachine.canTransition(SUBMITTED, DECIDED)).toBe(true);
    expect(applicationStateMachine.canTransition(DRAFT, DECIDED)).toBe(false);
    expect(applicationStateMachine.canTransition(SUBMITTED, WITHDRAWN)).toBe(true);
    expect(applicationStateMachine.isFinal(DECIDED)).toBe(true);
    expect(applicationStateMachine.isFinal(WITHDRAWN)).toBe(true);
  });
});
