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
}

/** A qualification unit (tutkinnon osa) with its competence points (laajuus). */
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

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;

  @Field(() => Float, { nullable: true, description: 'Competence points (osaamispisteet).' })
  @Column('numeric', { precision: 5, scale: 1, nullable: true })
  competencePoints: number | null;
}

/** A vocational skill requirement (ammattitaitovaatimus) of a unit. */
@ObjectType()
@Entity()
@Index(['unitId', 'code'], { unique: true })
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

  @ManyToOne(() => CompetenceRequirement, { onDelete: 'SET NULL' })
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
