import {
  defaultFieldResolver,
  getNamedType,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLInputType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isInputObjectType,
  isObjectType,
  isScalarType,
} from 'graphql';

import { Actor, Role } from '../../platform/auth/actor';
import { badInput, forbidden, notFound, PlatformReason, unauthenticated } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { AccessReason } from './access.reasons';
import type { Owner } from './access.service';
import { catalogueKinds, operationRules, platformKinds, SubjectKind, SubjectRule, typeRules, View, viewsForField } from './permission-matrix';
import type { RequestContext } from './request-context';
import { IN_CALLER_SCOPE, organisationView, ownedByCallersOrganisation, scopeOf, TraineeRelation, traineeView } from './trainee-scope';

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
  const unchecked = uncheckedIdArguments(schema);
  if (withoutRule.length || withoutField.length || unchecked.length) {
    throw new Error(
      `The permission matrix does not match the schema: ${[
        ...withoutRule.map((key) => `${key} has no rule`),
        ...withoutField.map((key) => `${key} is not an operation`),
        ...unchecked.map((path) => `${path} names an object but no subject rule checks it`),
      ].join('; ')} (src/modules/access/permission-matrix.ts)`,
    );
  }
}

/**
 * Every argument of type ID (at any depth of an input) names an object, and an object the caller
 * may not see (another organisation's unit, staff member, task, trainee) must not be usable in a
 * request: each must be a subject of the operation's rule, whose view the enforcer checks. Two
 * kinds are left to other checks: ids under a `filter` argument only narrow a list that is already
 * scoped, and the `id` of a query returning a personal type is checked by that row's view.
 */
export function uncheckedIdArguments(schema: GraphQLSchema): string[] {
  const unchecked: string[] = [];
  const walk = (type: GraphQLInputType, path: string, found: string[], seen: Set<string>) => {
    const named = getNamedType(type);
    if (isScalarType(named)) {
      if (named.name === 'ID') found.push(path);
      return;
    }
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    for (const field of Object.values(named.getFields())) walk(field.type, `${path}.${field.name}`, found, new Set([...seen, named.name]));
  };
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const key = `${root.name}.${field.name}`;
      const covered = new Set((operationRules[key]?.subjects ?? []).flatMap((subject) => subject.args));
      const checkedByRow = root === schema.getQueryType() && Boolean(typeRules[getNamedType(field.type).name]);
      for (const arg of field.args) {
        if (arg.name === 'filter' || (arg.name === 'id' && checkedByRow)) continue;
        const paths: string[] = [];
        walk(arg.type, arg.name, paths, new Set());
        for (const path of paths) if (!covered.has(path)) unchecked.push(`${key}(${path})`);
      }
    }
  }
  return unchecked;
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
      // A write can change who sees what (a coach hand-over): the payload is read with fresh scopes,
      // unless the matrix says the write cannot.
      if (!rule.keepsScope) {
        context.access.traineeRelation.clearAll();
        context.access.owner.clearAll();
      }
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
  return (parent, args, context, info) => {
    readField(parent, context, info);
    const result = resolve(parent, args, context, info);
    // A row already at hand (an edge's node, a primed loader's value) is decided without a Promise.
    if (!isPromise(result)) return result == null ? result : thenReturn(decideViews(producedType, result, context), result);
    return result.then((value) => (value == null ? value : thenReturn(decideViews(producedType, value, context), value)));
  };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function thenReturn<T>(pending: Promise<void> | undefined, value: T): T | Promise<T> {
  return pending ? pending.then(() => value) : value;
}

/**
 * The caller's view of every produced row, decided once and kept for the request: synchronously
 * where the trainee's standing is already known (a page's rows), else batched through the loaders.
 */
function decideViews(typeName: string, result: unknown, context: RequestContext): Promise<void> | undefined {
  const rows = Array.isArray(result) ? result : [result];
  let pending: Array<Promise<void>> | undefined;
  for (const row of rows as unknown[]) {
    if (row === null || typeof row !== 'object' || context.access.views.has(row)) continue;
    const decided = viewOfRow(typeName, row as Row, context);
    if (isPromise(decided)) (pending ??= []).push(decided.then((view) => void context.access.views.set(row, view)));
    else context.access.views.set(row, decided);
  }
  if (pending) return Promise.all(pending).then(() => undefined);
  // Decided at once, but while other rows wait for where their trainees stand: wait with them, so
  // the fields below all these rows are loaded in one batch, not in one batch before and one after.
  return context.access.traineeRelation.pending;
}

