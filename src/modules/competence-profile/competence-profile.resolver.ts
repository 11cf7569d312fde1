import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';

import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { WorkField } from '../task-catalogue/task.entity';
import { CefrLevel } from '../trainee/trainee.entity';
import type { CompetenceProfileLoaders, CompetenceProfileService } from './competence-profile.service';
import { CompetenceProfile, CompetenceProfileFilter, PROFILE_OWNER, VerifiedCompetence } from './competence-profile.types';
import { profileAudience } from './profile-audience';

/** The loaders these resolvers read. */
type Context = RequestContext<CompetenceProfileLoaders>;

const CompetenceProfileConnection = ConnectionType(CompetenceProfile, 'CompetenceProfile');

/**
 * Partner-facing "tested workforce": only profiles of trainees whose consent reaches the caller.
 * Every field read is a disclosure of the trainee's data to the caller, so each one goes to the
 * access log (who saw what of whom) like the fields of the personal types do.
 */
@Resolver(() => CompetenceProfile)
export class CompetenceProfileResolver {
  constructor(private readonly competenceProfileService: CompetenceProfileService) {}

  @Query(() => CompetenceProfileConnection, {
    description: 'Consented competence profiles visible to the caller, in no particular but stable order.',
  })
  competenceProfiles(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('filter', () => CompetenceProfileFilter, { nullable: true }) filter?: CompetenceProfileFilter,
  ) {
    return this.competenceProfileService.profiles(profileAudience(ctx.actor, 'Query.competenceProfiles'), filter, page);
  }

  @Query(() => CompetenceProfile, { description: 'NOT_FOUND unless the consent behind this profile id is active and reaches the caller.' })
  competenceProfile(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CompetenceProfile> {
    return this.competenceProfileService.profile(profileAudience(ctx.actor, 'Query.competenceProfile'), id);
  }

  @FieldResolver(() => ID)
  id(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): string {
    return disclosed(ctx, profile, 'id', profile.id);
  }

  @FieldResolver(() => String)
  displayName(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): string {
    return disclosed(ctx, profile, 'displayName', profile.displayName);
  }

  @FieldResolver(() => Int)
  workLevel(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): number {
    return disclosed(ctx, profile, 'workLevel', profile.workLevel);
  }

  @FieldResolver(() => [String])
  languages(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): string[] {
    return disclosed(ctx, profile, 'languages', profile.languages);
  }

  @FieldResolver(() => CefrLevel, { nullable: true })
  finnishLevel(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): CefrLevel | null {
    return disclosed(ctx, profile, 'finnishLevel', profile.finnishLevel);
  }

  @FieldResolver(() => [VerifiedCompetence], { description: 'Verified competences only, oldest first.' })
  verifiedCompetences(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): Promise<VerifiedCompetence[]> {
    return disclosed(ctx, profile, 'verifiedCompetences', ctx.loaders.verifiedCompetencesByTrainee.load(profile[PROFILE_OWNER]));
  }

  @FieldResolver(() => [WorkField], { description: 'Fields of work the person has done tasks in.' })
  taskFields(@Root() profile: CompetenceProfile, @Ctx() ctx: Context): Promise<WorkField[]> {
    return disclosed(ctx, profile, 'taskFields', ctx.loaders.taskFieldsByTrainee.load(profile[PROFILE_OWNER]));
  }
}

/** Notes the read in the request's access log and passes the value through. */
function disclosed<T>(ctx: RequestContext, profile: CompetenceProfile, field: string, value: T): T {
  ctx.accessLog.read(profile[PROFILE_OWNER], `CompetenceProfile.${field}`);
  return value;
}
