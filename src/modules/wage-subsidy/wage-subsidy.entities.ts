import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { DecisionOutcome, PositionState, SubsidyApplicationState } from './subsidy-rules';

registerEnumType(SubsidyApplicationState, {
  name: 'SubsidyApplicationState',
  description: 'State of a wage-subsidy application (palkkatukihakemus).',
});
registerEnumType(DecisionOutcome, { name: 'SubsidyDecisionOutcome' });
registerEnumType(PositionState, { name: 'SubsidisedPositionState' });

/**
 * A job a department announces for wage-subsidised work, or one tailored with the employment
 * services for a particular person's needs (räätälöity työpaikka).
 */
@ObjectType({ description: 'A position a unit offers for wage-subsidised work.' })
@Entity()
@Index(['organisationId', 'state'])
export class SubsidisedPosition extends BaseRecord {
  @Column('uuid')
  organisationId: string;

  @Field(() => String)
  @Index()
  @Column('uuid')
  workUnitId: string;

  @ManyToOne(() => WorkUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  workUnit?: Relation<WorkUnit>;

  @Field(() => String)
  @Column()
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => Float)
  @Column('numeric', { precision: 4, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  hoursPerWeek: number;

  @Field(() => Int, { nullable: true, description: 'Gross pay a month, in cents.' })
  @Column('int', { nullable: true })
  monthlyPayCents: number | null;

  @Field(() => Boolean, { description: 'Tailored with the employment services for one person rather than announced.' })
  @Column({ default: false })
  tailored: boolean;

  @Field(() => LocalDate)
  @Column('date')
  availableFrom: string;

  @Field(() => PositionState)
  @Column('enum', { enum: PositionState, enumName: 'subsidised_position_state', default: PositionState.OPEN })
  state: PositionState;
}

/**
 * An application for wage subsidy for one trainee's employment relationship. It belongs to the
 * trainee's coaching period (usually a COACHING_EMPLOYMENT one); once decided, the employment is
 * recorded as an EMPLOYMENT placement of that period naming the application, and the placement's
 * dates must lie within the decided period and not before the decision.
 */
@ObjectType({ description: 'A wage-subsidy application (palkkatukihakemus) for a trainee’s employment relationship.' })
@Entity()
@Check('("work_unit_id" IS NULL) <> ("partner_company_id" IS NULL)')
@Check('"requested_end" >= "requested_start"')
@Index(['organisationId', 'state', 'createdAt'])
export class SubsidyApplication extends BaseRecord {
  @Column('uuid')
  organisationId: string;

  @Field(() => String)
  @Index()
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  positionId: string | null;

  @ManyToOne(() => SubsidisedPosition, { onDelete: 'RESTRICT' })
  @JoinColumn()
  position?: Relation<SubsidisedPosition>;

  @Field(() => String, { nullable: true, description: 'The employer when it is a unit of the organisation.' })
  @Index()
  @Column('uuid', { nullable: true })
  workUnitId: string | null;

  @ManyToOne(() => WorkUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  workUnit?: Relation<WorkUnit>;

  @Field(() => String, { nullable: true, description: 'The employer when it is a partner company.' })
  @Index()
  @Column('uuid', { nullable: true })
  partnerCompanyId: string | null;

  @ManyToOne(() => PartnerCompany, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnerCompany?: Relation<PartnerCompany>;

  @Field(() => Float)
  @Column('numeric', { precision: 4, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  hoursPerWeek: number;

  @Field(() => Int, { description: 'Gross pay a month, in cents.' })
  @Column('int')
  monthlyPayCents: number;

  @Field(() => String, { description: 'The subsidy type asked for (a national code or one of the organisation’s own).' })
  @Column()
  requestedTypeCode: string;

  @Field(() => Int)
  @Column('int')
  requestedPercent: number;

  @Field(() => LocalDate)
  @Column('date')
  requestedStart: string;

  @Field(() => LocalDate)
  @Column('date')
  requestedEnd: string;

  @Field(() => SubsidyApplicationState)
  @Column('enum', { enum: SubsidyApplicationState, enumName: 'subsidy_application_state', default: SubsidyApplicationState.DRAFT })
  state: SubsidyApplicationState;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  withdrawalReason: string | null;
}

/** The authority's decision on an application: one per application, by the authority's id. */
@ObjectType({ description: 'A wage-subsidy decision (palkkatukipäätös).' })
@Entity()
@Index(['authority', 'decisionId'], { unique: true })
@Check(`"outcome" = 'DENIED' OR ("start_date" IS NOT NULL AND "end_date" IS NOT NULL AND "end_date" >= "start_date" AND "percent" IS NOT NULL)`)
export class SubsidyDecision extends BaseRecord {
  @Column('uuid', { unique: true })
  applicationId: string;

  @OneToOne(() => SubsidyApplication, { onDelete: 'RESTRICT' })
  @JoinColumn()
  application?: Relation<SubsidyApplication>;

  /** The application's trainee, so the decision is read under the same views as the application. */
  @Field(() => String)
  @Index()
  @Column('uuid')
  traineeId: string;

  @Field(() => String, { description: "The decision's id at the authority." })
  @Column()
  decisionId: string;

  @Field(() => String)
  @Column()
  authority: string;

  @Field(() => DecisionOutcome)
  @Column('enum', { enum: DecisionOutcome, enumName: 'subsidy_decision_outcome' })
  outcome: DecisionOutcome;

  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  percent: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  subsidyTypeCode: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column('date', { nullable: true })
  startDate: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column('date', { nullable: true })
  endDate: string | null;

  @Field(() => Int, { nullable: true, description: 'Most the subsidy pays a month, in cents.' })
  @Column('int', { nullable: true })
  monthlyCapCents: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  denialReason: string | null;

  @Field(() => LocalDate, { description: 'The day of the decision: a subsidised employment cannot start before it.' })
  @Column('date')
  decidedOn: string;

  @Field(() => Date)
  @Column('timestamptz')
  receivedAt: Date;
}
