import fs from 'node:fs';

import { getNamedType, GraphQLInputObjectType, GraphQLInputType, GraphQLObjectType, GraphQLSchema, isInputObjectType, isNonNullType } from 'graphql';

import { buildPolkuSchema } from '../../app/schema';
import { Role } from '../../platform/auth/actor';
import { Grant, operationRules, staffInternalFields, typeRules, View, viewsForField } from './permission-matrix';
import { permissionsDocPath, renderPermissionsDoc } from './permissions-doc';
import { organisationView, scopeOf, traineeView } from './trainee-scope';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildPolkuSchema();
});

function rootFields(): string[] {
  return (['Query', 'Mutation'] as const).flatMap((kind) => {
    const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
    return Object.keys(type?.getFields() ?? {}).map((name) => `${kind}.${name}`);
  });
}

describe('the permission matrix', () => {
  it('has a rule for every query and mutation, and none for operations that do not exist', () => {
    const fields = rootFields();
    expect(fields.filter((field) => !operationRules[field])).toEqual([]);
    expect(Object.keys(operationRules).filter((key) => !fields.includes(key))).toEqual([]);
  });

  it("lets no role do everything, and every operation but the platform operator's and the trainee's self-service is open to ADMIN", () => {
    const operatorOnly = ['Query.organisations', 'Mutation.createOrganisation', 'Mutation.linkEmploymentArea'];
    // The data subject's own: ADMIN reads the log with accessLog and the record with trainee(id); a self-assessment is the trainee's answer.
    const traineeOnly = ['Query.myself', 'Query.myAccessLog', 'Mutation.recordSelfAssessment'];
    for (const [key, rule] of Object.entries(operationRules)) {
      expect([key, rule.roles[Role.ADMIN]]).toEqual([key, [...operatorOnly, ...traineeOnly].includes(key) ? undefined : Grant.ALL]);
    }
    for (const key of traineeOnly) expect([key, Object.keys(operationRules[key].roles)]).toEqual([key, [Role.TRAINEE]]);
    for (const role of Object.values(Role)) {
      expect(Object.values(operationRules).filter((rule) => rule.roles[role]).length).toBeLessThan(Object.keys(operationRules).length);
    }
  });

  it('names subject arguments that exist in the operation, so no subject check is silently skipped', () => {
    for (const [key, rule] of Object.entries(operationRules)) {
      for (const subject of rule.subjects ?? []) {
        const [kind, name] = key.split('.');
        const field = (kind === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name];
        for (const argPath of subject.args) {
          const [argName, ...rest] = argPath.split('.');
          const arg = field.args.find((a) => a.name === argName);
          expect([key, argPath, Boolean(arg)]).toEqual([key, argPath, true]);
          let type: GraphQLInputType = arg!.type;
          for (const part of rest) {
            const named = getNamedType(type);
            expect([key, argPath, isInputObjectType(named)]).toEqual([key, argPath, true]);
            const next = (named as GraphQLInputObjectType).getFields()[part];
            expect([key, argPath, part, Boolean(next)]).toEqual([key, argPath, part, true]);
            type = next.type;
          }
          // A required id: a request cannot leave it out to skip the check (unless the rule says why it may).
          expect([key, argPath, isNonNullType(type) || subject.optional !== undefined]).toEqual([key, argPath, true]);
          expect([key, argPath, getNamedType(type).name]).toEqual([key, argPath, 'ID']);
        }
      }
    }
  });

  it('lists only types and fields that exist, and every personal type is reachable', () => {
    for (const [typeName, rule] of Object.entries(typeRules)) {
      const type = schema.getType(typeName);
      expect([typeName, type instanceof GraphQLObjectType]).toEqual([typeName, true]);
      const fields = (type as GraphQLObjectType).getFields();
      for (const field of Object.keys(rule.fields ?? {})) expect([typeName, field, Boolean(fields[field])]).toEqual([typeName, field, true]);
    }
  });

  it('keeps health and capacity data (assessments, diary, final summary) away from roster and unit views', () => {
    // Only the trainee's own staff and the trainee themselves.
    for (const typeName of ['CapacityAssessment', 'DiaryEntry', 'FinalSummary', 'CheckPoint', 'CompetenceRecord']) {
      expect([typeName, typeRules[typeName].otherFields]).toEqual([typeName, [View.FULL, View.SELF]]);
    }
    for (const field of ['latestCapacityAssessment', 'email', 'phone', 'birthYear', 'identityCodeTemporary', 'periods', 'referrals']) {
      expect([field, viewsForField('Trainee', field)]).toEqual([field, [View.FULL, View.SELF]]);
    }
    expect(viewsForField('AttendanceEntry', 'absenceReason')).not.toContain(View.UNIT);
  });

  it('keeps the staff-internal fields from the trainee themselves, and only those, with a reason for each', () => {
    const internal = Object.entries(staffInternalFields).flatMap(([typeName, fields]) => Object.keys(fields).map((field) => `${typeName}.${field}`));
    expect(internal.sort()).toEqual(['CoachingPeriod.caseloadOverrideReason', 'Placement.notes', 'Referral.background']);
    for (const key of internal) {
      const [typeName, field] = key.split('.');
      expect([key, viewsForField(typeName, field)]).toEqual([key, [View.FULL]]);
      expect(staffInternalFields[typeName][field].length).toBeGreaterThan(20);
    }
    // Every other field a FULL viewer reads of a personal type is the trainee's too (work orders are the units').
    for (const [typeName, rule] of Object.entries(typeRules)) {
      if (typeName === 'WorkOrder') continue;
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.keys(type.getFields())) {
        if (internal.includes(`${typeName}.${field}`)) continue;
        const views = viewsForField(typeName, field)!;
        if (views.includes(View.FULL)) expect([typeName, field, views.includes(View.SELF)]).toEqual([typeName, field, true]);
      }
      expect(rule).toBeDefined();
    }
  });

  it('grants the trainee no operation on all rows of personal data, and every subject it may name is seen as SELF', () => {
    for (const [key, rule] of Object.entries(operationRules)) {
      const grant = rule.roles[Role.TRAINEE];
      if (!grant) continue;
      const catalogue = ['Query.me', 'Query.enumLabels', 'Query.allEnumLabels', 'Query.serviceInfo', 'Query.organisation'];
      if (grant === Grant.ALL) expect([key, catalogue.includes(key) || key.startsWith('Query.capacityInstrument')]).toEqual([key, true]);
      for (const subject of rule.subjects ?? []) {
        if (subject.catalogue || subject.kind === 'workOrder') continue;
        expect([key, subject.kind, subject.views.includes(View.SELF)]).toEqual([key, subject.kind, true]);
      }
    }
  });

  it('docs/permissions.md is what the matrix renders (run `npm run schema`)', () => {
    expect(fs.readFileSync(permissionsDocPath, 'utf8')).toBe(renderPermissionsDoc());
  });
});

