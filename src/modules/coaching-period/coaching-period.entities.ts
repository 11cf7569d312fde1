import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { Referral } from '../referral/referral.entity';
import { LocalDate } from '../shared/scalars';
import { StaffMember } from '../staff/staff.entity';
import { Trainee } from '../trainee/trainee.entity';
import { ParticipationBasis, PeriodPhase, ServiceForm } from './period-phase';

registerEnumType(PeriodPhase, { name: 'PeriodPhase', description: 'Phase of a coaching period (valmennusjakso).' });
registerEnumType(ServiceForm, { name: 'ServiceForm', description: 'Form of coaching service (valmennuspalvelun muoto).' });
registerEnumType(ParticipationBasis, { name: 'ParticipationBasis', description: 'Legal basis of participation.' });

@ObjectType({ description: 'A coaching period (valmennusjakso) of one trainee.' })
@Entity()
@Check('"days_per_week" BETWEEN 1 AND 5')
@Check('"hours_per_day" > 0 AND "hours_per_day" <= 8')
@Check('"planned_end_date" IS NULL OR "planned_end_date" >= "start_date"')
@Check('"end_date" IS NULL OR "end_date" >= "start_date"')
@Index(['traineeId', 'startDate'])
@Index(['phase'])
export class CoachingPeriod extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  referralId: string | null;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn()
  referral?: Relation<Referral>;

  @Field(() => ServiceForm)
  @Column('enum', { enum: ServiceForm, enumName: 'service_form' })
  serviceForm: ServiceForm;

  @Field(() => ParticipationBasis)
  @Column('enum', { enum: ParticipationBasis, enumName: 'participation_basis' })
  participationBasis: ParticipationBasis;

  @Field(() => Int)
  @Column('smallint')
  daysPerWeek: number;

  @Field(() => Float)
  @Column('numeric', { precision: 4, scale: 2 })
  hoursPerDay: number;

  @Field(() => LocalDate)
  @Column('date')
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @Column('date', { nullable: true })
  plannedEndDate: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column('date', { nullable: true })
  endDate: string | null;

  @Field(() => PeriodPhase)
  @Column('enum', { enum: PeriodPhase, enumName: 'period_phase', default: PeriodPhase.INITIAL_MAPPING })
  phase: PeriodPhase;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  coachId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn()
  coach?: Relation<StaffMember>;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  careerAgentId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn()
  careerAgent?: Relation<StaffMember>;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  goals: string | null;

  @Field(() => String, { nullable: true, description: 'Why the coach was assigned beyond their caseload maximum.' })
  @Column('text', { nullable: true })
  caseloadOverrideReason: string | null;
}

/** A check point replaces dropping out: difficulties are re-assessed and coaching intensified. */
@ObjectType()
@Entity()
export class CheckPoint extends BaseRecord {
  @Field(() => String)
  @Index()
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'CASCADE' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => String, { description: 'The difficulty that led to the check point.' })
  @Column('text')
  difficulty: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  reassessment: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  agreedActions: string | null;

  @Field(() => Date)
  @Column('timestamptz', { default: () => 'now()' })
  openedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  openedBy: string | null;
}
