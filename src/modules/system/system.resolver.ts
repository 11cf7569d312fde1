import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context';

@ObjectType({ description: 'Facts about the running service, for dashboards and smoke tests.' })
export class ServiceInfo {
  @Field(() => String)
  version: string;

  @Field(() => String, { description: 'development, test or production' })
  environment: string;

  @Field(() => Date, { description: 'The database clock; shows the database answers.' })
  databaseTime: Date;

  @Field(() => String)
  databaseVersion: string;
}

@Resolver()
export class SystemResolver {
  @Query(() => ServiceInfo)
  serviceInfo(@Ctx() ctx: RequestContext): Promise<ServiceInfo> {
    return ctx.services.system.serviceInfo();
  }
}
