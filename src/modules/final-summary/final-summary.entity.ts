import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, JoinColumn, OneToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { FinalSummaryState } from './final-summary-state';

registerEnumType(FinalSummaryState, { name: 'FinalSummaryState' });

@ObjectType({ description: 'The final summary (loppukooste) delivered to the case manager; read-only once FINAL.' })
@Entity()
export class FinalSummary extends BaseRecord {
  @Field(() => String)
  @Column('uuid', { unique: true })
  periodId: string;

  @OneToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => String, { nullable: true, description: 'Work and functional capacity (special-category data).' })
  @Column('text', { nullable: true })
  capacityStatement: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  competenceSummary: string | null;

  @Field(() => [String], { description: 'E.g. further health examination.' })
  @Column('text', { array: true, default: '{}' })
  recommendations: string[];

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  continuationPlan: string | null;

  @Field(() => String, { nullable: true, description: 'The unit representative who took part.' })
  @Column('text', { nullable: true })
  unitRepresentative: string | null;

  @Field(() => FinalSummaryState)
  @Column('enum', { enum: FinalSummaryState, enumName: 'final_summary_state', default: FinalSummaryState.DRAFT })
  state: FinalSummaryState;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  finalisedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  finalisedBy: string | null;
}
