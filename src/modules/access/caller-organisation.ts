import { forbidden } from '../../platform/errors';
import type { OperationContext } from '../../platform/graphql/operation-context';
import { AccessReason } from './access.reasons';

/**
 * The organisation the caller acts in: every list, count and aggregate is bounded by it. Roles
 * without one (the platform operator) are refused; the permission matrix does not grant them
 * organisation data in the first place.
 */
export function callerOrganisation(ctx: Pick<OperationContext, 'actor'>): string {
  const organisationId = ctx.actor?.organisationId;
  if (!organisationId) throw forbidden('This operation works within an organisation', AccessReason.ROLE_NOT_ALLOWED);
  return organisationId;
}
