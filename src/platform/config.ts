import path from 'node:path';

import { z } from 'zod';

import { KeyRing, parseKeyRing } from './crypto';

/**
 * All configuration comes from environment variables, checked once at start-up. A bad value stops
 * the process with a message naming the variable, never a stack trace half-way through start-up.
 */
/**
 * LEGAL_LIMITS: JSON deep-merged over the legal defaults (the modules own the defaults and check
 * the participation-basis names). Here only the shape and the plain numbers are checked, so a typo
 * in a key or a value out of any sensible range stops start-up naming the variable and the path.
 */
const limitRange = (lowest: number, highest: number, integer: boolean) => {
  const value = (integer ? z.number().int() : z.number()).min(lowest).max(highest);
  return z
    .object({ min: value.optional(), max: value.optional() })
    .strict()
    .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, 'min must not be above max');
};

const identityProviderSchema = z
  .object({
    issuer: z.string().min(1),
    jwksUrl: z.string().url(),
    audience: z.string().min(1).optional(),
    emailClaim: z.string().min(1).optional(),
    groupsClaim: z.string().min(1).optional(),
  })
  .strict();

/** Roles a group may give: those whose scope is the whole organisation (or the platform), never a row. */
export const groupMappableRoles = ['ADMIN', 'ANALYST', 'PLATFORM_OPERATOR'] as const;

const groupRoleSchema = z
  .object({
    group: z.string().min(1).max(200),
    organisation: z
      .string()
      .regex(/^(\d{7}-\d|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'a business ID (1234567-8) or an organisation id')
      .optional(),
    role: z.enum(groupMappableRoles),
    issuer: z.string().min(1).optional(),
  })
  .strict()
  .refine((entry) => (entry.role === 'PLATFORM_OPERATOR') === (entry.organisation === undefined), {
    message: 'PLATFORM_OPERATOR takes no organisation; ADMIN and ANALYST need one',
  });

export type GroupRoleConfig = z.infer<typeof groupRoleSchema>;

export interface IdentityProviderConfig {
  issuer: string;
  jwksUrl: string;
  audience: string;
  emailClaim: string;
  groupsClaim: string;
}

const legalLimitsOverrideSchema = z
  .object({
    /** Per participation basis (e.g. WORK_TRIAL); `null` removes the basis's legal schedule limits. */
    schedule: z
      .record(
        z.string().regex(/^[A-Z][A-Z_]*$/, 'keys are participation bases such as WORK_TRIAL'),
        z
          .object({ daysPerWeek: limitRange(1, 7, true).optional(), hoursPerDay: limitRange(0, 24, false).optional() })
          .strict()
          .nullable(),
      )
      .optional(),
    rehabilitativePeriodMonths: limitRange(1, 120, false).optional(),
    workTrial: z
      .object({ maxMonthsPerOrganiser: z.number().positive().max(120).optional(), maxMonthsTotal: z.number().positive().max(120).optional() })
      .strict()
      .optional(),
  })
  .strict();

export type LegalLimitsOverride = z.infer<typeof legalLimitsOverrideSchema>;

const jsonFromEnv = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
    return z.NEVER;
  }
});

