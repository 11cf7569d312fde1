import { ArrayMaxSize, IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { InputLimit } from '../../platform/graphql/input-guard';

@InputType()
export class StartFinalSummaryInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;
}

/** Omitted fields stay as they are; null clears a text field. */
@InputType()
export class UpdateFinalSummaryInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  @InputLimit({ maxLength: 20000 })
  capacityStatement?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  @InputLimit({ maxLength: 20000 })
  competenceSummary?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the whole list.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 2000, { each: true })
  recommendations?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20000)
  @InputLimit({ maxLength: 20000 })
  continuationPlan?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  unitRepresentative?: string | null;
}

@InputType()
export class FinaliseFinalSummaryInput {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
