import { Role } from '../../platform/auth/actor';
import { captureDomainError } from '../shared/testing';
import { staffIdForMine } from './mine';

const staffId = '6b1f3c2e-0d4a-4e5b-9c7d-1a2b3c4d5e6f';

describe('staffIdForMine', () => {
  it("gives a coach's and a career agent's own staff id", () => {
    expect(staffIdForMine(true, { userId: 'c', role: Role.COACH, staffId }, 'filter.mine')).toBe(staffId);
    expect(staffIdForMine(true, { userId: 'a', role: Role.CAREER_AGENT, staffId }, 'filter.mine')).toBe(staffId);
  });

  it('filters nothing when mine is false or left out', () => {
    for (const mine of [false, null, undefined]) expect(staffIdForMine(mine, { userId: 'x', role: Role.ADMIN }, 'filter.mine')).toBeUndefined();
  });

  it('refuses mine for roles without trainees of their own, naming the argument path', () => {
    for (const role of [Role.ADMIN, Role.CASE_MANAGER, Role.UNIT_LEAD, Role.PARTNER, Role.ANALYST]) {
      // Even an ADMIN token that happens to carry a staff id: "mine" is a coaching role's view.
      const error = captureDomainError(() => staffIdForMine(true, { userId: 'x', role, staffId }, 'filter.mine'));
      expect([role, error.extensions.code, error.extensions.reason, error.extensions.fields]).toEqual([
        role,
        'BAD_USER_INPUT',
        'MINE_NOT_APPLICABLE',
        [{ path: 'filter.mine', message: expect.stringContaining(role) }],
      ]);
    }
  });
});
