import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { LocalizedText } from '../shared/localized-text';

export enum OrganisationKind {
  /** Kunta. */
  MUNICIPALITY = 'MUNICIPALITY',
  /** Kuntayhtymä: several municipalities running the environment together. */
  JOINT_AUTHORITY = 'JOINT_AUTHORITY',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });

/** A wage subsidy or supplement an organisation pays or tracks besides the statutory ones (e.g. a municipal supplement, kuntalisä). */
@ObjectType()
export class SubsidyType {
  @Field(() => String, { description: 'Short code, unique within the organisation (e.g. KUNTALISA).' })
  code: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => Int, { nullable: true, description: 'Share of the pay covered, in per cent, where the subsidy is a share.' })
  percent: number | null;

  @Field(() => Int, { nullable: true, description: 'Most months it is paid for one employment.' })
  maxMonths: number | null;

  @Field(() => Int, { nullable: true, description: 'Most it pays a month, in cents.' })
  monthlyCapCents?: number | null;

  @Field(() => Int, { nullable: true, description: 'Age the person must have reached when the employment starts.' })
  minAge?: number | null;
}

/**
 * The controller (rekisterinpitäjä) that runs a coaching environment: a municipality or a joint
 * authority. Its staff, units, catalogue and client register are its own; no scope of the
 * permission matrix reaches past it.
 */
@ObjectType()
@Entity()
@Check('"expense_allowance_cents_per_day" IS NULL OR "expense_allowance_cents_per_day" >= 0')
@Check('"retention_years" IS NULL OR "retention_years" BETWEEN 1 AND 100')
export class Organisation extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  /** Null only for the organisation that existing data was migrated into, until the operator sets it. */
  @Field(() => String, { nullable: true, description: 'Y-tunnus of the controller.' })
  @Column('text', { unique: true, nullable: true })
  businessId: string | null;

  @Field(() => OrganisationKind)
  @Column('enum', { enum: OrganisationKind, enumName: 'organisation_kind', default: OrganisationKind.MUNICIPALITY })
  kind: OrganisationKind;

  @Field(() => [String], { description: 'Municipality codes (three digits) the organisation serves.' })
  @Column('text', { array: true, default: '{}' })
  municipalityCodes: string[];

  /** Null: the deployment's EXPENSE_ALLOWANCE_CENTS_PER_DAY. */
  @Column('int', { nullable: true })
  expenseAllowanceCentsPerDay: number | null;

  /** Null: the deployment's RETENTION_YEARS. */
  @Column('int', { nullable: true })
  retentionYears: number | null;

  @Column('jsonb', { default: () => "'[]'" })
  subsidyTypes: SubsidyType[];

  /**
   * The staff who process the intake queue and see the people in it in full. Empty: every coach
   * and career agent of the organisation.
   */
  @Column('uuid', { array: true, default: '{}' })
  intakeStaffIds: string[];
}

/** An employment area refers clients to this organisation (an area may refer to several, and an organisation take from several). */
@Entity()
export class EmploymentAreaOrganisation {
  @PrimaryColumn('uuid')
  employmentAreaId: string;

  @Index()
  @PrimaryColumn('uuid')
  organisationId: string;

  @ManyToOne(() => EmploymentArea, { onDelete: 'CASCADE' })
  @JoinColumn()
  employmentArea?: Relation<EmploymentArea>;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Relation<Organisation>;
}

/** The employment area (työllisyysalue) that refers clients and owns them. */
@ObjectType()
@Entity()
export class EmploymentArea extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  @Field(() => [String], { description: 'Municipality codes (three digits, e.g. 609 Pori) the area covers.' })
  @Column('text', { array: true, default: '{}' })
  municipalityCodes: string[];
}

/** The employment area's owner of a client (asiakasvastaava). */
@ObjectType()
@Entity()
export class CaseManager extends BaseRecord {
  @Field(() => String)
  @Index()
  @Column('uuid')
  employmentAreaId: string;

  @ManyToOne(() => EmploymentArea, { onDelete: 'RESTRICT' })
  @JoinColumn()
  employmentArea?: Relation<EmploymentArea>;

  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  phone: string | null;
}

/** A municipal department (toimiala), e.g. technical services or education. */
@ObjectType()
@Entity()
@Index(['organisationId', 'code'], { unique: true })
export class Department extends BaseRecord {
  /** The organisation (controller) this row belongs to. */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Column()
  code: string;

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;
}

/** A work unit that orders work and hosts placements; led by a unit lead (yksikön esihenkilö). */
@ObjectType()
@Entity()
export class WorkUnit extends BaseRecord {
  /** The organisation (controller) this row belongs to: its department's. */
  @Index()
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn()
  department?: Relation<Department>;

  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  unitLeadName: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  unitLeadEmail: string | null;
}

/** A local company or association (yhteistyöyritys) that hires or hosts trainees. */
@ObjectType()
@Entity()
@Index(['organisationId', 'businessId'], { unique: true })
export class PartnerCompany extends BaseRecord {
  /** The organisation whose partner this is: a company working with two municipalities is a partner of each, separately. */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { description: 'Finnish business ID (Y-tunnus), NNNNNNN-C.' })
  @Column()
  businessId: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  industry: string | null;

  @Field(() => String, { nullable: true })
  @Column('char', { length: 3, nullable: true })
  municipalityCode: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  contactName: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  contactEmail: string | null;

  @Field(() => Boolean, { description: 'Associations and foundations can get a 100 % wage subsidy.' })
  @Column({ default: false })
  isNonProfit: boolean;
}
