import { ArrayMinSize, IsBoolean, IsInt, IsOptional, IsUUID, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import { LocalDate } from '../shared/scalars';

@InputType()
export class CapacityItemInput {
  @Field(() => String)
  @Length(1, 40)
  code: string;

  @Field(() => LocalizedText)
  text: LocalizedText;
}

@InputType()
export class CapacityDimensionInput {
  @Field(() => String, { description: 'PHYSICAL, PSYCHOLOGICAL, SOCIAL, COGNITIVE, WORK_SKILLS, …' })
  @Length(1, 40)
  code: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => [CapacityItemInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  items: CapacityItemInput[];
}

/** A meter version is immutable once created: changes come as a new version. */
@InputType()
export class CreateCapacityInstrumentInput {
  @Field(() => String)
  @Length(1, 40)
  code: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  source?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'The meter has a self-assessment form the trainee answers themselves.' })
  @IsBoolean()
  selfAssessmentForm: boolean;

  @Field(() => [CapacityDimensionInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  dimensions: CapacityDimensionInput[];
}

@InputType()
export class CapacityScoreInput {
  @Field(() => ID)
  @IsUUID()
  itemId: string;

  /** Range is checked by the service so the error names `input.scores[i].score`. */
  @Field(() => Int, { description: '1–5.' })
  score: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class RecordCapacityAssessmentInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => ID)
  @IsUUID()
  instrumentId: string;

  @Field(() => LocalDate)
  assessedOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(8000)
  summary?: string | null;

  @Field(() => [CapacityScoreInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  scores: CapacityScoreInput[];
}

/** The trainee's answer to a meter's self-assessment form, on their own current period. */
@InputType()
export class RecordSelfAssessmentInput {
  @Field(() => ID, { description: "The trainee's own current coaching period." })
  @IsUUID()
  periodId: string;

  @Field(() => ID, { description: 'A meter with a self-assessment form (selfAssessmentForm).' })
  @IsUUID()
  instrumentId: string;

  @Field(() => LocalDate, { nullable: true, description: 'Defaults to today in Finland.' })
  @IsOptional()
  assessedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'In the trainee’s own words.' })
  @IsOptional()
  @MaxLength(8000)
  summary?: string | null;

  @Field(() => [CapacityScoreInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  scores: CapacityScoreInput[];
}
