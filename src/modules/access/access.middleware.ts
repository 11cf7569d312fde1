import { getNamedType, GraphQLNonNull, GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { Actor, Role } from '../../platform/auth/actor';
import { badInput, forbidden, notFound, unauthenticated } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import type { RequestContext } from './request-context';
import type { Owner } from './access.service';
import { Grant, operationRules, SubjectRule, typeRules, View, viewsForField } from './permission-matrix';
import { listScope, organisationView, TraineeScope, traineeView } from './trainee-scope';

const rootTypes = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The one place where the permission matrix is enforced, for every field of every operation on
 * both transports. Root fields: role, then the subject named in the arguments. Fields of personal
 * types: the caller's view of the row's owner. Deny by default: a root field missing from the
 * matrix is refused (and a unit test fails first).
 */
export const AccessMiddleware: MiddlewareFn<RequestContext> = async ({ root, args, context, info }, next) => {
  const parent = info.parentType.name;
  if (rootTypes.has(parent)) return checkOperation(args, context, info, next);

  const allowed = viewsForField(parent, info.fieldName);
  if (!allowed) return next();
  const { view, traineeId } = await viewOfRow(parent, root as Row, context);
  if (!allowed.includes(view)) throw forbidden(`${parent}.${info.fieldName} is not visible to role ${context.actor?.role ?? 'anonymous'} for this record`, 'VIEW_TOO_NARROW');
  if (traineeId) context.accessLog.read(traineeId, `${parent}.${info.fieldName}`);
  return next();
};

type Row = Record<string, unknown> & { id: string };

async function checkOperation(args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo, next: () => Promise<unknown>) {
  const key = `${info.parentType.name}.${info.fieldName}`;
  const rule = operationRules[key];
  if (!rule) throw forbidden(`${key} is not in the permission matrix`, 'ROLE_NOT_ALLOWED');
  if (rule.public) return next();
  const actor = context.actor;
  if (!actor) throw unauthenticated();
  if (!rule.roles[actor.role]) throw forbidden(`Role ${actor.role} may not use ${info.fieldName}`, 'ROLE_NOT_ALLOWED');
  const owners: Owner[] = [];
  for (const subject of rule.subjects ?? []) owners.push(...(await assertSubjects(subject, args, context, info.fieldName)));

  const result = await next();
  if (info.parentType.name === 'Mutation') {
    for (const owner of owners) if (owner.traineeId) context.accessLog.wrote(owner.traineeId, key);
  }
  // A write can change who sees what (a coach hand-over): the payload is read with fresh scopes.
  if (info.parentType.name === 'Mutation') {
    context.access.traineeInScope.clearAll();
    context.access.owner.clearAll();
  }
  // A by-id look-up of a personal record outside the caller's scope: as if it did not exist.
  const typeName = getNamedType(info.returnType).name;
  if (info.parentType.name === 'Query' && typeRules[typeName] && result && typeof result === 'object' && !Array.isArray(result)) {
    if ((await viewOfRow(typeName, result as Row, context)).view === View.NONE) {
      if (!(info.returnType instanceof GraphQLNonNull)) return null;
      throw notFound(typeName, String(args.id ?? (result as Row).id));
    }
  }
  return result;
}

/** The rows a list resolver may return: all, or the caller's scope, as the matrix says. */
export function listScopeFor(context: RequestContext, operation: string): TraineeScope {
  const actor = context.actor;
  const grant = actor && operationRules[operation]?.roles[actor.role];
  if (!actor || !grant) return { kind: 'none' };
  return listScope(actor, grant as Grant);
}

/** Checks every object the arguments name and returns their owners (for the access log). */
async function assertSubjects(subject: SubjectRule, args: Record<string, unknown>, context: RequestContext, operation: string): Promise<Owner[]> {
  const ids: string[] = [];
  for (const path of subject.args) {
    for (const id of valuesAt(args, path.split('.'))) {
      // Same answer as the services give for a malformed id, before any look-up.
      if (!isUuid(id)) throw badInput(path, 'Not a valid id', 'INVALID_ID');
      ids.push(id);
    }
  }
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      const owner = await context.access.owner.load(`${subject.kind}:${id}`);
      if (!owner) throw notFound(subject.kind, id);
      const view = await viewOfOwner(owner, context);
      if (view === View.NONE) throw notFound(subject.kind, id);
      if (!subject.views.includes(view)) {
        throw forbidden(`Role ${context.actor!.role} may ${operation} only for its own trainees (this ${subject.kind} is visible as ${view})`, 'VIEW_TOO_NARROW');
      }
      if (subject.holder === 'currentStaffOfPeriod' && !holdsPeriod(context.actor!, owner)) {
        throw forbidden(`Only ADMIN or the period's current coach or career agent may ${operation}`, 'NOT_CURRENT_STAFF');
      }
      return owner;
    }),
  );
}

function holdsPeriod(actor: Actor, owner: Owner): boolean {
  return actor.role === Role.ADMIN || (actor.staffId !== undefined && (owner.staffIds ?? []).includes(actor.staffId));
}

function valuesAt(value: unknown, path: string[]): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (!path.length) return typeof value === 'string' ? [value] : [];
  return valuesAt((value as Record<string, unknown>)[path[0]], path.slice(1));
}

async function viewOfTrainee(traineeId: string | undefined, context: RequestContext): Promise<View> {
  const actor = context.actor;
  if (!actor) return View.NONE;
  if (actor.role === Role.ADMIN) return View.FULL;
  if (!traineeId) return View.NONE;
  return traineeView(actor.role, await context.access.traineeInScope.load(traineeId));
}

/** A unit lead sees a unit-bound row (placement, assignment) only when it is in their unit. */
async function viewOfOwner(owner: Owner, context: RequestContext): Promise<View> {
  const actor = context.actor;
  if (!actor) return View.NONE;
  if (owner.traineeId === undefined) return organisationView(actor, owner);
  if (actor.role === Role.UNIT_LEAD && owner.unitId !== undefined) return organisationView(actor, { unitId: owner.unitId });
  return viewOfTrainee(owner.traineeId, context);
}

/** The caller's view of a row, and the trainee it is about (none for a unit's work order). */
async function viewOfRow(typeName: string, row: Row, context: RequestContext): Promise<{ view: View; traineeId?: string }> {
  const rule = typeRules[typeName];
  switch (rule.owner) {
    case 'trainee': {
      const traineeId = typeName === 'Trainee' ? row.id : (row.traineeId as string);
      return { view: await viewOfTrainee(traineeId, context), traineeId };
    }
    case 'traineeOfPeriod': {
      const owner = await context.access.owner.load(`period:${row.periodId as string}`);
      return owner ? { view: await viewOfOwner(owner, context), traineeId: owner.traineeId } : { view: View.NONE };
    }
    case 'traineeInUnit': {
      const traineeId = row.traineeId as string;
      return { view: await viewOfOwner({ traineeId, unitId: (row.workUnitId as string | null) ?? null }, context), traineeId };
    }
    case 'assignment': {
      const traineeId = row.traineeId as string;
      if (context.actor?.role !== Role.UNIT_LEAD) return { view: await viewOfTrainee(traineeId, context), traineeId };
      const workOrder = await context.access.owner.load(`workOrder:${row.workOrderId as string}`);
      return { view: await viewOfOwner({ traineeId, unitId: workOrder?.unitId ?? null }, context), traineeId };
    }
    case 'workOrder':
      return { view: context.actor ? organisationView(context.actor, { unitId: (row.workUnitId as string | null) ?? null }) : View.NONE };
  }
}
