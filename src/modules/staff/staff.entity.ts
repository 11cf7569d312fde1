import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';

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
export class StaffMember extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { nullable: true })
  @Index({ unique: true, where: 'email IS NOT NULL' })
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
