import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { QualificationUnit } from '../competence/competence.entities';
import { Organisation } from '../organisation/organisation.entities';
import { LocalizedText } from '../shared/localized-text';

/** The eight fields of work the coaching environment takes orders in. */
export enum WorkField {
  /** Kiinteistö- ja viheralueiden hoito. */
  GROUNDS_AND_PROPERTY_CARE = 'GROUNDS_AND_PROPERTY_CARE',
  /** Siivous. */
  CLEANING = 'CLEANING',
  /** Ruokapalvelut. */
  FOOD_SERVICES = 'FOOD_SERVICES',
  /** Tyhjennys- ja muuttotyöt. */
  CLEARING_AND_MOVING = 'CLEARING_AND_MOVING',
  /** Kone- ja laitehuolto. */
  MACHINE_MAINTENANCE = 'MACHINE_MAINTENANCE',
  /** Kierrätys ja kiertotalous. */
  RECYCLING = 'RECYCLING',
  /** Avustaminen kouluissa ja varhaiskasvatuksessa. */
  SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE = 'SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE',
  /** Toimistotyö. */
  OFFICE_WORK = 'OFFICE_WORK',
}
registerEnumType(WorkField, { name: 'WorkField' });

export enum ProtectiveGear {
  SAFETY_SHOES = 'SAFETY_SHOES',
  WORK_CLOTHES = 'WORK_CLOTHES',
  GLOVES = 'GLOVES',
  HEARING_PROTECTION = 'HEARING_PROTECTION',
  SAFETY_GLASSES = 'SAFETY_GLASSES',
  HIGH_VISIBILITY_VEST = 'HIGH_VISIBILITY_VEST',
  HELMET = 'HELMET',
  RESPIRATOR = 'RESPIRATOR',
}
registerEnumType(ProtectiveGear, { name: 'ProtectiveGear' });

@ObjectType({ description: 'An entry of the task catalogue that units order work from.' })
@Entity()
@Check('"difficulty_level" BETWEEN 1 AND 3')
@Index(['organisationId', 'code'], { unique: true })
export class Task extends BaseRecord {
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

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field(() => WorkField)
  @Column('enum', { enum: WorkField, enumName: 'work_field' })
  field: WorkField;

  @Field(() => Int, { description: '1 basic under guidance, 2 demanding, 3 partly independent.' })
  @Column('smallint')
  difficultyLevel: number;

  @Field(() => [ProtectiveGear])
  @Column('enum', { enum: ProtectiveGear, enumName: 'protective_gear', array: true, default: '{}' })
  protectiveGear: ProtectiveGear[];

  @Field(() => Boolean, { description: 'Tasks must not need municipal transport; flagged ones need arranging.' })
  @Column({ default: false })
  transportNeeded: boolean;

  @Field(() => String, { nullable: true, description: 'Where the task usually happens.' })
  @Column('text', { nullable: true })
  typicalPlace: string | null;

  @Field(() => Boolean)
  @Column({ default: true })
  active: boolean;

  /** Qualification units the task counts towards (opinnollistaminen). */
  @ManyToMany(() => QualificationUnit)
  @JoinTable({ name: 'task_qualification_unit', joinColumn: { name: 'task_id' }, inverseJoinColumn: { name: 'qualification_unit_id' } })
  qualificationUnits?: Relation<QualificationUnit[]>;
}
