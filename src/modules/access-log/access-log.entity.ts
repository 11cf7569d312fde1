import { Field, ObjectType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Trainee } from '../trainee/trainee.entity';

/**
 * Who processed whose personal data: one row per request and data subject (the trainee), listing
 * the fields read or the operation that wrote. Append-only: a trigger (migration AccessLog) refuses
 * UPDATE, DELETE and TRUNCATE for every database role, the application's included. It holds names
 * of fields, never their values, so no identity code or health finding can end up here.
 */
@ObjectType({ description: "One request that read or wrote one trainee's personal data (käsittelyloki)." })
@Entity()
@Index(['traineeId', 'at'])
@Index(['userId', 'at'])
export class AccessLogEntry {
  @Field(() => String)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field(() => String)
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  trainee?: Relation<Trainee>;

  @Field(() => String, { description: 'Polku user id of the caller (UserRole.userId).' })
  @Column('text')
  userId: string;

  @Field(() => String)
  @Column('text')
  role: string;

  @Field(() => String, { description: 'READ or WRITE.' })
  @Column('text')
  kind: string;

  @Field(() => String, { description: 'The x-purpose header, or the operation name when none was given.' })
  @Column('text')
  purpose: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  operationName: string | null;

  @Field(() => [String], { description: 'Type.field read, or Mutation.name for a write; never values.' })
  @Column('text', { array: true })
  fields: string[];

  @Field(() => String)
  @Column('text')
  requestId: string;
}
