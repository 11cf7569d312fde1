// Registers the ServiceForm, ParticipationBasis and PeriodPhase enums with the schema.
import '../coaching-period/coaching-period.entities';

import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import { EmploymentArea } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { connectionSelection } from '../shared/selection';
import { Trainee } from './trainee.entity';
import { CreateTraineeInput, TraineeFilter, UpdateTraineeInput } from './trainee.inputs';
import type { TraineeLoaders, TraineeService } from './trainee.service';

/** The loaders these resolvers read. */
type Context = RequestContext<OrganisationLoaders & TraineeLoaders>;

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
  constructor(private readonly traineeService: TraineeService) {}

  @Query(() => Trainee)
  async trainee(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(id)) ?? Promise.reject(notFound('Trainee', id));
  }

  @Query(() => Trainee, {
    description:
      "TRAINEE: their own client record, with what hangs off it (periods, placements, attendance, assessments, competence, consents, …) as the matrix's SELF view allows.",
  })
  async myself(@Ctx() ctx: Context): Promise<Trainee> {
    const traineeId = requireActor(ctx).traineeId;
    const trainee = traineeId ? await ctx.loaders.trainee.load(traineeId) : null;
    return trainee ?? Promise.reject(notFound('Trainee', traineeId ?? 'none'));
  }

  @Query(() => Trainee, { nullable: true, description: 'Finds a trainee by henkilötunnus; null when there is none.' })
  traineeByIdentityCode(@Arg('identityCode', () => String) identityCode: string, @Ctx() ctx: Context): Promise<Trainee | null> {
    return this.traineeService.traineeByIdentityCode(callerOrganisation(ctx), identityCode);
  }

  @Query(() => TraineeConnection, { description: 'Ordered by last name, first name.' })
  trainees(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @ListScope() scope: TraineeScope,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => TraineeFilter, { nullable: true }) filter?: TraineeFilter,
  ) {
    return this.traineeService.trainees(filter ?? {}, page, scope, ctx.actor, { selection: connectionSelection(info), loaders: ctx.loaders });
  }

  @Mutation(() => TraineePayload)
  async createTrainee(@Arg('input', () => CreateTraineeInput) input: CreateTraineeInput, @Ctx() ctx: Context) {
    return { trainee: await this.traineeService.createTrainee(callerOrganisation(ctx), input) };
  }

  @Mutation(() => TraineePayload)
  async updateTrainee(@Arg('input', () => UpdateTraineeInput) input: UpdateTraineeInput, @Ctx() ctx: Context) {
    const trainee = await this.traineeService.updateTrainee(input);
    ctx.loaders.trainee.clear(trainee.id).prime(trainee.id, trainee);
    return { trainee };
  }

  @FieldResolver(() => Int)
  birthYear(@Root() trainee: Trainee): number {
    return Number(String(trainee.birthDate).slice(0, 4));
  }

  @FieldResolver(() => EmploymentArea, { nullable: true })
  async employmentArea(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<EmploymentArea | null> {
    return trainee.employmentAreaId ? ctx.loaders.employmentArea.load(trainee.employmentAreaId) : null;
  }
}
