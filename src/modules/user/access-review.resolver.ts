import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';

import { Role } from '../../platform/auth/actor';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import type { AccessReviewService } from './access-review.service';
import { RoleSource } from './user.entities';

@ObjectType({ description: 'One user role of the organisation in the access review: who, how they got it, and what it lets them see (counts only).' })
class AccessReviewEntry {
  @Field(() => String)
  userRoleId: string;

  @Field(() => String)
  userId: string;

  @Field(() => String, { description: 'How the organisation names the person.' })
  displayName: string;

  @Field(() => String, { description: 'The identity provider (`iss`).' })
  issuer: string;

  @Field(() => String, { description: 'The person’s id at the identity provider (`sub`).' })
  subject: string;

  @Field(() => Role)
  role: Role;

  @Field(() => RoleSource)
  source: RoleSource;

  @Field(() => String, { nullable: true, description: 'The identity-provider group the role came from (source GROUP).' })
  groupName: string | null;

  @Field(() => Date, { description: 'When the role took its current form: linked, changed, reactivated, or first used through a group.' })
  since: Date;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => Date, { nullable: true })
  deactivatedAt: Date | null;

  @Field(() => Boolean, {
    description: 'The role works now: active, its staff member has not left, its trainee record is not pseudonymised. Otherwise every count is 0.',
  })
  effective: boolean;

  @Field(() => String, { description: 'The scope in words, e.g. “coach: own caseload (12 trainees) + intake queue (3 trainees)”.' })
  scope: string;

  @Field(() => Int, { description: 'The organisation’s trainees this role sees in full.' })
  full: number;

  @Field(() => Int, { description: 'The organisation’s trainees this role sees as a roster entry (name, phase, coach, where they work).' })
  roster: number;

  @Field(() => Int, { description: 'The organisation’s trainees this role sees in the unit view (name, days, tasks).' })
  unit: number;

  @Field(() => Date, { nullable: true, description: 'The user’s latest access-log entry about the organisation’s trainees.' })
  lastAccessAt: Date | null;
}

@ObjectType({ description: 'An identity-provider group that gives its members a role in the organisation (AUTH_GROUP_ROLES).' })
class GroupRoleMapping {
  @Field(() => String)
  group: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { nullable: true, description: 'Only tokens of this identity provider; null: any.' })
  issuer: string | null;

  @Field(() => String, { description: 'How the configuration names the organisation (business ID or id).' })
  organisation: string;

  @Field(() => Int, { description: '1 wins over 2 for an identity in several mapped groups (listed first wins).' })
  precedence: number;

  @Field(() => Int, { description: 'Active roles recorded through this group (users who have signed in with it).' })
  recordedUsers: number;
}

@ObjectType({ description: 'Who can see what in the organisation, for its data-protection officer. Counts only: no trainee appears in it.' })
class AccessReview {
  @Field(() => String)
  organisationId: string;

  @Field(() => String)
  organisationName: string;

  @Field(() => Date)
  generatedAt: Date;

  @Field(() => Int, { description: 'The trainees of the organisation’s client register.' })
  traineesInOrganisation: number;

  @Field(() => [AccessReviewEntry], { description: 'Active roles, by name.' })
  activeRoles: AccessReviewEntry[];

  @Field(() => [AccessReviewEntry], { description: 'Deactivated roles, by name: they see nothing now (counts 0).' })
  deactivatedRoles: AccessReviewEntry[];

  @Field(() => [GroupRoleMapping], { description: 'The configured group mappings that grant roles in this organisation, in precedence order.' })
  groupMappings: GroupRoleMapping[];
}

@Resolver()
export class AccessReviewResolver {
  constructor(private readonly accessReviewService: AccessReviewService) {}

  @Query(() => AccessReview, { description: 'Who can see what in the caller’s organisation (its data-protection officer’s access review).' })
  accessReview(@Ctx() ctx: RequestContext): Promise<AccessReview> {
    return this.accessReviewService.review(callerOrganisation(ctx));
  }
}
