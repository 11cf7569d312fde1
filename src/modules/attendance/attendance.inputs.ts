import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { MaxDecimalPlaces } from '../shared/validation';
import { DiaryEntryKind } from './attendance.entities';
import { AbsenceReason, AttendanceStatus } from './expense-allowance';

@InputType()
export class AttendanceEntryInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => AttendanceStatus)
  @IsEnum(AttendanceStatus)
  status: AttendanceStatus;

  @Field(() => Float, { nullable: true, description: 'Present days only; at most the period’s hours per day.' })
  @IsOptional()
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(24)
  hours?: number | null;

  @Field(() => AbsenceReason, { nullable: true, description: 'Absent days only.' })
  @IsOptional()
  absenceReason?: AbsenceReason | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: "A coach's attendance list for one day: stored all or nothing." })
export class RecordAttendanceInput {
  @Field(() => LocalDate)
  date: string;

  @Field(() => [AttendanceEntryInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  entries: AttendanceEntryInput[];
}

@InputType()
export class AddDiaryEntryInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => DiaryEntryKind)
  @IsEnum(DiaryEntryKind)
  kind: DiaryEntryKind;

  @Field(() => LocalDate, { nullable: true, description: 'Defaults to today in Finland.' })
  @IsOptional()
  date?: string | null;

  @Field(() => String)
  @Length(1, 10000)
  text: string;

  @Field(() => [String], { defaultValue: [] })
  @MaxLength(500, { each: true })
  @ArrayMaxSize(50)
  tasksDone: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workOrderId?: string | null;
}
