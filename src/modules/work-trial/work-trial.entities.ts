import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { CaseManager, EmploymentArea, PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { Placement } from '../placement/placement.entity';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { PeriodWarningCode, WorkTrialOrganiserKind, WorkTrialParty } from './work-trial-rules';

registerEnumType(WorkTrialParty, { name: 'WorkTrialParty', description: 'A party to a written work-trial agreement (työkokeilusopimus).' });
registerEnumType(WorkTrialOrganiserKind, { name: 'WorkTrialOrganiserKind', description: 'Who organises a work trial (työkokeilun järjestäjä).' });
registerEnumType(PeriodWarningCode, {
  name: 'PeriodWarningCode',
  description: 'Something about a coaching period that needs attention; clients switch on the code.',
});

/**
 * The written work-trial agreement between the participant (the trainee), the authority (the
 * employment area, signed by its case manager or another official) and the organiser (the coaching
 * environment's municipality for a WORK_TRIAL period, or the unit or company of a WORK_TRIAL
 * placement). Terms are fixed once anyone has signed; an amendment is a new agreement.
 */
@ObjectType({ description: 'A written work-trial agreement (työkokeilusopimus): parties, dates, tasks, schedule and signatures.' })
@Entity()
@Index(['periodId', 'startDate'])
@Check('"end_date" >= "start_date"')
@Check('"days_per_week" BETWEEN 1 AND 5')
@Check('"hours_per_day" > 0 AND "hours_per_day" <= 8')
@Check(`("organiser_kind" = 'COACHING_ENVIRONMENT') = ("placement_id" IS NULL)`)
@Check(`("organiser_kind" = 'WORK_UNIT') = ("work_unit_id" IS NOT NULL)`)
@Check(`("organiser_kind" = 'PARTNER_COMPANY') = ("partner_company_id" IS NOT NULL)`)
// A signer is named only with the date they signed; retention may erase the name and keep the date.
@Check('"authority_signed_on" IS NOT NULL OR "authority_signer_name" IS NULL')
@Check('"organiser_signed_on" IS NOT NULL OR "organiser_signer_name" IS NULL')
export class WorkTrialAgreement extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => String, { description: 'The participant.' })
  @Index()
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => String, { nullable: true, description: 'The WORK_TRIAL placement this agreement is for; null for the WORK_TRIAL period itself.' })
  @Index()
  @Column('uuid', { nullable: true })
  placementId: string | null;

  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' })
  @JoinColumn()
  placement?: Relation<Placement>;

  @Field(() => WorkTrialOrganiserKind)
  @Column('enum', { enum: WorkTrialOrganiserKind, enumName: 'work_trial_organiser_kind' })
  organiserKind: WorkTrialOrganiserKind;

  @Field(() => String, { description: 'The organiser as named in the agreement (municipality, unit or company).' })
  @Column('text')
  organiserName: string;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  workUnitId: string | null;

  @ManyToOne(() => WorkUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  workUnit?: Relation<WorkUnit>;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  partnerCompanyId: string | null;

  @ManyToOne(() => PartnerCompany, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnerCompany?: Relation<PartnerCompany>;

  @Field(() => String, { description: 'The authority: the employment area (työllisyysalue).' })
  @Index()
  @Column('uuid')
  employmentAreaId: string;

  @ManyToOne(() => EmploymentArea, { onDelete: 'RESTRICT' })
  @JoinColumn()
  employmentArea?: Relation<EmploymentArea>;

  @Field(() => LocalDate)
  @Column('date')
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive.' })
  @Column('date')
  endDate: string;

  @Field(() => [String], { description: 'The tasks agreed for the trial.' })
  @Column('text', { array: true })
  tasks: string[];

  @Field(() => Int)
  @Column('smallint')
  daysPerWeek: number;

  @Field(() => Float)
  @Column('numeric', { precision: 4, scale: 2 })
  hoursPerDay: number;

  @Column('date', { nullable: true })
  participantSignedOn: string | null;

  @Column('text', { nullable: true })
  authoritySignerName: string | null;

  @Index()
  @Column('uuid', { nullable: true })
  authorityCaseManagerId: string | null;

  @ManyToOne(() => CaseManager, { onDelete: 'RESTRICT' })
  @JoinColumn()
  authorityCaseManager?: Relation<CaseManager>;

  @Column('date', { nullable: true })
  authoritySignedOn: string | null;

  @Column('text', { nullable: true })
  organiserSignerName: string | null;

  @Column('date', { nullable: true })
  organiserSignedOn: string | null;

  @Field(() => String, { description: 'The user who recorded the agreement in Polku.' })
  @Column('text')
  recordedBy: string;

  @Field(() => Date)
  @Column('timestamptz')
  recordedAt: Date;
}

/** The organiser's written feedback at the end of a work trial (työkokeilun palaute). */
@ObjectType({ description: "The organiser's written feedback on a work trial, given when the trial ends." })
@Entity()
export class WorkTrialFeedback extends BaseRecord {
  @Field(() => String)
  @Column('uuid', { unique: true })
  agreementId: string;

  @OneToOne(() => WorkTrialAgreement, { onDelete: 'RESTRICT' })
  @JoinColumn()
  agreement?: Relation<WorkTrialAgreement>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => String)
  @Column('text')
  text: string;

  @Field(() => String, { description: 'Who gave it for the organiser (e.g. the workplace supervisor).' })
  @Column('text')
  givenBy: string;

  @Field(() => LocalDate)
  @Column('date')
  givenOn: string;

  @Field(() => String)
  @Column('text')
  recordedBy: string;

  @Field(() => Date)
  @Column('timestamptz')
  recordedAt: Date;
}

@ObjectType({ description: "One party's signature on a work-trial agreement." })
export class WorkTrialSignature {
  @Field(() => WorkTrialParty)
  party: WorkTrialParty;

  @Field(() => String, {
    nullable: true,
    description: 'Who signed (for the authority and the organiser); null for the participant, who is the trainee.',
  })
  signerName: string | null;

  @Field(() => String, { nullable: true, description: 'The case manager who signed for the authority, when registered in Polku.' })
  caseManagerId: string | null;

  @Field(() => LocalDate)
  signedOn: string;
}

@ObjectType({ description: 'Something about a coaching period that needs attention.' })
export class PeriodWarning {
  @Field(() => PeriodWarningCode)
  code: PeriodWarningCode;

  @Field(() => String)
  message: string;

  @Field(() => ID, { nullable: true, description: 'The work-trial agreement concerned, if any.' })
  agreementId: string | null;

  @Field(() => ID, { nullable: true, description: 'The placement concerned, if any.' })
  placementId: string | null;
}
