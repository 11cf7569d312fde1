import { ArrayMaxSize, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import { LocalDate } from '../shared/scalars';
import { WorkField } from '../task-catalogue/task.entity';
import { CefrLevel } from '../trainee/trainee.entity';

/** Where a profile's rows come from; a symbol, so it is never a field and never serialised. */
export const PROFILE_OWNER: unique symbol = Symbol('competenceProfileOwner');

@ObjectType({ description: 'A verified (todennettu) competence, as the qualification requirement read when it was verified.' })
export class VerifiedCompetence {
  @Field(() => String, { description: 'ePerusteet peruste id of the qualification.' })
  qualificationCode: string;

  @Field(() => LocalizedText, { nullable: true, description: 'Null when the qualification is no longer in the catalogue.' })
  qualificationName: LocalizedText | null;

  @Field(() => String, { description: 'ePerusteet id of the qualification unit (tutkinnon osa).' })
  unitCode: string;

  @Field(() => LocalizedText, { nullable: true })
  unitName: LocalizedText | null;

  @Field(() => String)
  requirementCode: string;

  @Field(() => String, { description: 'The vocational skill requirement (ammattitaitovaatimus).' })
  requirementText: string;

  @Field(() => LocalDate, { description: 'Day of verification in Finland.' })
  verifiedOn: string;
}

/**
 * What a partner company sees of a trainee who consented ("tested workforce"). Deliberately not
 * the Trainee type and with no path to it: no trainee id, no contact details, birth date, health,
 * capacity, diary, referral or period data.
 */
@ObjectType({ description: 'A consenting trainee’s competence as partner companies see it; nothing else about the person.' })
export class CompetenceProfile {
  @Field(() => ID, { description: 'Opaque: new with every consent, never the trainee id.' })
  id: string;

  @Field(() => String, { description: 'First name and the initial of the last name.' })
  displayName: string;

  @Field(() => Int, { description: 'Task difficulty the person is cleared for: 1 basic under guidance … 3 partly independent.' })
  workLevel: number;

  @Field(() => [String], { description: 'ISO 639-1 codes of the languages the person speaks.' })
  languages: string[];

  @Field(() => CefrLevel, { nullable: true })
  finnishLevel: CefrLevel | null;

  [PROFILE_OWNER]: string;
}

@InputType()
export class CompetenceProfileFilter {
  @Field(() => WorkField, {
    nullable: true,
    description: 'Has done work of this field (a completed work order, or demonstrated competence in such a task).',
  })
  @IsOptional()
  field?: WorkField | null;

  @Field(() => String, { nullable: true, description: 'Has a verified competence in this qualification unit (ePerusteet id).' })
  @IsOptional()
  @Length(1, 100)
  qualificationUnitCode?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Has a verified competence in every one of these qualification units (ePerusteet ids; up to 10).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @Length(1, 100, { each: true })
  qualificationUnitCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Lives in the area of this employment area (the area is not shown, only filtered on).' })
  @IsOptional()
  @IsUUID()
  employmentAreaId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Work level at least this (1–3).' })
  @IsOptional()
  @Min(1)
  @Max(3)
  minimumWorkLevel?: number | null;
}
