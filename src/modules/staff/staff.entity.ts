import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { Organisation } from '../organisation/organisation.entities';

export enum StaffRole {
  /** Työvalmentaja: runs tasks, documents learning and capacity daily. */
  COACH = 'COACH',
  /** Ura-agentti: plans the continuation, finds jobs, follows up after the period. */
  CAREER_AGENT = 'CAREER_AGENT',
}
registerEnumType(StaffRole, { name: 'StaffRole' });

@ObjectType()
@Entity()
@Check('"caseload_min" >= 0 AND "caseload_max" >= "caseload_min"')
@Index(['organisationId', 'email'], { unique: true, where: 'email IS NOT NULL' })
export class StaffMember extends BaseRecord {
  /** The organisation (controller) this row belongs to. */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  email: string | null;

  @Field(() => StaffRole)
  @Column('enum', { enum: StaffRole, enumName: 'staff_role' })
  role: StaffRole;

  @Field(() => Int, { description: 'Fewest trainees the staff member should hold (default 8).' })
  @Column('int', { default: 8 })
  caseloadMin: number;

  @Field(() => Int, { description: 'Most trainees before an override reason is needed (default 12).' })
  @Column('int', { default: 12 })
  caseloadMax: number;

  @Field(() => Boolean)
  @Column({ default: true })
  active: boolean;
}
