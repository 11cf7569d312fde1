import { z } from 'zod';

import { answerOf, OutboundEndpoint, OutboundHttp } from '../shared/outbound-http';
import type { DecisionBatch, InboundDecision, WageSubsidyApplicationMessage, WageSubsidyPort } from './wage-subsidy.port';

/** The authority's REST paths, relative to the endpoint's base URL. docs/integrations/wage-subsidy.openapi.yaml describes them. */
export const WAGE_SUBSIDY_PATHS = { applications: 'applications', decisions: 'decisions' } as const;

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

const decisionSchema = z
  .object({
    decisionId: z.string().min(1).max(200),
    applicationId: z.string().min(1).max(200),
    authority: z.string().min(1).max(500),
    outcome: z.enum(['GRANTED', 'PARTLY_GRANTED', 'DENIED']),
    percent: z.number().gt(0).max(100).nullable(),
    subsidyTypeCode: z.string().min(1).max(100).nullable(),
    startDate: isoDate.nullable(),
    endDate: isoDate.nullable(),
    monthlyCapCents: z.number().int().min(0).nullable(),
    denialReason: z.string().max(10_000).nullable(),
    decidedOn: isoDate,
  })
  .superRefine((d, context) => {
    if (d.outcome === 'DENIED') return;
    // A grant names what was granted: share, type and a period that does not end before it starts.
    for (const field of ['percent', 'subsidyTypeCode', 'startDate', 'endDate'] as const)
      if (d[field] === null) context.addIssue({ code: 'custom', path: [field], message: 'a grant needs it' });
    if (d.startDate && d.endDate && d.endDate < d.startDate)
      context.addIssue({ code: 'custom', path: ['endDate'], message: 'ends before it starts' });
  })
  // A denial grants nothing: whatever the authority put in the granted fields is not passed on.
  .transform((d): InboundDecision =>
    d.outcome === 'DENIED' ? { ...d, percent: null, subsidyTypeCode: null, startDate: null, endDate: null, monthlyCapCents: null } : d,
  );

const batchSchema = z.object({ decisions: z.array(decisionSchema), cursor: z.string().min(1).max(2_000).nullable() });

/**
 * `WageSubsidyPort` over HTTP (through `OutboundHttp`: timeouts, retries, breaker, Idempotency-Key,
 * mutual TLS, X-Road):
 *
 * - `POST applications`: the application as the port gives it, with the caller's idempotency key;
 *   the authority answers 202 (decisions come later).
 * - `GET decisions?limit=&after=` → `{ decisions, cursor }`.
 */
export class WageSubsidyHttpAdapter implements WageSubsidyPort {
  private readonly http: OutboundHttp;

  constructor(endpoint: OutboundEndpoint) {
    this.http = new OutboundHttp(endpoint);
  }

  async submitApplication(application: WageSubsidyApplicationMessage, idempotencyKey: string): Promise<void> {
    await this.http.request<unknown>('POST', WAGE_SUBSIDY_PATHS.applications, { body: application, idempotencyKey });
  }

  async fetchDecisions(cursor: string | null, limit: number): Promise<DecisionBatch> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive whole number');
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('after', cursor);
    const response = await this.http.request<unknown>('GET', `${WAGE_SUBSIDY_PATHS.decisions}?${query}`);
    return answerOf(response, batchSchema, `GET ${WAGE_SUBSIDY_PATHS.decisions}`);
  }

  get circuit(): 'closed' | 'open' | 'half-open' {
    return this.http.circuit;
  }

  close(): void {
    this.http.close();
  }
}
