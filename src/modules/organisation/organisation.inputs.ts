import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import { OrganisationKind } from './organisation.entities';

@InputType()
export class CreateDepartmentInput {
  @Field(() => String)
  @Length(1, 40)
  code: string;

  @Field(() => LocalizedText)
  name: LocalizedText;
}

@InputType()
export class CreateWorkUnitInput {
  @Field(() => ID)
  @IsUUID()
  departmentId: string;

  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  unitLeadName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  unitLeadEmail?: string | null;
}

@InputType()
export class CreatePartnerCompanyInput {
  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => String, { description: 'Y-tunnus, NNNNNNN-C; the check digit is verified.' })
  businessId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  industry?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'municipalityCode must be three digits' })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  contactName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;

  @Field(() => Boolean, { defaultValue: false })
  isNonProfit: boolean;
}

@InputType()
export class CreateEmploymentAreaInput {
  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => [String])
  @Matches(/^\d{3}$/, { each: true, message: 'each municipality code must be three digits' })
  municipalityCodes: string[];
}

@InputType()
export class CreateCaseManagerInput {
  @Field(() => ID)
  @IsUUID()
  employmentAreaId: string;

  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  phone?: string | null;
}

@InputType()
export class CreateOrganisationInput {
  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => String, { description: 'Y-tunnus of the controller, NNNNNNN-C; the check digit is verified.' })
  businessId: string;

  @Field(() => OrganisationKind, { defaultValue: OrganisationKind.MUNICIPALITY })
  kind: OrganisationKind;

  @Field(() => [String], { defaultValue: [] })
  @Matches(/^\d{3}$/, { each: true, message: 'each municipality code must be three digits' })
  @ArrayMaxSize(50)
  municipalityCodes: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Employment areas that refer clients to it.' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  employmentAreaIds: string[];
}

@InputType()
export class SubsidyTypeInput {
  @Field(() => String)
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'code must be 2–40 capital letters, digits or _' })
  code: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(100)
  percent?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(60)
  maxMonths?: number | null;
}

/** Leave a field out to keep it; `null` returns a setting to the deployment's default. */
@InputType()
export class UpdateOrganisationSettingsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => Int, { nullable: true, description: 'Expense allowance per attendance day, in cents (null: the deployment default).' })
  @IsOptional()
  @Min(0)
  @Max(100_000)
  expenseAllowanceCentsPerDay?: number | null;

  @Field(() => Int, { nullable: true, description: 'Years after a matter closed before the client is pseudonymised (null: the deployment default).' })
  @IsOptional()
  @Min(1)
  @Max(100)
  retentionYears?: number | null;

  @Field(() => [SubsidyTypeInput], { nullable: true, description: 'The subsidy types of the organisation’s own (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  subsidyTypes?: SubsidyTypeInput[];

  @Field(() => [ID], { nullable: true, description: 'Who processes the intake queue; empty: every coach and career agent.' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  intakeStaffIds?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Why: required when the intake team changes (it changes who sees the people in intake in full), kept in the history.',
  })
  @IsOptional()
  @Length(1, 500)
  reason?: string;
}

@InputType()
export class LinkEmploymentAreaInput {
  @Field(() => ID)
  @IsUUID()
  employmentAreaId: string;

  @Field(() => ID)
  @IsUUID()
  organisationId: string;
}
