import { createHash } from 'node:crypto';

import type { EmploymentAreaMessage } from '../integrations/employment-area/employment-area.port';
import {
  InboundMessage,
  IntegrationCursor,
  IntegrationSystem,
  OutboxMessage,
  OutboxStatus,
  WebhookReceipt,
} from '../modules/integration/integration.entities';
import { ReferralState } from '../modules/referral/referral-state';
import { SUBSIDY_APPLICATION_MESSAGE } from '../modules/wage-subsidy/wage-subsidy.service';
import type { PersonalDataCipher } from '../platform/crypto';
import type { SeededReport } from './attendance-reports';
import type { Row, SeedContext } from './context';
import type { Rng } from './random';
import type { SubsidyDemo } from './wage-subsidy';

/** The sweep removes delivered messages after this many days (src/modules/integration/delivery.service.ts). */
const DELIVERED_KEPT_DAYS = 90;
/** The delivery service's defaults (INTEGRATION_MAX_ATTEMPTS, INTEGRATION_RETRY_INITIAL_MS, INTEGRATION_RETRY_MAX_MS). */
const MAX_ATTEMPTS = 10;
const RETRY_INITIAL_MS = 2_000;
const RETRY_MAX_MS = 15 * 60_000;

interface Outgoing {
  organisationId: string;
  system: IntegrationSystem;
  kind: string;
  subjectType: string;
  subjectId: string;
  idempotencyKey: string;
  payload: object;
  createdAt: Date;
  outcome?: 'PENDING' | 'FAILED';
  /** The receiver's answer while it failed, e.g. `POST referral-decisions: HTTP 503`. */
  failure?: string;
}

/**
 * The integration layer as it stands at the demo's instant, for Pori: the messages the outbox
 * delivered within the last 90 days (as long as the sweep keeps them) — the referral decisions,
 * every submitted wage-subsidy application and the monthly attendance reports — two referral
 * decisions that ran out of tries while the client system answered 503 (dead letters for the
 * ADMIN to send again), and the two applications submitted minutes ago, still being retried; the
 * referrals and decisions received (some of them twice, pushed and polled), where polling stands
 * and the webhook pushes of the last minutes. Payloads are sealed like the outbox seals them.
 */
