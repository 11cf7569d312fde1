import { ArrayUnique, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { LocalizedText } from '../shared/localized-text';
import { ProtectiveGear, WorkField } from './task.entity';

@InputType()
export class CreateTaskInput {
  @Field(() => String)
  @Length(1, 40)
  code: string;

  @Field(() => LocalizedText)
  name: LocalizedText;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => WorkField)
  @IsEnum(WorkField)
  field: WorkField;

  @Field(() => Int, { description: '1 basic under guidance, 2 demanding, 3 partly independent.' })
  @IsInt()
  difficultyLevel: number;

  @Field(() => [ProtectiveGear], { defaultValue: [] })
  @ArrayUnique()
  protectiveGear: ProtectiveGear[];

  @Field(() => Boolean, { defaultValue: false })
  @IsBoolean()
  transportNeeded: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  typicalPlace?: string | null;

  @Field(() => Boolean, { defaultValue: true })
  @IsBoolean()
  active: boolean;

  @Field(() => [ID], { defaultValue: [], description: 'Qualification units the task counts towards.' })
  @IsUUID('all', { each: true })
  @ArrayUnique()
  qualificationUnitIds: string[];
}

/** Only the given fields change; `qualificationUnitIds`, when given, replaces the whole set. */
@InputType()
export class UpdateTaskInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 40)
  code?: string | null;

  @Field(() => LocalizedText, { nullable: true })
  @IsOptional()
  name?: LocalizedText | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  description?: string | null;

  @Field(() => WorkField, { nullable: true })
  @IsOptional()
  @IsEnum(WorkField)
  field?: WorkField | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  difficultyLevel?: number | null;

  @Field(() => [ProtectiveGear], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  protectiveGear?: ProtectiveGear[] | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  transportNeeded?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  typicalPlace?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayUnique()
  qualificationUnitIds?: string[] | null;
}

@InputType()
export class TaskFilter {
  @Field(() => WorkField, { nullable: true })
  @IsOptional()
  field?: WorkField | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  difficultyLevel?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Leave out inactive tasks.' })
  activeOnly: boolean;

  @Field(() => String, { nullable: true, description: 'Matches the code or the name in any language.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}
