import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { LocalizedText } from '../shared/localized-text';
import { Trainee } from '../trainee/trainee.entity';
import { CompetenceState } from './competence-state';

registerEnumType(CompetenceState, { name: 'CompetenceState' });

/** A vocational qualification as published in ePerusteet (peruste). */
@ObjectType()
@Entity()
export class Qualification extends BaseRecord {
  @Field(() => String, { description: 'ePerusteet peruste id.' })
  @Column({ unique: true })
  externalId: string;

  @Field(() => String, { description: 'Diary number (diaarinumero) of the requirements in force.' })
  @Column()
  diaryNumber: string;

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;

  /**
   * The source's version marker of what was imported last (ePerusteet: when the published peruste
   * was last changed); null when the catalogue was written by hand (Mutation.importQualification).
   */
  @Column('text', { nullable: true })
  sourceVersion: string | null;
}

/**
 * A qualification unit (tutkinnon osa) with its competence points (laajuus). One row per ePerusteet
 * unit for good: a unit no longer published is retired, not deleted, because the requirements
 * competence records point at hang from it; it comes back to life if it is published again.
 */
@ObjectType()
@Entity()
@Index(['qualificationId', 'externalId'], { unique: true })
export class QualificationUnit extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  qualificationId: string;

  @ManyToOne(() => Qualification, { onDelete: 'CASCADE' })
  @JoinColumn()
  qualification?: Relation<Qualification>;

  @Field(() => String, { description: 'ePerusteet tutkinnon osa id.' })
  @Column()
  externalId: string;

  @Field(() => String, { nullable: true, description: 'National code of the unit (tutkinnonosat koodisto), e.g. 106227.' })
  @Column('text', { nullable: true })
  code: string | null;

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;

  @Field(() => Float, { nullable: true, description: 'Competence points (osaamispisteet).' })
  @Column('numeric', { precision: 5, scale: 1, nullable: true })
  competencePoints: number | null;

  /** When an import found the unit no longer published; the catalogue lists only units without one. */
  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;
}

/**
 * A vocational skill requirement (ammattitaitovaatimus) of a unit. A row never changes once
 * written: an import that finds another text under the same code retires the row and inserts a
 * new one (`supersededById` links them), so a competence record keeps pointing at the words it was
 * recorded against. At most one current (unretired) row per unit and code.
 */
@ObjectType()
@Entity()
@Index(['unitId', 'code'], { unique: true, where: '"retired_at" IS NULL' })
export class CompetenceRequirement extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  unitId: string;

  @ManyToOne(() => QualificationUnit, { onDelete: 'CASCADE' })
  @JoinColumn()
  unit?: Relation<QualificationUnit>;

  @Field(() => String)
  @Column()
  code: string;

  @Field(() => String)
  @Column('text')
  text: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When a new version of the qualification changed or removed this requirement; null while it is published.',
  })
  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The requirement with the same code that replaced this one, when its text changed.' })
  @Index()
  @Column('uuid', { nullable: true })
  supersededById: string | null;

  @ManyToOne(() => CompetenceRequirement, { onDelete: 'SET NULL' })
  @JoinColumn()
  supersededBy?: Relation<CompetenceRequirement>;
}

/**
 * PAIKKO-style documentation: real work tied to a requirement. The qualification, unit and
 * requirement are copied as a snapshot because requirements change between versions.
 */
@ObjectType()
@Entity()
@Index(['traineeId', 'state'])
export class CompetenceRecord extends BaseRecord {
  @Field(() => String)
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
  requirementId: string | null;

  // RESTRICT: the requirement a record was made against is never deleted (imports retire it).
  @ManyToOne(() => CompetenceRequirement, { onDelete: 'RESTRICT' })
  @JoinColumn()
  requirement?: Relation<CompetenceRequirement>;

  @Field(() => String)
  @Column()
  qualificationExternalId: string;

  @Field(() => String)
  @Column()
  diaryNumber: string;

  @Field(() => String)
  @Column()
  unitExternalId: string;

  @Field(() => String)
  @Column()
  requirementCode: string;

  @Field(() => String)
  @Column('text')
  requirementText: string;

  @Field(() => String, { nullable: true, description: 'Task catalogue entry the work came from.' })
  @Column('uuid', { nullable: true })
  taskId: string | null;

  @Field(() => String, { nullable: true })
  @Column('uuid', { nullable: true })
  workOrderId: string | null;

  @Field(() => String, { description: 'What the trainee did and how it showed the competence.' })
  @Column('text')
  evidence: string;

  @Field(() => CompetenceState)
  @Column('enum', { enum: CompetenceState, enumName: 'competence_state', default: CompetenceState.PRACTISING })
  state: CompetenceState;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  demonstratedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  verifiedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  verifiedBy: string | null;
}
