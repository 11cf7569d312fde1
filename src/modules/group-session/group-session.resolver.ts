import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { AddGroupSessionParticipantsInput, CreateGroupSessionInput, RecordGroupSessionAttendanceInput } from './group-session.inputs';
import { GroupSession, GroupSessionParticipant, GroupSessionTopic } from './group-session.entities';

const GroupSessionConnection = ConnectionType(GroupSession, 'GroupSession');

@ObjectType()
class GroupSessionPayload {
  @Field(() => GroupSession)
  groupSession: GroupSession;
}


@Resolver(() => GroupSession)
export class GroupSessionResolver {
  @Query(() => GroupSessionConnection, { description: 'Sessions by start time; from/to are calendar days in Finland, inclusive.' })
  groupSessions(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDate, { nullable: true }) from?: string,
    @Arg('to', () => LocalDate, { nullable: true }) to?: string,
    @Arg('topic', () => GroupSessionTopic, { nullable: true }) topic?: GroupSessionTopic,
  ) {
    return ctx.services.groupSession.list({ from, to, topic }, page);
  }

  @Query(() => GroupSession)
  groupSession(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<GroupSession> {
    return ctx.services.groupSession.byId(id);
  }

  @Mutation(() => GroupSessionPayload)
  async createGroupSession(@Arg('input', () => CreateGroupSessionInput) input: CreateGroupSessionInput, @Ctx() ctx: RequestContext) {
    return { groupSession: await ctx.services.groupSession.create(input) };
  }

  @Mutation(() => GroupSessionPayload)
  async addGroupSessionParticipants(
    @Arg('input', () => AddGroupSessionParticipantsInput) input: AddGroupSessionParticipantsInput,
    @Ctx() ctx: RequestContext,
  ) {
    return { groupSession: await ctx.services.groupSession.addParticipants(input) };
  }

  @Mutation(() => GroupSessionPayload)
  async recordGroupSessionAttendance(
    @Arg('input', () => RecordGroupSessionAttendanceInput) input: RecordGroupSessionAttendanceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return { groupSession: await ctx.services.groupSession.recordAttendance(input) };
  }

  @FieldResolver(() => [GroupSessionParticipant])
  participants(@Root() session: GroupSession, @Ctx() ctx: RequestContext): Promise<GroupSessionParticipant[]> {
    return ctx.loaders.groupSessionParticipants.load(session.id);
  }
}

@Resolver(() => GroupSessionParticipant)
export class GroupSessionParticipantResolver {
  /** Joined by the participants loader, so no statement per row. */
  @FieldResolver(() => Trainee)
  trainee(@Root() participant: GroupSessionParticipant): Trainee {
    return participant.trainee!;
  }
}
