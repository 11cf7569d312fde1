import { Role } from '../../platform/auth/actor';
import { displayName } from './display-name';
import { audienceCondition, profileAudience } from './profile-audience';

const company = '0d4b5c6a-7e8f-4a1b-9c2d-3e4f5a6b7c8d';

describe('profileAudience', () => {
  it('gives ADMIN every consent, a partner its own company and all-partner consents, others nothing', () => {
    expect(profileAudience({ userId: 'a', role: Role.ADMIN }, 'Query.competenceProfiles')).toEqual({ kind: 'all' });
    expect(profileAudience({ userId: 'p', role: Role.PARTNER, companyId: company }, 'Query.competenceProfiles')).toEqual({
      kind: 'company',
      companyId: company,
    });
    expect(profileAudience({ userId: 'p', role: Role.PARTNER }, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
    for (const role of [Role.COACH, Role.CAREER_AGENT, Role.CASE_MANAGER, Role.UNIT_LEAD, Role.ANALYST]) {
      expect(profileAudience({ userId: 'x', role, companyId: company }, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
    }
    expect(profileAudience(undefined, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
  });

  it('binds the company as a parameter, never as text', () => {
    const params: unknown[] = [];
    const sql = audienceCondition({ kind: 'company', companyId: company }, (value) => `$${params.push(value)}`);
    expect(sql).not.toContain(company);
    expect(params).toEqual([company]);
    expect(audienceCondition({ kind: 'none' }, () => '$1')).toBe('FALSE');
  });
});

describe('displayName', () => {
  it('is the first name and the initial of the last name', () => {
    expect(displayName('Aino', 'Korhonen')).toBe('Aino K.');
    expect(displayName('Päivi', 'Ärölä')).toBe('Päivi Ä.');
    expect(displayName('Zainab', 'Al-Hashimi')).toBe('Zainab A.');
    expect(displayName('Anna Maria', 'Lindroos')).toBe('Anna L.');
    expect(displayName('Minh', 'le')).toBe('Minh L.');
  });

  it('never contains the last name', () => {
    for (const last of ['Le', 'Aro', 'Salo', 'Tran', 'Nguyen']) expect(displayName('X', last)).not.toContain(last);
  });
});
