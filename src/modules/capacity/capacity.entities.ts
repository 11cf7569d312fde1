import { Field, Int, ObjectType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { Organisation } from '../organisation/organisation.entities';
import { LocalizedText } from '../shared/localized-text';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';

/** A versioned capacity meter (mittaristo); a new version never changes old assessments. */
@ObjectType()
@Entity()
@Index('capacity_instrument_national_version', ['code', 'version'], { unique: true, where: '"organisation_id" IS NULL' })
@Index('capacity_instrument_own_version', ['organisationId', 'code', 'version'], { unique: true, where: '"organisation_id" IS NOT NULL' })
export class CapacityInstrument extends BaseRecord {
  /** Null: a national instrument every organisation uses (Kykyviisari); else the organisation's own. */
  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Column()
  code: string;

  @Field(() => Int)
  @Column('int')
  version: number;

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;

  @Field(() => String, { nullable: true, description: 'Where the meter comes from.' })
  @Column('text', { nullable: true })
  source: string | null;

  @Field(() => Boolean, {
    description: 'The meter has a self-assessment form (as Kykyviisari): the trainee may answer it themselves (recordSelfAssessment).',
  })
  @Column('boolean', { default: false })
  selfAssessmentForm: boolean;
}

@ObjectType()
@Entity()
@Index(['instrumentId', 'code'], { unique: true })
export class CapacityDimensionDefinition extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  instrumentId: string;

  @ManyToOne(() => CapacityInstrument, { onDelete: 'CASCADE' })
  @JoinColumn()
  instrument?: Relation<CapacityInstrument>;

  @Field(() => String, { description: 'PHYSICAL, PSYCHOLOGICAL, SOCIAL, COGNITIVE, WORK_SKILLS, …' })
  @Column()
  code: string;

  @Field(() => LocalizedText)
  @Column('jsonb')
  name: LocalizedText;

  @Field(() => Int)
  @Column('int')
  position: number;
}

@ObjectType({ description: 'One item of a dimension, scored 1–5.' })
@Entity()
@Index(['dimensionId', 'code'], { unique: true })
export class CapacityItem extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  dimensionId: string;

  @ManyToOne(() => CapacityDimensionDefinition, { onDelete: 'CASCADE' })
  @JoinColumn()
  dimension?: Relation<CapacityDimensionDefinition>;

  @Field(() => String)
  @Column()
  code: string;

  @Field(() => LocalizedText)
  @Column('jsonb')
  text: LocalizedText;

  @Field(() => Int)
  @Column('int')
  position: number;
}

/** Special-category (health-related) data: visible only to the trainee's own staff. */
@ObjectType({ description: 'A work and functional capacity assessment (työ- ja toimintakyvyn arviointi).' })
@Entity()
@Index(['traineeId', 'assessedOn'])
export class CapacityAssessment extends BaseRecord {
  @Field(() => String)
  @Index()
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

  @Field(() => String)
  @Index()
  @Column('uuid')
  instrumentId: string;

  @ManyToOne(() => CapacityInstrument, { onDelete: 'RESTRICT' })
  @JoinColumn()
  instrument?: Relation<CapacityInstrument>;

  @Field(() => LocalDate)
  @Column('date')
  assessedOn: string;

  @Field(() => String, { nullable: true, description: 'The Polku user who recorded it (the trainee for a self-assessment).' })
  @Column('text', { nullable: true })
  assessorId: string | null;

  @Field(() => Boolean, { description: "The trainee's own answer to the meter's self-assessment form, not the staff's assessment." })
  @Column('boolean', { default: false })
  selfAssessed: boolean;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  summary: string | null;
}

@ObjectType()
@Entity()
@Index(['assessmentId', 'itemId'], { unique: true })
@Check('"score" BETWEEN 1 AND 5')
export class CapacityScore extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  assessmentId: string;

  @ManyToOne(() => CapacityAssessment, { onDelete: 'CASCADE' })
  @JoinColumn()
  assessment?: Relation<CapacityAssessment>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  itemId: string;

  @ManyToOne(() => CapacityItem, { onDelete: 'RESTRICT' })
  @JoinColumn()
  item?: Relation<CapacityItem>;

  @Field(() => Int)
  @Column('smallint')
  score: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note: string | null;
}
