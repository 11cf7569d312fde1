import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { LocalDate } from '../shared/scalars';
import { Indicator, IndicatorMeasurement, IndicatorTarget } from './indicator.entities';
import { CreateIndicatorInput, RecordIndicatorMeasurementInput, SetIndicatorTargetInput } from './indicator.inputs';
import type { IndicatorLoaders, IndicatorService } from './indicator.service';

/** The loaders these resolvers read. */
type Context = RequestContext<IndicatorLoaders>;

@ObjectType({ description: 'An indicator against its target for one year.' })
class IndicatorProgress {
  @Field(() => Int)
  year: number;

  @Field(() => Float, { nullable: true, description: 'The target set for this year.' })
  target: number | null;

  @Field(() => Float, { nullable: true, description: 'The latest measurement up to the end of the year.' })
  latest: number | null;

  @Field(() => LocalDate, { nullable: true })
  latestMeasuredOn: string | null;

  @Field(() => Float, { nullable: true })
  baseline: number | null;

  @Field(() => Int, { nullable: true })
  baselineYear: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the latest value meets the target in the better direction; null without a target or measurement.',
  })
  onTrack: boolean | null;
}

@ObjectType()
class IndicatorPayload {
  @Field(() => Indicator)
  indicator: Indicator;
}

@ObjectType()
class IndicatorTargetPayload {
  @Field(() => Indicator)
  indicator: Indicator;

  @Field(() => IndicatorTarget)
  target: IndicatorTarget;
}

@ObjectType()
class IndicatorMeasurementPayload {
  @Field(() => Indicator)
  indicator: Indicator;

  @Field(() => IndicatorMeasurement)
  measurement: IndicatorMeasurement;
}

/** Everyone signed in may read (ANALYST included); only ADMIN maintains indicators. */
@Resolver(() => Indicator)
export class IndicatorResolver {
  constructor(private readonly indicatorService: IndicatorService) {}

  @Query(() => [Indicator])
  indicators(@Ctx() ctx: Context): Promise<Indicator[]> {
    return this.indicatorService.list(callerOrganisation(ctx));
  }

  @Query(() => Indicator)
  indicator(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Indicator> {
    return this.indicatorService.byId(callerOrganisation(ctx), id);
  }

  @Mutation(() => IndicatorPayload)
  async createIndicator(@Arg('input', () => CreateIndicatorInput) input: CreateIndicatorInput, @Ctx() ctx: Context) {
    return { indicator: await this.indicatorService.create(callerOrganisation(ctx), input) };
  }

  @Mutation(() => IndicatorTargetPayload, { description: 'Sets the target of a year, replacing an earlier one.' })
  setIndicatorTarget(@Arg('input', () => SetIndicatorTargetInput) input: SetIndicatorTargetInput, @Ctx() ctx: Context) {
    return this.indicatorService.setTarget(callerOrganisation(ctx), input);
  }

  @Mutation(() => IndicatorMeasurementPayload)
  recordIndicatorMeasurement(@Arg('input', () => RecordIndicatorMeasurementInput) input: RecordIndicatorMeasurementInput, @Ctx() ctx: Context) {
    return this.indicatorService.recordMeasurement(callerOrganisation(ctx), input);
  }

  @FieldResolver(() => [IndicatorTarget], { description: 'Targets by year.' })
  targets(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<IndicatorTarget[]> {
    return ctx.loaders.indicatorTargets.load(indicator.id);
  }

  @FieldResolver(() => [IndicatorMeasurement], { description: 'Measurements oldest first; from/to inclusive.' })
  measurements(
    @Root() indicator: Indicator,
    @Ctx() ctx: Context,
    @Arg('from', () => LocalDate, { nullable: true }) from?: string,
    @Arg('to', () => LocalDate, { nullable: true }) to?: string,
  ): Promise<IndicatorMeasurement[]> {
    return ctx.loaders.indicatorMeasurements({ from, to }).load(indicator.id);
  }

  @FieldResolver(() => IndicatorMeasurement, { nullable: true })
  latestMeasurement(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<IndicatorMeasurement | null> {
    return ctx.loaders.latestIndicatorMeasurement.load(indicator.id);
  }

  @FieldResolver(() => IndicatorProgress)
  async progress(@Root() indicator: Indicator, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<IndicatorProgress> {
    const facts = await ctx.loaders.indicatorProgress(year).load(indicator.id);
    return this.indicatorService.progress(indicator, facts, year);
  }
}
