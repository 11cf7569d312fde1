import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import type { HistoryLoaders } from '../history/history.service';
import { StateChange } from '../history/state-change.entity';
import { joinedOr } from '../shared/joined';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { StaffMember } from '../staff/staff.entity';
import type { StaffLoaders } from '../staff/staff.service';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeLoaders } from '../trainee/trainee.service';
import { CheckPoint, CoachingPeriod } from './coaching-period.entities';
import {
  AssignCareerAgentInput,
  AssignCoachInput,
  ChangePeriodPhaseInput,
  CoachingPeriodFilter,
  OpenCoachingPeriodInput,
  UpdateCheckPointInput,
  UpdatePeriodScheduleInput,
} from './coaching-period.inputs';
import type { CoachingPeriodLoaders, CoachingPeriodService } from './coaching-period.service';

/** The loaders these resolvers read. */
type Context = RequestContext<CoachingPeriodLoaders & HistoryLoaders & StaffLoaders & TraineeLoaders>;

const CoachingPeriodConnection = ConnectionType(CoachingPeriod, 'CoachingPeriod');

@ObjectType()
class CoachingPeriodPayload {
  @Field(() => CoachingPeriod)
  coachingPeriod: CoachingPeriod;
}

@ObjectType()
class CheckPointPayload {
  @Field(() => CheckPoint)
  checkPoint: CheckPoint;
}

@Resolver(() => CoachingPeriod)
export class CoachingPeriodResolver {
  constructor(private readonly coachingPeriodService: CoachingPeriodService) {}

  @Query(() => CoachingPeriod)
  coachingPeriod(@Arg('id', () => ID) id: string): Promise<CoachingPeriod> {
    return this.coachingPeriodService.get(id);
  }

  @Query(() => CoachingPeriodConnection)
  coachingPeriods(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @ListScope() scope: TraineeScope,
    @Arg('filter', () => CoachingPeriodFilter, { nullable: true }) filter?: CoachingPeriodFilter,
  ) {
    return this.coachingPeriodService.list(filter, page, scope, ctx.actor);
  }

  @Mutation(() => CoachingPeriodPayload)
  async openCoachingPeriod(@Arg('input', () => OpenCoachingPeriodInput) input: OpenCoachingPeriodInput, @Ctx() ctx: Context) {
    return { coachingPeriod: await this.coachingPeriodService.open(input, ctx.actor!) };
  }

  @Mutation(() => CoachingPeriodPayload)
  async changePeriodPhase(@Arg('input', () => ChangePeriodPhaseInput) input: ChangePeriodPhaseInput, @Ctx() ctx: Context) {
    return { coachingPeriod: await this.coachingPeriodService.changePhase(input, ctx.actor!) };
  }

  @Mutation(() => CheckPointPayload)
  async updateCheckPoint(@Arg('input', () => UpdateCheckPointInput) input: UpdateCheckPointInput) {
    return { checkPoint: await this.coachingPeriodService.updateCheckPoint(input) };
  }

  @Mutation(() => CoachingPeriodPayload, { description: "Hands the period to another coach: ADMIN or the period's current coach or career agent." })
  async assignCoach(@Arg('input', () => AssignCoachInput) input: AssignCoachInput, @Ctx() ctx: Context) {
    return { coachingPeriod: await this.coachingPeriodService.assignCoach(input, ctx.actor!) };
  }

  @Mutation(() => CoachingPeriodPayload, {
    description: "Hands the period to another career agent: ADMIN or the period's current coach or career agent.",
  })
  async assignCareerAgent(@Arg('input', () => AssignCareerAgentInput) input: AssignCareerAgentInput, @Ctx() ctx: Context) {
    return { coachingPeriod: await this.coachingPeriodService.assignCareerAgent(input, ctx.actor!) };
  }

  @Mutation(() => CoachingPeriodPayload)
  async updatePeriodSchedule(@Arg('input', () => UpdatePeriodScheduleInput) input: UpdatePeriodScheduleInput) {
    return { coachingPeriod: await this.coachingPeriodService.updateSchedule(input) };
  }

  @FieldResolver(() => Trainee)
  async trainee(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(period.traineeId))!;
  }

  @FieldResolver(() => StaffMember, { nullable: true })
  coach(@Root() period: CoachingPeriod, @Ctx() ctx: Context): StaffMember | null | Promise<StaffMember | null> {
    return joinedOr(period, 'coach', async () => (period.coachId ? ctx.loaders.staffMember.load(period.coachId) : null));
  }

  @FieldResolver(() => StaffMember, { nullable: true })
  careerAgent(@Root() period: CoachingPeriod, @Ctx() ctx: Context): StaffMember | null | Promise<StaffMember | null> {
    return joinedOr(period, 'careerAgent', async () => (period.careerAgentId ? ctx.loaders.staffMember.load(period.careerAgentId) : null));
  }

  @FieldResolver(() => [CheckPoint])
  checkPoints(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<CheckPoint[]> {
    return ctx.loaders.checkPointsByPeriod.load(period.id);
  }

  @FieldResolver(() => [StateChange], { description: 'Phase transitions, oldest first, with who made them.' })
  async history(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<StateChange[]> {
    return (await ctx.loaders.history.load(period.id)).filter((change) => change.subjectType === 'CoachingPeriod');
  }

  @FieldResolver(() => [StateChange], {
    description:
      'Every change of who may see the person through this period, oldest first, with who changed it and why: coach (CoachingPeriodCoach) and career agent (CoachingPeriodCareerAgent) as staff ids; placements and work orders (CoachingPeriodWorkplace) as WorkUnit:<id> or PartnerCompany:<id>, or UNASSIGNED.',
  })
  async staffingHistory(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<StateChange[]> {
    return (await ctx.loaders.history.load(period.id)).filter((change) => change.subjectType !== 'CoachingPeriod');
  }
}

@Resolver(() => Trainee)
export class TraineePeriodFields {
  @FieldResolver(() => CoachingPeriod, { nullable: true, description: 'The latest period by start date.' })
  currentPeriod(@Root() trainee: Trainee, @Ctx() ctx: Context): CoachingPeriod | null | Promise<CoachingPeriod | null> {
    return joinedOr(trainee, 'currentPeriod', () => ctx.loaders.currentPeriodByTrainee.load(trainee.id));
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'The coach of the current period.' })
  coach(@Root() trainee: Trainee, @Ctx() ctx: Context): StaffMember | null | Promise<StaffMember | null> {
    return joinedOr(trainee, 'coach', async () => {
      const period = await ctx.loaders.currentPeriodByTrainee.load(trainee.id);
      return period?.coachId ? ctx.loaders.staffMember.load(period.coachId) : null;
    });
  }

  @FieldResolver(() => [CoachingPeriod], { description: 'Newest first.' })
  periods(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<CoachingPeriod[]> {
    return ctx.loaders.periodsByTrainee.load(trainee.id);
  }
}
