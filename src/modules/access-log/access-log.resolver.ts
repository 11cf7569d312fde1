import { Arg, Args, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';

import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { AccessLogEntry } from './access-log.entity';
import type { AccessLogService } from './access-log.service';

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
}
