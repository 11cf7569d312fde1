/**
 * The employment area's client system (TE services until 2024, the municipality's own employment
 * area since 2025): referrals come in, decisions on them, monthly attendance reports, final
 * summaries and outcomes go out. Domain services see only this interface; which adapter stands
 * behind it (HTTP, through X-Road or not, or the simulator) is configuration per organisation.
 *
 * Values are plain JSON (dates as `YYYY-MM-DD`, instants as ISO strings, money in cents), so the
 * same shapes travel in the outbox, over HTTP and in webhooks.
 */
export interface InboundReferral {
  /** The referral's id in the client system; unique within the employment area. */
  externalId: string;
  /** When the case manager sent it. */
  sentAt: string;
  /** The case manager (asiakasvastaava) by e-mail: matched against the area's case managers, else left empty. */
  caseManagerEmail?: string | null;
  person: {
    /** Henkilötunnus: matches a known person of the organisation, else creates one. */
    identityCode: string;
    firstName: string;
    lastName: string;
    phone?: string | null;
    email?: string | null;
    municipalityCode?: string | null;
    languages?: string[];
  };
  /** A `ServiceForm` value, e.g. TOWARDS_WORK_AND_EDUCATION. */
  serviceForm: string;
  /** A `ParticipationBasis` value, e.g. REHABILITATIVE_WORK. */
  participationBasis: string;
  background?: string | null;
}

export interface ReferralBatch {
  referrals: InboundReferral[];
  /** Where the next fetch continues; null when the system has nothing newer. */
  cursor: string | null;
}

export type EmploymentAreaMessage =
  | {
      kind: 'REFERRAL_DECISION';
      referralExternalId: string;
      accepted: boolean;
      reason: string | null;
      decidedAt: string;
    }
  | {
      /** Rehabilitative work and work trials, per period and calendar month; a correction is a higher version of the same month. */
      kind: 'ATTENDANCE_REPORT';
      referralExternalId: string | null;
      periodId: string;
      /** `YYYY-MM`. */
      month: string;
      version: number;
      participationBasis: string;
      daysPresent: number;
      daysAbsent: number;
      /** Expense allowance (kulukorvaus) owed for the month, in cents. */
      expenseAllowanceCents: number;
    }
  | {
      /** The final summary (loppukooste), delivered to the case manager. */
      kind: 'FINAL_SUMMARY';
      referralExternalId: string | null;
      periodId: string;
      summaryId: string;
      caseManagerEmail: string | null;
      deliveredAt: string;
      sections: Record<string, string | null>;
    }
  | {
      kind: 'OUTCOME';
      referralExternalId: string | null;
      periodId: string;
      outcomeId: string;
      /** An `OutcomeType` value. */
      outcomeType: string;
      date: string;
    };

export type EmploymentAreaMessageKind = EmploymentAreaMessage['kind'];

export interface EmploymentAreaPort {
  /** Referrals after `cursor` (null: from the beginning), at most `limit`. */
  fetchReferrals(cursor: string | null, limit: number): Promise<ReferralBatch>;
  /**
   * Delivers one message. The receiver applies a message it receives twice with the same
   * `idempotencyKey` once. Throws `OutboundError` (`unavailable`: try later; `rejected`: the
   * message itself is refused, sending it again will not help).
   */
  send(message: EmploymentAreaMessage, idempotencyKey: string): Promise<void>;
}
