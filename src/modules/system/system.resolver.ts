import { Field, ObjectType, Query, Resolver } from 'type-graphql';

import type { SystemService } from './system.service';

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
  constructor(private readonly systemService: SystemService) {}

  @Query(() => ServiceInfo)
  serviceInfo(): Promise<ServiceInfo> {
    return this.systemService.serviceInfo();
  }
}
