import { IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { MaxDecimalPlaces } from '../shared/validation';
import { PositionState, SubsidyApplicationState } from './subsidy-rules';

@InputType({ description: 'Give exactly one employer: workUnitId (a unit of the organisation) or partnerCompanyId.' })
export class DraftSubsidyApplicationInput {
  @Field(() => ID, { description: 'The coaching period the employment belongs to; it names the trainee.' })
  @IsUUID()
  periodId: string;

  @Field(() => ID, { nullable: true, description: 'The announced or tailored position, when there is one.' })
  @IsOptional()
  @IsUUID()
  positionId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  partnerCompanyId?: string | null;

  @Field(() => Float)
  @MaxDecimalPlaces(1)
  @Min(1)
  @Max(40)
  hoursPerWeek: number;

  @Field(() => Int, { description: 'Gross pay a month, in cents.' })
  @IsInt()
  @Min(1)
  @Max(2_000_000)
  monthlyPayCents: number;

  @Field(() => String)
  @Length(1, 40)
  requestedTypeCode: string;

  @Field(() => LocalDate)
  requestedStart: string;

  @Field(() => LocalDate)
  requestedEnd: string;
}

@InputType()
export class SubsidyApplicationRefInput {
  @Field(() => ID)
  @IsUUID()
  applicationId: string;
}

@InputType()
export class WithdrawSubsidyApplicationInput {
  @Field(() => ID)
  @IsUUID()
  applicationId: string;

  @Field(() => String)
  @Length(1, 2000)
  reason: string;
}

@InputType()
export class AnnounceSubsidisedPositionInput {
  @Field(() => ID)
  @IsUUID()
  workUnitId: string;

  @Field(() => String)
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  description?: string | null;

  @Field(() => Float)
  @MaxDecimalPlaces(1)
  @Min(1)
  @Max(40)
  hoursPerWeek: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000)
  monthlyPayCents?: number | null;

  @Field(() => Boolean, { defaultValue: false })
  tailored: boolean;

  @Field(() => LocalDate)
  availableFrom: string;
}

@InputType()
export class SubsidyApplicationFilter {
  @Field(() => SubsidyApplicationState, { nullable: true })
  @IsOptional()
  state?: SubsidyApplicationState | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;
}

@InputType()
export class SubsidisedPositionFilter {
  @Field(() => PositionState, { nullable: true })
  @IsOptional()
  state?: PositionState | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;
}
