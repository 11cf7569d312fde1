import { findPersona, Persona, personas } from '../demo/personas';

export const tokenUsage = `usage: npm run token -- --as NAME [--ttl 12h]                      a demo persona (see --list)
       npm run token -- --sub SUBJECT [--email ADDRESS] [--group NAME]… [--ttl 12h]
       npm run token -- --list                                          the personas with role and scope
options: --no-check  sign without asking the database whether the identity is a user
A token carries an identity (issuer AUTH_ISSUER, subject, e-mail, groups), never a role: the role
is the user's in Polku's database (linkUser) or comes from a group (AUTH_GROUP_ROLES).
The token is printed alone on the last line of standard output.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${tokenUsage}`);
    this.name = 'UsageError';
  }
}

export interface TokenIdentity {
  subject: string;
  email?: string;
  groups: string[];
}

export type TokenRequest =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'sign';
      identity: TokenIdentity;
      /** Set when the token is a persona's (`--as`). */
      persona?: Persona;
      ttl: string;
      /** Ask the database whether the identity is a user before signing (`--no-check` turns it off). */
      check: boolean;
    };

const valueFlags = new Set(['as', 'sub', 'email', 'group', 'ttl']);
const repeatable = new Set(['group']);
const switches = new Set(['list', 'no-check', 'help']);

/** Reads `npm run token` arguments; throws UsageError. `--as` stands alone (the persona fixes the identity). */
export function parseTokenArguments(argv: readonly string[]): TokenRequest {
  const values = new Map<string, string[]>();
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      given.add('help');
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (switches.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      given.add(name);
      continue;
    }
    if (!valueFlags.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (values.has(name) && !repeatable.has(name)) throw new UsageError(`--${name} is given twice`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const one = (name: string) => values.get(name)?.[0];

  if (given.has('help')) return { kind: 'help' };
  if (given.has('list')) {
    if (values.size) throw new UsageError('--list takes no other options');
    return { kind: 'list' };
  }
  const ttl = one('ttl') ?? '12h';
  if (!/^\d+\s*[a-z]+$/i.test(ttl)) throw new UsageError(`--ttl must be a duration such as 30m, 12h or 7d (not "${ttl}")`);
  const check = !given.has('no-check');

  const personaKey = one('as');
  if (personaKey !== undefined) {
    const extra = [...values.keys()].filter((name) => name !== 'as' && name !== 'ttl');
    if (extra.length) throw new UsageError(`--as gives the identity; leave out ${extra.map((name) => `--${name}`).join(', ')}`);
    const persona = findPersona(personaKey);
    if (!persona)
      throw new UsageError(`no persona "${personaKey}"; the personas are ${personas.map((p) => p.key).join(', ')} (npm run token -- --list)`);
    return { kind: 'sign', identity: { subject: persona.subject, email: persona.subject, groups: [] }, persona, ttl, check };
  }

  const subject = one('sub');
  if (subject === undefined) throw new UsageError('give --as NAME (a persona) or --sub SUBJECT');
  if (!subject.trim() || subject.length > 200) throw new UsageError('--sub must be 1–200 characters');
  const email = one('email');
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`--email must be an e-mail address (not "${email}")`);
  const groups = values.get('group') ?? [];
  const badGroup = groups.find((group) => !group.trim() || group.length > 200);
  if (badGroup !== undefined) throw new UsageError('--group must be 1–200 characters');
  return { kind: 'sign', identity: { subject, ...(email ? { email } : {}), groups }, ttl, check };
}

/** `--list`: one block per persona. */
export function formatPersonaList(): string {
  const keyWidth = Math.max(...personas.map((p) => p.key.length));
  const roleWidth = Math.max(...personas.map((p) => p.role.length));
  const lines = ['Personas of the demo data (npm run token -- --as NAME):', ''];
  for (const persona of personas) {
    lines.push(`  ${persona.key.padEnd(keyWidth)}  ${persona.role.padEnd(roleWidth)}  ${persona.name}, ${persona.title}`);
    lines.push(`  ${''.padEnd(keyWidth)}  ${''.padEnd(roleWidth)}  scope: ${persona.scope}  (--sub ${persona.subject})`);
  }
  return `${lines.join('\n')}\n`;
}
