import type { EntityManager } from 'typeorm';

import type { PersonalDataCipher } from '../../platform/crypto';
import type { SendOptions } from '../../platform/jobs';
import { IntegrationSystem } from './integration.entities';

export const DELIVERY_JOB = 'integration-delivery';

/** What the outbox needs of the job queue: pg-boss's send and wake (absent while jobs are off). */
export interface DeliveryQueue {
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  wake(name: string): void;
}

export interface OutgoingMessage {
  organisationId: string;
  system: IntegrationSystem;
  kind: string;
  subjectType: string;
  subjectId: string;
  /** Same key for the same logical message: enqueuing it twice keeps one. */
  idempotencyKey: string;
  payload: object;
}

/**
 * The transactional outbox: `enqueue` runs inside the caller's transaction, so the message (and
 * its delivery job) exist exactly when the change that causes them commits. A crash after the
 * commit loses nothing: the job is durable, and the sweep re-queues any pending message whose job
 * was lost (or that was written while the queue was off).
 */
export class Outbox {
  private queue: DeliveryQueue | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly cipher: PersonalDataCipher) {}

  /** Jobs start after the server: from then on a message also queues its delivery job. */
  attach(queue: DeliveryQueue | undefined): void {
    this.queue = queue;
  }

  async enqueue(manager: EntityManager, message: OutgoingMessage): Promise<string | null> {
    const sealed = this.cipher.encrypt(JSON.stringify(message.payload));
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO outbox_message (organisation_id, system, kind, subject_type, subject_id, idempotency_key, payload_ciphertext, payload_key_id, status, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', now())
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [
        message.organisationId,
        message.system,
        message.kind,
        message.subjectType,
        message.subjectId,
        message.idempotencyKey,
        sealed.ciphertext,
        sealed.keyId,
      ],
    );
    const id = rows[0]?.id ?? null;
    if (id && this.queue) {
      await this.queue.send(DELIVERY_JOB, { id }, { within: (text, values) => manager.query(text, values) });
      this.wakeSoon();
    }
    return id;
  }

  /**
   * The job is visible once the transaction commits, which this code does not see: look shortly
   * after, and the worker's own polling catches anything later.
   */
  private wakeSoon(): void {
    if (this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.queue?.wake(DELIVERY_JOB);
    }, 25);
    this.wakeTimer.unref();
  }

  open(ciphertext: Buffer, keyId: string): unknown {
    return JSON.parse(this.cipher.decrypt(ciphertext, keyId));
  }
}