const booleanFromEnv = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Unset: an embedded PostgreSQL is started with its data in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load demo data when the database has none (first start). */
  SEED_DEMO_DATA: booleanFromEnv.default(true),
  /** Run pending migrations at start-up; turn off when a deploy step runs them. */
  MIGRATE_ON_START: booleanFromEnv.default(true),
  /** How long shutdown waits for in-flight requests before closing connections. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
  /**
   * Keys for identity codes at rest: `id:base64(32 bytes)`, comma-separated, newest first.
   * Required in production; development and tests fall back to a fixed, public key.
   */
  IDENTITY_CODE_KEYS: z.string().min(1).optional(),
  /** HMAC key (base64, ≥ 32 bytes) for identity-code look-ups. Required in production. */
  IDENTITY_CODE_HASH_KEY: z.string().min(1).optional(),
  /**
   * The identity provider, in the single-provider form: expected `iss` and `aud` of access tokens
   * and the JWKS they are signed with. AUTH_ISSUER is also the development signer's issuer.
   */
  AUTH_ISSUER: z.string().min(1).default('polku-dev'),
  AUTH_AUDIENCE: z.string().min(1).default('polku'),
  AUTH_JWKS_URL: z.string().url().optional(),
  /** Claims of the single provider's tokens holding the e-mail address and the groups. */
  AUTH_EMAIL_CLAIM: z.string().min(1).default('email'),
  AUTH_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /**
   * Several identity providers (one per municipality, e.g. each city's Entra ID tenant): a JSON
   * array of `{"issuer", "jwksUrl", "audience"?, "emailClaim"?, "groupsClaim"?}`. Used together
   * with the single-provider form when both are set.
   */
  AUTH_IDENTITY_PROVIDERS: jsonFromEnv.pipe(z.array(identityProviderSchema)).optional(),
  /**
   * Identity-provider groups that make their members users of an organisation without an
   * administrator linking each: a JSON array of `{"group", "organisation", "role", "issuer"?}`
   * where `organisation` is the organisation's business ID (Y-tunnus) or id and `role` one of
   * ADMIN, ANALYST (PLATFORM_OPERATOR without an organisation). Roles scoped to a staff member,
   * unit, area, company or trainee are linked by an ADMIN, never by a group.
   */
  AUTH_GROUP_ROLES: jsonFromEnv.pipe(z.array(groupRoleSchema)).optional(),
  /** Accept tokens signed with AUTH_DEV_SECRET (`npm run token`). Refused in production. */
  AUTH_DEV_SIGNER: booleanFromEnv.optional(),
  AUTH_DEV_SECRET: z.string().min(32).default('polku-development-token-secret-not-for-production'),
  /**
   * How long an instance keeps a user's resolved roles when no change notice reaches it. Changes
   * made through Polku reach every instance at once (PostgreSQL NOTIFY); this bounds how long a
   * change is missed if that channel is down. 0 asks the database on every request.
   */
  AUTH_USER_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
  /** Expense allowance (kulukorvaus) per attendance day, in cents. */
  EXPENSE_ALLOWANCE_CENTS_PER_DAY: z.coerce.number().int().min(0).default(900),
  /**
   * Participation bases whose attendance days earn the expense allowance, comma-separated
   * (unset: the modules' default). The names are checked against the bases by the modules.
   */
  EXPENSE_ALLOWANCE_BASES: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Z][A-Z_]*$/, 'comma-separated participation bases such as WORK_TRIAL')).min(1))
    .optional(),
  /** Overrides of the legal limits (periods, schedules, work trials), JSON deep-merged over the defaults. */
  LEGAL_LIMITS: jsonFromEnv.pipe(legalLimitsOverrideSchema).optional(),
  /** Query limits, the same on HTTP and WebSocket. */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  /** Cost: every field costs 1, a list with `first: n` multiplies what is under it by n. */
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(25000),
  MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
  MAX_TOKENS: z.coerce.number().int().min(100).default(4000),
  /** Operations per user (or per IP when anonymous) per minute, shared by all instances. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Reverse proxies in front of the service; X-Forwarded-For is believed only for that many hops. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * HTTP timeouts, for a service behind a reverse proxy. Headers must arrive within
   * HTTP_HEADERS_TIMEOUT_MS and the whole request (body included) within HTTP_REQUEST_TIMEOUT_MS,
   * else 408 and the connection is closed (a slowly trickled body holds nothing for long). An idle
   * keep-alive connection is kept HTTP_KEEP_ALIVE_TIMEOUT_MS: longer than a proxy's idle timeout
   * (60 s for the common ones), so the proxy, not Polku, closes idle connections and never sends
   * a request into one that is just being closed.
   */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(65_000),
  /** Request bodies above this are refused with 413. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /**
   * `allow-list`: only the first-party clients' documents in TRUSTED_DOCUMENTS_FILE run (sent by
   * hash as `documentId` / `extensions.persistedQuery.sha256Hash`, or as text), on HTTP and WebSocket.
   */
  TRUSTED_DOCUMENTS: z.enum(['off', 'allow-list']).default('off'),
  /** The manifest `npm run codegen` writes: `"sha256:<hex>": "<document>"`. */
  TRUSTED_DOCUMENTS_FILE: z.string().min(1).default('schema/trusted-documents.json'),
  /** Years after a trainee's matter closed (last period ended) before the retention job pseudonymises them. */
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * How each organisation reaches the employment area's client system and the wage-subsidy
   * authority: JSON (see docs/integrations.md), or INTEGRATIONS_FILE naming a JSON file. Unset:
   * in-process simulators outside production; nothing (messages wait in the outbox) in production.
   */
  INTEGRATIONS: z.string().optional(),
  INTEGRATIONS_FILE: z.string().optional(),
  /** Tries of an outgoing message before it is a dead letter an ADMIN can send again. */
  INTEGRATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** Wait before the second try; doubles up to INTEGRATION_RETRY_MAX_MS, with jitter. */
  INTEGRATION_RETRY_INITIAL_MS: z.coerce.number().int().min(10).default(2000),
  INTEGRATION_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(15 * 60 * 1000),
  /**
   * How long one try of an outgoing message holds it: longer than a try can last (attempts ×
   * timeout plus waits). A try cut short by a crash is taken up again after this.
   */
  INTEGRATION_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How often referrals and decisions are fetched from systems that are polled. */
  INTEGRATION_POLL_SECONDS: z.coerce.number().min(0.5).max(3600).default(30),
  /** Run the scheduled jobs (pg-boss: retention, identity-key rotation); default on except NODE_ENV=test. */
  JOBS_ENABLED: booleanFromEnv.optional(),
  /**
   * The benchmark (bench/run.ts) reads the SQL statements of each operation from the response
   * header `x-polku-statements`. Off by default: a count per answer says something of the data.
   */
  BENCH_EXPOSE_STATEMENTS: booleanFromEnv.default(false),
});

