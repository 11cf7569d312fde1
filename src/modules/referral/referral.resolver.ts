// Registers the ServiceForm, ParticipationBasis and PeriodPhase enums with the schema.
import '../coaching-period/coaching-period.entities';

import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import type { HistoryLoaders } from '../history/history.service';
import { StateChange } from '../history/state-change.entity';
import { CaseManager, EmploymentArea } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeLoaders } from '../trainee/trainee.service';
import { Referral } from './referral.entity';
import { AcceptReferralInput, ReceiveReferralInput, ReferralFilter, RejectReferralInput, ReopenReferralInput } from './referral.inputs';
import type { ReferralLoaders, ReferralService } from './referral.service';

/** The loaders these resolvers read. */
type Context = RequestContext<HistoryLoaders & OrganisationLoaders & ReferralLoaders & TraineeLoaders>;

const ReferralConnection = ConnectionType(Referral, 'Referral');

@ObjectType()
class ReferralPayload {
  @Field(() => Referral)
  referral: Referral;
}

@Resolver(() => Referral)
export class ReferralResolver {
  constructor(private readonly referralService: ReferralService) {}

  @Query(() => Referral)
  async referral(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Referral> {
    return (await ctx.loaders.referral.load(id)) ?? Promise.reject(notFound('Referral', id));
  }

  @Query(() => ReferralConnection, { description: 'Newest first.' })
  referrals(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @ListScope() scope: TraineeScope,
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter?: ReferralFilter,
  ) {
    return this.referralService.referrals(filter ?? {}, page, scope);
  }

  @Mutation(() => ReferralPayload)
  async receiveReferral(@Arg('input', () => ReceiveReferralInput) input: ReceiveReferralInput, @Ctx() ctx: Context) {
    return { referral: await this.referralService.receiveReferral(callerOrganisation(ctx), input, ctx.actor) };
  }

  @Mutation(() => ReferralPayload)
  async acceptReferral(@Arg('input', () => AcceptReferralInput) input: AcceptReferralInput, @Ctx() ctx: Context) {
    return { referral: await this.referralService.acceptReferral(input, ctx.actor) };
  }

  @Mutation(() => ReferralPayload)
  async rejectReferral(@Arg('input', () => RejectReferralInput) input: RejectReferralInput, @Ctx() ctx: Context) {
    return { referral: await this.referralService.rejectReferral(input, ctx.actor) };
  }

  @Mutation(() => ReferralPayload)
  async reopenReferral(@Arg('input', () => ReopenReferralInput) input: ReopenReferralInput, @Ctx() ctx: Context) {
    return { referral: await this.referralService.reopenReferral(input, ctx.actor) };
  }

  @FieldResolver(() => Trainee)
  async trainee(@Root() referral: Referral, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(referral.traineeId))!;
  }

  @FieldResolver(() => EmploymentArea)
  async employmentArea(@Root() referral: Referral, @Ctx() ctx: Context): Promise<EmploymentArea> {
    return (await ctx.loaders.employmentArea.load(referral.employmentAreaId))!;
  }

  @FieldResolver(() => CaseManager, { nullable: true })
  caseManager(@Root() referral: Referral, @Ctx() ctx: Context): Promise<CaseManager | null> | null {
    return referral.caseManagerId ? ctx.loaders.caseManager.load(referral.caseManagerId) : null;
  }

  @FieldResolver(() => [StateChange], { description: 'Every decision on this referral, oldest first.' })
  history(@Root() referral: Referral, @Ctx() ctx: Context): Promise<StateChange[]> {
    return ctx.loaders.history.load(referral.id);
  }
}

@Resolver(() => Trainee)
export class TraineeReferralFields {
  @FieldResolver(() => [Referral], { description: 'Newest first.' })
  referrals(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<Referral[]> {
    return ctx.loaders.referralsByTrainee.load(trainee.id);
  }
}
