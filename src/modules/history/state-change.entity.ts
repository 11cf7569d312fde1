import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every state transition of every state machine (referral, period phase, work order, competence,
 * final summary) and every change of a period's coach or career agent: who moved what from where
 * to where, when and why. Append-only.
 */
@ObjectType()
@Entity()
@Index(['subjectType', 'subjectId', 'changedAt'])
export class StateChange {
  @Field(() => String)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, {
    description:
      'Referral, CoachingPeriod, WorkOrder, CompetenceRecord, FinalSummary or SubsidyApplication (states); CoachingPeriodCoach or CoachingPeriodCareerAgent (who holds a period: from and to are staff ids); CoachingPeriodWorkplace (a placement or work order: to is WorkUnit:<id> or PartnerCompany:<id>, whose staff then see the person, or UNASSIGNED); OrganisationIntakeTeam; IntegrationMessage.',
  })
  @Column()
  subjectType: string;

  @Field(() => String)
  @Column('uuid')
  subjectId: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  fromState: string | null;

  @Field(() => String)
  @Column()
  toState: string;

  @Field(() => String, { nullable: true, description: 'The user (token subject) who made the change.' })
  @Column('text', { nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  actorRole: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  reason: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
