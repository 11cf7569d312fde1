import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import type { HistoryLoaders } from '../history/history.service';
import { StateChange } from '../history/state-change.entity';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeLoaders } from '../trainee/trainee.service';
import { SubsidisedPosition, SubsidyApplication, SubsidyDecision } from './wage-subsidy.entities';
import {
  AnnounceSubsidisedPositionInput,
  DraftSubsidyApplicationInput,
  SubsidisedPositionFilter,
  SubsidyApplicationFilter,
  SubsidyApplicationRefInput,
  WithdrawSubsidyApplicationInput,
} from './wage-subsidy.inputs';
import type { WageSubsidyLoaders, WageSubsidyService } from './wage-subsidy.service';

type Context = RequestContext<HistoryLoaders & TraineeLoaders & WageSubsidyLoaders>;

const SubsidyApplicationConnection = ConnectionType(SubsidyApplication, 'SubsidyApplication');
const SubsidisedPositionConnection = ConnectionType(SubsidisedPosition, 'SubsidisedPosition');

@ObjectType()
class SubsidyApplicationPayload {
  @Field(() => SubsidyApplication)
  application: SubsidyApplication;
}

@ObjectType()
class SubsidisedPositionPayload {
  @Field(() => SubsidisedPosition)
  position: SubsidisedPosition;
}

@Resolver(() => SubsidyApplication)
export class WageSubsidyResolver {
  constructor(private readonly wageSubsidyService: WageSubsidyService) {}

  @Query(() => SubsidyApplication)
  async subsidyApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<SubsidyApplication> {
    return (await ctx.loaders.subsidyApplication.load(id)) ?? Promise.reject(notFound('SubsidyApplication', id));
  }

  @Query(() => SubsidyApplicationConnection, { description: 'Newest first.' })
  subsidyApplications(
    @Args(() => PageArgs) page: PageArgs,
    @ListScope() scope: TraineeScope,
    @Arg('filter', () => SubsidyApplicationFilter, { nullable: true }) filter?: SubsidyApplicationFilter,
  ) {
    return this.wageSubsidyService.applications(filter ?? {}, page, scope);
  }

  @Query(() => SubsidisedPositionConnection, { description: "The organisation's positions for wage-subsidised work, newest first." })
  subsidisedPositions(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('filter', () => SubsidisedPositionFilter, { nullable: true }) filter?: SubsidisedPositionFilter,
  ) {
    return this.wageSubsidyService.positions(callerOrganisation(ctx), filter ?? {}, page);
  }

  @Mutation(() => SubsidisedPositionPayload)
  async announceSubsidisedPosition(@Arg('input', () => AnnounceSubsidisedPositionInput) input: AnnounceSubsidisedPositionInput, @Ctx() ctx: Context) {
    return { position: await this.wageSubsidyService.announcePosition(callerOrganisation(ctx), input) };
  }

  @Mutation(() => SubsidyApplicationPayload)
  async draftSubsidyApplication(@Arg('input', () => DraftSubsidyApplicationInput) input: DraftSubsidyApplicationInput, @Ctx() ctx: Context) {
    return { application: await this.wageSubsidyService.draft(callerOrganisation(ctx), input, ctx.actor!) };
  }

  @Mutation(() => SubsidyApplicationPayload, { description: 'Sends the application to the wage-subsidy authority; its decision arrives later.' })
  async submitSubsidyApplication(@Arg('input', () => SubsidyApplicationRefInput) input: SubsidyApplicationRefInput, @Ctx() ctx: Context) {
    return { application: await this.wageSubsidyService.submit(input, ctx.actor!) };
  }

  @Mutation(() => SubsidyApplicationPayload)
  async withdrawSubsidyApplication(@Arg('input', () => WithdrawSubsidyApplicationInput) input: WithdrawSubsidyApplicationInput, @Ctx() ctx: Context) {
    return { application: await this.wageSubsidyService.withdraw(input, ctx.actor!) };
  }

  @FieldResolver(() => Trainee)
  async trainee(@Root() application: SubsidyApplication, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(application.traineeId))!;
  }

  @FieldResolver(() => SubsidyDecision, { nullable: true, description: "The authority's decision, once it has arrived." })
  decision(@Root() application: SubsidyApplication, @Ctx() ctx: Context): Promise<SubsidyDecision | null> {
    return ctx.loaders.subsidyDecisionByApplication.load(application.id);
  }

  @FieldResolver(() => [StateChange], { description: 'Every change of state, oldest first.' })
  history(@Root() application: SubsidyApplication, @Ctx() ctx: Context): Promise<StateChange[]> {
    return ctx.loaders.history.load(application.id);
  }
}
