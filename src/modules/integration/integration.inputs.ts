import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { IntegrationSystem, OutboxStatus } from './integration.entities';

@InputType()
export class IntegrationMessageFilter {
  @Field(() => OutboxStatus, { nullable: true })
  @IsOptional()
  status?: OutboxStatus | null;

  @Field(() => IntegrationSystem, { nullable: true })
  @IsOptional()
  system?: IntegrationSystem | null;

  @Field(() => ID, { nullable: true, description: 'Messages about one record (a referral, an application, a final summary).' })
  @IsOptional()
  @IsUUID()
  subjectId?: string | null;
}

@InputType()
export class RetryIntegrationMessageInput {
  @Field(() => ID)
  @IsUUID()
  messageId: string;
}
