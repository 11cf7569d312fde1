import { ErrorCode } from '../../platform/errors';
import { captureDomainError } from '../shared/testing';
import { CompetenceState, competenceStateMachine } from './competence-state';

const { PRACTISING, DEMONSTRATED, VERIFIED } = CompetenceState;
const allowed: Array<[CompetenceState, CompetenceState]> = [
  [PRACTISING, DEMONSTRATED],
  [DEMONSTRATED, VERIFIED],
  [DEMONSTRATED, PRACTISING],
];
const states = Object.values(CompetenceState);
const refused = states
  .flatMap((from) => states.map((to) => [from, to] as [CompetenceState, CompetenceState]))
  .filter(([from, to]) => !allowed.some(([f, t]) => f === from && t === to));

describe('competenceStateMachine', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(() => competenceStateMachine.assert(from, to)).not.toThrow();
  });

  it.each(refused)('refuses %s -> %s', (from, to) => {
    const error = captureDomainError(() => competenceStateMachine.assert(from, to));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBe('ILLEGAL_COMPETENCE_TRANSITION');
  });

  it('makes VERIFIED final and only VERIFIED', () => {
    expect(states.filter((state) => competenceStateMachine.isFinal(state))).toEqual([VERIFIED]);
  });
});
