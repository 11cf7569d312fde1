import { ArrayMinSize, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import { MaxDecimalPlaces } from '../shared/validation';
import { CompetenceState } from './competence-state';

@InputType()
export class RequirementImportInput {
  @Field(() => String)
  @Length(1, 40)
  code: string;

  @Field(() => String)
  @Length(1, 4000)
  text: string;
}

@InputType()
export class QualificationUnitImportInput {
  @Field(() => String, { description: 'ePerusteet tutkinnon osa id.' })
  @Length(1, 100)
  externalId: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => Float, { nullable: true, description: 'Osaamispisteet (laajuus).' })
  @IsOptional()
  @MaxDecimalPlaces(1)
  @Min(0)
  @Max(9999.9)
  competencePoints?: number | null;

  @Field(() => [RequirementImportInput])
  @ValidateNested({ each: true })
  requirements: RequirementImportInput[];
}

/** A qualification as published in ePerusteet; importing again brings the catalogue to this version (changed and removed rows are retired). */
@InputType()
export class ImportQualificationInput {
  @Field(() => String, { description: 'ePerusteet peruste id.' })
  @Length(1, 100)
  externalId: string;

  @Field(() => String, { description: 'Diaarinumero of the requirements in force.' })
  @Length(1, 100)
  diaryNumber: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => [QualificationUnitImportInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  units: QualificationUnitImportInput[];
}

@InputType()
export class RecordCompetenceInput {
  @Field(() => ID)
  @IsUUID()
  traineeId: string;

  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => ID)
  @IsUUID()
  requirementId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  taskId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workOrderId?: string | null;

  @Field(() => String, { description: 'What the trainee did and how it showed the competence.' })
  @Length(1, 8000)
  evidence: string;
}

@InputType()
export class CompetenceTransitionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true, description: 'Why, e.g. what was missing from a demonstration.' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class CompetenceRecordFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;

  @Field(() => CompetenceState, { nullable: true })
  @IsOptional()
  state?: CompetenceState | null;
}
