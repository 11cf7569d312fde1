import { createHash } from 'node:crypto';

import type { DataSource, EntityManager } from 'typeorm';

import type { InboundReferral } from '../../integrations/employment-area/employment-area.port';
import { verifyWebhookSignature } from '../../integrations/shared/webhook-signature';
import type { InboundDecision } from '../../integrations/wage-subsidy/wage-subsidy.port';
import type { Clock } from '../../platform/clock';
import { DomainError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { isExpectedDuringShutdown } from '../../platform/shutdown';
import type { IntegrationConnections } from './connections';
import { inboundDecisionShape, inboundReferralShape, webhookBodyShape } from './inbound-shapes';
import { IntegrationSystem } from './integration.entities';
import { InboundRefusal } from './integration.reasons';

/** A unique violation or a serialization failure: the other transaction won; running again sees its result. */
function isRace(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === '23505' || code === '40001' || code === '40P01';
}

/** A referral or a decision that cannot be applied; recorded on the inbound message with its code. */
export class InboundRefused extends Error {
  constructor(readonly refusal: InboundRefusal | string) {
    super(`refused: ${refusal}`);
  }
}

/**
 * What the domain does with a message received: each runs inside the transaction that records the
 * message as received, and returns the id of the record it created or changed. Wired by the
 * composition root (the referral and wage-subsidy modules own the rules).
 */
export interface InboundHandlers {
  referral(manager: EntityManager, organisationId: string, employmentAreaId: string, referral: InboundReferral): Promise<string>;
  decision(manager: EntityManager, organisationId: string, decision: InboundDecision): Promise<string>;
}

export type InboundResult = 'applied' | 'duplicate' | 'refused';

export interface WebhookAnswer {
  status: number;
  body: { results?: InboundResult[]; error?: string };
}

const WEBHOOK_TOLERANCE_SECONDS = 300;
const POLL_BATCH = 200;
/** Items of a fetched page stored at once (connections of the pool each holds while it does). */
const INTAKE_CONCURRENCY = 4;
/** Batches per stream per run: a long backlog is read over several runs, not in one endless job. */
const POLL_BATCHES_PER_RUN = 50;

/**
 * Everything that arrives from outside goes through `once`: the message's id there is claimed in
 * `inbound_message` in the same transaction as its effect, so a second delivery (a webhook retry,
 * a poll overlapping a push, a duplicate from the sender, a replay after a crash) finds the claim
 * and changes nothing, whatever the order of arrival.
 */
export class InboundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: IntegrationConnections,
    private readonly handlers: InboundHandlers,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * `employmentAreaId`: the area the connection brings referrals from, when the caller has looked
   * it up once for a whole page or push (undefined: looked up here).
   */
  async receiveReferral(organisationId: string, raw: unknown, employmentAreaId?: string | null): Promise<InboundResult> {
    const parsed = inboundReferralShape.safeParse(raw);
    const externalId = typeof (raw as { externalId?: unknown })?.externalId === 'string' ? (raw as { externalId: string }).externalId : null;
    if (!parsed.success || !externalId)
      return this.refuse(organisationId, IntegrationSystem.EMPLOYMENT_AREA, 'REFERRAL', externalId, InboundRefusal.MALFORMED);
    const areaId = employmentAreaId === undefined ? await this.employmentAreaOf(organisationId) : employmentAreaId;
    if (!areaId)
      return this.refuse(organisationId, IntegrationSystem.EMPLOYMENT_AREA, 'REFERRAL', externalId, InboundRefusal.UNKNOWN_EMPLOYMENT_AREA);
    return this.once(organisationId, IntegrationSystem.EMPLOYMENT_AREA, 'REFERRAL', `${areaId}:${externalId}`, (manager) =>
      this.handlers.referral(manager, organisationId, areaId, parsed.data),
    );
  }

  async receiveDecision(organisationId: string, raw: unknown): Promise<InboundResult> {
    const parsed = inboundDecisionShape.safeParse(raw);
    const decisionId = typeof (raw as { decisionId?: unknown })?.decisionId === 'string' ? (raw as { decisionId: string }).decisionId : null;
    if (!parsed.success || !decisionId)
      return this.refuse(organisationId, IntegrationSystem.WAGE_SUBSIDY, 'DECISION', decisionId, InboundRefusal.MALFORMED);
    return this.once(organisationId, IntegrationSystem.WAGE_SUBSIDY, 'DECISION', `${parsed.data.authority}:${decisionId}`, (manager) =>
      this.handlers.decision(manager, organisationId, parsed.data),
    );
  }

  private async once(
    organisationId: string,
    system: IntegrationSystem,
    kind: string,
    externalId: string,
    apply: (manager: EntityManager) => Promise<string>,
  ): Promise<InboundResult> {
    // Two different messages may race to create the same person: the loser tries once more and finds them.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.onceIn(organisationId, system, kind, externalId, apply);
      } catch (error) {
        if (attempt >= 3 || !isRace(error)) throw error;
      }
    }
  }

  private async onceIn(
    organisationId: string,
    system: IntegrationSystem,
    kind: string,
    externalId: string,
    apply: (manager: EntityManager) => Promise<string>,
  ): Promise<InboundResult> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [claim]: Array<{ id: string; inserted: boolean }> = await manager.query(
          `INSERT INTO inbound_message (organisation_id, system, kind, external_id, result) VALUES ($1, $2, $3, $4, 'APPLIED')
           ON CONFLICT (system, organisation_id, kind, external_id) DO UPDATE SET deliveries = inbound_message.deliveries + 1, updated_at = now()
           RETURNING id, (xmax = 0) AS inserted`,
          [organisationId, system, kind, externalId],
        );
        if (!claim.inserted) return 'duplicate';
        const subjectId = await apply(manager);
        await manager.query('UPDATE inbound_message SET subject_id = $2 WHERE id = $1', [claim.id, subjectId]);
        return 'applied';
      });
    } catch (error) {
      // A rule of the domain refused it: the effect rolled back; the refusal is kept, so a repeat is a duplicate.
      const refusal =
        error instanceof InboundRefused
          ? error.refusal
          : error instanceof DomainError
            ? String(error.extensions.reason ?? error.extensions.code)
            : null;
      if (!refusal) throw error;
      return this.refuse(organisationId, system, kind, externalId, refusal);
    }
  }

  private async refuse(
    organisationId: string,
    system: IntegrationSystem,
    kind: string,
    externalId: string | null,
    refusal: string,
  ): Promise<InboundResult> {
    // Ids and codes only: what was refused is found by its id in the sender's system.
    this.logger.warn({ organisationId, system, kind, externalId, refusal }, 'inbound integration message refused');
    if (externalId) {
      await this.dataSource.query(
        `INSERT INTO inbound_message (organisation_id, system, kind, external_id, result, refusal) VALUES ($1, $2, $3, $4, 'REFUSED', $5)
         ON CONFLICT (system, organisation_id, kind, external_id) DO UPDATE SET deliveries = inbound_message.deliveries + 1, updated_at = now()`,
        [organisationId, system, kind, externalId.slice(0, 300), refusal],
      );
    }
    return 'refused';
  }

  /** The organisation's area, looked up on first use and then reused for a whole page or push. */
  private areaLookup(organisationId: string): () => Promise<string | null> {
    let area: Promise<string | null> | undefined;
    return () => (area ??= this.employmentAreaOf(organisationId));
  }

  private async employmentAreaOf(organisationId: string): Promise<string | null> {
    const configured = this.connections.employmentArea(organisationId)?.employmentAreaId;
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT employment_area_id AS id FROM employment_area_organisation WHERE organisation_id = $1 AND ($2::uuid IS NULL OR employment_area_id = $2::uuid)
        ORDER BY employment_area_id LIMIT 1`,
      [organisationId, configured ?? null],
    );
    return row?.id ?? null;
  }

  /**
   * A push from an outside system: signed (HMAC over timestamp and body), fresh (within five
   * minutes), not seen before (the same signed request again is a replay). Each event then goes
   * through the same handler as polling.
   */
  async webhook(organisationId: string, system: IntegrationSystem, rawBody: Buffer, signature: string | undefined): Promise<WebhookAnswer> {
    const connection =
      system === IntegrationSystem.EMPLOYMENT_AREA ? this.connections.employmentArea(organisationId) : this.connections.wageSubsidy(organisationId);
    // An organisation without a webhook secret has no webhook: the same answer as a wrong signature, so nothing is revealed.
    const secrets = connection?.webhookSecrets ?? [];
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const verified = secrets.length
      ? secrets.map((secret) =>
          verifyWebhookSignature({ secret, header: signature, rawBody, nowSeconds, toleranceSeconds: WEBHOOK_TOLERANCE_SECONDS }),
        )
      : [{ ok: false as const, reason: 'BAD_SIGNATURE' as const }];
    const accepted = verified.find((result) => result.ok);
    if (!accepted) {
      const reason = verified.find((result) => !result.ok && result.reason === 'STALE') ? 'STALE' : (verified[0] as { reason: string }).reason;
      this.logger.warn({ organisationId, system, reason }, 'webhook refused');
      return { status: 401, body: { error: reason } };
    }
    const signatureHash = createHash('sha256').update(signature!).digest();
    const [fresh]: Array<{ inserted: boolean }> = await this.dataSource.query(
      `INSERT INTO webhook_receipt (signature_hash, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING TRUE AS inserted`,
      [signatureHash, this.clock.now()],
    );
    if (!fresh) {
      this.logger.warn({ organisationId, system }, 'webhook replay refused');
      return { status: 409, body: { error: 'REPLAY' } };
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'MALFORMED' } };
    }
    const parsed = webhookBodyShape.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: 'MALFORMED' } };
    const results: InboundResult[] = [];
    const areaOf = this.areaLookup(organisationId);
    for (const event of parsed.data.events) {
      if (system === IntegrationSystem.EMPLOYMENT_AREA && event.type === 'referral.created')
        results.push(await this.receiveReferral(organisationId, event.data, await areaOf()));
      else if (system === IntegrationSystem.WAGE_SUBSIDY && event.type === 'decision.made')
        results.push(await this.receiveDecision(organisationId, event.data));
      else results.push('refused');
    }
    return { status: 200, body: { results } };
  }

  /** Starts polling of these systems from the beginning of their feed (a simulator started afresh). */
  async forgetCursors(systems: readonly string[]): Promise<void> {
    if (systems.length) await this.dataSource.query('DELETE FROM integration_cursor WHERE system = ANY($1::integration_system[])', [systems]);
  }

  /** Receipts older than the tolerance can no longer be replayed (the timestamp is stale by then). */
  async forgetOldReceipts(): Promise<number> {
    const result: [unknown, number] = await this.dataSource.query(`DELETE FROM webhook_receipt WHERE received_at < $1`, [
      new Date(this.clock.now().getTime() - 2 * WEBHOOK_TOLERANCE_SECONDS * 1000),
    ]);
    return result[1] ?? 0;
  }

  /** Fetches what each polling connection has after its cursor; the cursor moves only past handled items. */
  async poll(signal?: AbortSignal): Promise<{ referrals: number; decisions: number; errors: number }> {
    const listed = this.connections.organisations();
    const organisations: string[] =
      listed === 'all' ? (await this.dataSource.query('SELECT id FROM organisation ORDER BY id')).map((row: { id: string }) => row.id) : listed;
    const totals = { referrals: 0, decisions: 0, errors: 0 };
    for (const organisationId of organisations) {
      if (signal?.aborted) break;
      const area = this.connections.employmentArea(organisationId);
      if (area?.poll) {
        const areaOf = this.areaLookup(organisationId);
        totals.referrals += await this.pollStream(
          organisationId,
          IntegrationSystem.EMPLOYMENT_AREA,
          totals,
          signal,
          async (cursor) => {
            const batch = await area.port.fetchReferrals(cursor, POLL_BATCH);
            return { items: batch.referrals, cursor: batch.cursor };
          },
          async (item) => this.receiveReferral(organisationId, item, await areaOf()),
        );
      }
      const subsidy = this.connections.wageSubsidy(organisationId);
      if (subsidy?.poll) {
        totals.decisions += await this.pollStream(
          organisationId,
          IntegrationSystem.WAGE_SUBSIDY,
          totals,
          signal,
          async (cursor) => {
            const batch = await subsidy.port.fetchDecisions(cursor, POLL_BATCH);
            return { items: batch.decisions, cursor: batch.cursor };
          },
          (item) => this.receiveDecision(organisationId, item),
        );
      }
    }
    return totals;
  }

  private async pollStream(
    organisationId: string,
    system: IntegrationSystem,
    totals: { errors: number },
    signal: AbortSignal | undefined,
    fetch: (cursor: string | null) => Promise<{ items: unknown[]; cursor: string | null }>,
    handle: (item: unknown) => Promise<InboundResult>,
  ): Promise<number> {
    let applied = 0;
    for (let i = 0; i < POLL_BATCHES_PER_RUN && !signal?.aborted; i++) {
      const [row]: Array<{ cursor: string | null }> = await this.dataSource.query(
        'SELECT cursor FROM integration_cursor WHERE organisation_id = $1 AND system = $2',
        [organisationId, system],
      );
      let batch: { items: unknown[]; cursor: string | null };
      try {
        batch = await fetch(row?.cursor ?? null);
      } catch (error) {
        totals.errors++;
        // An outside system being down is worth a warning; the database going away under a stopping process is not.
        if (isExpectedDuringShutdown((error as Error).message)) this.logger.debug({ organisationId, system }, 'polling cut short by the shutdown');
        else this.logger.warn({ organisationId, system, err: error }, 'polling failed; next run tries again');
        return applied;
      }
      // A few at a time: each is its own short transaction, and their order does not matter (each is claimed by its id).
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(INTAKE_CONCURRENCY, batch.items.length) }, async () => {
          while (next < batch.items.length) if ((await handle(batch.items[next++])) === 'applied') applied++;
        }),
      );
      if (batch.cursor !== null && batch.cursor !== (row?.cursor ?? null)) {
        await this.dataSource.query(
          `INSERT INTO integration_cursor (organisation_id, system, cursor, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (organisation_id, system) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at`,
          [organisationId, system, batch.cursor, this.clock.now()],
        );
      }
      if (!batch.items.length || batch.cursor === null || batch.cursor === (row?.cursor ?? null)) break;
    }
    return applied;
  }
}
