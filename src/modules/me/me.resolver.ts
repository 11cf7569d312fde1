import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { Actor, Role } from '../../platform/auth/actor';
import { requireActor } from '../../platform/auth/require-actor';
import { roleScopes } from '../access/permission-matrix';
import type { RequestContext } from '../access/request-context';
import { EmploymentArea, Organisation, PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import { StaffMember } from '../staff/staff.entity';
import type { StaffLoaders } from '../staff/staff.service';
import { User, UserRole } from '../user/user.entities';
import type { UserLoaders } from '../user/user.resolver';
import type { UserService } from '../user/user.service';

/** The loaders these resolvers read. */
type Context = RequestContext<OrganisationLoaders & StaffLoaders & UserLoaders>;

@ObjectType({
  description:
    'Who the caller is: the user of Polku their token’s identity maps to, the role they hold in the organisation they act in, ' +
    'and the row that role’s scope is made of.',
})
export class Me {
  @Field(() => String, { description: 'The Polku user id (what the access log records).' })
  userId: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { description: 'What the role may see, in words (the permission matrix’s scope of the role).' })
  scope: string;

  actor: Actor;
}

@Resolver(() => Me)
export class MeResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => Me, { description: 'Who am I: user, role, organisation and scope.' })
  me(@Ctx() ctx: Context): Me {
    const actor = requireActor(ctx);
    return Object.assign(new Me(), { userId: actor.userId, role: actor.role, scope: roleScopes[actor.role], actor });
  }

  @FieldResolver(() => User, { description: 'The identity (issuer and subject) the token carried.' })
  async user(@Root() me: Me, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(me.userId))!;
  }

  @FieldResolver(() => UserRole, { description: 'The role held in the organisation acted in, as its ADMIN recorded it.' })
  async userRole(@Root() me: Me): Promise<UserRole> {
    return (await this.userService.roleOf(me.actor))!;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation acted in (none for the platform operator).' })
  organisation(@Root() me: Me, @Ctx() ctx: Context): Promise<Organisation | null> | null {
    return me.actor.organisationId ? ctx.loaders.organisation.load(me.actor.organisationId) : null;
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'COACH and CAREER_AGENT: the staff member the user is.' })
  staffMember(@Root() me: Me, @Ctx() ctx: Context): Promise<StaffMember | null> | null {
    return me.actor.staffId ? ctx.loaders.staffMember.load(me.actor.staffId) : null;
  }

  @FieldResolver(() => WorkUnit, { nullable: true, description: 'UNIT_LEAD: the work unit they lead.' })
  workUnit(@Root() me: Me, @Ctx() ctx: Context): Promise<WorkUnit | null> | null {
    return me.actor.unitId ? ctx.loaders.workUnit.load(me.actor.unitId) : null;
  }

  @FieldResolver(() => EmploymentArea, { nullable: true, description: 'CASE_MANAGER: their employment area.' })
  employmentArea(@Root() me: Me, @Ctx() ctx: Context): Promise<EmploymentArea | null> | null {
    return me.actor.areaId ? ctx.loaders.employmentArea.load(me.actor.areaId) : null;
  }

  @FieldResolver(() => PartnerCompany, { nullable: true, description: 'PARTNER: their company.' })
  partnerCompany(@Root() me: Me, @Ctx() ctx: Context): Promise<PartnerCompany | null> | null {
    return me.actor.companyId ? ctx.loaders.partnerCompany.load(me.actor.companyId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'TRAINEE: the id of their own client record.' })
  traineeId(@Root() me: Me): string | null {
    return me.actor.traineeId ?? null;
  }
}
