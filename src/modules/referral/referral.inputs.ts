import { IsOptional, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { ParticipationBasis, ServiceForm } from '../coaching-period/period-phase';
import { CreateTraineeInput } from '../trainee/trainee.inputs';
import { ReferralState } from './referral-state';

@InputType({ description: 'Give exactly one of traineeId (a known person) and newTrainee.' })
export class ReceiveReferralInput {
  @Field(() => ID)
  @IsUUID()
  employmentAreaId: string;

  @Field(() => String, { description: "The referral's id in the employment area's client system; unique per area." })
  @Length(1, 100)
  externalId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  caseManagerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;

  @Field(() => CreateTraineeInput, { nullable: true, description: 'Creates the trainee in the same transaction.' })
  @IsOptional()
  @ValidateNested()
  newTrainee?: CreateTraineeInput | null;

  @Field(() => ServiceForm)
  serviceForm: ServiceForm;

  @Field(() => ParticipationBasis)
  participationBasis: ParticipationBasis;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  background?: string | null;
}

@InputType()
export class AcceptReferralInput {
  @Field(() => ID)
  @IsUUID()
  referralId: string;
}

@InputType()
export class RejectReferralInput {
  @Field(() => ID)
  @IsUUID()
  referralId: string;

  /** Nullable in the schema so that a missing reason gets the domain's REJECTION_REASON_REQUIRED. */
  @Field(() => String, { nullable: true, description: 'Required: the case manager is told why.' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class ReopenReferralInput {
  @Field(() => ID)
  @IsUUID()
  referralId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class ReferralFilter {
  @Field(() => ReferralState, { nullable: true })
  @IsOptional()
  state?: ReferralState | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  employmentAreaId?: string | null;

  @Field(() => ServiceForm, { nullable: true })
  @IsOptional()
  serviceForm?: ServiceForm | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;
}
