import { Role } from '../../platform/auth/actor';
import { displayName } from './display-name';
import { audienceCondition, profileAudience } from './profile-audience';

const company = '0d4b5c6a-7e8f-4a1b-9c2d-3e4f5a6b7c8d';
const organisationId = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';

describe('profileAudience', () => {
  it("gives ADMIN every consent of the organisation, a partner its own company's and all-partner consents, others nothing", () => {
    expect(profileAudience({ userId: 'a', role: Role.ADMIN, organisationId }, 'Query.competenceProfiles')).toEqual({ kind: 'all', organisationId });
    expect(profileAudience({ userId: 'p', role: Role.PARTNER, organisationId, companyId: company }, 'Query.competenceProfiles')).toEqual({
      kind: 'company',
      organisationId,
      companyId: company,
    });
    expect(profileAudience({ userId: 'p', role: Role.PARTNER, organisationId }, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
    for (const role of [Role.COACH, Role.CAREER_AGENT, Role.CASE_MANAGER, Role.UNIT_LEAD, Role.ANALYST, Role.TRAINEE]) {
      expect(profileAudience({ userId: 'x', role, organisationId, companyId: company }, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
    }
    expect(profileAudience(undefined, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
  });

  it('sees nothing without an organisation, whatever the role (the platform operator)', () => {
    for (const role of [Role.ADMIN, Role.PARTNER, Role.PLATFORM_OPERATOR]) {
      expect(profileAudience({ userId: 'x', role, companyId: company }, 'Query.competenceProfiles')).toEqual({ kind: 'none' });
    }
  });

  it('binds the organisation and the company as parameters, never as text', () => {
    const params: unknown[] = [];
    const sql = audienceCondition({ kind: 'company', organisationId, companyId: company }, (value) => `$${params.push(value)}`);
    expect(sql).not.toContain(company);
    expect(sql).not.toContain(organisationId);
    expect(sql).toContain('t.organisation_id');
    expect(params).toEqual([organisationId, company]);
    const all: unknown[] = [];
    expect(audienceCondition({ kind: 'all', organisationId }, (value) => `$${all.push(value)}`)).toBe('t.organisation_id = $1::uuid');
    expect(all).toEqual([organisationId]);
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
