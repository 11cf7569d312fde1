import { listScopeFor } from '../access/access.middleware';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../platform/errors';
import type { RequestContext } from '../../platform/graphql/context';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Trainee } from '../trainee/trainee.entity';
import { Placement } from './placement.entity';
import { CreatePlacementInput, EndPlacementInput, PlacementFilter, UpdatePlacementInput } from './placement.inputs';

const PlacementConnection = ConnectionType(Placement, 'Placement');

@ObjectType()
class PlacementPayload {
  @Field(() => Placement)
  placement: Placement;
}

@Resolver(() => Placement)
export class PlacementResolver {
  @Query(() => Placement)
  async placement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Placement> {
    return (await ctx.loaders.placement.load(id)) ?? Promise.reject(notFound('Placement', id));
  }

  @Query(() => PlacementConnection)
  placements(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PlacementFilter, { nullable: true }) filter?: PlacementFilter,
  ) {
    return ctx.services.placement.list(filter, page, listScopeFor(ctx, 'Query.placements'));
  }

  @Mutation(() => PlacementPayload)
  async createPlacement(@Arg('input', () => CreatePlacementInput) input: CreatePlacementInput, @Ctx() ctx: RequestContext) {
    return { placement: await ctx.services.placement.create(input) };
  }

  @Mutation(() => PlacementPayload)
  async updatePlacement(@Arg('input', () => UpdatePlacementInput) input: UpdatePlacementInput, @Ctx() ctx: RequestContext) {
    return { placement: await ctx.services.placement.update(input) };
  }

  @Mutation(() => PlacementPayload)
  async endPlacement(@Arg('input', () => EndPlacementInput) input: EndPlacementInput, @Ctx() ctx: RequestContext) {
    return { placement: await ctx.services.placement.end(input) };
  }

  @FieldResolver(() => CoachingPeriod)
  async period(@Root() placement: Placement, @Ctx() ctx: RequestContext): Promise<CoachingPeriod> {
    return (await ctx.loaders.coachingPeriod.load(placement.periodId))!;
  }

  @FieldResolver(() => Trainee)
  async trainee(@Root() placement: Placement, @Ctx() ctx: RequestContext): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(placement.traineeId))!;
  }

  @FieldResolver(() => WorkUnit, { nullable: true })
  workUnit(@Root() placement: Placement, @Ctx() ctx: RequestContext): Promise<WorkUnit | null> | null {
    return placement.workUnitId ? ctx.loaders.workUnit.load(placement.workUnitId) : null;
  }

  @FieldResolver(() => PartnerCompany, { nullable: true })
  partnerCompany(@Root() placement: Placement, @Ctx() ctx: RequestContext): Promise<PartnerCompany | null> | null {
    return placement.partnerCompanyId ? ctx.loaders.partnerCompany.load(placement.partnerCompanyId) : null;
  }
}

@Resolver(() => CoachingPeriod)
export class PeriodPlacementFields {
  @FieldResolver(() => [Placement], { description: 'Newest first.' })
  placements(@Root() period: CoachingPeriod, @Ctx() ctx: RequestContext): Promise<Placement[]> {
    return ctx.loaders.placementsByPeriod.load(period.id);
  }
}

@Resolver(() => Trainee)
export class TraineePlacementFields {
  @FieldResolver(() => Placement, { nullable: true, description: 'The placement covering today, else the latest one.' })
  currentPlacement(@Root() trainee: Trainee, @Ctx() ctx: RequestContext): Promise<Placement | null> {
    return ctx.loaders.currentPlacementByTrainee.load(trainee.id);
  }

  @FieldResolver(() => [Placement], { description: 'Newest first.' })
  placements(@Root() trainee: Trainee, @Ctx() ctx: RequestContext): Promise<Placement[]> {
    return ctx.loaders.placementsByTrainee.load(trainee.id);
  }
}
