import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { OutcomeCheckpoint, OutcomeType, StatisticsScope } from './outcome';

registerEnumType(OutcomeType, { name: 'OutcomeType' });
registerEnumType(OutcomeCheckpoint, { name: 'OutcomeCheckpoint' });
registerEnumType(StatisticsScope, { name: 'StatisticsScope' });

@ObjectType({ description: 'Where the trainee is at the end of the period and at the follow-up points.' })
@Entity()
@Index(['periodId', 'checkpoint'], { unique: true })
@Index(['traineeId'])
export class Outcome extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => String)
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => OutcomeCheckpoint)
  @Column('enum', { enum: OutcomeCheckpoint, enumName: 'outcome_checkpoint' })
  checkpoint: OutcomeCheckpoint;

  @Field(() => OutcomeType)
  @Column('enum', { enum: OutcomeType, enumName: 'outcome_type' })
  type: OutcomeType;

  @Field(() => LocalDate)
  @Column('date')
  observedOn: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  recordedBy: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'EMPLOYED_WAGE_SUBSIDY: the subsidy’s code, a national wage subsidy (e.g. PALKKATUKI_50) or one of the organisation’s own.',
  })
  @Column('text', { nullable: true })
  subsidyType: string | null;
}
