import { IsEmail, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { ParticipationBasis, PeriodPhase, ServiceForm } from '../coaching-period/period-phase';
import { CefrLevel } from './trainee.entity';

@InputType()
export class CreateTraineeInput {
  @Field(() => String)
  @Length(1, 100)
  firstName: string;

  @Field(() => String)
  @Length(1, 100)
  lastName: string;

  /** Checked by `assertIdentityCode` in the service, so the refusal carries INVALID_IDENTITY_CODE. */
  @Field(() => String, { description: 'Henkilötunnus. Stored encrypted; never returned by the API.' })
  identityCode: string;

  @Field(() => [String], { defaultValue: [], description: 'ISO 639-1 codes, e.g. ["fi", "ar"].' })
  @Matches(/^[a-z]{2}$/, { each: true, message: 'each language must be a two-letter ISO 639-1 code' })
  languages: string[];

  @Field(() => CefrLevel, { nullable: true })
  @IsOptional()
  finnishLevel?: CefrLevel | null;

  @Field(() => Boolean, { defaultValue: false })
  immigrantBackground: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'municipalityCode must be three digits' })
  municipalityCode?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  employmentAreaId?: string | null;
}

/** Omitted fields stay as they are; null clears a nullable one. */
@InputType()
export class UpdateTraineeInput {
  @Field(() => ID)
  @IsUUID()
  traineeId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'municipalityCode must be three digits' })
  municipalityCode?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { each: true, message: 'each language must be a two-letter ISO 639-1 code' })
  languages?: string[] | null;

  @Field(() => CefrLevel, { nullable: true })
  @IsOptional()
  finnishLevel?: CefrLevel | null;

  @Field(() => Int, { nullable: true, description: '1 basic under guidance … 3 partly independent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  workLevel?: number | null;
}

@InputType({ description: 'Phase, service form, participation basis and coach refer to the latest coaching period.' })
export class TraineeFilter {
  @Field(() => String, { nullable: true, description: 'Part of the first or last name, case-insensitive.' })
  @IsOptional()
  @MaxLength(100)
  nameSearch?: string | null;

  @Field(() => PeriodPhase, { nullable: true })
  @IsOptional()
  phase?: PeriodPhase | null;

  @Field(() => ServiceForm, { nullable: true })
  @IsOptional()
  serviceForm?: ServiceForm | null;

  @Field(() => ParticipationBasis, { nullable: true })
  @IsOptional()
  participationBasis?: ParticipationBasis | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  coachId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Has a placement in this unit today.' })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  employmentAreaId?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  immigrantBackground?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "My trainees: those whose latest period has the caller as its coach or career agent (the caller's staff id from the token). COACH and CAREER_AGENT only; other roles get BAD_USER_INPUT (MINE_NOT_APPLICABLE).",
  })
  @IsOptional()
  mine?: boolean | null;
}
