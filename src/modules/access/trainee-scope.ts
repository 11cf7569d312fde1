import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

import { Actor, Role } from '../../platform/auth/actor';
import { Grant, View } from './permission-matrix';

/**
 * The rows of trainees a caller may list, always within the caller's organisation (each
 * organisation keeps its own client register). The same SQL decides list filters and the
 * per-object view, so a list can never show a row that its detail query would refuse.
 */
export type TraineeScope =
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'staff'; organisationId: string; staffId: string }
  | { kind: 'area'; organisationId: string; areaId: string }
  | { kind: 'unit'; organisationId: string; unitId: string }
  | { kind: 'self'; organisationId: string; traineeId: string }
  | { kind: 'none' };

export function scopeOf(actor: Actor): TraineeScope {
  const organisationId = actor.organisationId;
  if (!organisationId) return { kind: 'none' };
  switch (actor.role) {
    case Role.ADMIN:
      return { kind: 'organisation', organisationId };
    case Role.COACH:
    case Role.CAREER_AGENT:
      return actor.staffId ? { kind: 'staff', organisationId, staffId: actor.staffId } : { kind: 'none' };
    case Role.CASE_MANAGER:
      return actor.areaId ? { kind: 'area', organisationId, areaId: actor.areaId } : { kind: 'none' };
    case Role.UNIT_LEAD:
      return actor.unitId ? { kind: 'unit', organisationId, unitId: actor.unitId } : { kind: 'none' };
    case Role.TRAINEE:
      return actor.traineeId ? { kind: 'self', organisationId, traineeId: actor.traineeId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** The rows a list returns for this grant: every client of the caller's organisation, or the role's scope. */
export function listScope(actor: Actor, grant: Grant): TraineeScope {
  if (grant === Grant.ALL) return actor.organisationId ? { kind: 'organisation', organisationId: actor.organisationId } : { kind: 'none' };
  return scopeOf(actor);
}

/** Bind-parameter names of a scope subquery: the scope's own id and the organisation's. */
export interface ScopeParams {
  id: string;
  organisation: string;
}

/**
 * A subquery yielding the ids of the trainees in scope, all of them clients of the organisation.
 * Staff: a period they coach or agent, or (for those who process the intake queue: the
 * organisation's intake team, or every coach and career agent where it has none) no period yet.
 * Area: the trainee's area or a referral from it. Unit: a placement in the unit or an assignment
 * on one of its work orders. Self: the trainee's own record.
 */
export function scopeSubquery(scope: TraineeScope, params: ScopeParams): string {
  const { id, organisation } = params;
  const inOrganisation = (column: string) => `${column} IN (SELECT ot.id FROM trainee ot WHERE ot.organisation_id = ${organisation})`;
  switch (scope.kind) {
    case 'organisation':
      return `SELECT t.id FROM trainee t WHERE t.organisation_id = ${organisation}`;
    case 'staff':
      return `SELECT cp.trainee_id FROM coaching_period cp WHERE (cp.coach_id = ${id} OR cp.career_agent_id = ${id}) AND ${inOrganisation('cp.trainee_id')}
              UNION SELECT t.id FROM trainee t WHERE t.organisation_id = ${organisation}
                AND NOT EXISTS (SELECT 1 FROM coaching_period cp WHERE cp.trainee_id = t.id)
                AND EXISTS (SELECT 1 FROM organisation o WHERE o.id = ${organisation} AND (cardinality(o.intake_staff_ids) = 0 OR ${id} = ANY(o.intake_staff_ids)))`;
    case 'area':
      return `SELECT t.id FROM trainee t WHERE t.organisation_id = ${organisation} AND t.employment_area_id = ${id}
              UNION SELECT r.trainee_id FROM referral r WHERE r.employment_area_id = ${id} AND ${inOrganisation('r.trainee_id')}`;
    case 'unit':
      return `SELECT pl.trainee_id FROM placement pl WHERE pl.work_unit_id = ${id} AND ${inOrganisation('pl.trainee_id')}
              UNION SELECT a.trainee_id FROM work_order_assignment a JOIN work_order w ON w.id = a.work_order_id
                     WHERE w.work_unit_id = ${id} AND ${inOrganisation('a.trainee_id')}`;
    case 'self':
      return `SELECT t.id FROM trainee t WHERE t.id = ${id} AND t.organisation_id = ${organisation}`;
    case 'none':
      return 'SELECT NULL::uuid WHERE false';
  }
}

/**
 * The same scope as `scopeSubquery`, as a condition on one trainee row `alias` (its columns `id`,
 * `organisation_id`, `employment_area_id`): index look-ups for that row only, where the subquery
 * would build the scope's whole set. For access checks of a few named trainees; lists use the set.
 */
export function scopeCondition(scope: TraineeScope, params: ScopeParams, alias: string): string {
  const { id, organisation } = params;
  const ownOrganisation = `${alias}.organisation_id = ${organisation}`;
  switch (scope.kind) {
    case 'organisation':
      return ownOrganisation;
    case 'staff':
      return `${ownOrganisation} AND (
                EXISTS (SELECT 1 FROM coaching_period cp WHERE cp.trainee_id = ${alias}.id AND (cp.coach_id = ${id} OR cp.career_agent_id = ${id}))
                OR (NOT EXISTS (SELECT 1 FROM coaching_period cp WHERE cp.trainee_id = ${alias}.id)
                    AND EXISTS (SELECT 1 FROM organisation o WHERE o.id = ${organisation} AND (cardinality(o.intake_staff_ids) = 0 OR ${id} = ANY(o.intake_staff_ids)))))`;
    case 'area':
      return `${ownOrganisation} AND (${alias}.employment_area_id = ${id}
                OR EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = ${alias}.id AND r.employment_area_id = ${id}))`;
    case 'unit':
      return `${ownOrganisation} AND (EXISTS (SELECT 1 FROM placement pl WHERE pl.trainee_id = ${alias}.id AND pl.work_unit_id = ${id})
                OR EXISTS (SELECT 1 FROM work_order_assignment a JOIN work_order w ON w.id = a.work_order_id
                            WHERE a.trainee_id = ${alias}.id AND w.work_unit_id = ${id}))`;
    case 'self':
      return `${ownOrganisation} AND ${alias}.id = ${id}`;
    case 'none':
      return 'FALSE';
  }
}

/** The values of a scope subquery's parameters (`id` null where the kind has none). */
export function scopeParameters(scope: TraineeScope): { id: string | null; organisation: string | null } {
  switch (scope.kind) {
    case 'staff':
      return { id: scope.staffId, organisation: scope.organisationId };
    case 'area':
      return { id: scope.areaId, organisation: scope.organisationId };
    case 'unit':
      return { id: scope.unitId, organisation: scope.organisationId };
    case 'self':
      return { id: scope.traineeId, organisation: scope.organisationId };
    case 'organisation':
      return { id: null, organisation: scope.organisationId };
    case 'none':
      return { id: null, organisation: null };
  }
}

/**
 * The scope's subquery with its values added as bind parameters by `add` (which returns each
 * value's placeholder); only the values the kind uses are added.
 */
export function scopeSql(scope: TraineeScope, add: (value: unknown) => string): string {
  return scopeSubquery(scope, boundParameters(scope, add));
}

/** `scopeCondition` on the trainee row `alias`, its values added as bind parameters by `add`. */
export function scopeConditionSql(scope: TraineeScope, add: (value: unknown) => string, alias: string): string {
  return scopeCondition(scope, boundParameters(scope, add), alias);
}

function boundParameters(scope: TraineeScope, add: (value: unknown) => string): ScopeParams {
  const values = scopeParameters(scope);
  return {
    id: values.id === null ? 'NULL::uuid' : `${add(values.id)}::uuid`,
    organisation: values.organisation === null ? 'NULL::uuid' : `${add(values.organisation)}::uuid`,
  };
}

/**
 * Narrows a list query to the scope; `traineeIdSql` is the column holding the trainee id. On the
 * trainee table itself (`organisationColumn` given) the organisation is a plain condition on the
 * row, which its index serves, and the whole organisation needs no subquery at all.
 */
export function applyTraineeScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  traineeIdSql: string,
  scope: TraineeScope,
  options: { organisationColumn?: string } = {},
): SelectQueryBuilder<T> {
  const values = scopeParameters(scope);
  const parameters = { traineeScopeId: values.id, traineeScopeOrganisation: values.organisation };
  if (options.organisationColumn) {
    if (scope.kind === 'none') return query.andWhere('FALSE');
    query.andWhere(`${options.organisationColumn} = CAST(:traineeScopeOrganisation AS uuid)`, parameters);
    if (scope.kind === 'organisation') return query;
  }
  const subquery = scopeSubquery(scope, { id: 'CAST(:traineeScopeId AS uuid)', organisation: 'CAST(:traineeScopeOrganisation AS uuid)' });
  return query.andWhere(`${traineeIdSql} IN (${subquery})`, parameters);
}

/**
 * Set by a list on each trainee row it read, from `callerScopeSql`: whether the row is in the
 * caller's own scope. The enforcer then knows where the row stands without a look-up.
 */
export const IN_CALLER_SCOPE = Symbol('inCallerScope');

/**
 * Whether trainee row `alias` of a list narrowed to `listed` is in the caller's own scope: always,
 * when the list is the caller's scope; else the scope's condition on the row (a coach's roster of
 * the whole organisation: their own trainees FULL, the others ROSTER).
 */
export function callerScopeSql(actor: Actor, listed: TraineeScope, add: (value: unknown) => string, alias: string): string {
  const own = scopeOf(actor);
  if (own.kind === 'none') return 'FALSE';
  if (own.kind === listed.kind && JSON.stringify(scopeParameters(own)) === JSON.stringify(scopeParameters(listed))) return 'TRUE';
  return `coalesce(${scopeConditionSql(own, add, alias)}, FALSE)`;
}

/** Where a trainee stands for a caller: in the caller's scope, a client of the caller's organisation only, or neither. */
export type TraineeRelation = 'scope' | 'organisation' | 'outside';

/** The view a role has of a trainee, by where the trainee stands. */
export function traineeView(role: Role, relation: TraineeRelation): View {
  if (relation === 'outside') return View.NONE;
  const inScope = relation === 'scope';
  switch (role) {
    case Role.ADMIN:
      return View.FULL;
    case Role.COACH:
    case Role.CAREER_AGENT:
      return inScope ? View.FULL : View.ROSTER;
    case Role.CASE_MANAGER:
      return inScope ? View.FULL : View.NONE;
    // The data subject: their own record (never anyone else's) as SELF, which the matrix words field by field.
    case Role.TRAINEE:
      return inScope ? View.SELF : View.NONE;
    case Role.UNIT_LEAD:
      return inScope ? View.UNIT : View.NONE;
    default:
      return View.NONE;
  }
}

/** What owns a non-personal row, as far as views go. */
export interface RowOwner {
  /** The organisation the row belongs to; null for national rows (qualifications, national instruments). */
  organisationId?: string | null;
  /** An employment area refers clients to several organisations. */
  organisationIds?: string[];
  unitId?: string | null;
  areaId?: string | null;
  companyId?: string | null;
}

/** True when the row belongs to the caller's organisation (or to every organisation). */
export function ownedByCallersOrganisation(actor: Actor, owner: RowOwner): boolean {
  if (owner.organisationIds) return actor.organisationId !== undefined && owner.organisationIds.includes(actor.organisationId);
  if (owner.organisationId === undefined || owner.organisationId === null) return true;
  return owner.organisationId === actor.organisationId;
}

/**
 * The view of an object owned by a unit (a work order), an area or a company rather than a
 * person, inside the caller's organisation (outside it: NONE).
 */
export function organisationView(actor: Actor, owner: RowOwner): View {
  if (!ownedByCallersOrganisation(actor, owner)) return View.NONE;
  switch (actor.role) {
    // Coaching staff plan and staff every unit's work: the organisation is not personal data.
    case Role.ADMIN:
    case Role.COACH:
    case Role.CAREER_AGENT:
      return View.FULL;
    case Role.CASE_MANAGER:
      return owner.areaId !== undefined && owner.areaId === actor.areaId ? View.FULL : View.NONE;
    case Role.UNIT_LEAD:
      return owner.unitId !== undefined && owner.unitId === actor.unitId ? View.UNIT : View.NONE;
    case Role.PARTNER:
      return owner.companyId !== undefined && owner.companyId === actor.companyId ? View.FULL : View.NONE;
    default:
      return View.NONE;
  }
}
