import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { SubsidyApplication } from '../wage-subsidy/wage-subsidy.entities';
import { PlacementKind } from './placement-rules';

registerEnumType(PlacementKind, { name: 'PlacementKind' });

@ObjectType({ description: 'A placement of a coaching period in a municipal unit or a partner company.' })
@Entity()
@Check('("work_unit_id" IS NULL) <> ("partner_company_id" IS NULL)')
@Check('"end_date" IS NULL OR "end_date" >= "start_date"')
@Index(['traineeId', 'startDate'])
export class Placement extends BaseRecord {
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

  @Field(() => PlacementKind)
  @Column('enum', { enum: PlacementKind, enumName: 'placement_kind' })
  kind: PlacementKind;

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

  @Field(() => String, { nullable: true, description: 'The wage-subsidy application this employment is subsidised by.' })
  @Index()
  @Column('uuid', { nullable: true })
  subsidyApplicationId: string | null;

  @ManyToOne(() => SubsidyApplication, { onDelete: 'RESTRICT' })
  @JoinColumn()
  subsidyApplication?: Relation<SubsidyApplication>;

  @Field(() => LocalDate)
  @Column('date')
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @Column('date', { nullable: true })
  endDate: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  supervisorName: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  supervisorContact: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes: string | null;
}
