import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from environment variables, checked once at start-up. A bad value stops
 * the process with a message naming the variable, never a stack trace half-way through start-up.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

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
  /** Request bodies above this are refused with 413. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
});

export type AppConfig = z.infer<typeof environmentSchema> & {
  isProduction: boolean;
  dataDir: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset", as in most deployment tools' env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return {
    ...parsed.data,
    isProduction: parsed.data.NODE_ENV === 'production',
    dataDir: path.resolve(parsed.data.DATA_DIR),
  };
}
