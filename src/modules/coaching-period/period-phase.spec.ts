import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { isActivePhase, ParticipationBasis, PeriodPhase, periodPhaseMachine, ServiceForm } from './period-phase';

const { INITIAL_MAPPING, PRE_COACHING, COACHING, CHECK_POINT, ENDED, FOLLOW_UP } = PeriodPhase;
const allowed: Array<[PeriodPhase, PeriodPhase]> = [
  [INITIAL_MAPPING, PRE_COACHING],
  [INITIAL_MAPPING, COACHING],
  [INITIAL_MAPPING, ENDED],
  [PRE_COACHING, COACHING],
  [PRE_COACHING, CHECK_POINT],
  [PRE_COACHING, ENDED],
  [COACHING, CHECK_POINT],
  [COACHING, ENDED],
  [CHECK_POINT, COACHING],
  [CHECK_POINT, ENDED],
  [ENDED, FOLLOW_UP],
];
const phases = Object.values(PeriodPhase);
const refused = phases
  .flatMap((from) => phases.map((to) => [from, to] as [PeriodPhase, PeriodPhase]))
  .filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));

describe('periodPhaseMachine', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(() => periodPhaseMachine.assert(from, to)).not.toThrow();
  });

  it.each(refused)('refuses %s -> %s', (from, to) => {
    const error = captureDomainError(() => periodPhaseMachine.assert(from, to));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('ILLEGAL_PERIOD_PHASE_TRANSITION');
  });

  it('has FOLLOW_UP as its only final phase', () => {
    expect(phases.filter((phase) => periodPhaseMachine.isFinal(phase))).toEqual([FOLLOW_UP]);
  });
});

describe('isActivePhase', () => {
  it('treats ENDED and FOLLOW_UP as inactive', () => {
    expect(phases.filter(isActivePhase)).toEqual([INITIAL_MAPPING, PRE_COACHING, COACHING, CHECK_POINT]);
  });
});

describe('enums', () => {
  it('use their names as values so they can be registered as GraphQL enums', () => {
    for (const enumeration of [PeriodPhase, ServiceForm, ParticipationBasis]) {
      for (const [key, value] of Object.entries(enumeration)) expect(value).toBe(key);
    }
    expect(Object.keys(ServiceForm)).toHaveLength(4);
    expect(Object.keys(ParticipationBasis)).toHaveLength(4);
  });
});
