import { IsEnum, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { MaxDecimalPlaces } from '../shared/validation';
import { ParticipationBasis, PeriodPhase, ServiceForm } from './period-phase';

@InputType()
export class OpenCoachingPeriodInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An ACCEPTED referral; trainee, service form and basis come from it. Only ADMIN may leave it out.',
  })
  @IsOptional()
  @IsUUID()
  referralId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only without a referral.' })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;

  @Field(() => ServiceForm, { nullable: true, description: 'Only without a referral.' })
  @IsOptional()
  @IsEnum(ServiceForm)
  serviceForm?: ServiceForm | null;

  @Field(() => ParticipationBasis, { nullable: true, description: 'Only without a referral.' })
  @IsOptional()
  @IsEnum(ParticipationBasis)
  participationBasis?: ParticipationBasis | null;

  @Field(() => Int)
  daysPerWeek: number;

  @Field(() => Float)
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(24)
  hoursPerDay: number;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  plannedEndDate?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  coachId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  careerAgentId?: string | null;

  @Field(() => String, { nullable: true, description: "Needed when the coach's caseload is full." })
  @IsOptional()
  @MaxLength(1000)
  caseloadOverrideReason?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  goals?: string | null;
}

@InputType()
export class CheckPointInput {
  @Field(() => String, { description: 'The difficulty that led to the check point.' })
  @Length(1, 4000)
  difficulty: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  reassessment?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  agreedActions?: string | null;
}

@InputType()
export class ChangePeriodPhaseInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => PeriodPhase)
  @IsEnum(PeriodPhase)
  to: PeriodPhase;

  @Field(() => String, { nullable: true, description: 'Why; stored with the history row.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only when moving to ENDED; defaults to today in Finland.' })
  @IsOptional()
  endDate?: string | null;

  @Field(() => CheckPointInput, { nullable: true, description: 'Required when moving to CHECK_POINT.' })
  @IsOptional()
  @ValidateNested()
  checkPoint?: CheckPointInput | null;
}

@InputType()
export class UpdateCheckPointInput {
  @Field(() => ID)
  @IsUUID()
  checkPointId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 4000)
  difficulty?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  reassessment?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  agreedActions?: string | null;
}

@InputType()
export class AssignCoachInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => ID)
  @IsUUID()
  coachId: string;

  /** Nullable in the schema so that a missing reason gets the domain's HANDOVER_REASON_REQUIRED. */
  @Field(() => String, { nullable: true, description: 'Required: why the coach changes; kept in the staffing history.' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  caseloadOverrideReason?: string | null;
}

@InputType()
export class AssignCareerAgentInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => ID)
  @IsUUID()
  careerAgentId: string;

  @Field(() => String, { nullable: true, description: 'Required: why the career agent changes; kept in the staffing history.' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class UpdatePeriodScheduleInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => Int)
  daysPerWeek: number;

  @Field(() => Float)
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(24)
  hoursPerDay: number;

  @Field(() => LocalDate, { nullable: true, description: 'Left out: unchanged.' })
  @IsOptional()
  plannedEndDate?: string | null;
}

@InputType()
export class CoachingPeriodFilter {
  @Field(() => PeriodPhase, { nullable: true })
  @IsOptional()
  phase?: PeriodPhase | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  coachId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  careerAgentId?: string | null;

  @Field(() => ServiceForm, { nullable: true })
  @IsOptional()
  serviceForm?: ServiceForm | null;

  @Field(() => ParticipationBasis, { nullable: true })
  @IsOptional()
  participationBasis?: ParticipationBasis | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "My periods: those where the caller is the coach or career agent (the caller's staff id from the token). COACH and CAREER_AGENT only; other roles get BAD_USER_INPUT (MINE_NOT_APPLICABLE).",
  })
  @IsOptional()
  mine?: boolean | null;
}
