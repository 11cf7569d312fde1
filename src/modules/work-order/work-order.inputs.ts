import { IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { MaxDecimalPlaces } from '../shared/validation';
import { WorkOrderState } from './work-order-state';

@InputType()
export class RequestWorkOrderInput {
  @Field(() => ID)
  @IsUUID()
  workUnitId: string;

  @Field(() => ID)
  @IsUUID()
  taskId: string;

  @Field(() => String)
  @Length(1, 300)
  place: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate)
  endDate: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100)
  workersNeeded: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  notes?: string | null;
}

@InputType()
export class WorkOrderTransitionInput {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@InputType({ description: 'Declining and cancelling need a reason the unit can read.' })
export class WorkOrderReasonInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String)
  @Length(1, 2000)
  reason: string;
}

@InputType()
export class AssignTraineeInput {
  @Field(() => ID)
  @IsUUID()
  workOrderId: string;

  @Field(() => ID)
  @IsUUID()
  traineeId: string;
}

@InputType()
export class WorkOrderFeedbackInput {
  @Field(() => ID)
  @IsUUID()
  workOrderId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  unitFeedback?: string | null;

  @Field(() => Int, { description: '1–5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  unitRating: number;

  @Field(() => Float, { description: 'Hours the unit confirms as done; at least 0.' })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(99999)
  confirmedHours: number;
}

@InputType()
export class WorkOrderFilter {
  @Field(() => WorkOrderState, { nullable: true })
  @IsOptional()
  state?: WorkOrderState | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workUnitId?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Orders that end on or after this date.' })
  @IsOptional()
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Orders that start on or before this date.' })
  @IsOptional()
  to?: string | null;
}
