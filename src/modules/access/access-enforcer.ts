import {
  defaultFieldResolver,
  getNamedType,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
} from 'graphql';

import { Actor, Role } from '../../platform/auth/actor';
import { badInput, forbidden, notFound, unauthenticated } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { AccessReason } from './access.reasons';
import type { Owner } from './access.service';
import { operationRules, SubjectRule, typeRules, View, viewsForField } from './permission-matrix';
import type { RequestContext } from './request-context';
import { organisationView, traineeView } from './trainee-scope';

/**
 * The one place where the permission matrix is enforced, on every transport, woven into the
 * schema's resolvers when the schema is built (no per-field async middleware):
 *
 * - a root field checks the caller's role and every object its arguments name (async, once per
 *   operation field);
 * - a field that returns rows of a personal type (a trainee, a period, a placement, …) decides the
 *   caller's view of each row once, when the row is produced, batched through the per-request
 *   loaders (async, once per produced object);
 * - a field of a personal type then only compares that decided view with the views the matrix
 *   allows for the field, and notes the read for the access log (synchronous: a page of 100 rows
 *   with ten fields each costs a thousand look-ups in a WeakMap, not a thousand Promises).
 *
 * Deny by default: a root field missing from the matrix is refused (a unit test fails first), and
 * a field of a personal type whose row was not produced through a checked field is refused too.
 */
export function enforcePermissionMatrix(schema: GraphQLSchema): GraphQLSchema {
  assertMatrixMatches(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = isRootType(schema, type);
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const producedType = producedPersonalType(field);
      const allowed = root ? undefined : viewsForField(type.name, field.name);
      if (root) field.resolve = checkedOperation(`${type.name}.${field.name}`, resolve, producedType);
      else if (allowed || producedType) field.resolve = checkedField(`${type.name}.${field.name}`, allowed, resolve, producedType);
    }
  }
  return schema;
}

/**
 * Every root field has a rule and every rule names a root field: a typo in the matrix or a new
 * operation without a rule stops the schema build (start-up), not only a unit test.
 */
