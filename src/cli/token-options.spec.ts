import { personas } from '../demo/personas';
import { Role } from '../platform/auth/actor';
import { formatPersonaList, parseTokenArguments, TokenRequest, UsageError } from './token-options';

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

describe('npm run token: an identity, never a role', () => {
  it('signs a subject with e-mail and repeated groups', () => {
    expect(
      signed(['--sub', 'someone@example.test', '--email', 'someone@example.test', '--group', 'a', '--group=b', '--ttl', '30m', '--no-check']),
    ).toEqual({
      kind: 'sign',
      identity: { subject: 'someone@example.test', email: 'someone@example.test', groups: ['a', 'b'] },
      ttl: '30m',
      check: false,
    });
    expect(signed(['--sub=x']).identity).toEqual({ subject: 'x', groups: [] });
  });

  it('refuses the old role and scope flags, bad values, missing values and repeated single flags', () => {
    expect(refusal(['--role', 'ADMIN'])).toBe('unknown option --role');
    expect(refusal(['--sub', 'x', '--staff', '6b1f3c2e-0d4a-4e5b-9c7d-1a2b3c4d5e6f'])).toBe('unknown option --staff');
    expect(refusal(['--sub'])).toBe('--sub needs a value');
    expect(refusal(['--sub', 'a', '--sub', 'b'])).toBe('--sub is given twice');
    expect(refusal(['--sub', 'a'.repeat(201)])).toBe('--sub must be 1–200 characters');
    expect(refusal(['--sub', 'x', '--email', 'not-an-address'])).toBe('--email must be an e-mail address (not "not-an-address")');
    expect(refusal(['ADMIN'])).toBe('unexpected argument "ADMIN"');
    expect(refusal([])).toBe('give --as NAME (a persona) or --sub SUBJECT');
    expect(refusal(['--sub', 'x', '--ttl', 'forever'])).toBe('--ttl must be a duration such as 30m, 12h or 7d (not "forever")');
  });
});

describe('npm run token: personas', () => {
  it('signs a persona by name with its subject', () => {
    const request = signed(['--as', 'anna']);
    expect(request.persona?.name).toBe('Anna Mäkinen');
    expect(request.identity).toEqual({ subject: 'anna.makinen@pori.example', email: 'anna.makinen@pori.example', groups: [] });
    expect(signed(['--as', 'Heidi', '--ttl', '1h']).persona?.role).toBe(Role.CASE_MANAGER);
  });

  it('refuses an unknown persona and flags that the persona already fixes', () => {
    expect(refusal(['--as', 'nobody'])).toMatch(/^no persona "nobody"; the personas are riikka, anna, elina/);
    expect(refusal(['--as', 'anna', '--sub', 'x'])).toBe('--as gives the identity; leave out --sub');
    expect(refusal(['--as', 'anna', '--group', 'g', '--email', 'a@b.c'])).toBe('--as gives the identity; leave out --group, --email');
  });

  it('has one persona per role at least, with unique lower-case first names as keys and unique subjects', () => {
    expect(new Set(personas.map((p) => p.role))).toEqual(new Set(Object.values(Role)));
    expect(new Set(personas.map((p) => p.key)).size).toBe(personas.length);
    expect(new Set(personas.map((p) => p.subject)).size).toBe(personas.length);
    for (const persona of personas) {
      expect([persona.key, persona.key]).toEqual([persona.key, persona.name.split(' ')[0].toLowerCase()]);
      // Everyone but the platform operator works in (or is a client of) a demo organisation.
      expect([persona.key, persona.organisation === undefined]).toEqual([persona.key, persona.role === Role.PLATFORM_OPERATOR]);
    }
  });

  it('--list prints every persona with role, name, scope and subject', () => {
    expect(parseTokenArguments(['--list'])).toEqual({ kind: 'list' });
    expect(refusal(['--list', '--sub', 'x'])).toBe('--list takes no other options');
    const list = formatPersonaList();
    for (const persona of personas) {
      expect(list).toMatch(new RegExp(`^  ${persona.key} +${persona.role} +${persona.name}, `, 'm'));
      expect(list).toContain(`scope: ${persona.scope}  (--sub ${persona.subject})`);
    }
  });

  it('--help and -h ask for the usage', () => {
    expect(parseTokenArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseTokenArguments(['-h', '--sub', 'x'])).toEqual({ kind: 'help' });
  });
});
