import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Role } from '../../platform/auth/actor';
import { BaseRecord } from '../../platform/database/base.entity';
import { EmploymentArea, Organisation, PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { StaffMember } from '../staff/staff.entity';
import { Trainee } from '../trainee/trainee.entity';

/**
 * A person as an identity provider knows them: issuer and subject, nothing else. What they may do
 * is in their roles, one per organisation.
 */
@ObjectType()
@Entity('app_user')
@Index(['issuer', 'subject'], { unique: true })
export class User extends BaseRecord {
  @Field(() => String, { description: 'The identity provider (`iss`).' })
  @Column()
  issuer: string;

  @Field(() => String, { description: 'The person’s stable id at the identity provider (`sub`).' })
  @Column()
  subject: string;
}

export enum RoleSource {
  /** Linked by an ADMIN (or, for an organisation's first ADMIN, the platform operator). */
  LINKED = 'LINKED',
  /** From an identity-provider group (AUTH_GROUP_ROLES), recorded when the user first signed in with it. */
  GROUP = 'GROUP',
}
registerEnumType(RoleSource, { name: 'RoleSource' });

/**
 * What a user may do in one organisation: the role and the row its scope is made of (a staff
 * member, unit, area, partner company or the trainee's own record). Deactivated roles stay, so the
 * access review and the history show who could see what, and when that ended.
 */
@ObjectType()
@Entity()
@Index('user_role_one_per_organisation', ['userId', 'organisationId'], { unique: true, where: '"organisation_id" IS NOT NULL' })
@Index('user_role_one_platform_role', ['userId'], { unique: true, where: '"organisation_id" IS NULL' })
@Check(`("role" = 'PLATFORM_OPERATOR') = ("organisation_id" IS NULL)`)
@Check(`("role" IN ('COACH', 'CAREER_AGENT')) = ("staff_member_id" IS NOT NULL)`)
@Check(`("role" = 'UNIT_LEAD') = ("work_unit_id" IS NOT NULL)`)
@Check(`("role" = 'CASE_MANAGER') = ("employment_area_id" IS NOT NULL)`)
@Check(`("role" = 'PARTNER') = ("partner_company_id" IS NOT NULL)`)
@Check(`("role" = 'TRAINEE') = ("trainee_id" IS NOT NULL)`)
@Check(`"active" OR "deactivated_at" IS NOT NULL`)
export class UserRole extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn()
  user?: Relation<User>;

  @Index()
  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => Role)
  @Column('enum', { enum: Role, enumName: 'user_role_kind' })
  role: Role;

  @Field(() => String, { description: 'How the organisation names the person (e.g. “Anna Mäkinen, työvalmentaja”).' })
  @Column()
  displayName: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  email: string | null;

  @Index()
  @Column('uuid', { nullable: true })
  staffMemberId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn()
  staffMember?: Relation<StaffMember>;

  @Index()
  @Column('uuid', { nullable: true })
  workUnitId: string | null;

  @ManyToOne(() => WorkUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  workUnit?: Relation<WorkUnit>;

  @Index()
  @Column('uuid', { nullable: true })
  employmentAreaId: string | null;

  @ManyToOne(() => EmploymentArea, { onDelete: 'RESTRICT' })
  @JoinColumn()
  employmentArea?: Relation<EmploymentArea>;

  @Index()
  @Column('uuid', { nullable: true })
  partnerCompanyId: string | null;

  @ManyToOne(() => PartnerCompany, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnerCompany?: Relation<PartnerCompany>;

  /** TRAINEE: the client record the user is (exported with it and cleared by retention). */
  @Index()
  @Column('uuid', { nullable: true })
  traineeId: string | null;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => RoleSource)
  @Column('enum', { enum: RoleSource, enumName: 'role_source', default: RoleSource.LINKED })
  source: RoleSource;

  @Field(() => String, { nullable: true, description: 'The identity-provider group the role came from (source GROUP).' })
  @Column('text', { nullable: true })
  groupName: string | null;

  @Field(() => Boolean)
  @Column({ default: true })
  active: boolean;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  deactivatedAt: Date | null;
}

export enum UserChangeKind {
  LINKED = 'LINKED',
  CHANGED = 'CHANGED',
  DEACTIVATED = 'DEACTIVATED',
  REACTIVATED = 'REACTIVATED',
  /** A role from an identity-provider group, recorded at the first sign-in with it. */
  JOINED_BY_GROUP = 'JOINED_BY_GROUP',
}
registerEnumType(UserChangeKind, { name: 'UserChangeKind' });

/** Every change of who may see what: who made it, why, and the role before and after. Never updated or deleted. */
@ObjectType()
@Entity()
@Index(['organisationId', 'at'])
@Index(['userId', 'at'])
export class UserChange {
  @Field(() => String)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Date)
  @Column('timestamptz')
  at: Date;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Field(() => String)
  @Column('uuid')
  userId: string;

  @Field(() => UserChangeKind)
  @Column('enum', { enum: UserChangeKind, enumName: 'user_change_kind' })
  kind: UserChangeKind;

  @Field(() => String, { nullable: true, description: 'The user who made the change; none for a sign-in by group.' })
  @Column('uuid', { nullable: true })
  changedBy: string | null;

  @Field(() => String)
  @Column('text')
  reason: string;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;
}
