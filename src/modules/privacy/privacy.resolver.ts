import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';

import type { RequestContext } from '../access/request-context';
import type { PrivacyService } from './privacy.service';

@ObjectType({ description: 'How many rows of one table the export holds.' })
class TraineeDataExportTable {
  @Field(() => String)
  table: string;

  @Field(() => Int)
  rows: number;
}

@ObjectType({
  description:
    'Right of access (GDPR art. 15): every row about one trainee, from every table that refers to the trainee directly or through its coaching periods, referrals and assessments, plus the state-change history of those rows.',
})
class TraineeDataExport {
  @Field(() => ID)
  traineeId: string;

  @Field(() => Date)
  generatedAt: Date;

  @Field(() => GraphQLJSONObject, {
    description: 'Table name → rows (keys are the field names). `trainee` holds the one trainee row with `identityCode` decrypted.',
  })
  data: Record<string, unknown>;

  @Field(() => [TraineeDataExportTable], { description: 'Row count per table, in the order the tables were read.' })
  tables: TraineeDataExportTable[];
}

@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacyService: PrivacyService) {}

  @Query(() => TraineeDataExport, {
    nullable: true,
    description: 'Everything stored about a trainee, with the identity code decrypted (ADMIN only). An unknown id is NOT_FOUND.',
  })
  async traineeDataExport(@Arg('traineeId', () => ID) traineeId: string, @Ctx() ctx: RequestContext): Promise<TraineeDataExport> {
    const result = await this.privacyService.exportTraineeData(traineeId);
    // Who exported whose data, and how much: the access log of a disclosure. Ids only, never content.
    ctx.logger.info({ traineeId, rows: result.tables.reduce((sum, t) => sum + t.rows, 0) }, 'trainee data exported');
    return result;
  }
}
