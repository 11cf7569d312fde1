import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../platform/errors';
// Registers the ServiceForm, ParticipationBasis and PeriodPhase enums with the schema.
import '../coaching-period/coaching-period.entities';
import type { RequestContext } from '../../platform/graphql/context';
import { listScopeFor } from '../access/access.middleware';
import { EmploymentArea } from '../organisation/organisation.entities';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { CreateTraineeInput, TraineeFilter, UpdateTraineeInput } from './trainee.inputs';
import { Trainee } from './trainee.entity';

const TraineeConnection = ConnectionType(Trainee, 'Trainee');

@ObjectType()
class TraineePayload {
  @Field(() => Trainee)
  trainee: Trainee;
}

/**
 * The identity code is never a field, not even masked: only the birth year and the temporary
 * flag derived from it are.
 */
@Resolver(() => Trainee)
export class TraineeResolver {
  @Query(() => Trainee)
  async trainee(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(id)) ?? Promise.reject(notFound('Trainee', id));
  }

  @Query(() => Trainee, { nullable: true, description: 'Finds a trainee by henkilötunnus; null when there is none.' })
  traineeByIdentityCode(@Arg('identityCode', () => String) identityCode: string, @Ctx() ctx: RequestContext): Promise<Trainee | null> {
    return ctx.services.trainee.traineeByIdentityCode(identityCode);
  }

  @Query(() => TraineeConnection, { description: 'Ordered by last name, first name.' })
  trainees(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TraineeFilter, { nullable: true }) filter?: TraineeFilter,
  ) {
    return ctx.services.trainee.trainees(filter ?? {}, page, listScopeFor(ctx, 'Query.trainees'), ctx.actor);
  }

  @Mutation(() => TraineePayload)
  async createTrainee(@Arg('input', () => CreateTraineeInput) input: CreateTraineeInput, @Ctx() ctx: RequestContext) {
    return { trainee: await ctx.services.trainee.createTrainee(input) };
  }

  @Mutation(() => TraineePayload)
  async updateTrainee(@Arg('input', () => UpdateTraineeInput) input: UpdateTraineeInput, @Ctx() ctx: RequestContext) {
    const trainee = await ctx.services.trainee.updateTrainee(input);
    ctx.loaders.trainee.clear(trainee.id).prime(trainee.id, trainee);
    return { trainee };
  }

  @FieldResolver(() => Int)
  birthYear(@Root() trainee: Trainee): number {
    return Number(String(trainee.birthDate).slice(0, 4));
  }

  @FieldResolver(() => EmploymentArea, { nullable: true })
  async employmentArea(@Root() trainee: Trainee, @Ctx() ctx: RequestContext): Promise<EmploymentArea | null> {
    return trainee.employmentAreaId ? ctx.loaders.employmentArea.load(trainee.employmentAreaId) : null;
  }
}
