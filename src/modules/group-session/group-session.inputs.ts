import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { GroupSessionTopic } from './group-session.entities';

@InputType()
export class CreateGroupSessionInput {
  @Field(() => String)
  @Length(1, 200)
  title: string;

  @Field(() => GroupSessionTopic)
  topic: GroupSessionTopic;

  @Field(() => Date)
  startsAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  location?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  facilitator?: string | null;
}

@InputType()
export class AddGroupSessionParticipantsInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => [ID], { description: 'Trainees already in the session are ignored.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  traineeIds: string[];
}

@InputType()
export class GroupSessionAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  traineeId: string;

  @Field(() => Boolean)
  attended: boolean;
}

@InputType()
export class RecordGroupSessionAttendanceInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => [GroupSessionAttendanceInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  entries: GroupSessionAttendanceInput[];
}
