import { unauthenticated } from '../errors';
import type { RequestContext } from '../graphql/context';

/**
 * For resolvers and services that need the caller. Who may call what is decided by the
 * permission matrix (src/modules/access), not here.
 */
export function requireActor(ctx: Pick<RequestContext, 'actor'>) {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
