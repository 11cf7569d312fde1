import path from 'node:path';

import { z } from 'zod';

import { ConfigError } from '../../platform/config';
import { OutboundHttp } from '../shared/outbound-http';
import { FixtureQualificationSource } from './eperusteet.fixture';
import { EPERUSTEET_PUBLIC_URL, EPerusteetHttpSource } from './eperusteet.http';
import type { QualificationSource } from './eperusteet.port';

const commaSeparated = (item: z.ZodString) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

/**
 * Where qualifications are imported from, from environment variables (checked at start-up, like
 * the rest of the configuration: a bad value stops the process naming the variable):
 * - `EPERUSTEET_URL`: the ePerusteet service root (default: the public service);
 * - `EPERUSTEET_QUALIFICATIONS`: peruste ids to keep in the catalogue, comma-separated; unset:
 *   every published qualification of `EPERUSTEET_EDUCATION_TYPES` (default `koulutustyyppi_1`,
 *   vocational upper secondary qualifications);
 * - `EPERUSTEET_TIMEOUT_MS`: per attempt (a qualification is a few megabytes of JSON);
 * - `EPERUSTEET_FIXTURES`: folders of fixture files to read instead of the API (development).
 */
const settingsSchema = z.object({
  EPERUSTEET_URL: z.string().url().default(EPERUSTEET_PUBLIC_URL),
  EPERUSTEET_QUALIFICATIONS: commaSeparated(z.string().regex(/^\d{1,20}$/, 'comma-separated ePerusteet peruste ids (digits)')).optional(),
  EPERUSTEET_EDUCATION_TYPES: commaSeparated(
    z.string().regex(/^koulutustyyppi_\d+$/, 'comma-separated education types such as koulutustyyppi_1'),
  ).optional(),
  EPERUSTEET_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  EPERUSTEET_FIXTURES: commaSeparated(z.string()).optional(),
});

export type EPerusteetSettings = z.infer<typeof settingsSchema>;

export function eperusteetSettingsFrom(env: NodeJS.ProcessEnv = process.env): EPerusteetSettings {
  // Empty strings mean "unset", as in loadConfig.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('EPERUSTEET_') && value !== ''));
  const parsed = settingsSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return parsed.data;
}

/** The source the settings name; `close` releases its kept-alive connections (at shutdown). */
export function createQualificationSource(settings: EPerusteetSettings): { source: QualificationSource; close(): void } {
  if (settings.EPERUSTEET_FIXTURES) {
    return { source: new FixtureQualificationSource(settings.EPERUSTEET_FIXTURES.map((folder) => path.resolve(folder))), close: () => {} };
  }
  const http = new OutboundHttp({
    baseUrl: settings.EPERUSTEET_URL,
    timeoutMs: settings.EPERUSTEET_TIMEOUT_MS,
    maxAttempts: 3,
    backoff: { initialMs: 2_000, maxMs: 30_000 },
    // A weekly import: when ePerusteet is down, stop asking after a few failures and let the job's retry come back later.
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 5 * 60_000 },
  });
  const source = new EPerusteetHttpSource(http, settings.EPERUSTEET_URL, {
    qualificationIds: settings.EPERUSTEET_QUALIFICATIONS,
    educationTypes: settings.EPERUSTEET_EDUCATION_TYPES,
  });
  return { source, close: () => http.close() };
}
