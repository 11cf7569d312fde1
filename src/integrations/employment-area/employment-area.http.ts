import { z } from 'zod';

import { OutboundEndpoint, OutboundError, OutboundHttp, OutboundResponse } from '../shared/outbound-http';
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

/** Where an answer broke its shape, by path and issue code: the values are personal data and stay out of messages. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`)
    .join('; ');
}

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
    const path = `${EMPLOYMENT_AREA_PATHS.referrals}?${query}`;
    let response: OutboundResponse<unknown>;
    try {
      response = await this.http.request<unknown>('GET', path);
    } catch (error) {
      throw answerNotJson(error, `GET ${EMPLOYMENT_AREA_PATHS.referrals}`);
    }
    expectSuccess(response, `GET ${EMPLOYMENT_AREA_PATHS.referrals}`);
    const parsed = batchSchema.safeParse(response.body);
    // A malformed answer is `unavailable`, not `rejected`: the request was right and the other
    // system is what is broken. The poller keeps its cursor and tries again later (an alert rises
    // if it persists) instead of skipping referrals it could not read.
    if (!parsed.success)
      throw new OutboundError(
        `GET ${EMPLOYMENT_AREA_PATHS.referrals}: malformed answer (${describeIssues(parsed.error)})`,
        'unavailable',
        response.status,
      );
    return parsed.data;
  }

  async send(message: EmploymentAreaMessage, idempotencyKey: string): Promise<void> {
    const { kind, ...body } = message;
    if (!Object.hasOwn(MESSAGE_PATHS, kind)) throw new Error(`no path for a message of kind ${String(kind)}`);
    const path = MESSAGE_PATHS[kind];
    let response: OutboundResponse<unknown>;
    try {
      response = await this.http.request<unknown>('POST', path, { body, idempotencyKey });
    } catch (error) {
      // A 2xx is the receiver's word that it took the message; an odd body (not JSON) does not undo that.
      if (error instanceof OutboundError && error.status !== undefined && error.status >= 200 && error.status < 300) return;
      throw error;
    }
    expectSuccess(response, `POST ${path}`);
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

/**
 * `OutboundHttp` resolves below 400, so a redirect (a proxy or a moved service) would pass as
 * success: anything but 2xx is `unavailable` (the configuration is wrong, not the message).
 */
function expectSuccess(response: OutboundResponse<unknown>, what: string): void {
  if (response.status < 200 || response.status >= 300)
    throw new OutboundError(`${what}: unexpected HTTP ${response.status}`, 'unavailable', response.status);
}

/** A read answered 2xx with a body that is not JSON is malformed: `unavailable`, as above. */
function answerNotJson(error: unknown, what: string): unknown {
  if (error instanceof OutboundError && error.status !== undefined && error.status >= 200 && error.status < 300)
    return new OutboundError(`${what}: the answer is not JSON`, 'unavailable', error.status);
  return error;
}
