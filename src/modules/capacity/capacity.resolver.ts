import { Arg, Ctx, Field, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { joinedOr } from '../shared/joined';
import { Trainee } from '../trainee/trainee.entity';
import { CapacityAssessment, CapacityDimensionDefinition, CapacityInstrument, CapacityItem, CapacityScore } from './capacity.entities';
import { CreateCapacityInstrumentInput, RecordCapacityAssessmentInput, RecordSelfAssessmentInput } from './capacity.inputs';
import type { CapacityLoaders, CapacityService } from './capacity.service';
import { dimensionMeans } from './capacity.service';

/** The loaders these resolvers read. */
type Context = RequestContext<CapacityLoaders>;

/** Capacity assessments are health data: only the coaching staff read or write them. */

@ObjectType()
class CapacityInstrumentPayload {
  @Field(() => CapacityInstrument)
  capacityInstrument: CapacityInstrument;
}

@ObjectType()
class CapacityAssessmentPayload {
  @Field(() => CapacityAssessment)
  capacityAssessment: CapacityAssessment;
}

@ObjectType({ description: 'Mean of the item scores of one dimension.' })
class CapacityDimensionMean {
  @Field(() => String)
  dimensionCode: string;

  @Field(() => Float, { description: 'Rounded to two decimals.' })
  mean: number;
}

@ObjectType({ description: 'How one dimension changed between two assessments.' })
class CapacityDimensionChange {
  @Field(() => String)
  dimensionCode: string;

  @Field(() => Float, { nullable: true, description: 'Mean in the earlier assessment; null if it did not score the dimension.' })
  from: number | null;

  @Field(() => Float, { nullable: true })
  to: number | null;

  @Field(() => Float, { nullable: true, description: 'to − from; null unless both scored the dimension.' })
  change: number | null;
}

@Resolver(() => CapacityInstrument)
export class CapacityInstrumentResolver {
  constructor(private readonly capacityService: CapacityService) {}

  @Query(() => [CapacityInstrument], { description: 'Capacity meters (mittaristot), newest version first.' })
  capacityInstruments(@Ctx() ctx: Context): Promise<CapacityInstrument[]> {
    return this.capacityService.capacityInstruments(callerOrganisation(ctx));
  }

  @Query(() => CapacityInstrument)
  async capacityInstrument(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CapacityInstrument> {
    return (await ctx.loaders.capacityInstrument.load(id)) ?? Promise.reject(notFound('CapacityInstrument', id));
  }

  @Mutation(() => CapacityInstrumentPayload, { description: 'A new meter or a new version of one; old versions never change.' })
  async createCapacityInstrument(@Arg('input', () => CreateCapacityInstrumentInput) input: CreateCapacityInstrumentInput, @Ctx() ctx: Context) {
    return { capacityInstrument: await this.capacityService.createCapacityInstrument(callerOrganisation(ctx), input) };
  }

  @FieldResolver(() => [CapacityDimensionDefinition])
  dimensions(@Root() instrument: CapacityInstrument, @Ctx() ctx: Context): Promise<CapacityDimensionDefinition[]> {
    return ctx.loaders.capacityDimensionsByInstrument.load(instrument.id);
  }
}

@Resolver(() => CapacityDimensionDefinition)
export class CapacityDimensionResolver {
  @FieldResolver(() => [CapacityItem])
  items(@Root() dimension: CapacityDimensionDefinition, @Ctx() ctx: Context): Promise<CapacityItem[]> {
    return ctx.loaders.capacityItemsByDimension.load(dimension.id);
  }
}

@Resolver(() => CapacityAssessment)
export class CapacityAssessmentResolver {
  constructor(private readonly capacityService: CapacityService) {}

  @Query(() => [CapacityAssessment], { description: 'Assessments of one coaching period, oldest first.' })
  capacityAssessments(@Arg('periodId', () => ID) periodId: string): Promise<CapacityAssessment[]> {
    return this.capacityService.capacityAssessments(periodId);
  }

  @Query(() => CapacityAssessment)
  async capacityAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CapacityAssessment> {
    return (await ctx.loaders.capacityAssessment.load(id)) ?? Promise.reject(notFound('CapacityAssessment', id));
  }

  @Query(() => [CapacityDimensionChange], { description: 'Per-dimension change between two assessments of the same trainee.' })
  async capacityChange(
    @Arg('fromAssessmentId', () => ID) fromAssessmentId: string,
    @Arg('toAssessmentId', () => ID) toAssessmentId: string,
  ): Promise<CapacityDimensionChange[]> {
    const rows = await this.capacityService.capacityChange(fromAssessmentId, toAssessmentId);
    return rows.map((row) => ({ dimensionCode: row.dimension, from: row.earlierMean, to: row.laterMean, change: row.change }));
  }

  @Mutation(() => CapacityAssessmentPayload)
  async recordCapacityAssessment(@Arg('input', () => RecordCapacityAssessmentInput) input: RecordCapacityAssessmentInput, @Ctx() ctx: Context) {
    return { capacityAssessment: await this.capacityService.recordAssessment(input, requireActor(ctx)) };
  }

  @Mutation(() => CapacityAssessmentPayload, {
    description:
      "TRAINEE: their own answer to a meter's self-assessment form (selfAssessmentForm), on their own current period; stored as an assessment marked selfAssessed.",
  })
  async recordSelfAssessment(@Arg('input', () => RecordSelfAssessmentInput) input: RecordSelfAssessmentInput, @Ctx() ctx: Context) {
    return { capacityAssessment: await this.capacityService.recordSelfAssessment(input, requireActor(ctx)) };
  }

  @FieldResolver(() => CapacityInstrument)
  async instrument(@Root() assessment: CapacityAssessment, @Ctx() ctx: Context): Promise<CapacityInstrument> {
    return (await ctx.loaders.capacityInstrument.load(assessment.instrumentId))!;
  }

  @FieldResolver(() => [CapacityScore])
  scores(@Root() assessment: CapacityAssessment, @Ctx() ctx: Context): Promise<CapacityScore[]> {
    return ctx.loaders.capacityScoresByAssessment.load(assessment.id);
  }

  @FieldResolver(() => [CapacityDimensionMean], { description: 'Mean score per dimension, in meter order.' })
  async dimensionMeans(@Root() assessment: CapacityAssessment, @Ctx() ctx: Context): Promise<CapacityDimensionMean[]> {
    return dimensionMeans(await ctx.loaders.capacityScoresByAssessment.load(assessment.id));
  }
}

@Resolver(() => CapacityScore)
export class CapacityScoreResolver {
  @FieldResolver(() => CapacityItem)
  async item(@Root() score: CapacityScore, @Ctx() ctx: Context): Promise<CapacityItem> {
    return (await ctx.loaders.capacityItem.load(score.itemId))!;
  }
}

@Resolver(() => Trainee)
export class TraineeCapacityFields {
  @FieldResolver(() => CapacityAssessment, { nullable: true, description: 'The newest capacity assessment (health data: staff only).' })
  latestCapacityAssessment(@Root() trainee: Trainee, @Ctx() ctx: Context): CapacityAssessment | null | Promise<CapacityAssessment | null> {
    return joinedOr(trainee, 'latestCapacityAssessment', () => ctx.loaders.latestCapacityAssessment.load(trainee.id));
  }
}