export async function seedIntegration(
  ctx: SeedContext,
  cipher: PersonalDataCipher,
  subsidy: SubsidyDemo,
  reports: readonly SeededReport[],
): Promise<void> {
  const rng = ctx.rng('integration');
  const organisationId = ctx.organisationId!;
  const asOf = ctx.asOf.getTime();
  const keptSince = asOf - DELIVERED_KEPT_DAYS * 86_400_000;

  const referrals: Array<{ id: string; external_id: string; employment_area_id: string; received_at: Date }> = await ctx.manager.query(
    `SELECT r.id, r.external_id, r.employment_area_id, r.received_at FROM referral r JOIN trainee t ON t.id = r.trainee_id
      WHERE t.organisation_id = $1 ORDER BY r.received_at, r.id`,
    [organisationId],
  );
  const referralById = new Map(referrals.map((r) => [r.id, r]));

  const outgoing: Outgoing[] = [];
  // Each decision on a referral (a reopened one was decided twice) went to the case manager.
  const decisions = ctx.history.rows.filter(
    (change) =>
      change.subjectType === 'Referral' &&
      (change.toState === ReferralState.ACCEPTED || change.toState === ReferralState.REJECTED) &&
      referralById.has(change.subjectId as string),
  );
  for (const change of decisions) {
    const referral = referralById.get(change.subjectId as string)!;
    const decidedAt = change.changedAt as Date;
    const message: EmploymentAreaMessage = {
      kind: 'REFERRAL_DECISION',
      referralExternalId: referral.external_id,
      accepted: change.toState === ReferralState.ACCEPTED,
      reason: change.toState === ReferralState.REJECTED ? ((change.reason as string | null) ?? null) : null,
      decidedAt: decidedAt.toISOString(),
    };
    outgoing.push({
      organisationId,
      system: IntegrationSystem.EMPLOYMENT_AREA,
      kind: message.kind,
      subjectType: 'Referral',
      subjectId: referral.id,
      idempotencyKey: `referral-decision:${referral.id}:${message.decidedAt}`,
      payload: message,
      createdAt: decidedAt,
    });
  }
  // Two decisions of one afternoon hit the client system's outage and ran out of tries.
  const failable = outgoing.filter((m) => m.createdAt.getTime() > asOf - 30 * 86_400_000 && m.createdAt.getTime() < asOf - 2 * 86_400_000);
  for (const message of rng.sample(failable, 2)) {
    message.outcome = 'FAILED';
    message.failure = 'POST referral-decisions: HTTP 503';
  }

  for (const application of subsidy.applications) {
    if (!application.message || !application.submittedAt) continue;
    outgoing.push({
      organisationId,
      system: IntegrationSystem.WAGE_SUBSIDY,
      kind: SUBSIDY_APPLICATION_MESSAGE,
      subjectType: 'SubsidyApplication',
      subjectId: application.id,
      idempotencyKey: `subsidy-application:${application.id}`,
      payload: application.message,
      createdAt: application.submittedAt,
      ...(application.deliveryPending ? { outcome: 'PENDING' as const, failure: 'POST applications: HTTP 503' } : {}),
    });
  }

  for (const report of reports) {
    const message: EmploymentAreaMessage = {
      kind: 'ATTENDANCE_REPORT',
      referralExternalId: report.referralExternalId,
      periodId: report.periodId,
      month: report.month,
      version: report.version,
      participationBasis: report.basis,
      daysPresent: report.daysPresent,
      daysAbsent: report.daysAbsent,
      expenseAllowanceCents: report.expenseAllowanceCents,
    };
    outgoing.push({
      organisationId: report.organisationId,
      system: IntegrationSystem.EMPLOYMENT_AREA,
      kind: message.kind,
      subjectType: 'AttendanceReport',
      subjectId: report.id,
      idempotencyKey: `attendance-report:${report.periodId}:${report.month}:v${report.version}`,
      payload: message,
      createdAt: report.createdAt,
    });
  }

  const rows: Row<OutboxMessage>[] = [];
  for (const message of outgoing.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const created = message.createdAt.getTime();
    let status = OutboxStatus.DELIVERED;
    let attempts: number;
    let lastError: string | null = null;
    let nextAttemptAt: Date | null = null;
    let deliveredAt: Date | null = null;
    let updatedAt: number;
    if (message.outcome) {
      // Tries at the retry schedule's delays (with its jitter) until the last one before now.
      const tries = retryTimes(rng, created, message.outcome === 'FAILED' ? MAX_ATTEMPTS : MAX_ATTEMPTS - 1, asOf);
      attempts = tries.length;
      updatedAt = tries[tries.length - 1];
      lastError = message.failure ?? null;
      if (message.outcome === 'FAILED' && attempts === MAX_ATTEMPTS) status = OutboxStatus.FAILED;
      else {
        status = OutboxStatus.PENDING;
        // A plan: when the next try is due.
        nextAttemptAt = new Date(updatedAt + retryDelay(rng, attempts));
      }
    } else {
      // Delivered at the first try, a few at the second or third (a moment's 503).
      attempts = rng.weighted([
        [1, 94],
        [2, 5],
        [3, 1],
      ]);
      updatedAt = Math.min(
        asOf,
        created + 400 + rng.int(0, 1500) + (attempts > 1 ? retryDelay(rng, 1) + (attempts > 2 ? retryDelay(rng, 2) : 0) : 0),
      );
      deliveredAt = new Date(updatedAt);
      // The sweep has removed what was delivered longer ago.
      if (updatedAt < keptSince) continue;
    }
    const sealed = cipher.encrypt(JSON.stringify(message.payload));
    rows.push({
      id: ctx.id(),
      organisationId: message.organisationId,
      system: message.system,
      kind: message.kind,
      subjectType: message.subjectType,
      subjectId: message.subjectId,
      idempotencyKey: message.idempotencyKey,
      payloadCiphertext: sealed.ciphertext,
      payloadKeyId: sealed.keyId,
      status,
      attempts,
      lastError,
      nextAttemptAt,
      deliveredAt,
      lockedUntil: null,
      createdAt: message.createdAt,
      updatedAt: new Date(updatedAt),
    });
  }
  await ctx.insert(OutboxMessage, rows);

  // Received: every referral of the organisation and every decision, once or (pushed and polled) twice.
  const inbound: Row<InboundMessage>[] = [];
  const received = (system: IntegrationSystem, kind: string, externalId: string, subjectId: string, at: Date) => {
    const deliveries = rng.chance(0.12) ? 2 : 1;
    const updatedAt = deliveries === 2 ? new Date(Math.min(asOf, at.getTime() + rng.int(20, 600) * 1000)) : at;
    inbound.push({
      id: ctx.id(),
      organisationId,
      system,
      kind,
      externalId,
      deliveries,
      result: 'APPLIED',
      refusal: null,
      subjectId,
      createdAt: at,
      updatedAt,
    });
  };
  for (const referral of referrals)
    received(
      IntegrationSystem.EMPLOYMENT_AREA,
      'REFERRAL',
      `${referral.employment_area_id}:${referral.external_id}`,
      referral.id,
      referral.received_at,
    );
  for (const decision of subsidy.decisions)
    received(IntegrationSystem.WAGE_SUBSIDY, 'DECISION', `${decision.authority}:${decision.decisionId}`, decision.id, decision.receivedAt);
  await ctx.insert(InboundMessage, inbound);

  // Polling reads from the start of whatever system the server runs with: the in-process
  // simulators of `npm start` begin a new feed at every start and refuse positions they did not give out.
  await ctx.insert(IntegrationCursor, [
    { organisationId, system: IntegrationSystem.EMPLOYMENT_AREA, cursor: null, updatedAt: new Date(asOf - rng.int(5, 30) * 1000) },
    { organisationId, system: IntegrationSystem.WAGE_SUBSIDY, cursor: null, updatedAt: new Date(asOf - rng.int(5, 30) * 1000) },
  ]);

  // Two pushes of the last minutes, kept against replay (for ten minutes: twice the signature's tolerance).
  await ctx.insert(
    WebhookReceipt,
    [2, 7].map((minutesAgo) => {
      const receivedAt = new Date(asOf - minutesAgo * 60_000 - rng.int(0, 50) * 1000);
      const header = `t=${Math.floor(receivedAt.getTime() / 1000)},v1=${createHash('sha256').update(`demo push ${minutesAgo}`).digest('hex')}`;
      return { signatureHash: createHash('sha256').update(header).digest(), receivedAt };
    }),
  );
}

/** The retry schedule's delay before try `attempt + 1`: exponential, capped, half of it jitter. */
function retryDelay(rng: Rng, attempt: number): number {
  const exponential = Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + rng.next() * (exponential / 2));
}

/** When the tries of a message failing from `from` were made: at most `max`, none after `until`. */
function retryTimes(rng: Rng, from: number, max: number, until: number): number[] {
  const tries = [Math.min(from + 300, until)];
  while (tries.length < max) {
    const next = tries[tries.length - 1] + retryDelay(rng, tries.length);
    if (next > until) break;
    tries.push(next);
  }
  return tries;
}
