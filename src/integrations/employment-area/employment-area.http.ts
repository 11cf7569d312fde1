import { z } from 'zod';

import { answerOf, OutboundEndpoint, OutboundHttp } from '../shared/outbound-http';
import type { EmploymentAreaMessage, EmploymentAreaMessageKind, EmploymentAreaPort, InboundReferral, ReferralBatch } from './employment-area.port';

/**
 * The client system's REST paths, relative to the endpoint's base URL (through X-Road:
 * `{security server}/r1/{service}/…`). docs/integrations/employment-area.openapi.yaml describes them.
 */
const MESSAGE_PATHS: Readonly<Record<EmploymentAreaMessageKind, string>> = {
  REFERRAL_DECISION: 'referral-decisions',
  ATTENDANCE_REPORT: 'attendance-reports',
  FINAL_SUMMARY: 'final-summaries',
  OUTCOME: 'outcomes',
};
export const EMPLOYMENT_AREA_PATHS = { referrals: 'referrals', ...MESSAGE_PATHS } as const;

const text = z.string().min(1).max(10_000);
const optionalText = z.string().max(10_000).nullish();

/** What Polku relies on in a referral; other fields are dropped, not passed on. */
const referralSchema = z.object({
  externalId: z.string().min(1).max(200),
  sentAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an instant'),
  caseManagerEmail: optionalText,
  person: z.object({
    identityCode: z.string().min(1).max(20),
    firstName: text,
    lastName: text,
    phone: optionalText,
    email: optionalText,
    municipalityCode: optionalText,
    languages: z.array(z.string().max(20)).max(50).optional(),
  }),
  serviceForm: text,
  participationBasis: text,
  background: optionalText,
}) satisfies z.ZodType<InboundReferral>;

const batchSchema = z.object({ referrals: z.array(referralSchema), cursor: z.string().min(1).max(2_000).nullable() });

/**
 * `EmploymentAreaPort` over HTTP (JSON; `OutboundHttp` gives timeouts, retries, the circuit
 * breaker, the Idempotency-Key header on every write, mutual TLS and X-Road):
 *
 * - `GET referrals?limit=&after=` → `{ referrals, cursor }`
 * - `POST referral-decisions | attendance-reports | final-summaries | outcomes`: the message
 *   without `kind` (the path says it), with the caller's idempotency key.
 */
export class EmploymentAreaHttpAdapter implements EmploymentAreaPort {
  private readonly http: OutboundHttp;

  constructor(endpoint: OutboundEndpoint) {
    this.http = new OutboundHttp(endpoint);
  }

  async fetchReferrals(cursor: string | null, limit: number): Promise<ReferralBatch> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive whole number');
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('after', cursor);
    const response = await this.http.request<unknown>('GET', `${EMPLOYMENT_AREA_PATHS.referrals}?${query}`);
    return answerOf(response, batchSchema, `GET ${EMPLOYMENT_AREA_PATHS.referrals}`);
  }

  async send(message: EmploymentAreaMessage, idempotencyKey: string): Promise<void> {
    const { kind, ...body } = message;
    if (!Object.hasOwn(MESSAGE_PATHS, kind)) throw new Error(`no path for a message of kind ${String(kind)}`);
    await this.http.request<unknown>('POST', MESSAGE_PATHS[kind], { body, idempotencyKey });
  }

  /** closed, open (failing at once) or half-open. */
  get circuit(): 'closed' | 'open' | 'half-open' {
    return this.http.circuit;
  }

  /** Closes kept-alive connections (at shutdown). */
  close(): void {
    this.http.close();
  }
}
