import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType } from 'graphql';
import { operationRules, typeRules, View, viewsForField } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { buildPolkuSchema } from '../src/platform/graphql/schema';
import { probeDocument, rootFieldKeys } from './support/probe-operations';
import { GraphQLClient, startTestServer, TestActor, TestServer } from './support/test-server';

/**
 * The permission matrix walked over HTTP on the demo data: every role (and no token) against
 * every query and mutation, then every field of the personal types seen from inside and outside
 * each role's scope, then the lists and by-id look-ups (no IDOR). The expectations come from the
 * matrix data itself (src/modules/access/permission-matrix.ts); the scopes come from SQL here.
 */
let server: TestServer;
let schema: GraphQLSchema;
const scope = { staffId: '', unitId: '', areaId: '', companyId: '' };
const clients = new Map<Role, GraphQLClient>();

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return server.app.dataSource.query(text, params);
}

async function one(text: string, params: unknown[] = []): Promise<string> {
  const rows = await sql<{ id: string }>(text, params);
  if (!rows[0]) throw new Error(`demo data has no row for: ${text}`);
  return rows[0].id;
}

async function send(client: GraphQLClient | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; reason?: string } }> };
}

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  schema = await buildPolkuSchema();
  scope.staffId = await one(`SELECT coach_id AS id FROM coaching_period WHERE coach_id IS NOT NULL GROUP BY coach_id ORDER BY count(*) DESC, coach_id LIMIT 1`);
  scope.unitId = await one(`SELECT work_unit_id AS id FROM placement WHERE work_unit_id IS NOT NULL GROUP BY work_unit_id ORDER BY count(*) DESC, work_unit_id LIMIT 1`);
  scope.areaId = await one(`SELECT employment_area_id AS id FROM trainee WHERE employment_area_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  scope.companyId = await one(`SELECT id FROM partner_company ORDER BY id LIMIT 1`);
  const actors: Record<Role, TestActor> = {
    [Role.ADMIN]: { role: Role.ADMIN, userId: 'matrix-admin' },
    [Role.COACH]: { role: Role.COACH, userId: 'matrix-coach', staffId: scope.staffId },
    [Role.CAREER_AGENT]: { role: Role.CAREER_AGENT, userId: 'matrix-agent', staffId: scope.staffId },
    [Role.CASE_MANAGER]: { role: Role.CASE_MANAGER, userId: 'matrix-case-manager', areaId: scope.areaId },
    [Role.UNIT_LEAD]: { role: Role.UNIT_LEAD, userId: 'matrix-unit-lead', unitId: scope.unitId },
    [Role.PARTNER]: { role: Role.PARTNER, userId: 'matrix-partner', companyId: scope.companyId },
    [Role.ANALYST]: { role: Role.ANALYST, userId: 'matrix-analyst' },
  };
  for (const role of Object.values(Role)) clients.set(role, await server.as(actors[role]));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('every role against every query and mutation', () => {
  it('refuses exactly the operations the matrix does not grant, and never answers with an internal error', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const key of rootFieldKeys(schema)) {
      const [kind, field] = key.split('.') as ['Query' | 'Mutation', string];
      const rule = operationRules[key];
      const document = probeDocument(schema, kind, field);
      for (const role of [null, ...Object.values(Role)]) {
        const result = await send(role ? clients.get(role)! : null, document);
        const codes = (result.errors ?? []).map((e) => e.extensions?.code);
        // Other refusals (NOT_FOUND for the placeholder ids, business rules) mean the role got through.
        const refusedRole = (result.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.reason === 'ROLE_NOT_ALLOWED');
        const expected = rule.public ? 'allowed' : !role ? 'UNAUTHENTICATED' : rule.roles[role] ? 'allowed' : 'FORBIDDEN';
        const actual = codes.includes('UNAUTHENTICATED') ? 'UNAUTHENTICATED' : refusedRole ? 'FORBIDDEN' : 'allowed';
        checked++;
        if (actual !== expected) mismatches.push(`${key} as ${role ?? 'anonymous'}: expected ${expected}, got ${JSON.stringify(result.errors)}`);
        if (codes.includes('INTERNAL_SERVER_ERROR')) mismatches.push(`${key} as ${role}: internal error ${JSON.stringify(result.errors)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // 8 callers (7 roles and anonymous) × every root field of the schema.
    expect(checked).toBe(8 * rootFieldKeys(schema).length);
    process.stdout.write(`permission matrix: ${checked} role × operation checks over ${rootFieldKeys(schema).length} operations\n`);
  }, 240_000);
});

