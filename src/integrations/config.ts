import fs from 'node:fs';

import { z } from 'zod';

import { ConfigError } from '../platform/config';

/**
 * How each organisation reaches its outside systems (INTEGRATIONS or INTEGRATIONS_FILE, JSON). A
 * connection is `http` (the real system, directly or through an X-Road security server),
 * `simulator` (this repository's simulators, run in-process) or `none` (outgoing messages wait
 * in the outbox, nothing is fetched).
 */
const connectionShape = z.object({
  adapter: z.enum(['http', 'simulator', 'none']),
  baseUrl: z.string().url().optional(),
  timeoutMs: z.number().int().min(100).max(120_000).default(5000),
  /** Attempts within one try of a message (the outbox then tries again later). */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  backoff: z.object({ initialMs: z.number().int().min(1), maxMs: z.number().int().min(1) }).default({ initialMs: 200, maxMs: 2000 }),
  breaker: z
    .object({ consecutiveFailures: z.number().int().min(1), halfOpenAfterMs: z.number().int().min(100) })
    .default({ consecutiveFailures: 10, halfOpenAfterMs: 15_000 }),
  /** Client certificate for mutual TLS (PEM files). */
  tls: z.object({ certFile: z.string(), keyFile: z.string(), caFile: z.string().optional() }).optional(),
  /** Through a security server: this subsystem and the provider's service (X-Road Message Protocol for REST). */
  xRoad: z.object({ client: z.string().min(3), service: z.string().min(3) }).optional(),
  /** Fetch new referrals / decisions on a timer; off when the system pushes to the webhook instead. */
  poll: z.boolean().default(true),
  /** Secrets the system signs webhook pushes with; none: no webhook. */
  webhookSecrets: z.array(z.string().min(16)).default([]),
  /** Employment area only: which area's referrals this connection brings (default: the organisation's first linked area). */
  employmentAreaId: z.string().uuid().optional(),
});

const systemsShape = z.object({ employmentArea: connectionShape.optional(), wageSubsidy: connectionShape.optional() });

export const integrationsShape = z.object({
  /** For every organisation without its own entry. */
  default: systemsShape.optional(),
  organisations: z.record(z.string().uuid(), systemsShape).default({}),
  /** Production refuses a simulator unless this is set (a staging environment, a training copy). */
  allowSimulatorInProduction: z.boolean().default(false),
  simulator: z
    .object({
      /** A new referral batch this often (0: none after the start). */
      referralsEveryMs: z.number().int().min(0).default(60_000),
      initialReferrals: z.number().int().min(0).default(3),
      decisionDelayMs: z.tuple([z.number().int().min(0), z.number().int().min(0)]).default([5_000, 30_000]),
      faults: z.record(z.string(), z.unknown()).optional(),
    })
    .default({ referralsEveryMs: 60_000, initialReferrals: 3, decisionDelayMs: [5_000, 30_000] }),
});

export type IntegrationsConfig = z.infer<typeof integrationsShape>;
export type ConnectionConfig = z.infer<typeof connectionShape>;

/** The in-process simulators for both systems, polled: what `npm start` runs with no configuration. */
const simulatedEverywhere = { default: { employmentArea: { adapter: 'simulator' }, wageSubsidy: { adapter: 'simulator' } } };

/**
 * Reads the configuration. Unset: simulators outside production and tests, nothing in production
 * (messages wait, nothing is lost). Throws with every problem listed, so a start-up refuses a bad
 * configuration instead of running half-connected.
 */
export function integrationsConfigFrom(env: { INTEGRATIONS?: string; INTEGRATIONS_FILE?: string; NODE_ENV: string }): IntegrationsConfig {
  let raw: unknown;
  try {
    if (env.INTEGRATIONS_FILE) raw = JSON.parse(fs.readFileSync(env.INTEGRATIONS_FILE, 'utf8'));
    else if (env.INTEGRATIONS) raw = JSON.parse(env.INTEGRATIONS);
    else raw = env.NODE_ENV === 'development' ? simulatedEverywhere : {};
  } catch (error) {
    throw new ConfigError([
      `${env.INTEGRATIONS_FILE ? 'INTEGRATIONS_FILE' : 'INTEGRATIONS'}: not readable JSON (${(error as Error).message.split('\n')[0]})`,
    ]);
  }
  const parsed = integrationsShape.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `INTEGRATIONS ${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const config = parsed.data;
  const connections = [config.default, ...Object.values(config.organisations)].flatMap((systems) => [systems?.employmentArea, systems?.wageSubsidy]);
  if (env.NODE_ENV === 'production' && !config.allowSimulatorInProduction && connections.some((c) => c?.adapter === 'simulator')) {
    throw new ConfigError(['INTEGRATIONS: a simulator cannot serve production unless allowSimulatorInProduction is set']);
  }
  const httpWithoutUrl = connections.find((c) => c?.adapter === 'http' && !c.baseUrl);
  if (httpWithoutUrl) throw new ConfigError(['INTEGRATIONS: an http connection needs baseUrl']);
  return config;
}
