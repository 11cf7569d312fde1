import { Client } from 'pg';

import { ClaimedRows, claimRowProblems, describeClaimedRows, lookUpClaims } from '../modules/access/scope-claims';
import type { Actor } from '../platform/auth/actor';
import { signDevelopmentToken } from '../platform/auth/tokens';
import { AppConfig, loadConfig } from '../platform/config';
import { embeddedDatabaseUrl } from '../platform/database/embedded';
import { claimFlag, formatPersonaList, parseTokenArguments, tokenUsage, UsageError } from './token-options';

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** The outcome of checking a token's ids against the database the server uses. */
export type DatabaseCheck = { status: 'checked'; rows: ClaimedRows; problems: string[] } | { status: 'skipped'; reason: string };

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
  const { actor, persona } = request;
  const who = persona ? `${persona.key} (${persona.name}, ${persona.role})` : actor.role;
  let described: string[] = [];
  if (request.check) {
    const check = await checkClaimsInDatabase(config, actor);
    if (check.status === 'skipped') {
      output.err(`Warning: the ids were not checked: ${check.reason}. The server refuses a token whose ids name nothing (401).\n`);
    } else if (check.problems.length) {
      output.err(`Not signed: the server would refuse this token (401):\n${check.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
      if (persona)
        output.err('The personas are rows of the demo data: load it into an empty database with `npm run seed` (or start with an empty database).\n');
      return 1;
    } else {
      described = describeClaimedRows(check.rows);
    }
  }
  const token = await signDevelopmentToken(config, actor, request.ttl);
  const named = persona ? (described.length ? ' (its ids are in the database)' : '') : described.length ? ` (${described.join(', ')})` : '';
  output.err(`Development token for ${who}${named}, valid ${request.ttl}; send it as "Authorization: Bearer <token>":\n`);
  output.out(`${token}\n`);
  return 0;
}

/** Connects to the server's database for one statement; never prints the URL (it may hold a password). */
export async function checkClaimsInDatabase(config: AppConfig, actor: Omit<Actor, 'userId'>): Promise<DatabaseCheck> {
  if (!actor.staffId && !actor.unitId && !actor.areaId && !actor.companyId) return { status: 'checked', rows: {}, problems: [] };
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
    const rows = await lookUpClaims(async (sql, parameters) => (await client.query(sql, parameters)).rows, actor);
    const problems = claimRowProblems(actor, rows).map(({ claim, problem }) => `${claimFlag[claim]}: ${problem}`);
    return { status: 'checked', rows, problems };
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
