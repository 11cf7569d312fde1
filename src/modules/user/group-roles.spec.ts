import { Role } from '../../platform/auth/actor';
import type { GroupRoleConfig } from '../../platform/config';
import { groupGrants } from './group-roles';

const config: GroupRoleConfig[] = [
  { group: 'polku-admins', organisation: '0204819-8', role: 'ADMIN' },
  { group: 'polku-analysts', organisation: '0204819-8', role: 'ANALYST' },
  { group: 'polku-analysts', organisation: '0135202-4', role: 'ANALYST', issuer: 'https://login.rauma.example' },
  { group: 'platform-ops', role: 'PLATFORM_OPERATOR' },
];

describe('groupGrants', () => {
  it('gives nothing to an identity without groups or with unknown groups', () => {
    expect(groupGrants({ issuer: 'x', groups: [] }, config)).toEqual([]);
    expect(groupGrants({ issuer: 'x', groups: ['everyone', 'polku-admins-old'] }, config)).toEqual([]);
  });

  it('maps a group to its role in its organisation', () => {
    expect(groupGrants({ issuer: 'x', groups: ['polku-analysts'] }, config)).toEqual([
      { organisation: '0204819-8', role: Role.ANALYST, group: 'polku-analysts' },
    ]);
  });

  it('lets the entry listed first win where two groups name one organisation', () => {
    expect(groupGrants({ issuer: 'x', groups: ['polku-analysts', 'polku-admins'] }, config)).toEqual([
      { organisation: '0204819-8', role: Role.ADMIN, group: 'polku-admins' },
    ]);
  });

  it('applies an entry with an issuer only to tokens of that provider', () => {
    expect(groupGrants({ issuer: 'https://login.rauma.example', groups: ['polku-analysts'] }, config).map((g) => g.organisation)).toEqual([
      '0204819-8',
      '0135202-4',
    ]);
    expect(groupGrants({ issuer: 'https://login.pori.example', groups: ['polku-analysts'] }, config).map((g) => g.organisation)).toEqual([
      '0204819-8',
    ]);
  });

  it('gives the platform role without an organisation', () => {
    expect(groupGrants({ issuer: 'x', groups: ['platform-ops'] }, config)).toEqual([
      { organisation: undefined, role: Role.PLATFORM_OPERATOR, group: 'platform-ops' },
    ]);
  });
});
