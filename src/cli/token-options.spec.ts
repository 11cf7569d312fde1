import { personas } from '../demo/personas';
import { Role } from '../platform/auth/actor';
import { formatPersonaList, parseTokenArguments, TokenRequest, UsageError } from './token-options';

const staffId = '6b1f3c2e-0d4a-4e5b-9c7d-1a2b3c4d5e6f';

function refusal(argv: string[]): string {
  try {
    parseTokenArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message.split('\n\n')[0];
    throw error;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

function signed(argv: string[]): Extract<TokenRequest, { kind: 'sign' }> {
  const request = parseTokenArguments(argv);
  if (request.kind !== 'sign') throw new Error(`expected a token request, got ${request.kind}`);
  return request;
}

describe('npm run token: flags against the role', () => {
  it.each([
    [Role.COACH, '--staff'],
    [Role.CAREER_AGENT, '--staff'],
    [Role.CASE_MANAGER, '--area'],
    [Role.UNIT_LEAD, '--unit'],
    [Role.PARTNER, '--company'],
  ])('refuses %s without %s, and signs it with one', (role, flag) => {
    expect(refusal(['--role', role])).toBe(`${role} needs ${flag} ID: a token without it is refused (401)`);
    const request = signed(['--role', role, flag, staffId]);
    const claim = { '--staff': 'staffId', '--area': 'areaId', '--unit': 'unitId', '--company': 'companyId' }[flag]!;
    expect(request.actor).toEqual({ role, [claim]: staffId });
    expect(request.check).toBe(true);
  });

  it('signs ADMIN and ANALYST with no scope flag, and refuses a scope flag for them', () => {
    expect(signed(['--role', 'ADMIN']).actor).toEqual({ role: Role.ADMIN });
    expect(signed(['--role', 'analyst']).actor).toEqual({ role: Role.ANALYST });
    expect(refusal(['--role', 'ADMIN', '--staff', staffId])).toBe('ADMIN has no scope: leave out --staff');
    expect(refusal(['--role', 'ANALYST', '--company', staffId])).toBe('ANALYST has no scope: leave out --company');
  });

  it("refuses a flag of another role's scope, naming the one the role takes", () => {
    expect(refusal(['--role', 'COACH', '--unit', staffId])).toBe(
      'COACH takes --staff, not --unit\nCOACH needs --staff ID: a token without it is refused (401)',
    );
    expect(refusal(['--role', 'UNIT_LEAD', '--unit', staffId, '--staff', staffId])).toBe('UNIT_LEAD takes --unit, not --staff');
  });

  it('refuses ids that are not UUIDs (the server would refuse the claim)', () => {
    expect(refusal(['--role', 'COACH', '--staff', 'anna'])).toBe('--staff must be an id (a UUID), not "anna"');
  });

  it('refuses unknown roles, unknown options, missing values and repeated flags', () => {
    expect(refusal(['--role', 'BOSS'])).toMatch(/^unknown role "BOSS"; roles: ADMIN, COACH/);
    expect(refusal(['--role', 'ADMIN', '--scope', 'x'])).toBe('unknown option --scope');
    expect(refusal(['--role'])).toBe('--role needs a value');
    expect(refusal(['--role', '--staff', staffId])).toBe('--role needs a value');
    expect(refusal(['--role', 'ADMIN', '--role', 'COACH'])).toBe('--role is given twice');
    expect(refusal(['ADMIN'])).toBe('unexpected argument "ADMIN"');
    expect(refusal([])).toBe('give --as NAME (a persona) or --role ROLE');
    expect(refusal(['--role', 'ADMIN', '--ttl', 'forever'])).toBe('--ttl must be a duration such as 30m, 12h or 7d (not "forever")');
  });

  it('takes --flag=value, --sub, --ttl and --no-check', () => {
    const request = signed([`--role=COACH`, `--staff=${staffId.toUpperCase()}`, '--sub', 'someone@example.test', '--ttl', '30m', '--no-check']);
    expect(request).toEqual({ kind: 'sign', actor: { role: Role.COACH, staffId, userId: 'someone@example.test' }, ttl: '30m', check: false });
  });
});

describe('npm run token: personas', () => {
  it('signs a persona by name with its role, scope and subject', () => {
    const request = signed(['--as', 'anna']);
    expect(request.persona?.name).toBe('Anna Mäkinen');
    expect(request.actor).toEqual({
      role: Role.COACH,
      staffId: personas.find((p) => p.key === 'anna')!.staffId,
      userId: 'anna.makinen@pori.example',
    });
    expect(signed(['--as', 'Heidi', '--ttl', '1h']).actor.role).toBe(Role.CASE_MANAGER);
  });

  it('refuses an unknown persona and flags that the persona already fixes', () => {
    expect(refusal(['--as', 'nobody'])).toMatch(/^no persona "nobody"; the personas are riikka, anna, elina/);
    expect(refusal(['--as', 'anna', '--role', 'ADMIN'])).toBe('--as gives the role, scope and subject; leave out --role');
    expect(refusal(['--as', 'anna', '--staff', staffId, '--sub', 'x'])).toBe('--as gives the role, scope and subject; leave out --staff, --sub');
  });

  it('has one persona per role at least, with unique lower-case first names as keys and the claim each role needs', () => {
    expect(new Set(personas.map((p) => p.role))).toEqual(new Set(Object.values(Role)));
    expect(new Set(personas.map((p) => p.key)).size).toBe(personas.length);
    for (const persona of personas) {
      expect([persona.key, persona.key]).toEqual([persona.key, persona.name.split(' ')[0].toLowerCase()]);
      // Each persona's token passes the same flag checks as a hand-made one.
      const flags = Object.entries({ staffId: '--staff', unitId: '--unit', areaId: '--area', companyId: '--company' }).flatMap(([claim, flag]) =>
        persona[claim as 'staffId'] ? [flag, persona[claim as 'staffId']!] : [],
      );
      expect(signed(['--role', persona.role, ...flags]).actor.role).toBe(persona.role);
    }
  });

  it('--list prints every persona with role, name and scope, and the flags that make the same token', () => {
    expect(parseTokenArguments(['--list'])).toEqual({ kind: 'list' });
    expect(refusal(['--list', '--role', 'ADMIN'])).toBe('--list takes no other options');
    const list = formatPersonaList();
    for (const persona of personas) {
      expect(list).toMatch(new RegExp(`^  ${persona.key} +${persona.role} +${persona.name}, `, 'm'));
      expect(list).toContain(`scope: ${persona.scope}`);
    }
    expect(list).toContain(`--staff ${personas.find((p) => p.key === 'anna')!.staffId}`);
    expect(list).toContain(`--company ${personas.find((p) => p.key === 'janne')!.companyId}`);
  });

  it('--help and -h ask for the usage', () => {
    expect(parseTokenArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseTokenArguments(['-h', '--role', 'x'])).toEqual({ kind: 'help' });
  });
});
