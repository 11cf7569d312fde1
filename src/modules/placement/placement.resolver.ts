import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { notFound } from '../../platform/errors';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import type { CoachingPeriodLoaders } from '../coaching-period/coaching-period.service';
import { PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import { joinedOr } from '../shared/joined';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeLoaders } from '../trainee/trainee.service';
import { Placement } from './placement.entity';
import { CreatePlacementInput, EndPlacementInput, PlacementFilter, UpdatePlacementInput } from './placement.inputs';
import type { PlacementLoaders, PlacementService } from './placement.service';

/** The loaders these resolvers read. */
type Context = RequestContext<CoachingPeriodLoaders & OrganisationLoaders & PlacementLoaders & TraineeLoaders>;

const PlacementConnection = ConnectionType(Placement, 'Placement');

@ObjectType()
class PlacementPayload {
  @Field(() => Placement)
  placement: Placement;
}

@Resolver(() => Placement)
export class PlacementResolver {
  constructor(private readonly placementService: PlacementService) {}

  @Query(() => Placement)
  async placement(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Placement> {
    return (await ctx.loaders.placement.load(id)) ?? Promise.reject(notFound('Placement', id));
  }

  @Query(() => PlacementConnection)
  placements(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @ListScope() scope: TraineeScope,
    @Arg('filter', () => PlacementFilter, { nullable: true }) filter?: PlacementFilter,
  ) {
    return this.placementService.list(filter, page, scope);
  }

  @Mutation(() => PlacementPayload)
  async createPlacement(@Arg('input', () => CreatePlacementInput) input: CreatePlacementInput, @Ctx() ctx: Context) {
    return { placement: await this.placementService.create(input, ctx.actor) };
  }

  @Mutation(() => PlacementPayload)
  async updatePlacement(@Arg('input', () => UpdatePlacementInput) input: UpdatePlacementInput) {
    return { placement: await this.placementService.update(input) };
  }

  @Mutation(() => PlacementPayload)
  async endPlacement(@Arg('input', () => EndPlacementInput) input: EndPlacementInput) {
    return { placement: await this.placementService.end(input) };
  }

  @FieldResolver(() => CoachingPeriod)
  async period(@Root() placement: Placement, @Ctx() ctx: Context): Promise<CoachingPeriod> {
    return (await ctx.loaders.coachingPeriod.load(placement.periodId))!;
  }

  @FieldResolver(() => Trainee)
  async trainee(@Root() placement: Placement, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(placement.traineeId))!;
  }

  @FieldResolver(() => WorkUnit, { nullable: true })
  workUnit(@Root() placement: Placement, @Ctx() ctx: Context): Promise<WorkUnit | null> | null {
    return placement.workUnitId ? ctx.loaders.workUnit.load(placement.workUnitId) : null;
  }

  @FieldResolver(() => PartnerCompany, { nullable: true })
  partnerCompany(@Root() placement: Placement, @Ctx() ctx: Context): Promise<PartnerCompany | null> | null {
    return placement.partnerCompanyId ? ctx.loaders.partnerCompany.load(placement.partnerCompanyId) : null;
  }
}

@Resolver(() => CoachingPeriod)
export class PeriodPlacementFields {
  @FieldResolver(() => [Placement], { description: 'Newest first.' })
  placements(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<Placement[]> {
    return ctx.loaders.placementsByPeriod.load(period.id);
  }
}

@Resolver(() => Trainee)
export class TraineePlacementFields {
  @FieldResolver(() => Placement, { nullable: true, description: 'The placement covering today, else the latest one.' })
  currentPlacement(@Root() trainee: Trainee, @Ctx() ctx: Context): Placement | null | Promise<Placement | null> {
    return joinedOr(trainee, 'currentPlacement', () => ctx.loaders.currentPlacementByTrainee.load(trainee.id));
  }

  @FieldResolver(() => [Placement], { description: 'Newest first.' })
  placements(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<Placement[]> {
    return ctx.loaders.placementsByTrainee.load(trainee.id);
  }
}
