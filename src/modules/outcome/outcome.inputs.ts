import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { LocalDate } from '../shared/scalars';
import { OutcomeCheckpoint, OutcomeType } from './outcome';

@InputType()
export class RecordOutcomeInput {
  @Field(() => ID)
  @IsUUID()
  periodId: string;

  @Field(() => OutcomeCheckpoint)
  checkpoint: OutcomeCheckpoint;

  @Field(() => OutcomeType)
  type: OutcomeType;

  @Field(() => LocalDate, { description: 'When the situation was checked; not in the future.' })
  observedOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'EMPLOYED_WAGE_SUBSIDY only: the subsidy type’s code, national (e.g. PALKKATUKI_50) or one of the organisation’s own.',
  })
  @IsOptional()
  @MaxLength(40)
  subsidyType?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4000)
  note?: string | null;
}

@InputType()
export class CorrectOutcomeInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => OutcomeType)
  type: OutcomeType;

  @Field(() => String, {
    nullable: true,
    description: 'EMPLOYED_WAGE_SUBSIDY only: omitted keeps the subsidy type, null clears it; another type clears it always.',
  })
  @IsOptional()
  @MaxLength(40)
  subsidyType?: string | null;

  @Field(() => String, { nullable: true, description: 'Omitted keeps the note; null clears it.' })
  @IsOptional()
  @MaxLength(4000)
  note?: string | null;
}
