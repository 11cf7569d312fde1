import { IsEmail, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';

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
