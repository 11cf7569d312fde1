import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

import { Actor, Role } from '../../platform/auth/actor';
import { Grant, View } from './permission-matrix';

/**
 * The rows of trainees a caller may list. The same SQL decides list filters and the per-object
 * view, so a list can never show a row that its detail query would refuse.
 */
export type TraineeScope =
  | { kind: 'all' }
  | { kind: 'staff'; staffId: string }
  | { kind: 'area'; areaId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'self'; traineeId: string }
  | { kind: 'none' };

export function scopeOf(actor: Actor): TraineeScope {
  switch (actor.role) {
    case Role.ADMIN:
      return { kind: 'all' };
    case Role.COACH:
    case Role.CAREER_AGENT:
      return actor.staffId ? { kind: 'staff', staffId: actor.staffId } : { kind: 'none' };
    case Role.CASE_MANAGER:
      return actor.areaId ? { kind: 'area', areaId: actor.areaId } : { kind: 'none' };
    case Role.UNIT_LEAD:
      return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
    case Role.TRAINEE:
      return actor.traineeId ? { kind: 'self', traineeId: actor.traineeId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/** The rows a list returns for this grant: everything, or the role's scope. */
export function listScope(actor: Actor, grant: Grant): TraineeScope {
  return grant === Grant.ALL ? { kind: 'all' } : scopeOf(actor);
}

/**
 * A subquery yielding the ids of the trainees in scope, with `$1` as the scope's id. `null` for
 * `all`. Staff: a period they coach or agent, or no period yet (in intake: whoever takes the
 * referral must read it). Area: the trainee's area or a referral from it.
 * Unit: a placement in the unit or an assignment on one of its work orders.
 */
export function scopeSubquery(scope: TraineeScope, param: string): string | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'staff':
      return `SELECT cp.trainee_id FROM coaching_period cp WHERE cp.coach_id = ${param} OR cp.career_agent_id = ${param}
              UNION SELECT t.id FROM trainee t WHERE NOT EXISTS (SELECT 1 FROM coaching_period cp WHERE cp.trainee_id = t.id)`;
    case 'area':
      return `SELECT t.id FROM trainee t WHERE t.employment_area_id = ${param}
              UNION SELECT r.trainee_id FROM referral r WHERE r.employment_area_id = ${param}`;
    case 'unit':
      return `SELECT pl.trainee_id FROM placement pl WHERE pl.work_unit_id = ${param}
              UNION SELECT a.trainee_id FROM work_order_assignment a JOIN work_order w ON w.id = a.work_order_id WHERE w.work_unit_id = ${param}`;
    case 'self':
      return `SELECT ${param}::uuid`;
    case 'none':
      return 'SELECT NULL::uuid WHERE false';
  }
}

export function scopeParameter(scope: TraineeScope): string | undefined {
  switch (scope.kind) {
    case 'staff':
      return scope.staffId;
    case 'area':
      return scope.areaId;
    case 'unit':
      return scope.unitId;
    case 'self':
      return scope.traineeId;
    default:
      return undefined;
  }
}

/** Narrows a list query to the scope; `traineeIdSql` is the column holding the trainee id. */
export function applyTraineeScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  traineeIdSql: string,
  scope: TraineeScope | undefined,
): SelectQueryBuilder<T> {
  if (!scope || scope.kind === 'all') return query;
  const subquery = scopeSubquery(scope, ':traineeScopeId');
  return query.andWhere(`${traineeIdSql} IN (${subquery})`, { traineeScopeId: scopeParameter(scope) ?? null });
}

/** The view a role has of a trainee inside / outside its scope. */
export function traineeView(role: Role, inScope: boolean): View {
  switch (role) {
    case Role.ADMIN:
      return View.FULL;
    case Role.COACH:
    case Role.CAREER_AGENT:
      return inScope ? View.FULL : View.ROSTER;
    case Role.CASE_MANAGER:
      return inScope ? View.FULL : View.NONE;
    case Role.UNIT_LEAD:
      return inScope ? View.UNIT : View.NONE;
    case Role.TRAINEE:
      return inScope ? View.FULL : View.NONE;
    default:
      return View.NONE;
  }
}

/** The view of an object owned by a unit (a work order), an area or a company rather than a person. */
export function organisationView(actor: Actor, owner: { unitId?: string | null; areaId?: string | null; companyId?: string | null }): View {
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
