import { Role } from '../../platform/auth/actor';
import type { GroupRoleConfig } from '../../platform/config';
import { groupMappingsFor, scopeInWords, viewCounts } from './access-review';

describe('viewCounts', () => {
  it('splits the organisation’s trainees by the view the matrix gives in and outside the scope', () => {
    expect(viewCounts(Role.ADMIN, 10, 10)).toEqual({ full: 10, roster: 0, unit: 0 });
    expect(viewCounts(Role.COACH, 4, 10)).toEqual({ full: 4, roster: 6, unit: 0 });
    expect(viewCounts(Role.CAREER_AGENT, 0, 10)).toEqual({ full: 0, roster: 10, unit: 0 });
    expect(viewCounts(Role.CASE_MANAGER, 3, 10)).toEqual({ full: 3, roster: 0, unit: 0 });
    expect(viewCounts(Role.UNIT_LEAD, 2, 10)).toEqual({ full: 0, roster: 0, unit: 2 });
    expect(viewCounts(Role.TRAINEE, 1, 10)).toEqual({ full: 1, roster: 0, unit: 0 });
  });

  it('gives PARTNER, ANALYST and PLATFORM_OPERATOR no trainee at all', () => {
    for (const role of [Role.PARTNER, Role.ANALYST, Role.PLATFORM_OPERATOR]) expect(viewCounts(role, 0, 10)).toEqual({ full: 0, roster: 0, unit: 0 });
  });

  it('never counts more in scope than the organisation has', () => {
    expect(viewCounts(Role.COACH, 12, 10)).toEqual({ full: 10, roster: 0, unit: 0 });
  });
});

describe('scopeInWords', () => {
  const base = { traineesInOrganisation: 20, inScope: 0 };
  it('names the caseload and the intake queue of coaching staff', () => {
    expect(scopeInWords({ ...base, role: Role.COACH, inScope: 15, caseload: 12, processesIntake: true, intakeQueue: 3, staffName: 'Anna' })).toBe(
      'coach Anna: own caseload (12 trainees) + intake queue (3 trainees); others as roster (5 trainees)',
    );
    expect(scopeInWords({ ...base, role: Role.CAREER_AGENT, inScope: 1, caseload: 1, processesIntake: false, intakeQueue: 3 })).toBe(
      'career agent: own caseload (1 trainee); others as roster (19 trainees)',
    );
  });

  it('names the unit, area and company the scope is made of', () => {
    expect(scopeInWords({ ...base, role: Role.UNIT_LEAD, inScope: 2, unitName: 'Museo' })).toBe(
      'unit lead of Museo (2 trainees working there, unit view)',
    );
    expect(scopeInWords({ ...base, role: Role.CASE_MANAGER, inScope: 7, areaName: 'Pori' })).toBe('case manager of Pori (7 trainees)');
    expect(scopeInWords({ ...base, role: Role.PARTNER, companyName: 'Oy', consentedProfiles: 1 })).toBe(
      'partner Oy: consented profiles (1 profile), no trainee records',
    );
    expect(scopeInWords({ ...base, role: Role.ADMIN })).toBe('administrator: the whole organisation (20 trainees)');
    expect(scopeInWords({ ...base, role: Role.ANALYST })).toContain('no personal data');
  });
});

describe('groupMappingsFor', () => {
  const config: GroupRoleConfig[] = [
    { group: 'ops', role: 'PLATFORM_OPERATOR' },
    { group: 'a', organisation: '0204819-8', role: 'ADMIN' },
    { group: 'b', organisation: 'E0F1A2B3-0000-4000-8000-000000000001', role: 'ANALYST', issuer: 'https://idp' },
    { group: 'c', organisation: '0135202-4', role: 'ANALYST' },
  ];
  it('keeps the entries naming the organisation by business ID or id, in configuration order', () => {
    expect(groupMappingsFor(config, { id: 'e0f1a2b3-0000-4000-8000-000000000001', businessId: '0204819-8' })).toEqual([
      { group: 'a', role: Role.ADMIN, issuer: null, organisation: '0204819-8', precedence: 1 },
      { group: 'b', role: Role.ANALYST, issuer: 'https://idp', organisation: 'E0F1A2B3-0000-4000-8000-000000000001', precedence: 2 },
    ]);
    expect(groupMappingsFor(config, { id: 'e0f1a2b3-0000-4000-8000-000000000002', businessId: null })).toEqual([]);
  });
});
