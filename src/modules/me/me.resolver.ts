import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { Actor, Role } from '../../platform/auth/actor';
import { requireActor } from '../../platform/auth/require-actor';
import type { RequestContext } from '../access/request-context';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import type { StaffLoaders } from '../staff/staff.service';

/** The loaders these resolvers read. */
type Context = RequestContext<OrganisationLoaders & StaffLoaders>;
import { roleScopes } from '../access/permission-matrix';
import { EmploymentArea, PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { StaffMember } from '../staff/staff.entity';

@ObjectType({
  description:
    'Who the caller is, from the access token: its subject, role and what its scope claims name. ' +
    'The server has confirmed the claims (a token naming nothing active is refused with 401).',
})
export class Me {
  @Field(() => String, { description: 'The token subject: the user’s stable id at the identity provider.' })
  userId: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { description: 'What the role may see, in words (the permission matrix’s scope of the role).' })
  scope: string;

  /** The claims, resolved by the field resolvers below. */
  actor: Actor;
}

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'Who am I: role, token subject and the staff member, unit, area or company the token names.' })
  me(@Ctx() ctx: Context): Me {
    const actor = requireActor(ctx);
    return Object.assign(new Me(), { userId: actor.userId, role: actor.role, scope: roleScopes[actor.role], actor });
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'The staff member of `polku_staff_id` (COACH and CAREER_AGENT).' })
  staffMember(@Root() me: Me, @Ctx() ctx: Context): Promise<StaffMember | null> | null {
    return me.actor.staffId ? ctx.loaders.staffMember.load(me.actor.staffId) : null;
  }

  @FieldResolver(() => WorkUnit, { nullable: true, description: 'The work unit of `polku_unit_id` (UNIT_LEAD).' })
  workUnit(@Root() me: Me, @Ctx() ctx: Context): Promise<WorkUnit | null> | null {
    return me.actor.unitId ? ctx.loaders.workUnit.load(me.actor.unitId) : null;
  }

  @FieldResolver(() => EmploymentArea, { nullable: true, description: 'The employment area of `polku_area_id` (CASE_MANAGER).' })
  employmentArea(@Root() me: Me, @Ctx() ctx: Context): Promise<EmploymentArea | null> | null {
    return me.actor.areaId ? ctx.loaders.employmentArea.load(me.actor.areaId) : null;
  }

  @FieldResolver(() => PartnerCompany, { nullable: true, description: 'The partner company of `polku_company_id` (PARTNER).' })
  partnerCompany(@Root() me: Me, @Ctx() ctx: Context): Promise<PartnerCompany | null> | null {
    return me.actor.companyId ? ctx.loaders.partnerCompany.load(me.actor.companyId) : null;
  }
}
