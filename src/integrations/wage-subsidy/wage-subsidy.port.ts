/**
 * The wage-subsidy authority (palkkatuki; decided by the employment area since 2025, paid by
 * KEHA-keskus): applications go out, decisions come back, usually days later. Domain services see
 * only this interface; the adapter is configuration per organisation.
 */
export interface WageSubsidyApplicationMessage {
  /** Polku's application id: the authority's decisions name it. */
  applicationId: string;
  /** The employer: a municipal unit of the organisation or a partner company. */
  employer: { name: string; businessId: string | null; kind: 'MUNICIPAL_UNIT' | 'PARTNER_COMPANY' };
  person: { identityCode: string; firstName: string; lastName: string };
  /** A subsidy type code, e.g. PALKKATUKI_50. */
  requestedTypeCode: string;
  requestedPercent: number;
  /** `YYYY-MM-DD`. */
  requestedStart: string;
  requestedEnd: string;
  hoursPerWeek: number;
  monthlyPayCents: number;
  submittedAt: string;
}

export type DecisionOutcome = 'GRANTED' | 'PARTLY_GRANTED' | 'DENIED';

export interface InboundDecision {
  /** The authority's decision id; unique per authority. */
  decisionId: string;
  applicationId: string;
  authority: string;
  outcome: DecisionOutcome;
  /** Granted share of the pay; null when denied. */
  percent: number | null;
  /** Subsidy type granted; null when denied. */
  subsidyTypeCode: string | null;
  /** The decided period, `YYYY-MM-DD`; null when denied. */
  startDate: string | null;
  endDate: string | null;
  monthlyCapCents: number | null;
  denialReason: string | null;
  /** The day the decision was made (`YYYY-MM-DD`): an employment cannot start before it. */
  decidedOn: string;
}

export interface DecisionBatch {
  decisions: InboundDecision[];
  cursor: string | null;
}

export interface WageSubsidyPort {
  /** Same contract as the employment area's `send`: idempotent by key, throws `OutboundError`. */
  submitApplication(application: WageSubsidyApplicationMessage, idempotencyKey: string): Promise<void>;
  fetchDecisions(cursor: string | null, limit: number): Promise<DecisionBatch>;
}
