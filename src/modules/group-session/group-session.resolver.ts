import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { GroupSession, GroupSessionParticipant, GroupSessionTopic } from './group-session.entities';
import { AddGroupSessionParticipantsInput, CreateGroupSessionInput, RecordGroupSessionAttendanceInput } from './group-session.inputs';
import type { GroupSessionLoaders, GroupSessionService } from './group-session.service';

/** The loaders these resolvers read. */
type Context = RequestContext<GroupSessionLoaders>;

const GroupSessionConnection = ConnectionType(GroupSession, 'GroupSession');

@ObjectType()
class GroupSessionPayload {
  @Field(() => GroupSession)
  groupSession: GroupSession;
}

@Resolver(() => GroupSession)
export class GroupSessionResolver {
  constructor(private readonly groupSessionService: GroupSessionService) {}

  @Query(() => GroupSessionConnection, { description: 'Sessions by start time; from/to are calendar days in Finland, inclusive.' })
  groupSessions(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('from', () => LocalDate, { nullable: true }) from?: string,
    @Arg('to', () => LocalDate, { nullable: true }) to?: string,
    @Arg('topic', () => GroupSessionTopic, { nullable: true }) topic?: GroupSessionTopic,
  ) {
    return this.groupSessionService.list(callerOrganisation(ctx), { from, to, topic }, page);
  }

  @Query(() => GroupSession)
  groupSession(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<GroupSession> {
    return this.groupSessionService.byId(callerOrganisation(ctx), id);
  }

  @Mutation(() => GroupSessionPayload)
  async createGroupSession(@Arg('input', () => CreateGroupSessionInput) input: CreateGroupSessionInput, @Ctx() ctx: Context) {
    return { groupSession: await this.groupSessionService.create(callerOrganisation(ctx), input) };
  }

  @Mutation(() => GroupSessionPayload)
  async addGroupSessionParticipants(
    @Arg('input', () => AddGroupSessionParticipantsInput) input: AddGroupSessionParticipantsInput,
    @Ctx() ctx: Context,
  ) {
    return { groupSession: await this.groupSessionService.addParticipants(callerOrganisation(ctx), input) };
  }

  @Mutation(() => GroupSessionPayload)
  async recordGroupSessionAttendance(
    @Arg('input', () => RecordGroupSessionAttendanceInput) input: RecordGroupSessionAttendanceInput,
    @Ctx() ctx: Context,
  ) {
    return { groupSession: await this.groupSessionService.recordAttendance(callerOrganisation(ctx), input) };
  }

  @FieldResolver(() => [GroupSessionParticipant])
  participants(@Root() session: GroupSession, @Ctx() ctx: Context): Promise<GroupSessionParticipant[]> {
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