function assertMatrixMatches(schema: GraphQLSchema): void {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((type): type is GraphQLObjectType =>
    Boolean(type),
  );
  const fields = new Set(roots.flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`)));
  const withoutRule = [...fields].filter((key) => !operationRules[key]);
  const withoutField = Object.keys(operationRules).filter((key) => !fields.has(key));
  if (withoutRule.length || withoutField.length) {
    throw new Error(
      `The permission matrix does not match the schema: ${[
        ...withoutRule.map((key) => `${key} has no rule`),
        ...withoutField.map((key) => `${key} is not an operation`),
      ].join('; ')} (src/modules/access/permission-matrix.ts)`,
    );
  }
}

function isRootType(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
}

/** The personal type whose rows a field returns (directly or as a list), if any. */
function producedPersonalType(field: GraphQLField<unknown, unknown>): string | undefined {
  const named = getNamedType(field.type);
  return typeRules[named.name] ? named.name : undefined;
}

type Row = Record<string, unknown> & { id: string };
type Resolver = GraphQLFieldResolver<unknown, RequestContext>;

function checkedOperation(key: string, resolve: GraphQLFieldResolver<unknown, unknown>, producedType: string | undefined): Resolver {
  const rule = operationRules[key];
  const isMutation = key.startsWith('Mutation.');
  return async (root, args, context, info) => {
    if (!rule) throw forbidden(`${key} is not in the permission matrix`, AccessReason.ROLE_NOT_ALLOWED);
    if (!rule.public) {
      const actor = context.actor;
      if (!actor) throw unauthenticated();
      if (!rule.roles[actor.role]) throw forbidden(`Role ${actor.role} may not use ${info.fieldName}`, AccessReason.ROLE_NOT_ALLOWED);
    }
    const owners: Owner[] = [];
    for (const subject of rule.subjects ?? []) owners.push(...(await assertSubjects(subject, args, context, info.fieldName)));

    const result = await resolve(root, args, context, info);
    if (isMutation) {
      for (const owner of owners) if (owner.traineeId) context.accessLog.wrote(owner.traineeId, key);
      // A write can change who sees what (a coach hand-over): the payload is read with fresh scopes.
      context.access.traineeInScope.clearAll();
      context.access.owner.clearAll();
    }
    if (!producedType || result == null) return result;
    await decideViews(producedType, result, context);
    // A by-id look-up of a personal record outside the caller's scope: as if it did not exist.
    if (!isMutation && !Array.isArray(result) && context.access.views.get(result as object)?.view === View.NONE) {
      if (!(info.returnType instanceof GraphQLNonNull)) return null;
      throw notFound(producedType, String(args.id ?? (result as Row).id));
    }
    return result;
  };
}

function checkedField(
  key: string,
  allowed: View[] | undefined,
  resolve: GraphQLFieldResolver<unknown, unknown>,
  producedType: string | undefined,
): Resolver {
  const [typeName] = key.split('.');
  const readField = (parent: unknown, context: RequestContext, info: GraphQLResolveInfo) => {
    if (!allowed) return;
    const decided = context.access.views.get(parent as object);
    if (!decided || !allowed.includes(decided.view)) {
      throw forbidden(
        `${typeName}.${info.fieldName} is not visible to role ${context.actor?.role ?? 'anonymous'} for this record`,
        AccessReason.VIEW_TOO_NARROW,
      );
    }
    if (decided.traineeId) context.accessLog.read(decided.traineeId, key);
  };
  if (!producedType) {
    return (parent, args, context, info) => {
      readField(parent, context, info);
      return resolve(parent, args, context, info);
    };
  }
  return async (parent, args, context, info) => {
    readField(parent, context, info);
    const result = await resolve(parent, args, context, info);
    if (result != null) await decideViews(producedType, result, context);
    return result;
  };
}

/** The caller's view of every produced row, decided once and kept for the request. */
async function decideViews(typeName: string, result: unknown, context: RequestContext): Promise<void> {
  const rows = (Array.isArray(result) ? result : [result]).filter((row): row is Row => row !== null && typeof row === 'object');
  await Promise.all(
    rows.map(async (row) => {
      if (!context.access.views.has(row)) context.access.views.set(row, await viewOfRow(typeName, row, context));
    }),
  );
}

/** Checks every object the arguments name and returns their owners (for the access log). */
async function assertSubjects(subject: SubjectRule, args: Record<string, unknown>, context: RequestContext, operation: string): Promise<Owner[]> {
  const actor = context.actor!;
  const ids: string[] = [];
  for (const path of subject.args) {
    const values = valuesAt(args, path.split('.'));
    if (!values.length && !mayLeaveOut(subject, actor)) {
      throw forbidden(`Role ${actor.role} must name the ${subject.kind} (${path}) to ${operation}`, AccessReason.SUBJECT_REQUIRED);
    }
    for (const id of values) {
      // The input guard refuses a malformed ID before this runs; a path typed String would reach here.
      if (!isUuid(id)) throw badInput(path, 'Not a valid id', AccessReason.INVALID_ID);
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
        throw forbidden(
          `Role ${actor.role} may ${operation} only for its own trainees (this ${subject.kind} is visible as ${view})`,
          AccessReason.VIEW_TOO_NARROW,
        );
      }
      if (subject.holder === 'currentStaffOfPeriod' && !holdsPeriod(actor, owner)) {
        throw forbidden(`Only ADMIN or the period's current coach or career agent may ${operation}`, AccessReason.NOT_CURRENT_STAFF);
      }
      return owner;
    }),
  );
}

function mayLeaveOut(subject: SubjectRule, actor: Actor): boolean {
  if (subject.optional === true) return true;
  return Array.isArray(subject.optional) && subject.optional.includes(actor.role);
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

export interface DecidedView {
  view: View;
  /** The trainee the row is about (none for a unit's work order). */
  traineeId?: string;
}

/** The caller's view of a row, and the trainee it is about. */
async function viewOfRow(typeName: string, row: Row, context: RequestContext): Promise<DecidedView> {
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
