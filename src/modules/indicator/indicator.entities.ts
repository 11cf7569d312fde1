import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { Organisation } from '../organisation/organisation.entities';
import { LocalizedText } from '../shared/localized-text';
import { LocalDate } from '../shared/scalars';

export enum IndicatorUnit {
  PERCENT = 'PERCENT',
  COUNT = 'COUNT',
  RATIO = 'RATIO',
}
registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });

/** A strategy indicator as the city's documents track it: baseline, yearly targets, measurements. */
@ObjectType()
@Entity()
@Index(['organisationId', 'code'], { unique: true })
export class Indicator extends BaseRecord {
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

  @Field(() => IndicatorUnit)
  @Column('enum', { enum: IndicatorUnit, enumName: 'indicator_unit' })
  unit: IndicatorUnit;

  @Field(() => Float, { nullable: true })
  @Column('numeric', { precision: 12, scale: 2, nullable: true })
  baselineValue: number | null;

  @Field(() => Int, { nullable: true })
  @Column('int', { nullable: true })
  baselineYear: number | null;

  @Field(() => Boolean, { description: 'True when a higher value is better.' })
  @Column({ default: true })
  higherIsBetter: boolean;
}

@ObjectType()
@Entity()
@Index(['indicatorId', 'year'], { unique: true })
export class IndicatorTarget extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Relation<Indicator>;

  @Field(() => Int)
  @Column('int')
  year: number;

  @Field(() => Float)
  @Column('numeric', { precision: 12, scale: 2 })
  value: number;
}

@ObjectType()
@Entity()
@Index(['indicatorId', 'measuredOn'])
export class IndicatorMeasurement extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Relation<Indicator>;

  @Field(() => LocalDate)
  @Column('date')
  measuredOn: string;

  @Field(() => Float)
  @Column('numeric', { precision: 12, scale: 2 })
  value: number;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note: string | null;
}