/** Checks every object the arguments name and returns their owners (for the access log). */
async function assertSubjects(subject: SubjectRule, args: Record<string, unknown>, context: RequestContext, operation: string): Promise<Owner[]> {
  const actor = context.actor!;
  // The first argument path naming each id: a refused reference is reported at it.
  const paths = new Map<string, string>();
  for (const path of subject.args) {
    const values = valuesAt(args, path.split('.'), '');
    if (!values.length && !mayLeaveOut(subject, actor)) {
      throw forbidden(`Role ${actor.role} must name the ${subject.kind} (${path}) to ${operation}`, AccessReason.SUBJECT_REQUIRED);
    }
    for (const { value: id, at } of values) {
      // The input guard refuses a malformed ID before this runs; a path typed String would reach here.
      if (!isUuid(id)) throw badInput(at, 'Not a valid id', AccessReason.INVALID_ID);
      if (!paths.has(id)) paths.set(id, at);
    }
  }
  return Promise.all(
    [...paths].map(async ([id, at]) => {
      const owner = await context.access.owner.load(`${subject.kind}:${id}`);
      const view = owner ? await viewOfOwner(owner, context, subject.kind, subject.catalogue) : View.NONE;
      if (!owner || view === View.NONE) {
        if (subject.reference) throw badInput(at, `No ${subject.kind} with this id`, PlatformReason.REFERENCE_NOT_FOUND);
        throw notFound(subject.kind, id);
      }
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

/** The strings at a dotted path, each with where it was (`input.entries[2].periodId`): arrays are walked. */
function valuesAt(value: unknown, path: string[], at: string): Array<{ value: string; at: string }> {
  if (value == null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => valuesAt(item, path, `${at}[${index}]`));
  if (!path.length) return typeof value === 'string' ? [{ value, at }] : [];
  return valuesAt((value as Record<string, unknown>)[path[0]], path.slice(1), at ? `${at}.${path[0]}` : path[0]);
}

type MaybePromise<T> = T | Promise<T>;

/**
 * A trainee row carries its organisation: outside the caller's it is outside. Within it, a list
 * row says whether it is in the caller's own scope (`IN_CALLER_SCOPE`, from the list's statement),
 * and for a caller whose scope is the whole organisation (ADMIN) or themselves (TRAINEE) the row
 * alone says where it stands, so the look-up statement is needed only for rows read one by one.
 */
function primeRelationFromRow(row: Row, context: RequestContext): void {
  const actor = context.actor;
  if (!actor || typeof row.organisationId !== 'string') return;
  let relation: TraineeRelation | undefined;
  const listed = (row as { [IN_CALLER_SCOPE]?: boolean })[IN_CALLER_SCOPE];
  if (row.organisationId !== actor.organisationId) relation = 'outside';
  else if (typeof listed === 'boolean') relation = listed ? 'scope' : 'organisation';
  else {
    const scope = scopeOf(actor);
    if (scope.kind === 'organisation' || (scope.kind === 'self' && scope.traineeId === row.id)) relation = 'scope';
  }
  if (relation) context.access.traineeRelation.prime(row.id, relation);
}

/** Every view of a trainee goes through where the trainee stands for the caller, organisation first. */
function viewOfTrainee(traineeId: string | undefined, context: RequestContext): MaybePromise<View> {
  const actor = context.actor;
  if (!actor || !traineeId) return View.NONE;
  const known = context.access.traineeRelation.get(traineeId);
  if (known) return traineeView(actor.role, known);
  return context.access.traineeRelation.load(traineeId).then((relation) => traineeView(actor.role, relation));
}

/**
 * The caller's view of a row by its owner: nothing outside the caller's organisation (the
 * platform operator sees organisations, areas and roles only); the organisation's catalogue in
 * full; a unit-bound row (placement, assignment) for a unit lead only in their unit; a person's
 * row as the caller sees the person.
 */
function viewOfOwner(owner: Owner, context: RequestContext, kind?: SubjectKind, asCatalogue = false): MaybePromise<View> {
  const actor = context.actor;
  if (!actor) return View.NONE;
  if (actor.role === Role.PLATFORM_OPERATOR) return kind && platformKinds.has(kind) ? View.FULL : View.NONE;
  if (!actor.organisationId || !ownedByCallersOrganisation(actor, owner)) return View.NONE;
  if (kind === 'userRole') return actor.role === Role.ADMIN ? View.FULL : View.NONE;
  if (asCatalogue || kind === 'organisation' || (kind && catalogueKinds.has(kind))) return View.FULL;
  if (owner.traineeId === undefined) return organisationView(actor, owner);
  if (actor.role === Role.UNIT_LEAD && owner.unitId !== undefined) return organisationView(actor, { unitId: owner.unitId });
  return viewOfTrainee(owner.traineeId, context);
}

export interface DecidedView {
  view: View;
  /** The trainee the row is about (none for a unit's work order). */
  traineeId?: string;
}

function decided(view: MaybePromise<View>, traineeId?: string): MaybePromise<DecidedView> {
  return typeof view === 'string' ? { view, traineeId } : view.then((settled) => ({ view: settled, traineeId }));
}

/** The caller's view of a row, and the trainee it is about. */
function viewOfRow(typeName: string, row: Row, context: RequestContext): MaybePromise<DecidedView> {
  const rule = typeRules[typeName];
  switch (rule.owner) {
    case 'trainee': {
      const traineeId = typeName === 'Trainee' ? row.id : (row.traineeId as string);
      if (typeName === 'Trainee') primeRelationFromRow(row, context);
      return decided(viewOfTrainee(traineeId, context), traineeId);
    }
    case 'traineeOfPeriod':
      return context.access.owner
        .load(`period:${row.periodId as string}`)
        .then((owner) => (owner ? decided(viewOfOwner(owner, context), owner.traineeId) : { view: View.NONE }));
    case 'traineeInUnit': {
      const traineeId = row.traineeId as string;
      return decided(viewOfOwner({ traineeId, unitId: (row.workUnitId as string | null) ?? null }, context), traineeId);
    }
    case 'assignment': {
      const traineeId = row.traineeId as string;
      if (context.actor?.role !== Role.UNIT_LEAD) return decided(viewOfTrainee(traineeId, context), traineeId);
      return context.access.owner
        .load(`workOrder:${row.workOrderId as string}`)
        .then((workOrder) => decided(viewOfOwner({ traineeId, unitId: workOrder?.unitId ?? null }, context), traineeId));
    }
    case 'workOrder':
      return context.access.owner
        .load(`workOrder:${row.id}`)
        .then((owner) => (owner ? decided(viewOfOwner(owner, context, 'workOrder')) : { view: View.NONE }));
  }
}
