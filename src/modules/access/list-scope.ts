import { createParameterDecorator } from 'type-graphql';

import { Grant, operationRules } from './permission-matrix';
import type { RequestContext } from './request-context';
import { listScope, TraineeScope } from './trainee-scope';

/**
 * The rows a list query may return to its caller: all, or the caller's scope, as the permission
 * matrix grants the operation to the caller's role. The operation is the field being resolved, so
 * no resolver names a matrix key (and none can name a wrong one).
 *
 * @example placements(@ListScope() scope: TraineeScope) { … }
 */
export function ListScope() {
  return createParameterDecorator<RequestContext>(({ context, info }): TraineeScope => {
    const actor = context.actor;
    const grant = actor && operationRules[`${info.parentType.name}.${info.fieldName}`]?.roles[actor.role];
    return actor && grant ? listScope(actor, grant as Grant) : { kind: 'none' };
  });
}
