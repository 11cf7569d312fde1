import type { DataSource } from 'typeorm';

import type { EmploymentAreaMessage } from '../../integrations/employment-area/employment-area.port';
import { OutboundError } from '../../integrations/shared/outbound-http';
import type { WageSubsidyApplicationMessage } from '../../integrations/wage-subsidy/wage-subsidy.port';
import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { conflict, notFound } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import type { Logger } from '../../platform/logger';
import type { HistoryService } from '../history/history.service';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import type { IntegrationConnections } from './connections';
import { IntegrationSystem, OutboxMessage, OutboxStatus } from './integration.entities';
import type { IntegrationMessageFilter } from './integration.inputs';
import { IntegrationReason } from './integration.reasons';
import { DELIVERY_JOB, DeliveryQueue, Outbox } from './outbox';
import { retryDelayMs, RetrySchedule } from './retry-delay';

/** Without a connection a message waits; it is looked at again after this long (or when an ADMIN retries it). */
const UNCONNECTED_RECHECK_MS = 60 * 60 * 1000;
/** Days a delivered message stays visible before the sweep removes it. */
const DELIVERED_KEPT_DAYS = 90;
/** Messages re-queued per sweep. */
const SWEEP_BATCH = 2000;

/** What a try needs of its message, returned by the statement that takes the lease. */
type ClaimedMessage = Pick<
  OutboxMessage,
  'id' | 'organisationId' | 'system' | 'kind' | 'idempotencyKey' | 'payloadCiphertext' | 'payloadKeyId' | 'attempts'
>;

export type DeliveryResult = 'delivered' | 'retrying' | 'failed' | 'waiting' | 'skipped';

/**
 * Delivers outbox messages through the organisation's port. Each try is one job; a failed try
 * records why and queues the next with a growing delay; after `maxAttempts` tries, or at once
 * when the receiver refuses the message itself, the message is a dead letter (FAILED) until an
 * ADMIN sends it again. A crash mid-try leaves the message PENDING: the job expires and runs again,
 * or the sweep at start re-queues it, and the receiver applies the repeat once (idempotency key).
 */
export class IntegrationDeliveryService {
  private queue: DeliveryQueue | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly connections: IntegrationConnections,
    private readonly schedule: RetrySchedule,
    private readonly history: HistoryService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  attach(queue: DeliveryQueue | undefined): void {
    this.queue = queue;
    this.outbox.attach(queue);
  }

