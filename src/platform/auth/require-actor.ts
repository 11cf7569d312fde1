import type { AuthCheckerFn } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import type { RequestContext } from '../graphql/context';
import type { Role } from './actor';

/**
 * Operation-level check for `@Authorized(...roles)`: a caller must be authenticated, and when
 * roles are listed, hold one of them. Row scope (own trainees, own unit) is the services' job.
 */
export const authChecker: AuthCheckerFn<RequestContext, Role> = ({ context }, roles) => {
  if (!context.actor) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(context.actor.role)) throw forbidden(`Role ${context.actor.role} may not do this`);
  return true;
};

/** For services: the caller, or UNAUTHENTICATED. */
export function requireActor(ctx: Pick<RequestContext, 'actor'>) {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