export type AppConfig = z.infer<typeof environmentSchema> & {
  isProduction: boolean;
  dataDir: string;
  trustedDocumentsFile: string;
  keyRing: KeyRing;
  devSigner: boolean;
  jobsEnabled: boolean;
  /** Every identity provider whose tokens are accepted (AUTH_JWKS_URL and AUTH_IDENTITY_PROVIDERS). */
  identityProviders: IdentityProviderConfig[];
};

/** Public development keys: they protect nothing and are refused in production. */
const developmentKeys = {
  encryption: `dev:${Buffer.alloc(32, 'polku-development-encryption-key').toString('base64')}`,
  hash: Buffer.alloc(32, 'polku-development-hash-key').toString('base64'),
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Every environment variable Polku reads (`.env.example` lists them all; a spec keeps it so). */
export const configVariables: readonly string[] = Object.keys(environmentSchema.shape);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset", as in most deployment tools' env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const data = parsed.data;
  const isProduction = data.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction && !data.IDENTITY_CODE_KEYS) problems.push('IDENTITY_CODE_KEYS: required when NODE_ENV=production');
  if (isProduction && !data.IDENTITY_CODE_HASH_KEY) problems.push('IDENTITY_CODE_HASH_KEY: required when NODE_ENV=production');
  let keyRing: KeyRing | undefined;
  try {
    keyRing = parseKeyRing(data.IDENTITY_CODE_KEYS ?? developmentKeys.encryption, data.IDENTITY_CODE_HASH_KEY ?? developmentKeys.hash);
  } catch (error) {
    problems.push(`IDENTITY_CODE_KEYS / IDENTITY_CODE_HASH_KEY: ${(error as Error).message}`);
  }
  const devSigner = data.AUTH_DEV_SIGNER ?? !isProduction;
  if (isProduction && devSigner) problems.push('AUTH_DEV_SIGNER: the development token signer cannot be enabled when NODE_ENV=production');
  const identityProviders: IdentityProviderConfig[] = [
    ...(data.AUTH_JWKS_URL
      ? [
          {
            issuer: data.AUTH_ISSUER,
            jwksUrl: data.AUTH_JWKS_URL,
            audience: data.AUTH_AUDIENCE,
            emailClaim: data.AUTH_EMAIL_CLAIM,
            groupsClaim: data.AUTH_GROUPS_CLAIM,
          },
        ]
      : []),
    ...(data.AUTH_IDENTITY_PROVIDERS ?? []).map((provider) => ({
      issuer: provider.issuer,
      jwksUrl: provider.jwksUrl,
      audience: provider.audience ?? data.AUTH_AUDIENCE,
      emailClaim: provider.emailClaim ?? 'email',
      groupsClaim: provider.groupsClaim ?? 'groups',
    })),
  ];
  const issuers = identityProviders.map((provider) => provider.issuer);
  for (const issuer of new Set(issuers.filter((issuer, index) => issuers.indexOf(issuer) !== index))) {
    problems.push(`AUTH_IDENTITY_PROVIDERS: the issuer ${issuer} is configured twice`);
  }
  if (isProduction && !identityProviders.length) {
    problems.push('AUTH_JWKS_URL or AUTH_IDENTITY_PROVIDERS: an identity provider is required when NODE_ENV=production');
  }
  // Node's http server refuses a headers timeout above the request timeout.
  if (data.HTTP_HEADERS_TIMEOUT_MS > data.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not be above HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)');
  }
  if (problems.length || !keyRing) throw new ConfigError(problems);
  const jobsEnabled = data.JOBS_ENABLED ?? data.NODE_ENV !== 'test';
  const trustedDocumentsFile = path.resolve(data.TRUSTED_DOCUMENTS_FILE);
  return { ...data, isProduction, dataDir: path.resolve(data.DATA_DIR), trustedDocumentsFile, keyRing, devSigner, jobsEnabled, identityProviders };
}
