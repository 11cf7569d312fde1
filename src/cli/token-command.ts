import { Client } from 'pg';

import { signDevelopmentToken } from '../platform/auth/tokens';
import { AppConfig, loadConfig } from '../platform/config';
import { embeddedDatabaseUrl } from '../platform/database/embedded';
import { formatPersonaList, parseTokenArguments, TokenIdentity, tokenUsage, UsageError } from './token-options';

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** What the database says of an identity: the roles its user holds (active ones), or why none. */
export type DatabaseCheck = { status: 'checked'; roles: string[]; problems: string[] } | { status: 'skipped'; reason: string };

/**
 * `npm run token`: parses and checks the flags, checks the ids against the database (DATABASE_URL,
 * or the embedded PostgreSQL while `npm start` runs it), then prints the token alone on the last
 * line of standard output. Returns the exit status: 0 signed, 1 refused, 2 wrong usage.
 */
export async function runTokenCommand(argv: readonly string[], env: NodeJS.ProcessEnv, output: CommandOutput): Promise<number> {
  let request;
  try {
    request = parseTokenArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n`);
    return 2;
  }
  if (request.kind === 'help') {
    output.out(`${tokenUsage}\n`);
    return 0;
  }
  if (request.kind === 'list') {
    output.out(formatPersonaList());
    return 0;
  }

  const config = loadConfig(env);
  if (!config.devSigner) {
    output.err('The development token signer is off (NODE_ENV=production or AUTH_DEV_SIGNER=false): get a token from the identity provider.\n');
    return 1;
  }
  const { identity, persona } = request;
  const who = persona ? `${persona.key} (${persona.name}, ${persona.role})` : `subject ${identity.subject}`;
  let described: string[] = [];
  if (request.check) {
    const check = await checkIdentityInDatabase(config, identity);
    if (check.status === 'skipped') {
      output.err(`Warning: the identity was not checked: ${check.reason}. The server refuses a token of no user (401).\n`);
    } else if (check.problems.length) {
      output.err(`Not signed: the server would refuse this token (401):\n${check.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
      if (persona)
        output.err(
          'The personas are users of the demo data: load it into an empty database with `npm run seed` (or start with an empty database).\n',
        );
      return 1;
    } else {
      described = check.roles;
    }
  }
  const token = await signDevelopmentToken(config, identity, request.ttl);
  const named = described.length ? ` (${described.join('; ')})` : '';
  output.err(`Development token for ${who}${named}, valid ${request.ttl}; send it as "Authorization: Bearer <token>":\n`);
  output.out(`${token}\n`);
  return 0;
}

/** Connects to the server's database for one statement; never prints the URL (it may hold a password). */
export async function checkIdentityInDatabase(config: AppConfig, identity: TokenIdentity): Promise<DatabaseCheck> {
  const where = config.DATABASE_URL ? 'DATABASE_URL' : `the embedded PostgreSQL (port ${config.EMBEDDED_POSTGRES_PORT})`;
  const client = new Client({
    connectionString: config.DATABASE_URL ?? embeddedDatabaseUrl(config.EMBEDDED_POSTGRES_PORT),
    connectionTimeoutMillis: 3000,
    query_timeout: 5000,
  });
  // An unreachable server emits 'error' after a failed connect; the rejection below reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const code = errorCode(error);
    if (!config.DATABASE_URL && (code === 'ECONNREFUSED' || code === '3D000')) {
      return {
        status: 'skipped',
        reason: `the embedded database is not running (it runs inside \`npm start\`: start the server first, or set DATABASE_URL)`,
      };
    }
    return { status: 'skipped', reason: `${where} could not be reached (${code ?? 'no answer'})` };
  }
  try {
    const { rows } = await client.query<{ role: string; organisation: string | null }>(
      `SELECT r.role::text AS role, o.name AS organisation
         FROM app_user u JOIN user_role r ON r.user_id = u.id LEFT JOIN organisation o ON o.id = r.organisation_id
        WHERE u.issuer = $1 AND u.subject = $2 AND r.active ORDER BY o.name`,
      [config.AUTH_ISSUER, identity.subject],
    );
    const roles = rows.map((row) => (row.organisation ? `${row.role} in ${row.organisation}` : row.role));
    // Groups may make the identity a user at its first request (AUTH_GROUP_ROLES); only the server knows.
    const problems =
      roles.length || identity.groups.length
        ? []
        : [`no active user has the identity ${config.AUTH_ISSUER} / ${identity.subject} (an ADMIN links one with linkUser)`];
    return { status: 'checked', roles, problems };
  } catch (error) {
    if (errorCode(error) === '42P01')
      return { status: 'skipped', reason: `${where} has no Polku tables yet (start the server or run \`npm run migration:run\`)` };
    return { status: 'skipped', reason: `the look-up in ${where} failed (${errorCode(error) ?? 'error'})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function errorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; errors?: Array<{ code?: unknown }> };
  if (typeof candidate?.code === 'string') return candidate.code;
  const inner = candidate?.errors?.find((e) => typeof e.code === 'string');
  return inner?.code as string | undefined;
}
