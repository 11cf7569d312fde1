import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { AccessLogEntry } from './access-log.entity';
import type { AccessLogLoaders, AccessLogService } from './access-log.service';

/** The loaders these resolvers read. */
type Context = RequestContext<AccessLogLoaders>;

const AccessLogConnection = ConnectionType(AccessLogEntry, 'AccessLogEntry');

@InputType({ description: 'By data subject ("who has processed my data") or by user ("what did this user read").' })
class AccessLogFilter {
  @Field(() => ID, { nullable: true })
  traineeId?: string | null;

  @Field(() => String, { nullable: true, description: 'Polku user id of the caller who processed the data.' })
  userId?: string | null;
}

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  constructor(private readonly accessLogService: AccessLogService) {}

  @Query(() => AccessLogConnection, { description: "Newest first: the processing of the caller's organisation's register. ADMIN only." })
  accessLog(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter?: AccessLogFilter,
  ) {
    return this.accessLogService.list(callerOrganisation(ctx), filter ?? {}, page);
  }

  @Query(() => AccessLogConnection, {
    description: 'TRAINEE: who has processed my data (client-data act 703/2023 §11): every read and write of their own record, newest first.',
  })
  myAccessLog(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const traineeId = requireActor(ctx).traineeId;
    if (!traineeId) throw notFound('Trainee', 'none');
    return this.accessLogService.listForTrainee(traineeId, page);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The display name of the user who processed the data, as their organisation recorded it (null when there is none).',
  })
  async processedBy(@Root() entry: AccessLogEntry, @Ctx() ctx: Context): Promise<string | null> {
    return (await ctx.loaders.accessLogProcessor.load(entry.id))?.displayName ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The organisation whose register holds the record (every processing of it happens there).',
  })
  async organisationName(@Root() entry: AccessLogEntry, @Ctx() ctx: Context): Promise<string | null> {
    return (await ctx.loaders.accessLogProcessor.load(entry.id))?.organisationName ?? null;
  }
}
