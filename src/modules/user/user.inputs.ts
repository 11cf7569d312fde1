import { IsEmail, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { Role } from '../../platform/auth/actor';

/** The row a role's scope is made of: exactly the one the role needs (none for ADMIN and ANALYST). */
@InputType()
export class RoleScopeInput {
  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'COACH and CAREER_AGENT: the staff member.' })
  @IsOptional()
  @IsUUID()
  staffMemberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'UNIT_LEAD: the work unit.' })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'CASE_MANAGER: the employment area (one that refers clients to the organisation).' })
  @IsOptional()
  @IsUUID()
  employmentAreaId?: string | null;

  @Field(() => ID, { nullable: true, description: 'PARTNER: the partner company.' })
  @IsOptional()
  @IsUUID()
  partnerCompanyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'TRAINEE: their own client record.' })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;
}

@InputType()
export class LinkUserInput extends RoleScopeInput {
  @Field(() => String, { description: 'The identity provider (`iss` of the person’s tokens).' })
  @Length(1, 200)
  issuer: string;

  @Field(() => String, { description: 'The person’s id at the identity provider (`sub`).' })
  @Length(1, 200)
  subject: string;

  @Field(() => String)
  @Length(1, 200)
  displayName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Field(() => ID, { nullable: true, description: 'PLATFORM_OPERATOR only: the organisation whose first ADMIN this is.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => String, { description: 'Why (recorded with the change, for the access review).' })
  @Length(3, 500)
  reason: string;
}

@InputType()
export class ChangeUserRoleInput extends RoleScopeInput {
  @Field(() => ID)
  @IsUUID()
  userRoleId: string;

  @Field(() => String)
  @Length(3, 500)
  reason: string;
}

@InputType()
export class UserRoleStateInput {
  @Field(() => ID)
  @IsUUID()
  userRoleId: string;

  @Field(() => String, { description: 'Why (recorded with the change).' })
  @Length(3, 500)
  reason: string;
}