/** Expected view of a trainee by role, inside and outside the role's scope (the matrix's definition). */
const expectedView: Record<Role, { inside: View; outside: View }> = {
  [Role.ADMIN]: { inside: View.FULL, outside: View.FULL },
  [Role.COACH]: { inside: View.FULL, outside: View.ROSTER },
  [Role.CAREER_AGENT]: { inside: View.FULL, outside: View.ROSTER },
  [Role.CASE_MANAGER]: { inside: View.FULL, outside: View.NONE },
  [Role.UNIT_LEAD]: { inside: View.UNIT, outside: View.NONE },
  [Role.PARTNER]: { inside: View.NONE, outside: View.NONE },
  [Role.ANALYST]: { inside: View.NONE, outside: View.NONE },
};

/** A trainee inside and one outside each role's scope, chosen by SQL independent of the server's rules. */
async function traineesFor(role: Role): Promise<{ inside?: string; outside: string }> {
  switch (role) {
    case Role.COACH:
    case Role.CAREER_AGENT:
      return {
        inside: await one(`SELECT trainee_id AS id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1 ORDER BY trainee_id LIMIT 1`, [scope.staffId]),
        outside: await one(
          `SELECT t.id FROM trainee t WHERE EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id)
             AND NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id AND (p.coach_id = $1 OR p.career_agent_id = $1)) ORDER BY t.id LIMIT 1`,
          [scope.staffId],
        ),
      };
    case Role.CASE_MANAGER:
      return {
        inside: await one(`SELECT id FROM trainee WHERE employment_area_id = $1 ORDER BY id LIMIT 1`, [scope.areaId]),
        outside: await one(
          `SELECT t.id FROM trainee t WHERE t.employment_area_id IS DISTINCT FROM $1
             AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = t.id AND r.employment_area_id = $1) ORDER BY t.id LIMIT 1`,
          [scope.areaId],
        ),
      };
    case Role.UNIT_LEAD:
      return {
        inside: await one(`SELECT trainee_id AS id FROM placement WHERE work_unit_id = $1 ORDER BY trainee_id LIMIT 1`, [scope.unitId]),
        outside: await one(
          `SELECT t.id FROM trainee t WHERE NOT EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id AND p.work_unit_id = $1)
             AND NOT EXISTS (SELECT 1 FROM work_order_assignment a JOIN work_order w ON w.id = a.work_order_id WHERE a.trainee_id = t.id AND w.work_unit_id = $1)
           ORDER BY t.id LIMIT 1`,
          [scope.unitId],
        ),
      };
    default:
      return { inside: await one(`SELECT id FROM trainee ORDER BY id LIMIT 1`), outside: await one(`SELECT id FROM trainee ORDER BY id DESC LIMIT 1`) };
  }
}

