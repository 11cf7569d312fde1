import { IsEnum, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { PlacementKind } from './placement-rules';

@InputType()
export class CreatePlacementInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => PlacementKind)
  @IsEnum(PlacementKind)
  kind: PlacementKind;

  @Field(() => ID, { nullable: true, description: 'Either a municipal work unit or a partner company, not both.' })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A wage-subsidised EMPLOYMENT: the decided application. The placement must lie within the decided period and start no earlier than the decision.',
  })
  @IsOptional()
  @IsUUID()
  subsidyApplicationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  partnerCompanyId?: string | null;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Inclusive; required for work trials.' })
  @IsOptional()
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  supervisorName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  supervisorContact?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  notes?: string | null;
}

@InputType({ description: 'Fields left out stay unchanged.' })
export class UpdatePlacementInput {
  @Field(() => ID)
  @IsUUID()
  placementId: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  startDate?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'null makes the placement open-ended (not for work trials).' })
  @IsOptional()
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  supervisorName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  supervisorContact?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  notes?: string | null;
}

@InputType()
export class EndPlacementInput {
  @Field(() => ID)
  @IsUUID()
  placementId: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day; defaults to today in Finland.' })
  @IsOptional()
  endDate?: string | null;
}

@InputType()
export class PlacementFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  partnerCompanyId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  traineeId?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only placements covering this day.' })
  @IsOptional()
  activeOn?: string | null;
}
