import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { Organisation } from '../organisation/organisation.entities';
import { Trainee } from '../trainee/trainee.entity';

export enum GroupSessionTopic {
  /** Velkaneuvonta. */
  DEBT_COUNSELLING = 'DEBT_COUNSELLING',
  /** Koulutusinfo. */
  EDUCATION_INFO = 'EDUCATION_INFO',
  JOB_SEARCH = 'JOB_SEARCH',
  DIGITAL_SKILLS = 'DIGITAL_SKILLS',
  /** Asennevalmennus (Osaamo youth groups of 8–15). */
  ATTITUDE_TRAINING = 'ATTITUDE_TRAINING',
  WORKPLACE_VISIT = 'WORKPLACE_VISIT',
  OTHER = 'OTHER',
}
registerEnumType(GroupSessionTopic, { name: 'GroupSessionTopic' });

@ObjectType({ description: 'A joint info session or group coaching session.' })
@Entity()
@Index(['organisationId', 'startsAt'])
export class GroupSession extends BaseRecord {
  /** The organisation (controller) this row belongs to. */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Column()
  title: string;

  @Field(() => GroupSessionTopic)
  @Column('enum', { enum: GroupSessionTopic, enumName: 'group_session_topic' })
  topic: GroupSessionTopic;

  @Field(() => Date)
  @Column('timestamptz')
  startsAt: Date;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true, description: 'Who runs it, e.g. the debt counselling service.' })
  @Column('text', { nullable: true })
  facilitator: string | null;
}

@ObjectType()
@Entity()
@Index(['sessionId', 'traineeId'], { unique: true })
export class GroupSessionParticipant extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  sessionId: string;

  @ManyToOne(() => GroupSession, { onDelete: 'CASCADE' })
  @JoinColumn()
  session?: Relation<GroupSession>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => Boolean, { nullable: true, description: 'Null until the session has taken place.' })
  @Column('boolean', { nullable: true })
  attended: boolean | null;
}