describe('views and scopes', () => {
  it('gives each role the view the matrix describes inside its scope, elsewhere in its organisation, and nothing outside it', () => {
    const expected: Record<Role, [inScope: View, inOrganisation: View, outside: View]> = {
      [Role.ADMIN]: [View.FULL, View.FULL, View.NONE],
      [Role.COACH]: [View.FULL, View.ROSTER, View.NONE],
      [Role.CAREER_AGENT]: [View.FULL, View.ROSTER, View.NONE],
      [Role.CASE_MANAGER]: [View.FULL, View.NONE, View.NONE],
      [Role.UNIT_LEAD]: [View.UNIT, View.NONE, View.NONE],
      [Role.PARTNER]: [View.NONE, View.NONE, View.NONE],
      [Role.ANALYST]: [View.NONE, View.NONE, View.NONE],
      [Role.TRAINEE]: [View.SELF, View.NONE, View.NONE],
      [Role.PLATFORM_OPERATOR]: [View.NONE, View.NONE, View.NONE],
    };
    for (const role of Object.values(Role)) {
      expect([role, traineeView(role, 'scope'), traineeView(role, 'organisation'), traineeView(role, 'outside')]).toEqual([role, ...expected[role]]);
    }
  });

  it('scopes a user without a scope row or without an organisation to nothing rather than to everything', () => {
    const organisationId = 'org-a';
    expect(scopeOf({ userId: 'u', role: Role.COACH, organisationId })).toEqual({ kind: 'none' });
    expect(scopeOf({ userId: 'u', role: Role.CASE_MANAGER, organisationId })).toEqual({ kind: 'none' });
    expect(scopeOf({ userId: 'u', role: Role.UNIT_LEAD, organisationId })).toEqual({ kind: 'none' });
    expect(scopeOf({ userId: 'u', role: Role.TRAINEE, organisationId })).toEqual({ kind: 'none' });
    expect(scopeOf({ userId: 'u', role: Role.ADMIN })).toEqual({ kind: 'none' });
    expect(scopeOf({ userId: 'u', role: Role.PLATFORM_OPERATOR })).toEqual({ kind: 'none' });
    // ADMIN's "everything" is everything of their organisation.
    expect(scopeOf({ userId: 'u', role: Role.ADMIN, organisationId })).toEqual({ kind: 'organisation', organisationId });
  });

  it('lets a unit lead see only its own unit and a partner only its own company, and no one past the organisation', () => {
    const organisationId = 'org-a';
    const lead = { userId: 'u', role: Role.UNIT_LEAD, unitId: 'unit-a', organisationId };
    expect(organisationView(lead, { unitId: 'unit-a', organisationId })).toBe(View.UNIT);
    expect(organisationView(lead, { unitId: 'unit-b', organisationId })).toBe(View.NONE);
    expect(organisationView(lead, { unitId: null })).toBe(View.NONE);
    const partner = { userId: 'p', role: Role.PARTNER, companyId: 'c-1', organisationId };
    expect(organisationView(partner, { companyId: 'c-1' })).toBe(View.FULL);
    expect(organisationView(partner, { companyId: 'c-2' })).toBe(View.NONE);
    expect(organisationView({ userId: 'a', role: Role.ANALYST, organisationId }, { unitId: 'unit-a' })).toBe(View.NONE);
    const admin = { userId: 'a', role: Role.ADMIN, organisationId };
    expect(organisationView(admin, { unitId: 'unit-x', organisationId })).toBe(View.FULL);
    expect(organisationView(admin, { unitId: 'unit-x', organisationId: 'org-b' })).toBe(View.NONE);
    expect(organisationView(admin, { areaId: 'area-x', organisationIds: ['org-b', 'org-c'] })).toBe(View.NONE);
    expect(organisationView(admin, { areaId: 'area-x', organisationIds: ['org-b', 'org-a'] })).toBe(View.FULL);
    expect(organisationView({ ...lead, unitId: 'unit-x' }, { unitId: 'unit-x', organisationId: 'org-b' })).toBe(View.NONE);
  });
});