  async deliver(id: string): Promise<DeliveryResult> {
    // The lease: whichever job takes it sends; a second job for the same message finds it taken (or done).
    // An UPDATE answers [rows, count] through TypeORM.
    const [[message]]: [ClaimedMessage[], number] = await this.dataSource.query(
      `UPDATE outbox_message SET locked_until = now() + make_interval(secs => $2), updated_at = now()
        WHERE id = $1 AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < now())
        RETURNING id, organisation_id AS "organisationId", system, kind, idempotency_key AS "idempotencyKey",
                  payload_ciphertext AS "payloadCiphertext", payload_key_id AS "payloadKeyId", attempts`,
      [id, this.schedule.leaseSeconds],
    );
    if (!message) return 'skipped';
    const send = this.senderFor(message);
    if (!send) {
      await this.dataSource.query(
        `UPDATE outbox_message SET last_error = $2, next_attempt_at = $3, locked_until = NULL, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
        [id, 'no adapter is configured for this organisation', new Date(this.clock.now().getTime() + UNCONNECTED_RECHECK_MS)],
      );
      return 'waiting';
    }
    try {
      await send(this.outbox.open(message.payloadCiphertext, message.payloadKeyId), message.idempotencyKey);
    } catch (error) {
      return this.failed(message, error);
    }
    await this.dataSource.query(
      `UPDATE outbox_message SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = $2, next_attempt_at = NULL, last_error = NULL, locked_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'PENDING'`,
      [id, this.clock.now()],
    );
    return 'delivered';
  }

  private async failed(message: ClaimedMessage, error: unknown): Promise<DeliveryResult> {
    const attempts = message.attempts + 1;
    const refused = error instanceof OutboundError && error.kind === 'rejected';
    // Messages of OutboundError name the method, path and status only; anything else is our own fault.
    const reason = error instanceof OutboundError ? error.message : 'internal error while delivering';
    if (!(error instanceof OutboundError)) this.logger.error({ messageId: message.id, err: error }, 'integration delivery failed');
    if (refused || attempts >= this.schedule.maxAttempts) {
      await this.dataSource.query(
        `UPDATE outbox_message SET status = 'FAILED', attempts = $2, last_error = $3, next_attempt_at = NULL, locked_until = NULL, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
        [message.id, attempts, reason],
      );
      this.logger.warn({ messageId: message.id, system: message.system, kind: message.kind, attempts }, 'integration message failed for good');
      return 'failed';
    }
    const delayMs = retryDelayMs(this.schedule, attempts);
    const next = new Date(this.clock.now().getTime() + delayMs);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE outbox_message SET attempts = $2, last_error = $3, next_attempt_at = $4, locked_until = NULL, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
        [message.id, attempts, reason, next],
      );
      await this.queue?.send(
        DELIVERY_JOB,
        { id: message.id },
        { singletonKey: message.id, startAfterSeconds: delayMs / 1000, within: (text, values) => manager.query(text, values) },
      );
    });
    return 'retrying';
  }

  private senderFor(message: ClaimedMessage): ((payload: unknown, key: string) => Promise<void>) | undefined {
    if (message.system === IntegrationSystem.EMPLOYMENT_AREA) {
      const connection = this.connections.employmentArea(message.organisationId);
      return connection && ((payload, key) => connection.port.send(payload as EmploymentAreaMessage, key));
    }
    const connection = this.connections.wageSubsidy(message.organisationId);
    return connection && ((payload, key) => connection.port.submitApplication(payload as WageSubsidyApplicationMessage, key));
  }

  /**
   * Queues a delivery job for every pending message that is due: after a crash between a try and
   * its bookkeeping, for messages written while jobs were off, and as a safety net every minute.
   * The queue keeps one waiting job per message, so sweeping twice queues nothing twice.
   */
  async sweep(): Promise<{ queued: number; forgotten: number }> {
    // Delivered messages are kept a while for the status view and for support, then removed.
    const [, forgotten]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM outbox_message WHERE status = 'DELIVERED' AND delivered_at < $1`,
      [new Date(this.clock.now().getTime() - DELIVERED_KEPT_DAYS * 86_400_000)],
    );
    if (!this.queue) return { queued: 0, forgotten };
    // Due, not held by a try in progress, and with no try waiting in the queue.
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT m.id FROM outbox_message m
        WHERE m.status = 'PENDING' AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= $1) AND (m.locked_until IS NULL OR m.locked_until < now())
          AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $2 AND j.state IN ('created', 'retry') AND j.data->>'id' = m.id::text)
        ORDER BY m.created_at LIMIT ${SWEEP_BATCH}`,
      [this.clock.now(), DELIVERY_JOB],
    );
    for (const { id } of due) await this.queue.send(DELIVERY_JOB, { id });
    if (due.length) this.queue.wake(DELIVERY_JOB);
    return { queued: due.length, forgotten };
  }

  /** An ADMIN sends a failed (or waiting) message again, with a fresh set of tries. */
  async retry(organisationId: string, id: string, actor: Actor): Promise<OutboxMessage> {
    if (!isUuid(id)) throw notFound('IntegrationMessage', id);
    const message = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(OutboxMessage, { where: { id, organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw notFound('IntegrationMessage', id);
      if (found.status === OutboxStatus.DELIVERED) {
        throw conflict(IntegrationReason.MESSAGE_ALREADY_DELIVERED, 'The message has been delivered', { details: { status: found.status } });
      }
      const from = found.status;
      found.status = OutboxStatus.PENDING;
      found.attempts = 0;
      found.nextAttemptAt = this.clock.now();
      found.lockedUntil = null;
      const saved = await manager.save(found);
      await this.history.record(manager, {
        subjectType: 'IntegrationMessage',
        subjectId: id,
        from,
        to: OutboxStatus.PENDING,
        actor,
        reason: 'sent again by an administrator',
      });
      await this.queue?.send(DELIVERY_JOB, { id }, { within: (text, values) => manager.query(text, values) });
      return saved;
    });
    this.queue?.wake(DELIVERY_JOB);
    return message;
  }

  messages(organisationId: string, filter: IntegrationMessageFilter, page: PageArgs): Promise<Connection<OutboxMessage>> {
    const query = this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('message')
      .where('message.organisationId = :organisationId', { organisationId });
    if (filter.status) query.andWhere('message.status = :status', { status: filter.status });
    if (filter.system) query.andWhere('message.system = :system', { system: filter.system });
    if (filter.subjectId) query.andWhere('message.subjectId = :subjectId', { subjectId: filter.subjectId });
    return paginate(query, page, [{ sql: 'message.createdAt', value: (m) => m.createdAt.toISOString(), kind: 'timestamp' }], 'DESC');
  }

  /** Messages per system and status: the dashboard's "is anything stuck". */
  async summary(organisationId: string): Promise<Array<{ system: IntegrationSystem; status: OutboxStatus; count: number; oldest: Date }>> {
    const rows: Array<{ system: IntegrationSystem; status: OutboxStatus; count: number; oldest: Date }> = await this.dataSource.query(
      `SELECT system, status, count(*)::int AS count, min(created_at) AS oldest FROM outbox_message WHERE organisation_id = $1 GROUP BY system, status ORDER BY system, status`,
      [organisationId],
    );
    return rows;
  }
}
