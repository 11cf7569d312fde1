import { IsEmail, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { StaffRole } from './staff.entity';

@InputType()
export class CreateStaffMemberInput {
  @Field(() => String)
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => StaffRole)
  role: StaffRole;

  @Field(() => Int, { defaultValue: 8 })
  @IsInt()
  @Min(0)
  @Max(100)
  caseloadMin: number;

  @Field(() => Int, { defaultValue: 12 })
  @IsInt()
  @Min(1)
  @Max(100)
  caseloadMax: number;
}

@InputType()
export class UpdateStaffCaseloadInput {
  @Field(() => ID)
  @IsUUID()
  staffId: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100)
  caseloadMin: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  caseloadMax: number;
}
