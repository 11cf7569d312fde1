import { Arg, Args, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';

import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import type { IntegrationDeliveryService } from './delivery.service';
import { IntegrationSystem, OutboxMessage, OutboxStatus } from './integration.entities';
import { IntegrationMessageFilter, RetryIntegrationMessageInput } from './integration.inputs';

const IntegrationMessageConnection = ConnectionType(OutboxMessage, 'IntegrationMessage');

@ObjectType({ description: 'Outgoing messages of one system in one state.' })
class IntegrationCount {
  @Field(() => IntegrationSystem)
  system: IntegrationSystem;

  @Field(() => OutboxStatus)
  status: OutboxStatus;

  @Field(() => Int)
  count: number;

  @Field(() => Date, { description: 'When the oldest of them was written.' })
  oldest: Date;
}

@ObjectType()
class IntegrationMessagePayload {
  @Field(() => OutboxMessage)
  message: OutboxMessage;
}

@Resolver(() => OutboxMessage)
export class IntegrationResolver {
  constructor(private readonly deliveryService: IntegrationDeliveryService) {}

  @Query(() => IntegrationMessageConnection, { description: "Outgoing messages of the caller's organisation, newest first." })
  integrationMessages(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => IntegrationMessageFilter, { nullable: true }) filter?: IntegrationMessageFilter,
  ) {
    return this.deliveryService.messages(callerOrganisation(ctx), filter ?? {}, page);
  }

  @Query(() => [IntegrationCount], { description: 'Outgoing messages per system and state: is anything waiting or failed?' })
  integrationSummary(@Ctx() ctx: RequestContext) {
    return this.deliveryService.summary(callerOrganisation(ctx));
  }

  @Mutation(() => IntegrationMessagePayload, { description: 'Sends a failed (dead-letter) or waiting message again, with a fresh set of tries.' })
  async retryIntegrationMessage(@Arg('input', () => RetryIntegrationMessageInput) input: RetryIntegrationMessageInput, @Ctx() ctx: RequestContext) {
    return { message: await this.deliveryService.retry(callerOrganisation(ctx), input.messageId, ctx.actor!) };
  }
}
