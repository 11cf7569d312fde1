import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { MaxDecimalPlaces } from '../shared/validation';
import { WorkTrialParty } from './work-trial-rules';

@InputType({ description: "One party's signature: who signed and on which day." })
export class WorkTrialSignatureInput {
  @Field(() => WorkTrialParty)
  @IsEnum(WorkTrialParty)
  party: WorkTrialParty;

  @Field(() => String, { nullable: true, description: 'Required for the authority and the organiser; not given for the participant (the trainee).' })
  @IsOptional()
  @MaxLength(200)
  signerName?: string | null;

  @Field(() => ID, { nullable: true, description: 'The case manager who signed for the authority, when registered in Polku.' })
  @IsOptional()
  @IsUUID()
  caseManagerId?: string | null;

  @Field(() => LocalDate)
  signedOn: string;
}

@InputType({ description: 'A written work-trial agreement for a WORK_TRIAL period, or for a WORK_TRIAL placement (placementId).' })
export class RecordWorkTrialAgreementInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'A WORK_TRIAL placement of the period: its unit or company is the organiser. Left out: the WORK_TRIAL period itself, organised by the coaching environment.',
  })
  @IsOptional()
  @IsUUID()
  placementId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The organiser as named in the agreement; required without a placement (e.g. the municipality), defaults to the placement's unit or company.",
  })
  @IsOptional()
  @MaxLength(200)
  organiserName?: string | null;

  @Field(() => ID, { nullable: true, description: "The authority; defaults to the referral's (else the trainee's) employment area." })
  @IsOptional()
  @IsUUID()
  employmentAreaId?: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { description: 'Inclusive.' })
  endDate: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Length(1, 500, { each: true })
  tasks: string[];

  @Field(() => Int)
  daysPerWeek: number;

  @Field(() => Float)
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(24)
  hoursPerDay: number;

  @Field(() => [WorkTrialSignatureInput], {
    defaultValue: [],
    description: 'Signatures already given; more can be added with signWorkTrialAgreement.',
  })
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  signatures: WorkTrialSignatureInput[];
}

@InputType({ description: 'Changes the terms of an agreement nobody has signed yet; fields left out stay unchanged.' })
export class UpdateWorkTrialAgreementInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  organiserName?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  startDate?: string | null;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  endDate?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Length(1, 500, { each: true })
  tasks?: string[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  daysPerWeek?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(24)
  hoursPerDay?: number | null;
}

@InputType()
export class SignWorkTrialAgreementInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => WorkTrialSignatureInput)
  @ValidateNested()
  signature: WorkTrialSignatureInput;
}

@InputType({ description: "The organiser's written feedback, recorded when the trial has ended." })
export class RecordWorkTrialFeedbackInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => String)
  @Length(1, 10000)
  text: string;

  @Field(() => String, { description: 'Who gave it for the organiser.' })
  @Length(1, 200)
  givenBy: string;

  @Field(() => LocalDate)
  givenOn: string;
}
