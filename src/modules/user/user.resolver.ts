import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { User, UserChange, UserRole } from './user.entities';
import { ChangeUserRoleInput, LinkUserInput, UserRoleStateInput } from './user.inputs';
import type { UserService } from './user.service';

export function createUserLoaders(service: UserService) {
  return {
    user: new DataLoader<string, User | null>(async (ids) => {
      const byId = new Map((await service.users(ids)).map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type UserLoaders = ReturnType<typeof createUserLoaders>;

type Context = RequestContext<UserLoaders>;

@ObjectType()
class UserRolePayload {
  @Field(() => UserRole)
  userRole: UserRole;
}

@Resolver(() => UserRole)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => [UserRole], { description: 'The users of the caller’s organisation and their roles, by name.' })
  userRoles(@Ctx() ctx: Context, @Arg('activeOnly', () => Boolean, { defaultValue: false }) activeOnly: boolean): Promise<UserRole[]> {
    return this.userService.roles(callerOrganisation(ctx), { activeOnly });
  }

  @Query(() => [UserChange], { description: 'Changes of who may see what in the caller’s organisation, newest first.' })
  userChanges(@Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 200 }) limit: number): Promise<UserChange[]> {
    return this.userService.changes(callerOrganisation(ctx), Math.min(Math.max(limit, 1), 1000));
  }

  @Mutation(() => UserRolePayload, { description: 'Makes an identity a user of the organisation with a role.' })
  async linkUser(@Arg('input', () => LinkUserInput) input: LinkUserInput, @Ctx() ctx: Context): Promise<UserRolePayload> {
    return { userRole: await this.userService.linkUser(requireActor(ctx), input) };
  }

  @Mutation(() => UserRolePayload)
  async changeUserRole(@Arg('input', () => ChangeUserRoleInput) input: ChangeUserRoleInput, @Ctx() ctx: Context): Promise<UserRolePayload> {
    return { userRole: await this.userService.changeUserRole(requireActor(ctx), input) };
  }

  @Mutation(() => UserRolePayload, {
    description: 'Ends the role at once: the next request is refused on every instance and live connections close.',
  })
  async deactivateUser(@Arg('input', () => UserRoleStateInput) input: UserRoleStateInput, @Ctx() ctx: Context): Promise<UserRolePayload> {
    return { userRole: await this.userService.deactivateUser(requireActor(ctx), input) };
  }

  @Mutation(() => UserRolePayload)
  async reactivateUser(@Arg('input', () => UserRoleStateInput) input: UserRoleStateInput, @Ctx() ctx: Context): Promise<UserRolePayload> {
    return { userRole: await this.userService.reactivateUser(requireActor(ctx), input) };
  }

  @FieldResolver(() => User)
  async user(@Root() role: UserRole, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(role.userId))!;
  }
}