function selection(type: GraphQLObjectType, field: string): string | null {
  const definition = type.getFields()[field];
  if (definition.args.some((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined)) return null;
  return isLeafType(getNamedType(definition.type)) ? field : `${field} { __typename }`;
}

describe('fields of personal types, from inside and outside each scope', () => {
  const cases: Array<{ typeName: string; query: string; idOf: (traineeId: string) => Promise<string | null> }> = [
    { typeName: 'Trainee', query: 'trainee', idOf: async (traineeId) => traineeId },
    {
      typeName: 'CoachingPeriod',
      query: 'coachingPeriod',
      idOf: async (traineeId) => (await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE trainee_id = $1 ORDER BY start_date DESC LIMIT 1`, [traineeId]))[0]?.id ?? null,
    },
  ];

  for (const { typeName, query, idOf } of cases) {
    it(`${typeName}: every field as every role is allowed, FORBIDDEN or NOT_FOUND exactly as the matrix says`, async () => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      const mismatches: string[] = [];
      let checked = 0;
      for (const role of Object.values(Role)) {
        if (!operationRules[`Query.${query}`].roles[role]) continue;
        const trainees = await traineesFor(role);
        for (const side of ['inside', 'outside'] as const) {
          const traineeId = trainees[side];
          const id = traineeId && (await idOf(traineeId));
          if (!id) continue;
          const view = expectedView[role][side];
          for (const field of Object.keys(type.getFields())) {
            const select = selection(type, field);
            if (!select) continue;
            const result = await send(clients.get(role)!, `query ($id: ID!) { ${query}(id: $id) { ${select} } }`, { id });
            const codes = (result.errors ?? []).map((e) => e.extensions?.code);
            const expected = view === View.NONE ? 'NOT_FOUND' : viewsForField(typeName, field)!.includes(view) ? 'allowed' : 'FORBIDDEN';
            const actual = codes.includes('NOT_FOUND') ? 'NOT_FOUND' : codes.includes('FORBIDDEN') ? 'FORBIDDEN' : codes.length ? String(codes) : 'allowed';
            checked++;
            if (expected !== actual) mismatches.push(`${typeName}.${field} as ${role} (${side}, ${view}): expected ${expected}, got ${actual}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(Object.keys(type.getFields()).length * 4);
    }, 120_000);
  }

  it('covers a rule for every personal type the API can return', () => {
    expect(Object.keys(typeRules).sort()).toEqual(
      ['AttendanceEntry', 'CapacityAssessment', 'CheckPoint', 'CoachingPeriod', 'CompetenceRecord', 'DiaryEntry', 'FinalSummary', 'GroupSessionParticipant', 'Outcome', 'Placement', 'ProfileConsent', 'Referral', 'Trainee', 'WorkOrder', 'WorkOrderAssignment', 'WorkTrialAgreement', 'WorkTrialFeedback'].sort(),
    );
  });
});

describe('lists return only rows in scope', () => {
  it("gives a case manager only their area's trainees and a unit lead only the trainees working in their unit", async () => {
    const listed = async (role: Role) =>
      ((await send(clients.get(role)!, '{ trainees(first: 100) { totalCount edges { node { id } } } }')).data!.trainees as { totalCount: number; edges: Array<{ node: { id: string } }> });

    const forCaseManager = await listed(Role.CASE_MANAGER);
    const inArea = await sql<{ id: string }>(
      `SELECT id FROM trainee WHERE employment_area_id = $1 UNION SELECT trainee_id FROM referral WHERE employment_area_id = $1`,
      [scope.areaId],
    );
    expect(forCaseManager.totalCount).toBe(inArea.length);
    const areaIds = new Set(inArea.map((r) => r.id));
    expect(forCaseManager.edges.length).toBe(Math.min(100, inArea.length));
    expect(forCaseManager.edges.filter((e) => !areaIds.has(e.node.id))).toEqual([]);
    expect(forCaseManager.totalCount).toBeLessThan((await listed(Role.ADMIN)).totalCount);

    const forUnitLead = await listed(Role.UNIT_LEAD);
    const inUnit = await sql<{ id: string }>(
      `SELECT trainee_id AS id FROM placement WHERE work_unit_id = $1
       UNION SELECT a.trainee_id FROM work_order_assignment a JOIN work_order w ON w.id = a.work_order_id WHERE w.work_unit_id = $1`,
      [scope.unitId],
    );
    expect(forUnitLead.totalCount).toBe(inUnit.length);
    expect(forUnitLead.totalCount).toBeGreaterThan(0);
    expect(forUnitLead.totalCount).toBeLessThan((await listed(Role.ADMIN)).totalCount);
  });

  it("gives a unit lead only their unit's work orders and placements", async () => {
    const lead = clients.get(Role.UNIT_LEAD)!;
    const orders = (await send(lead, '{ workOrders(first: 100) { totalCount edges { node { workUnitId } } } }')).data!.workOrders as { totalCount: number; edges: Array<{ node: { workUnitId: string } }> };
    const [{ count }] = await sql<{ count: number }>('SELECT count(*)::int AS count FROM work_order WHERE work_unit_id = $1', [scope.unitId]);
    expect(orders.totalCount).toBe(count);
    expect(orders.edges.every((e) => e.node.workUnitId === scope.unitId)).toBe(true);
    const placements = await send(lead, '{ placements(first: 100) { totalCount edges { node { workUnitId trainee { firstName } } } } }');
    expect(placements.errors).toBeUndefined();
    const rows = (placements.data!.placements as { edges: Array<{ node: { workUnitId: string } }> }).edges;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((e) => e.node.workUnitId === scope.unitId)).toBe(true);
  });

  it("gives a coach only their own trainees' competence records", async () => {
    const records = (await send(clients.get(Role.COACH)!, '{ competenceRecords(first: 100) { totalCount edges { node { traineeId } } } }')).data!
      .competenceRecords as { totalCount: number; edges: Array<{ node: { traineeId: string } }> };
    const own = new Set(
      (await sql<{ id: string }>('SELECT DISTINCT trainee_id AS id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1', [scope.staffId])).map((r) => r.id),
    );
    expect(records.edges.every((e) => own.has(e.node.traineeId))).toBe(true);
    const [{ count }] = await sql<{ count: number }>('SELECT count(*)::int AS count FROM competence_record');
    expect(records.totalCount).toBeLessThan(count);
  });
});

