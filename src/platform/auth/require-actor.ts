import { unauthenticated } from '../errors';
import type { OperationContext } from '../graphql/operation-context';

/**
 * For resolvers and services that need the caller. Who may call what is decided by the
 * permission matrix (src/modules/access), not here.
 */
export function requireActor(ctx: Pick<OperationContext, 'actor'>) {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
