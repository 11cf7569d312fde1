import { Field, ObjectType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { LocalizedText } from '../shared/localized-text';

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
export class Department extends BaseRecord {
  @Field(() => String)
  @Column({ unique: true })
  code: string;

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;
}

/** A work unit that orders work and hosts placements; led by a unit lead (yksikön esihenkilö). */
@ObjectType()
@Entity()
export class WorkUnit extends BaseRecord {
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
export class PartnerCompany extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { description: 'Finnish business ID (Y-tunnus), NNNNNNN-C.' })
  @Column({ unique: true })
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
