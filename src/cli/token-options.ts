import { findPersona, Persona, personas } from '../demo/personas';
import { ScopeClaim, scopeClaimOfRole, scopeClaims } from '../modules/access/scope-claims';
import { Actor, Role } from '../platform/auth/actor';
import { isUuid } from '../platform/ids';

/** The command-line flag of each scope claim. */
export const claimFlag: Record<ScopeClaim, string> = {
  staffId: '--staff',
  unitId: '--unit',
  areaId: '--area',
  companyId: '--company',
};

const flagClaim: Record<string, ScopeClaim> = { staff: 'staffId', unit: 'unitId', area: 'areaId', company: 'companyId' };

/** What each role's scope is made of, as flags: the help text and the error messages say the same. */
const roleFlagHelp = Object.values(Role)
  .map((role) => {
    const claim = scopeClaimOfRole[role];
    return `  ${role.padEnd(13)} ${claim ? `${claimFlag[claim]} ID (required)` : '(no scope flag)'}`;
  })
  .join('\n');

export const tokenUsage = `usage: npm run token -- --as NAME [--ttl 12h]          a demo persona (see --list)
       npm run token -- --role ROLE [scope flag] [--sub USER] [--ttl 12h]
       npm run token -- --list                              the personas with role and scope
options: --no-check  sign without checking the ids against the database
roles and the scope flag each needs (the id of a real row of the server's database):
${roleFlagHelp}
The token is printed alone on the last line of standard output.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${tokenUsage}`);
    this.name = 'UsageError';
  }
}

export type TokenRequest =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'sign';
      actor: Omit<Actor, 'userId'> & { userId?: string };
      /** Set when the token is a persona's (`--as`). */
      persona?: Persona;
      ttl: string;
      /** Check the ids against the database before signing (`--no-check` turns it off). */
      check: boolean;
    };

const valueFlags = new Set(['as', 'role', 'staff', 'unit', 'area', 'company', 'sub', 'ttl']);
const switches = new Set(['list', 'no-check', 'help']);

/**
 * Reads `npm run token` arguments and checks them against the role without a database: a role's
 * scope flag must be given (COACH and CAREER_AGENT `--staff`, CASE_MANAGER `--area`, UNIT_LEAD
 * `--unit`, PARTNER `--company`), a flag the role does not use is refused, ids must be UUIDs, and
 * `--as` stands alone (the persona fixes role, scope and subject). Throws UsageError.
 */
export function parseTokenArguments(argv: readonly string[]): TokenRequest {
  const values = new Map<string, string>();
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
    if (values.has(name)) throw new UsageError(`--${name} is given twice`);
    values.set(name, value);
  }

  if (given.has('help')) return { kind: 'help' };
  if (given.has('list')) {
    if (values.size) throw new UsageError('--list takes no other options');
    return { kind: 'list' };
  }
  const ttl = values.get('ttl') ?? '12h';
  if (!/^\d+\s*[a-z]+$/i.test(ttl)) throw new UsageError(`--ttl must be a duration such as 30m, 12h or 7d (not "${ttl}")`);
  const check = !given.has('no-check');

  const personaKey = values.get('as');
  if (personaKey !== undefined) {
    const extra = [...values.keys()].filter((name) => name !== 'as' && name !== 'ttl');
    if (extra.length) throw new UsageError(`--as gives the role, scope and subject; leave out ${extra.map((name) => `--${name}`).join(', ')}`);
    const persona = findPersona(personaKey);
    if (!persona)
      throw new UsageError(`no persona "${personaKey}"; the personas are ${personas.map((p) => p.key).join(', ')} (npm run token -- --list)`);
    const { key: _key, name: _name, title: _title, scope: _scope, ...actor } = persona;
    return { kind: 'sign', actor, persona, ttl, check };
  }

  const roleName = values.get('role');
  if (roleName === undefined) throw new UsageError('give --as NAME (a persona) or --role ROLE');
  const role = roleName.toUpperCase() as Role;
  if (!Object.values(Role).includes(role)) throw new UsageError(`unknown role "${roleName}"; roles: ${Object.values(Role).join(', ')}`);

  const actor: Omit<Actor, 'userId'> & { userId?: string } = { role };
  const problems: string[] = [];
  const required = scopeClaimOfRole[role];
  for (const [flag, claim] of Object.entries(flagClaim)) {
    const value = values.get(flag);
    if (value === undefined) continue;
    if (claim !== required) {
      problems.push(required ? `${role} takes ${claimFlag[required]}, not --${flag}` : `${role} has no scope: leave out --${flag}`);
      continue;
    }
    if (!isUuid(value)) {
      problems.push(`${claimFlag[claim]} must be an id (a UUID), not "${value}"`);
      continue;
    }
    actor[claim] = value.toLowerCase();
  }
  if (required && values.get(Object.keys(flagClaim).find((flag) => flagClaim[flag] === required)!) === undefined) {
    problems.push(`${role} needs ${claimFlag[required]} ID: a token without it is refused (401)`);
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  const sub = values.get('sub');
  if (sub !== undefined) {
    if (!sub.trim() || sub.length > 200) throw new UsageError('--sub must be 1–200 characters');
    actor.userId = sub;
  }
  return { kind: 'sign', actor, ttl, check };
}

/** `--list`: one block per persona, with the flags that make the same token by hand. */
export function formatPersonaList(): string {
  const keyWidth = Math.max(...personas.map((p) => p.key.length));
  const roleWidth = Math.max(...personas.map((p) => p.role.length));
  const lines = ['Personas of the demo data (npm run token -- --as NAME):', ''];
  for (const persona of personas) {
    const flags = scopeClaims.filter((claim) => persona[claim]).map((claim) => `${claimFlag[claim]} ${persona[claim]}`);
    lines.push(`  ${persona.key.padEnd(keyWidth)}  ${persona.role.padEnd(roleWidth)}  ${persona.name}, ${persona.title}`);
    lines.push(`  ${''.padEnd(keyWidth)}  ${''.padEnd(roleWidth)}  scope: ${persona.scope}${flags.length ? `  (${flags.join(' ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
