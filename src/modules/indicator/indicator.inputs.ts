import { IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import { LocalDate } from '../shared/scalars';
import { MaxDecimalPlaces } from '../shared/validation';
import { IndicatorUnit } from './indicator.entities';

@InputType()
export class CreateIndicatorInput {
  @Field(() => String, { description: 'Stable code, e.g. EMPLOYED_OR_STUDYING_SHARE.' })
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, { message: 'code must be UPPER_SNAKE_CASE, 2–60 characters' })
  code: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => IndicatorUnit)
  unit: IndicatorUnit;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @MaxDecimalPlaces(2)
  @Min(-9_999_999_999)
  @Max(9_999_999_999)
  baselineValue?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(2000)
  @Max(2100)
  baselineYear?: number | null;

  @Field(() => Boolean, { defaultValue: true })
  higherIsBetter: boolean;
}

@InputType()
export class SetIndicatorTargetInput {
  @Field(() => ID)
  @IsUUID()
  indicatorId: string;

  @Field(() => Int)
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => Float)
  @Min(-9_999_999_999)
  @Max(9_999_999_999)
  @MaxDecimalPlaces(2)
  value: number;
}

@InputType()
export class RecordIndicatorMeasurementInput {
  @Field(() => ID)
  @IsUUID()
  indicatorId: string;

  @Field(() => LocalDate)
  measuredOn: string;

  @Field(() => Float)
  @Min(-9_999_999_999)
  @Max(9_999_999_999)
  @MaxDecimalPlaces(2)
  value: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}