describe('look-ups by id outside the scope (no IDOR)', () => {
  it('answers NOT_FOUND for objects outside the scope and FORBIDDEN for health data seen as roster', async () => {
    const otherUnitOrder = await one('SELECT id FROM work_order WHERE work_unit_id <> $1 ORDER BY id LIMIT 1', [scope.unitId]);
    const lead = await send(clients.get(Role.UNIT_LEAD)!, 'query ($id: ID!) { workOrder(id: $id) { id } }', { id: otherUnitOrder });
    expect(lead.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const { outside: notTheirs } = await traineesFor(Role.CASE_MANAGER);
    const period = await one('SELECT id FROM coaching_period WHERE trainee_id = $1 LIMIT 1', [notTheirs]).catch(() => null);
    if (period) {
      const caseManager = await send(clients.get(Role.CASE_MANAGER)!, 'query ($id: ID!) { coachingPeriod(id: $id) { id } }', { id: period });
      expect(caseManager.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }

    const { outside: someoneElses } = await traineesFor(Role.COACH);
    const assessment = await one('SELECT id FROM capacity_assessment WHERE trainee_id = $1 LIMIT 1', [someoneElses]).catch(async () =>
      one(
        `SELECT a.id FROM capacity_assessment a WHERE NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = a.trainee_id AND (p.coach_id = $1 OR p.career_agent_id = $1)) LIMIT 1`,
        [scope.staffId],
      ),
    );
    const coach = clients.get(Role.COACH)!;
    const read = await send(coach, 'query ($id: ID!) { capacityAssessment(id: $id) { id scores { score } } }', { id: assessment });
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(read.data).toBeNull();
    const otherPeriod = await one('SELECT id FROM coaching_period WHERE trainee_id = $1 LIMIT 1', [someoneElses]);
    const diary = await send(coach, 'query ($id: ID!) { diaryEntries(periodId: $id) { totalCount } }', { id: otherPeriod });
    expect(diary.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const write = await send(coach, 'mutation ($id: ID!) { addDiaryEntry(input: { periodId: $id, date: "2026-01-05", kind: DAILY_LOG, text: "x" }) { diaryEntry { id } } }', { id: otherPeriod });
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // PARTNER and ANALYST reach no trainee at all, not even by id.
    for (const role of [Role.PARTNER, Role.ANALYST]) {
      const result = await send(clients.get(role)!, 'query ($id: ID!) { trainee(id: $id) { id firstName } }', { id: someoneElses });
      expect([role, result.errors?.[0].extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});

describe('a roster with fields only some rows may show', () => {
  it("keeps the list: a coach asking for everyone's phone gets their own trainees' numbers and FORBIDDEN on the others' only", async () => {
    const result = await send(clients.get(Role.COACH)!, '{ trainees(first: 100) { edges { node { id lastName phone birthYear } } } }');
    const rows = (result.data!.trainees as { edges: Array<{ node: { id: string; lastName: string; phone: string | null; birthYear: number | null } }> }).edges.map((e) => e.node);
    expect(rows).toHaveLength(100);
    expect(rows.every((row) => typeof row.lastName === 'string')).toBe(true);
    const own = new Set(
      (await sql<{ id: string }>('SELECT DISTINCT trainee_id AS id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1', [scope.staffId])).map((r) => r.id),
    );
    const ownRows = rows.filter((row) => own.has(row.id));
    expect(ownRows.length).toBeGreaterThan(0);
    expect(ownRows.every((row) => row.birthYear !== null)).toBe(true);
    const refusedPaths = (result.errors ?? []).map((e) => e.path?.join('.'));
    const othersWithPeriods = rows.filter((row) => !own.has(row.id) && row.birthYear === null);
    expect(othersWithPeriods.length).toBeGreaterThan(0);
    for (const row of othersWithPeriods) {
      const index = rows.indexOf(row);
      expect(refusedPaths).toContain(`trainees.edges.${index}.node.birthYear`);
    }
    expect((result.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.reason === 'VIEW_TOO_NARROW')).toBe(true);
  });
});
