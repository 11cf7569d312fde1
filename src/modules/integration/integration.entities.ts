import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';

/** The outside systems Polku exchanges messages with. */
export enum IntegrationSystem {
  /** The employment area's client system (työllisyysalue). */
  EMPLOYMENT_AREA = 'EMPLOYMENT_AREA',
  /** The wage-subsidy authority (palkkatuki). */
  WAGE_SUBSIDY = 'WAGE_SUBSIDY',
}

export enum OutboxStatus {
  /** Waiting for its first or next try. */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Dead letter: refused by the receiver or out of tries; an ADMIN may send it again. */
  FAILED = 'FAILED',
}

registerEnumType(IntegrationSystem, { name: 'IntegrationSystem' });
registerEnumType(OutboxStatus, { name: 'OutboxStatus', description: 'Delivery state of an outgoing integration message.' });

/**
 * An outgoing message, written in the transaction of the change that causes it (transactional
 * outbox) and delivered by the job queue. The payload may name a person, so it is sealed with the
 * personal-data key and never leaves through the API or a log line.
 */
@ObjectType('IntegrationMessage', { description: 'An outgoing message to an outside system and where its delivery stands.' })
@Entity()
@Index(['organisationId', 'status', 'createdAt'])
@Index(['subjectId'])
export class OutboxMessage extends BaseRecord {
  @Column('uuid')
  organisationId: string;

  @Field(() => IntegrationSystem)
  @Column('enum', { enum: IntegrationSystem, enumName: 'integration_system' })
  system: IntegrationSystem;

  @Field(() => String, { description: 'What the message says, e.g. REFERRAL_DECISION, ATTENDANCE_REPORT, SUBSIDY_APPLICATION.' })
  @Column()
  kind: string;

  @Field(() => String, { description: 'The type of the record the message is about, e.g. Referral.' })
  @Column()
  subjectType: string;

  @Field(() => String)
  @Column('uuid')
  subjectId: string;

  /** Sent with every try: the receiver applies the message once however often it arrives. */
  @Column({ unique: true })
  idempotencyKey: string;

  @Column('bytea')
  payloadCiphertext: Buffer;

  @Column()
  payloadKeyId: string;

  @Field(() => OutboxStatus)
  @Column('enum', { enum: OutboxStatus, enumName: 'outbox_status', default: OutboxStatus.PENDING })
  status: OutboxStatus;

  @Field(() => Int, { description: 'Tries so far (each may itself have retried within its time limit).' })
  @Column('int', { default: 0 })
  attempts: number;

  @Field(() => String, { nullable: true, description: 'Why the last try failed (no personal data).' })
  @Column('text', { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next try is due; null when delivered or failed.' })
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  /** A try in progress holds the message until then (database time), so two jobs never send it at once. */
  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;
}

/**
 * A message received from an outside system (pushed to a webhook or fetched by polling), by its
 * id there: the unique key is what makes a second delivery of the same referral or decision a
 * no-op, whichever path it came by and in whatever order.
 */
@Entity()
@Index(['system', 'organisationId', 'kind', 'externalId'], { unique: true })
export class InboundMessage extends BaseRecord {
  @Column('uuid')
  organisationId: string;

  @Column('enum', { enum: IntegrationSystem, enumName: 'integration_system' })
  system: IntegrationSystem;

  @Column()
  kind: string;

  @Column()
  externalId: string;

  /** Deliveries of the same message, the first included. */
  @Column('int', { default: 1 })
  deliveries: number;

  /** APPLIED, or REFUSED with `refusal` (a reason code, never personal data). */
  @Column()
  result: string;

  @Column('text', { nullable: true })
  refusal: string | null;

  /** The record it created or changed (a referral, a decision). */
  @Column('uuid', { nullable: true })
  subjectId: string | null;
}

/** How far polling has read each stream of each organisation's connection. */
@Entity()
export class IntegrationCursor {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('enum', { enum: IntegrationSystem, enumName: 'integration_system' })
  system: IntegrationSystem;

  @Column('text', { nullable: true })
  cursor: string | null;

  @Column('timestamptz')
  updatedAt: Date;
}

/**
 * Webhook signatures already accepted, kept while their timestamp is within the tolerance: the
 * same signed request sent again is a replay and is refused (a sender's own retry signs anew).
 */
@Entity()
export class WebhookReceipt {
  @PrimaryColumn('bytea')
  signatureHash: Buffer;

  @Index()
  @Column('timestamptz')
  receivedAt: Date;
}
