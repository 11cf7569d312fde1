import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';

import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import type { OccupancyStatus } from './caseload';
import { occupancy } from './caseload';
import { StaffMember, StaffRole } from './staff.entity';
import { CreateStaffMemberInput, UpdateStaffCaseloadInput } from './staff.inputs';
import type { StaffLoaders, StaffService } from './staff.service';

/** The loaders these resolvers read. */
type Context = RequestContext<StaffLoaders>;

const OccupancyStatusValues: Record<OccupancyStatus, OccupancyStatus> = { UNDER: 'UNDER', OK: 'OK', FULL: 'FULL', OVER: 'OVER' };
registerEnumType(OccupancyStatusValues, {
  name: 'OccupancyStatus',
  description: 'Caseload against the range: UNDER the minimum, OK, FULL at the maximum, OVER it (override given).',
});

@ObjectType({ description: 'How full a staff member’s caseload is (8–12 trainees per coach by default).' })
class Occupancy {
  @Field(() => Int, { description: 'Coaching periods held that have not ended (phase not ENDED or FOLLOW_UP).' })
  activeTrainees: number;

  @Field(() => Int)
  min: number;

  @Field(() => Int)
  max: number;

  @Field(() => Float, { description: 'activeTrainees / max, two decimals.' })
  ratio: number;

  @Field(() => OccupancyStatusValues)
  status: OccupancyStatus;
}

@ObjectType()
class StaffMemberPayload {
  @Field(() => StaffMember)
  staffMember: StaffMember;
}

@Resolver(() => StaffMember)
export class StaffResolver {
  constructor(private readonly staffService: StaffService) {}

  @Query(() => [StaffMember], { description: 'Staff ordered by name; a small list, so not paged.' })
  staffMembers(
    @Ctx() ctx: Context,
    @Arg('role', () => StaffRole, { nullable: true }) role?: StaffRole,
    @Arg('activeOnly', () => Boolean, { defaultValue: true }) activeOnly?: boolean,
  ): Promise<StaffMember[]> {
    return this.staffService.staffMembers(callerOrganisation(ctx), { role, activeOnly });
  }

  @Query(() => StaffMember)
  async staffMember(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<StaffMember> {
    return (await ctx.loaders.staffMember.load(id)) ?? Promise.reject(notFound('StaffMember', id));
  }

  @Mutation(() => StaffMemberPayload)
  async createStaffMember(@Arg('input', () => CreateStaffMemberInput) input: CreateStaffMemberInput, @Ctx() ctx: Context) {
    return { staffMember: await this.staffService.createStaffMember(callerOrganisation(ctx), input) };
  }

  @Mutation(() => StaffMemberPayload)
  async updateStaffCaseload(@Arg('input', () => UpdateStaffCaseloadInput) input: UpdateStaffCaseloadInput, @Ctx() ctx: Context) {
    const staffMember = await this.staffService.updateStaffCaseload(input);
    ctx.loaders.staffMember.clear(staffMember.id).prime(staffMember.id, staffMember);
    return { staffMember };
  }

  @FieldResolver(() => Occupancy)
  async occupancy(@Root() staff: StaffMember, @Ctx() ctx: Context): Promise<Occupancy> {
    const active = await ctx.loaders.staffActiveTrainees.load(staff.id);
    const { count, ...rest } = occupancy(active, staff.caseloadMin, staff.caseloadMax);
    return { activeTrainees: count, ...rest };
  }
}
