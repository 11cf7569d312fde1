import { randomUUID } from 'node:crypto';

import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType } from 'graphql';
import WebSocket from 'ws';

import { buildPolkuSchema } from '../src/app/schema';
import { operationRules, typeRules, View, viewsForField } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { MeDocument } from './generated/graphql';
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
const scope = { staffId: '', agentId: '', unitId: '', areaId: '', companyId: '', traineeId: '' };
const clients = new Map<Role, GraphQLClient>();

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);
/**
 * The demo also holds two neighbouring organisations (organisation-boundary.test.ts walks those):
 * every person this test picks is a client of the demo's main organisation, whose users it acts as.
 */
const ours = (traineeIdColumn: string) => `${traineeIdColumn} IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}')`;

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
  return (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; reason?: string } }>;
  };
}

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  schema = await buildPolkuSchema();
  scope.staffId = await one(
    `SELECT coach_id AS id FROM coaching_period WHERE coach_id IS NOT NULL GROUP BY coach_id ORDER BY count(*) DESC, coach_id LIMIT 1`,
  );
  scope.agentId = await one(
    `SELECT career_agent_id AS id FROM coaching_period WHERE career_agent_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  scope.unitId = await one(
    `SELECT work_unit_id AS id FROM placement WHERE work_unit_id IS NOT NULL GROUP BY work_unit_id ORDER BY count(*) DESC, work_unit_id LIMIT 1`,
  );
  scope.areaId = await one(
    `SELECT employment_area_id AS id FROM trainee WHERE employment_area_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  scope.companyId = await one(`SELECT id FROM partner_company WHERE organisation_id = $1 ORDER BY id LIMIT 1`, [server.organisationId]);
  scope.traineeId = await one(`SELECT trainee_id AS id FROM coaching_period WHERE coach_id = $1 ORDER BY trainee_id LIMIT 1`, [scope.staffId]);
  const actors: Record<Role, TestActor> = {
    [Role.ADMIN]: { role: Role.ADMIN, userId: 'matrix-admin' },
    [Role.COACH]: { role: Role.COACH, userId: 'matrix-coach', staffId: scope.staffId },
    [Role.CAREER_AGENT]: { role: Role.CAREER_AGENT, userId: 'matrix-agent', staffId: scope.agentId },
    [Role.CASE_MANAGER]: { role: Role.CASE_MANAGER, userId: 'matrix-case-manager', areaId: scope.areaId },
    [Role.UNIT_LEAD]: { role: Role.UNIT_LEAD, userId: 'matrix-unit-lead', unitId: scope.unitId },
    [Role.PARTNER]: { role: Role.PARTNER, userId: 'matrix-partner', companyId: scope.companyId },
    [Role.ANALYST]: { role: Role.ANALYST, userId: 'matrix-analyst' },
    [Role.TRAINEE]: { role: Role.TRAINEE, userId: 'matrix-trainee', traineeId: scope.traineeId },
    [Role.PLATFORM_OPERATOR]: { role: Role.PLATFORM_OPERATOR, userId: 'matrix-operator' },
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
    // Every role and anonymous × every root field of the schema.
    expect(checked).toBe((Object.values(Role).length + 1) * rootFieldKeys(schema).length);
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
  [Role.TRAINEE]: { inside: View.SELF, outside: View.NONE },
  [Role.PLATFORM_OPERATOR]: { inside: View.NONE, outside: View.NONE },
};

/** A trainee inside and one outside each role's scope, chosen by SQL independent of the server's rules. */
async function traineesFor(role: Role): Promise<{ inside?: string; outside: string }> {
  switch (role) {
    case Role.COACH:
    case Role.CAREER_AGENT: {
      const staffId = role === Role.COACH ? scope.staffId : scope.agentId;
      return {
        inside: await one(`SELECT trainee_id AS id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1 ORDER BY trainee_id LIMIT 1`, [
          staffId,
        ]),
        outside: await one(
          `SELECT t.id FROM trainee t WHERE EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id)
             AND NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id AND (p.coach_id = $1 OR p.career_agent_id = $1))
             AND ${ours('t.id')} ORDER BY t.id LIMIT 1`,
          [staffId],
        ),
      };
    }
    case Role.CASE_MANAGER:
      return {
        inside: await one(`SELECT id FROM trainee WHERE employment_area_id = $1 ORDER BY id LIMIT 1`, [scope.areaId]),
        outside: await one(
          `SELECT t.id FROM trainee t WHERE t.employment_area_id IS DISTINCT FROM $1
             AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = t.id AND r.employment_area_id = $1) AND ${ours('t.id')} ORDER BY t.id LIMIT 1`,
          [scope.areaId],
        ),
      };
    case Role.UNIT_LEAD:
      return {
        inside: await one(`SELECT trainee_id AS id FROM placement WHERE work_unit_id = $1 ORDER BY trainee_id LIMIT 1`, [scope.unitId]),
        outside: await one(
          `SELECT t.id FROM trainee t WHERE NOT EXISTS (SELECT 1 FROM placement p WHERE p.trainee_id = t.id AND p.work_unit_id = $1)
             AND NOT EXISTS (SELECT 1 FROM work_order_assignment a JOIN work_order w ON w.id = a.work_order_id WHERE a.trainee_id = t.id AND w.work_unit_id = $1)
             AND ${ours('t.id')} ORDER BY t.id LIMIT 1`,
          [scope.unitId],
        ),
      };
    case Role.TRAINEE:
      return {
        inside: scope.traineeId,
        outside: await one(`SELECT id FROM trainee WHERE id <> $1 AND ${ours('id')} ORDER BY id LIMIT 1`, [scope.traineeId]),
      };
    default:
      return {
        inside: await one(`SELECT id FROM trainee WHERE ${ours('id')} ORDER BY id LIMIT 1`),
        outside: await one(`SELECT id FROM trainee WHERE ${ours('id')} ORDER BY id DESC LIMIT 1`),
      };
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
      idOf: async (traineeId) =>
        (await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE trainee_id = $1 ORDER BY start_date DESC LIMIT 1`, [traineeId]))[0]?.id ??
        null,
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
            const actual = codes.includes('NOT_FOUND')
              ? 'NOT_FOUND'
              : codes.includes('FORBIDDEN')
                ? 'FORBIDDEN'
                : codes.length
                  ? String(codes)
                  : 'allowed';
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
      [
        'AttendanceEntry',
        'CapacityAssessment',
        'CheckPoint',
        'CoachingPeriod',
        'CompetenceRecord',
        'DiaryEntry',
        'FinalSummary',
        'GroupSessionParticipant',
        'Outcome',
        'Placement',
        'ProfileConsent',
        'Referral',
        'SubsidyApplication',
        'SubsidyDecision',
        'Trainee',
        'WorkOrder',
        'WorkOrderAssignment',
        'WorkTrialAgreement',
        'WorkTrialFeedback',
      ].sort(),
    );
  });
});

describe('lists return only rows in scope', () => {
  it("gives a case manager only their area's trainees and a unit lead only the trainees working in their unit", async () => {
    const listed = async (role: Role) =>
      (await send(clients.get(role)!, '{ trainees(first: 100) { totalCount edges { node { id } } } }')).data!.trainees as {
        totalCount: number;
        edges: Array<{ node: { id: string } }>;
      };

    const forCaseManager = await listed(Role.CASE_MANAGER);
    const inArea = await sql<{ id: string }>(
      `SELECT id FROM trainee WHERE employment_area_id = $1 AND ${ours('id')}
       UNION SELECT trainee_id FROM referral WHERE employment_area_id = $1 AND ${ours('trainee_id')}`,
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
    const orders = (await send(lead, '{ workOrders(first: 100) { totalCount edges { node { workUnitId } } } }')).data!.workOrders as {
      totalCount: number;
      edges: Array<{ node: { workUnitId: string } }>;
    };
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
      (
        await sql<{ id: string }>('SELECT DISTINCT trainee_id AS id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1', [
          scope.staffId,
        ])
      ).map((r) => r.id),
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
        `SELECT a.id FROM capacity_assessment a WHERE NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = a.trainee_id AND (p.coach_id = $1 OR p.career_agent_id = $1))
           AND ${ours('a.trainee_id')} LIMIT 1`,
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
    const write = await send(
      coach,
      'mutation ($id: ID!) { addDiaryEntry(input: { periodId: $id, date: "2026-01-05", kind: DAILY_LOG, text: "x" }) { diaryEntry { id } } }',
      { id: otherPeriod },
    );
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
    const rows = (
      result.data!.trainees as { edges: Array<{ node: { id: string; lastName: string; phone: string | null; birthYear: number | null } }> }
    ).edges.map((e) => e.node);
    expect(rows).toHaveLength(100);
    expect(rows.every((row) => typeof row.lastName === 'string')).toBe(true);
    const own = new Set(
      (
        await sql<{ id: string }>('SELECT DISTINCT trainee_id AS id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1', [
          scope.staffId,
        ])
      ).map((r) => r.id),
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

/**
 * No operation lets a caller widen their own scope: every role tries each known take-over path
 * (referring someone else's person, handing another coach's period to themselves, opening a period
 * for someone they see only as a roster entry, a token naming nothing real). Each attempt must be
 * refused, leave the data as it was, and leave the caller's view of the person as it was. Then the
 * legitimate paths: the current coach or ADMIN hands a period over, recorded with who and why.
 */
describe('no caller widens their own scope', () => {
  const reason = 'Take-over attempt';
  /** Someone outside the case manager's area, never referred from it. */
  let outsider: string;
  /** A running period of a trainee neither the matrix coach nor the matrix agent holds. */
  let othersPeriod: { id: string; traineeId: string; coachId: string; careerAgentId: string | null };
  /** A trainee the matrix coach coached before (FULL view), now in another coach's running period. */
  let formerlyCoached: { periodId: string; traineeId: string; coachId: string };
  /** An accepted referral of a returning person whose earlier period someone else coached. */
  let returning: { referralId: string; traineeId: string };

  const viewOf = async (role: Role, traineeId: string) => {
    const result = await send(clients.get(role)!, 'query ($id: ID!) { trainee(id: $id) { id phone } }', { id: traineeId });
    return result.errors?.[0]?.extensions?.code ?? (result.data?.trainee ? 'FULL' : 'none');
  };

  beforeAll(async () => {
    outsider = (await traineesFor(Role.CASE_MANAGER)).outside;
    const held = `EXISTS (SELECT 1 FROM coaching_period q WHERE q.trainee_id = p.trainee_id AND (q.coach_id IN ($1, $2) OR q.career_agent_id IN ($1, $2)))`;
    [othersPeriod] = await sql(
      `SELECT p.id, p.trainee_id AS "traineeId", p.coach_id AS "coachId", p.career_agent_id AS "careerAgentId" FROM coaching_period p
        JOIN staff_member s ON s.id = p.coach_id AND s.active
        WHERE p.phase IN ('INITIAL_MAPPING', 'PRE_COACHING', 'COACHING', 'CHECK_POINT') AND NOT ${held} AND ${ours('p.trainee_id')} ORDER BY p.id LIMIT 1`,
      [scope.staffId, scope.agentId],
    );
    const [candidate] = await sql<{ periodId: string; traineeId: string; coachId: string; startDate: string }>(
      `SELECT p.id AS "periodId", p.trainee_id AS "traineeId", p.coach_id AS "coachId", p.start_date::text AS "startDate" FROM coaching_period p
        WHERE p.phase IN ('COACHING', 'CHECK_POINT') AND p.trainee_id <> $3 AND NOT ${held} AND ${ours('p.trainee_id')} ORDER BY p.id DESC LIMIT 1`,
      [scope.staffId, scope.agentId, othersPeriod.traineeId],
    );
    // An earlier, ended period of that person with the matrix coach.
    await sql(
      `INSERT INTO coaching_period (trainee_id, service_form, participation_basis, days_per_week, hours_per_day, start_date, end_date, phase, coach_id)
       VALUES ($1, 'TOWARDS_WORK_AND_EDUCATION', 'CAREER_COACHING', 4, 6, $2::date - 400, $2::date - 200, 'ENDED', $3)`,
      [candidate.traineeId, candidate.startDate, scope.staffId],
    );
    formerlyCoached = candidate;
    const [person] = await sql<{ id: string }>(
      `SELECT t.id FROM trainee t WHERE EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id AND (p.phase NOT IN ('ENDED', 'FOLLOW_UP') OR p.coach_id IN ($1, $2) OR p.career_agent_id IN ($1, $2)))
          AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = t.id AND r.state IN ('RECEIVED', 'ACCEPTED'))
          AND t.pseudonymised_at IS NULL AND ${ours('t.id')} ORDER BY t.id LIMIT 1`,
      [scope.staffId, scope.agentId],
    );
    const [referral] = await sql<{ id: string }>(
      `INSERT INTO referral (employment_area_id, external_id, trainee_id, service_form, participation_basis, state, received_at, decided_at)
       VALUES ($1, 'RETURNING-1', $2, 'TOWARDS_WORK_AND_EDUCATION', 'CAREER_COACHING', 'ACCEPTED', $3, $3) RETURNING id`,
      [scope.areaId, person.id, server.clock.now()],
    );
    returning = { referralId: referral.id, traineeId: person.id };
  });

  it('refuses every take-over path to every role but ADMIN, changes nothing, and leaves each view as it was', async () => {
    const people = [outsider, othersPeriod.traineeId, formerlyCoached.traineeId, returning.traineeId];
    const roles = Object.values(Role).filter((role) => role !== Role.ADMIN);
    const viewsBefore = new Map<string, string>();
    for (const role of roles) for (const person of people) viewsBefore.set(`${role}:${person}`, await viewOf(role, person));
    const before = await sql(
      `SELECT (SELECT count(*)::int FROM referral WHERE trainee_id = $1) AS referrals, (SELECT count(*)::int FROM coaching_period WHERE trainee_id = $2) AS periods,
              (SELECT coach_id FROM coaching_period WHERE id = $3) AS coach, (SELECT career_agent_id FROM coaching_period WHERE id = $3) AS agent,
              (SELECT coach_id FROM coaching_period WHERE id = $4) AS former`,
      [outsider, returning.traineeId, othersPeriod.id, formerlyCoached.periodId],
    );

    const attempts: Array<{ name: string; query: string; variables: (role: Role) => Record<string, unknown> }> = [
      {
        name: 'refer a person of another area from their own',
        query: 'mutation ($input: ReceiveReferralInput!) { receiveReferral(input: $input) { referral { id } } }',
        variables: (role) => ({
          input: {
            employmentAreaId: scope.areaId,
            externalId: `TAKEOVER-${role}`,
            traineeId: outsider,
            serviceForm: 'IMMIGRANT_COACHING',
            participationBasis: 'CAREER_COACHING',
          },
        }),
      },
      {
        name: "hand another coach's period to themselves",
        query: 'mutation ($input: AssignCoachInput!) { assignCoach(input: $input) { coachingPeriod { id } } }',
        variables: () => ({ input: { periodId: othersPeriod.id, coachId: scope.staffId, reason } }),
      },
      {
        name: "make themselves another period's career agent",
        query: 'mutation ($input: AssignCareerAgentInput!) { assignCareerAgent(input: $input) { coachingPeriod { id } } }',
        variables: () => ({ input: { periodId: othersPeriod.id, careerAgentId: scope.agentId, reason } }),
      },
      {
        name: 'take over the running period of someone they coached before',
        query: 'mutation ($input: AssignCoachInput!) { assignCoach(input: $input) { coachingPeriod { id } } }',
        variables: () => ({ input: { periodId: formerlyCoached.periodId, coachId: scope.staffId, reason } }),
      },
      {
        name: 'open a period, as its coach, for a returning person they see only as a roster entry',
        query: 'mutation ($input: OpenCoachingPeriodInput!) { openCoachingPeriod(input: $input) { coachingPeriod { id } } }',
        variables: () => ({
          input: {
            referralId: returning.referralId,
            coachId: scope.staffId,
            careerAgentId: scope.agentId,
            daysPerWeek: 4,
            hoursPerDay: 6,
            startDate: '2026-11-16',
          },
        }),
      },
    ];

    const accepted: string[] = [];
    let tried = 0;
    for (const attempt of attempts) {
      for (const role of roles) {
        const result = await send(clients.get(role)!, attempt.query, attempt.variables(role));
        tried++;
        const codes = (result.errors ?? []).map((e) => e.extensions?.code);
        if (!result.errors?.length || !codes.every((code) => code === 'FORBIDDEN' || code === 'NOT_FOUND')) {
          accepted.push(`${role} could ${attempt.name}: ${JSON.stringify(result)}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(tried).toBe(attempts.length * roles.length);

    // The period's own view-holders are told why: a former coach is not its current staff.
    const former = await send(clients.get(Role.COACH)!, attempts[3].query, attempts[3].variables(Role.COACH));
    expect(former.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CURRENT_STAFF' });

    const after = await sql(
      `SELECT (SELECT count(*)::int FROM referral WHERE trainee_id = $1) AS referrals, (SELECT count(*)::int FROM coaching_period WHERE trainee_id = $2) AS periods,
              (SELECT coach_id FROM coaching_period WHERE id = $3) AS coach, (SELECT career_agent_id FROM coaching_period WHERE id = $3) AS agent,
              (SELECT coach_id FROM coaching_period WHERE id = $4) AS former`,
      [outsider, returning.traineeId, othersPeriod.id, formerlyCoached.periodId],
    );
    expect(after).toEqual(before);
    const changedViews: string[] = [];
    for (const role of roles) {
      for (const person of people) {
        const now = await viewOf(role, person);
        if (now !== viewsBefore.get(`${role}:${person}`)) changedViews.push(`${role} on ${person}: ${viewsBefore.get(`${role}:${person}`)} → ${now}`);
      }
    }
    expect(changedViews).toEqual([]);
    // The attempts were real: the coach sees those people as a roster entry (phone refused), the case manager not at all.
    expect(viewsBefore.get(`${Role.COACH}:${othersPeriod.traineeId}`)).toBe('FORBIDDEN');
    expect(viewsBefore.get(`${Role.CASE_MANAGER}:${outsider}`)).toBe('NOT_FOUND');
  });

  it('lets the current coach and ADMIN hand a period over, recording who and why; a reason is required', async () => {
    const currentCoach = await server.as({ role: Role.COACH, userId: 'current-coach', staffId: othersPeriod.coachId });
    const assign =
      'mutation ($input: AssignCoachInput!) { assignCoach(input: $input) { coachingPeriod { id coachId staffingHistory { subjectType fromState toState actorId actorRole reason } } } }';
    const blank = await send(currentCoach, assign, { input: { periodId: othersPeriod.id, coachId: scope.staffId, reason: '  ' } });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HANDOVER_REASON_REQUIRED' });

    // The current coach hands over: the payload is read with the new scope, so the old coach sees the roster view only.
    await send(currentCoach, assign, { input: { periodId: othersPeriod.id, coachId: scope.staffId, reason: 'Sick leave cover' } });
    const matrixCoach = clients.get(Role.COACH)!;
    const read = await send(
      matrixCoach,
      'query ($id: ID!) { coachingPeriod(id: $id) { coachId staffingHistory { subjectType fromState toState actorId actorRole reason } } }',
      { id: othersPeriod.id },
    );
    const period = read.data!.coachingPeriod as { coachId: string; staffingHistory: Array<Record<string, string | null>> };
    expect(period.coachId).toBe(scope.staffId);
    expect(period.staffingHistory.at(-1)).toEqual({
      subjectType: 'CoachingPeriodCoach',
      fromState: othersPeriod.coachId,
      toState: scope.staffId,
      actorId: currentCoach.userId,
      actorRole: 'COACH',
      reason: 'Sick leave cover',
    });
    expect(await viewOf(Role.COACH, othersPeriod.traineeId)).toBe('FULL');

    // ADMIN hands it back, and the career agent too: both recorded.
    const admin = clients.get(Role.ADMIN)!;
    await send(admin, assign, { input: { periodId: othersPeriod.id, coachId: othersPeriod.coachId, reason: 'Back from sick leave' } });
    const agent = await send(
      admin,
      'mutation ($input: AssignCareerAgentInput!) { assignCareerAgent(input: $input) { coachingPeriod { careerAgentId } } }',
      {
        input: { periodId: othersPeriod.id, careerAgentId: scope.agentId, reason: 'Agent for the job search' },
      },
    );
    expect(agent.errors).toBeUndefined();
    const rows = await sql<{ subject_type: string; from_state: string | null; to_state: string; actor_id: string; reason: string }>(
      `SELECT subject_type, from_state, to_state, actor_id, reason FROM state_change
        WHERE subject_id = $1 AND subject_type IN ('CoachingPeriodCoach', 'CoachingPeriodCareerAgent') AND actor_id IN ($2, $3) ORDER BY changed_at`,
      [othersPeriod.id, currentCoach.userId, clients.get(Role.ADMIN)!.userId],
    );
    expect(rows).toEqual([
      {
        subject_type: 'CoachingPeriodCoach',
        from_state: othersPeriod.coachId,
        to_state: scope.staffId,
        actor_id: currentCoach.userId,
        reason: 'Sick leave cover',
      },
      {
        subject_type: 'CoachingPeriodCoach',
        from_state: scope.staffId,
        to_state: othersPeriod.coachId,
        actor_id: clients.get(Role.ADMIN)!.userId,
        reason: 'Back from sick leave',
      },
      {
        subject_type: 'CoachingPeriodCareerAgent',
        from_state: othersPeriod.careerAgentId,
        to_state: scope.agentId,
        actor_id: clients.get(Role.ADMIN)!.userId,
        reason: 'Agent for the job search',
      },
    ]);
  });

  it('lets ADMIN, who sees everyone, refer a person from any area: then the case manager sees them', async () => {
    expect(await viewOf(Role.CASE_MANAGER, outsider)).toBe('NOT_FOUND');
    const result = await send(
      clients.get(Role.ADMIN)!,
      'mutation ($input: ReceiveReferralInput!) { receiveReferral(input: $input) { referral { id } } }',
      {
        input: {
          employmentAreaId: scope.areaId,
          externalId: 'ADMIN-APPROVED',
          traineeId: outsider,
          serviceForm: 'IMMIGRANT_COACHING',
          participationBasis: 'CAREER_COACHING',
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(await viewOf(Role.CASE_MANAGER, outsider)).toBe('FULL');
  });
});

/** A token proves an identity; only an active user of Polku gets in, on either transport. */
describe('identities that are no active user', () => {
  const attempt = async (client: GraphQLClient, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}`, ...headers },
      body: JSON.stringify({ query: '{ enumLabels(enum: "Role") { value } }' }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return `${response.status} ${body.errors?.[0]?.extensions?.code ?? 'ok'}`;
  };
  /** The WebSocket handshake with the same token: refused connections close with 4403. */
  const attemptOverWebSocket = async (client: GraphQLClient) =>
    new Promise<string>((resolve, reject) => {
      const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const timer = setTimeout(() => reject(new Error('no answer to connection_init')), 10_000);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${client.token}` } })));
      socket.on('message', (raw) => {
        clearTimeout(timer);
        resolve(JSON.parse(String(raw)).type);
        socket.close();
      });
      socket.on('close', (code) => {
        clearTimeout(timer);
        resolve(`closed ${code}`);
      });
    });

  it('refuses an unknown identity, a deactivated role, a coach who has left and a trainee whose record is gone', async () => {
    const inactiveCoach = await one(`SELECT id FROM staff_member WHERE role = 'COACH' AND NOT active ORDER BY id LIMIT 1`);
    const deactivated = await server.as({ role: Role.COACH, userId: 'deactivated-coach', staffId: scope.staffId });
    await sql(`UPDATE user_role SET active = false, deactivated_at = now() WHERE user_id = $1`, [deactivated.userId]);
    server.app.forgetUser(deactivated.userId!);
    const pseudonymised = await one(`SELECT id FROM trainee WHERE pseudonymised_at IS NOT NULL ORDER BY id LIMIT 1`).catch(() => undefined);
    const refusals: Array<[string, GraphQLClient]> = [
      ['an identity Polku has never seen', await server.as({ role: Role.ADMIN, userId: `stranger-${randomUUID()}` }, { noUser: true })],
      ['a deactivated coach', deactivated],
      ['a coach whose staff member has left', await server.as({ role: Role.COACH, userId: 'left-coach', staffId: inactiveCoach })],
      ...(pseudonymised
        ? [
            [
              'a trainee whose record was pseudonymised',
              await server.as({ role: Role.TRAINEE, userId: 'gone-trainee', traineeId: pseudonymised }),
            ] as [string, GraphQLClient],
          ]
        : []),
    ];
    const results = [];
    for (const [name, client] of refusals) results.push([name, await attempt(client), await attemptOverWebSocket(client)]);
    expect(results).toEqual(refusals.map(([name]) => [name, '401 UNAUTHENTICATED', 'closed 4403']));

    // Every role of the matrix with a real user is let in, on both transports.
    for (const role of Object.values(Role)) {
      expect([role, await attempt(clients.get(role)!), await attemptOverWebSocket(clients.get(role)!)]).toEqual([role, '200 ok', 'connection_ack']);
    }
  });

  it('makes a user of several organisations choose one with x-polku-organisation, and refuses one they are not in', async () => {
    const other = await server.createOrganisation('Kahden kaupungin kaupunki');
    await server.as({ role: Role.ANALYST, userId: 'two-organisations', organisationId: other });
    const both = await server.as({ role: Role.ADMIN, userId: 'two-organisations' });
    expect(await attempt(both)).toBe('401 UNAUTHENTICATED');
    expect(await attempt(both, { 'x-polku-organisation': server.organisationId })).toBe('200 ok');
    expect(await attempt(both, { 'x-polku-organisation': other })).toBe('200 ok');
    expect(await attempt(both, { 'x-polku-organisation': randomUUID() })).toBe('401 UNAUTHENTICATED');
    expect(await attempt(both, { 'x-polku-organisation': 'not-an-id' })).toBe('401 UNAUTHENTICATED');
    const asAnalyst = await server.as({ role: Role.ANALYST, userId: 'two-organisations', organisationId: other }, { organisationHeader: other });
    const me = await asAnalyst.request(MeDocument, {});
    expect([me.data?.me.role, me.data?.me.organisation?.name]).toEqual(['ANALYST', 'Kahden kaupungin kaupunki']);
  });
});
