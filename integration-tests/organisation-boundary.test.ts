import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

import { buildPolkuSchema } from '../src/app/schema';
import { operationRules, SubjectKind } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { fieldSelection, rootFieldKeys } from './support/probe-operations';
import { GraphQLClient, startTestServer, TestActor, TestServer } from './support/test-server';

/**
 * The organisation boundary, walked over HTTP on the demo data. The demo holds three controllers:
 * Pori (organisation B here: the large register), Ulvila (same employment area as Pori) and Rauma
 * (its own area, which also refers clients to Pori). Every role of Rauma, and Ulvila's coach and
 * case manager, call every query and mutation of the schema with B's real objects at every id
 * position the arguments have (generated from the schema and the permission matrix, not written
 * by hand), selecting every scalar field two levels deep. Nothing of B may come back: a named B
 * object is refused (NOT_FOUND, FORBIDDEN or, for a reference in the input, BAD_USER_INPUT), no
 * answer's data holds any of B's personal values or ids, and B's rows are exactly as they were.
 */
let server: TestServer;
let schema: GraphQLSchema;
const organisations = { pori: '', ulvila: '', rauma: '' };

interface Caller {
  label: string;
  organisationId: string | null;
  client: GraphQLClient;
}
const callers: Caller[] = [];

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; reason?: string } }>;
};

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

async function one(text: string, params: unknown[] = []): Promise<string> {
  const [row] = await sql<{ id: string }>(text, params);
  if (!row) throw new Error(`demo data has no row for: ${text}`);
  return row.id;
}

async function send(client: GraphQLClient, query: string): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Answer;
}

/** B's rows of each kind, chosen among those that are B's alone for the calling organisation. */
async function foreignIds(callerOrganisation: string): Promise<Partial<Record<SubjectKind, string>>> {
  const b = organisations.pori;
  const ofB = (table: string) => one(`SELECT id FROM ${table} WHERE organisation_id = $1 ORDER BY id LIMIT 1`, [b]);
  const viaTrainee = (table: string, alias = 'x') =>
    one(
      `SELECT ${alias}.id FROM ${table} ${alias} JOIN trainee t ON t.id = ${alias}.trainee_id WHERE t.organisation_id = $1 ORDER BY ${alias}.id LIMIT 1`,
      [b],
    );
  // A client of B's in coaching with a running period: the richest target.
  const trainee = await one(
    `SELECT t.id FROM trainee t JOIN coaching_period p ON p.trainee_id = t.id
      WHERE t.organisation_id = $1 AND p.phase = 'COACHING' ORDER BY t.id LIMIT 1`,
    [b],
  );
  const areaOfBOnly = `SELECT a.id FROM employment_area a
    WHERE EXISTS (SELECT 1 FROM employment_area_organisation l WHERE l.employment_area_id = a.id AND l.organisation_id = $1)
      AND NOT EXISTS (SELECT 1 FROM employment_area_organisation l WHERE l.employment_area_id = a.id AND l.organisation_id = $2)
    ORDER BY a.id LIMIT 1`;
  const ids: Partial<Record<SubjectKind, string>> = {
    trainee,
    period: await one(`SELECT id FROM coaching_period WHERE trainee_id = $1 ORDER BY start_date DESC LIMIT 1`, [trainee]),
    placement: await viaTrainee('placement'),
    referral: await viaTrainee('referral'),
    capacityAssessment: await viaTrainee('capacity_assessment'),
    competenceRecord: await viaTrainee('competence_record'),
    outcome: await viaTrainee('outcome'),
    workTrialAgreement: await viaTrainee('work_trial_agreement'),
    checkPoint: await one(
      `SELECT c.id FROM check_point c JOIN coaching_period p ON p.id = c.period_id JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = $1 ORDER BY c.id LIMIT 1`,
      [b],
    ),
    finalSummary: await one(
      `SELECT f.id FROM final_summary f JOIN coaching_period p ON p.id = f.period_id JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = $1 ORDER BY f.id LIMIT 1`,
      [b],
    ),
    workOrder: await one(
      `SELECT w.id FROM work_order w JOIN work_unit u ON u.id = w.work_unit_id WHERE u.organisation_id = $1 ORDER BY w.id LIMIT 1`,
      [b],
    ),
    workUnit: await ofB('work_unit'),
    partnerCompany: await ofB('partner_company'),
    staffMember: await ofB('staff_member'),
    task: await ofB('task'),
    department: await ofB('department'),
    groupSession: await ofB('group_session'),
    indicator: await ofB('indicator'),
    competenceProfile: await one(
      `SELECT c.profile_id AS id FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id WHERE t.organisation_id = $1 ORDER BY c.id LIMIT 1`,
      [b],
    ),
    userRole: await one(`SELECT id FROM user_role WHERE organisation_id = $1 ORDER BY id LIMIT 1`, [b]),
    organisation: b,
  };
  const [area] = await sql<{ id: string }>(areaOfBOnly, [b, callerOrganisation]);
  if (area) {
    ids.employmentArea = area.id;
    ids.caseManager = await one('SELECT id FROM case_manager WHERE employment_area_id = $1 ORDER BY id LIMIT 1', [area.id]);
  }
  // Capacity instruments, their items and the qualifications are national (shared by every organisation): not B's alone.
  return ids;
}

/** The kind an id position names when the matrix does not say (filters, look-ups by id): by name and type. */
const kindByName: Record<string, SubjectKind> = {
  traineeId: 'trainee',
  traineeIds: 'trainee',
  periodId: 'period',
  placementId: 'placement',
  referralId: 'referral',
  workOrderId: 'workOrder',
  checkPointId: 'checkPoint',
  fromAssessmentId: 'capacityAssessment',
  toAssessmentId: 'capacityAssessment',
  coachId: 'staffMember',
  careerAgentId: 'staffMember',
  staffId: 'staffMember',
  staffMemberId: 'staffMember',
  intakeStaffIds: 'staffMember',
  caseManagerId: 'caseManager',
  employmentAreaId: 'employmentArea',
  employmentAreaIds: 'employmentArea',
  departmentId: 'department',
  workUnitId: 'workUnit',
  unitId: 'workUnit',
  partnerCompanyId: 'partnerCompany',
  companyId: 'partnerCompany',
  taskId: 'task',
  sessionId: 'groupSession',
  indicatorId: 'indicator',
  agreementId: 'workTrialAgreement',
  userRoleId: 'userRole',
  organisationId: 'organisation',
};

const kindByReturnType: Record<string, SubjectKind> = {
  Trainee: 'trainee',
  CoachingPeriod: 'period',
  Placement: 'placement',
  Referral: 'referral',
  CapacityAssessment: 'capacityAssessment',
  CompetenceRecord: 'competenceRecord',
  CompetenceProfile: 'competenceProfile',
  WorkOrder: 'workOrder',
  WorkUnit: 'workUnit',
  PartnerCompany: 'partnerCompany',
  StaffMember: 'staffMember',
  Task: 'task',
  GroupSession: 'groupSession',
  Indicator: 'indicator',
  Organisation: 'organisation',
};

/** The matrix's kind at an argument path (`input.entries.periodId`), else by name or the return type. */
function kindAt(key: string, path: string, name: string, returnType: string): SubjectKind | undefined {
  const rule = operationRules[key]?.subjects?.find((subject) => subject.args.includes(path));
  if (rule) return rule.kind;
  if (path === 'id' || path === 'input.id')
    return kindByReturnType[returnType] ?? kindByName[`${returnType.charAt(0).toLowerCase()}${returnType.slice(1)}Id`];
  return kindByName[name];
}

/** Does the input type hold an ID anywhere (so an optional field of it is worth filling)? */
function holdsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsId(field.type, seen));
}

interface Filled {
  literal: string;
  /** Whether a B object was named at a path the matrix checks (the operation must then be refused). */
  namedSubject: boolean;
}

/**
 * A literal for the type at `path`: ids are B's objects where a kind is known, required fields and
 * every optional field holding an id are filled, other scalars get plain valid placeholders.
 */
function fill(
  key: string,
  type: GraphQLInputType,
  path: string,
  name: string,
  returnType: string,
  ids: Partial<Record<SubjectKind, string>>,
): Filled {
  if (isNonNullType(type)) return fill(key, type.ofType, path, name, returnType, ids);
  if (isListType(type)) {
    const item = fill(key, type.ofType, path, name, returnType, ids);
    return { literal: `[${item.literal}]`, namedSubject: item.namedSubject };
  }
  if (isEnumType(type)) return { literal: type.getValues()[0].name, namedSubject: false };
  if (isInputObjectType(type)) {
    let namedSubject = false;
    const parts: string[] = [];
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (!required && !holdsId(field.type)) continue;
      const filled = fill(key, field.type, `${path}.${field.name}`, field.name, returnType, ids);
      namedSubject ||= filled.namedSubject;
      parts.push(`${field.name}: ${filled.literal}`);
    }
    return { literal: `{ ${parts.join(', ')} }`, namedSubject };
  }
  if (type.name === 'ID') {
    const kind = kindAt(key, path, name, returnType);
    const id = kind ? ids[kind] : undefined;
    const checked = operationRules[key]?.subjects?.some((subject) => subject.args.includes(path)) ?? false;
    return { literal: JSON.stringify(id ?? '00000000-0000-4000-8000-000000000000'), namedSubject: Boolean(id) && checked };
  }
  switch (type.name) {
    case 'Int':
      return { literal: '1', namedSubject: false };
    case 'Float':
      return { literal: '1.0', namedSubject: false };
    case 'Boolean':
      return { literal: 'true', namedSubject: false };
    case 'LocalDate':
      return { literal: JSON.stringify(server.today()), namedSubject: false };
    case 'DateTimeISO':
      return { literal: JSON.stringify(new Date(server.clock.now()).toISOString()), namedSubject: false };
    case 'JSONObject':
      return { literal: '{}', namedSubject: false };
    default:
      return { literal: JSON.stringify(`boundary ${name}`), namedSubject: false };
  }
}

function documentFor(key: string, ids: Partial<Record<SubjectKind, string>>): { document: string; namedSubject: boolean } {
  const [kind, fieldName] = key.split('.') as ['Query' | 'Mutation', string];
  const root = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = root.getFields()[fieldName] as GraphQLField<unknown, unknown>;
  const returnType = getNamedType(field.type).name;
  let namedSubject = false;
  const args: string[] = [];
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !holdsId(arg.type)) continue;
    const filled = fill(key, arg.type, arg.name, arg.name, returnType, ids);
    namedSubject ||= filled.namedSubject;
    args.push(`${arg.name}: ${filled.literal}`);
  }
  const named = getNamedType(field.type);
  const inner = isObjectType(named) ? fieldSelection(named, 2) : '';
  const body = `${fieldName}${args.length ? `(${args.join(', ')})` : ''}${inner ? ` { ${inner} }` : ''}`;
  return { document: `${kind === 'Query' ? 'query' : 'mutation'} Boundary { ${body} }`, namedSubject };
}

/** B's personal values and ids that appear nowhere in the callers' own organisations. */
async function valuesOfB(): Promise<string[]> {
  const b = organisations.pori;
  const rows = await sql<{ value: string }>(
    `SELECT v.value FROM (
       SELECT t.id::text AS value FROM trainee t WHERE t.organisation_id = $1
       UNION SELECT t.last_name FROM trainee t WHERE t.organisation_id = $1 AND length(t.last_name) >= 4
       UNION SELECT t.email FROM trainee t WHERE t.organisation_id = $1 AND t.email IS NOT NULL
       UNION SELECT t.phone FROM trainee t WHERE t.organisation_id = $1 AND t.phone IS NOT NULL
       UNION SELECT p.id::text FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = $1
       UNION SELECT s.id::text FROM staff_member s WHERE s.organisation_id = $1
       UNION SELECT s.email FROM staff_member s WHERE s.organisation_id = $1 AND s.email IS NOT NULL
       UNION SELECT w.id::text FROM work_order w JOIN work_unit u ON u.id = w.work_unit_id WHERE u.organisation_id = $1
       UNION SELECT u.id::text FROM work_unit u WHERE u.organisation_id = $1
       UNION SELECT c.id::text FROM partner_company c WHERE c.organisation_id = $1
       UNION SELECT c.profile_id::text FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id WHERE t.organisation_id = $1
     ) v
     WHERE NOT EXISTS (SELECT 1 FROM trainee o WHERE o.organisation_id <> $1 AND v.value IN (o.last_name, o.email, o.phone))
       AND NOT EXISTS (SELECT 1 FROM staff_member o WHERE o.organisation_id <> $1 AND (position(v.value IN o.name) > 0 OR v.value = o.email))`,
    [b],
  );
  return rows.map((row) => row.value);
}

function leaked(answer: Answer, values: readonly string[]): string[] {
  if (!answer.data) return [];
  const text = JSON.stringify(answer.data);
  return values.filter((value) => text.includes(value));
}

/** Counts and last changes of B's rows: equal before and after means nothing of B was written. */
async function fingerprintOfB(): Promise<Record<string, string>> {
  const b = organisations.pori;
  const ofTrainee = (table: string) =>
    `SELECT '${table}' AS name, count(*)::text || '/' || coalesce(max(x.updated_at)::text, '') AS value FROM ${table} x JOIN trainee t ON t.id = x.trainee_id WHERE t.organisation_id = $1`;
  const own = (table: string) =>
    `SELECT '${table}' AS name, count(*)::text || '/' || coalesce(max(x.updated_at)::text, '') AS value FROM ${table} x WHERE x.organisation_id = $1`;
  const statements = [
    own('trainee'),
    ...['referral', 'coaching_period', 'placement', 'attendance_entry', 'capacity_assessment', 'competence_record', 'outcome'].map(ofTrainee),
    `SELECT 'diary_entry' AS name, count(*)::text || '/' || coalesce(max(x.updated_at)::text, '') AS value
       FROM diary_entry x JOIN coaching_period p ON p.id = x.period_id JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = $1`,
    ...['work_unit', 'staff_member', 'partner_company', 'task', 'group_session', 'indicator', 'department'].map(own),
    `SELECT 'profile_consent' AS name, count(*)::text || '/' || count(withdrawn_at)::text AS value FROM profile_consent x JOIN trainee t ON t.id = x.trainee_id WHERE t.organisation_id = $1`,
    `SELECT 'user_role' AS name, count(*)::text || '/' || count(deactivated_at)::text AS value FROM user_role x WHERE x.organisation_id = $1`,
    `SELECT 'state_change' AS name, count(*)::text AS value FROM state_change`,
    `SELECT 'organisation' AS name, row(o.*)::text AS value FROM organisation o WHERE o.id = $1`,
  ];
  const rows = await sql<{ name: string; value: string }>(statements.join(' UNION ALL '), [b]);
  return Object.fromEntries(rows.map((row) => [row.name, row.value]));
}

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  schema = await buildPolkuSchema();
  const byName = async (name: string) => one('SELECT id FROM organisation WHERE name = $1', [name]);
  organisations.pori = await byName('Porin kaupunki');
  organisations.ulvila = await byName('Ulvilan kaupunki');
  organisations.rauma = await byName('Rauman kaupunki');
  expect(server.organisationId).toBe(organisations.pori);

  const rauma = organisations.rauma;
  const ofRauma = (table: string, extra = '') => one(`SELECT id FROM ${table} WHERE organisation_id = $1 ${extra} ORDER BY id LIMIT 1`, [rauma]);
  const raumaArea = await one(
    `SELECT l.employment_area_id AS id FROM employment_area_organisation l WHERE l.organisation_id = $1 ORDER BY 1 LIMIT 1`,
    [rauma],
  );
  const poriArea = await one(
    `SELECT l.employment_area_id AS id FROM employment_area_organisation l WHERE l.organisation_id = $1 ORDER BY 1 LIMIT 1`,
    [organisations.ulvila],
  );
  const actors: Array<[string, TestActor]> = [
    ['Rauma ADMIN', { role: Role.ADMIN, userId: 'boundary-admin', organisationId: rauma }],
    [
      'Rauma COACH',
      { role: Role.COACH, userId: 'boundary-coach', organisationId: rauma, staffId: await ofRauma('staff_member', "AND role = 'COACH'") },
    ],
    [
      'Rauma CAREER_AGENT',
      {
        role: Role.CAREER_AGENT,
        userId: 'boundary-agent',
        organisationId: rauma,
        staffId: await ofRauma('staff_member', "AND role = 'CAREER_AGENT'"),
      },
    ],
    // Rauma's area refers clients to Pori too: its case manager, as a user of Rauma, sees Rauma's referrals only.
    ['Rauma CASE_MANAGER', { role: Role.CASE_MANAGER, userId: 'boundary-case-manager', organisationId: rauma, areaId: raumaArea }],
    ['Rauma UNIT_LEAD', { role: Role.UNIT_LEAD, userId: 'boundary-unit-lead', organisationId: rauma, unitId: await ofRauma('work_unit') }],
    ['Rauma PARTNER', { role: Role.PARTNER, userId: 'boundary-partner', organisationId: rauma, companyId: await ofRauma('partner_company') }],
    ['Rauma ANALYST', { role: Role.ANALYST, userId: 'boundary-analyst', organisationId: rauma }],
    ['Rauma TRAINEE', { role: Role.TRAINEE, userId: 'boundary-trainee', organisationId: rauma, traineeId: await ofRauma('trainee') }],
    ['PLATFORM_OPERATOR', { role: Role.PLATFORM_OPERATOR, userId: 'boundary-operator' }],
    [
      'Ulvila COACH',
      {
        role: Role.COACH,
        userId: 'boundary-ulvila-coach',
        organisationId: organisations.ulvila,
        staffId: await one(`SELECT id FROM staff_member WHERE organisation_id = $1 AND role = 'COACH' LIMIT 1`, [organisations.ulvila]),
      },
    ],
    // Same employment area as Pori's referrals: as a user of Ulvila, none of Pori's people.
    [
      'Ulvila CASE_MANAGER',
      { role: Role.CASE_MANAGER, userId: 'boundary-ulvila-case-manager', organisationId: organisations.ulvila, areaId: poriArea },
    ],
  ];
  for (const [label, actor] of actors) {
    callers.push({ label, organisationId: actor.organisationId ?? null, client: await server.as(actor) });
  }
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('organisation A against organisation B', () => {
  it('refuses every operation naming B’s objects, answers with none of B’s values, and writes nothing of B', async () => {
    const values = await valuesOfB();
    expect(values.length).toBeGreaterThan(300);
    const before = await fingerprintOfB();
    const problems: string[] = [];
    let checked = 0;
    let refusedSubjects = 0;
    for (const caller of callers) {
      const ids = await foreignIds(caller.organisationId ?? organisations.rauma);
      for (const key of rootFieldKeys(schema)) {
        const { document, namedSubject } = documentFor(key, ids);
        const answer = await send(caller.client, document);
        checked++;
        const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
        if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('SERVICE_UNAVAILABLE')) {
          problems.push(`${caller.label} ${key}: ${JSON.stringify(answer.errors)}`);
        }
        const found = leaked(answer, values);
        if (found.length) problems.push(`${caller.label} ${key}: answered with B's ${found.slice(0, 3).join(', ')}`);
        // The platform operator administers every organisation (its ADMIN, its areas) by design; it is held to the leak check only.
        if (namedSubject && caller.organisationId) {
          const field = key.split('.')[1];
          const refused =
            answer.data?.[field] == null && codes.some((code) => code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT');
          if (!refused) problems.push(`${caller.label} ${key}: named B's object and was not refused: ${JSON.stringify(answer).slice(0, 300)}`);
          else refusedSubjects++;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(callers.length * rootFieldKeys(schema).length);
    // Most operations name an object: the walk is not vacuous.
    expect(refusedSubjects).toBeGreaterThan(callers.length * 40);
    expect(await fingerprintOfB()).toEqual(before);
    process.stdout.write(`organisation boundary: ${checked} caller × operation checks, ${refusedSubjects} naming B's objects refused\n`);
  }, 600_000);

  it('finds B’s values when B’s own ADMIN asks the same way (the leak check can fail)', async () => {
    const values = await valuesOfB();
    const ids = await foreignIds(organisations.rauma);
    const admin = await server.as({ role: Role.ADMIN, userId: 'boundary-pori-admin' });
    expect(leaked(await send(admin, '{ trainees(first: 50) { edges { node { id lastName email phone } } } }'), values).length).toBeGreaterThan(10);
    const own = await send(admin, documentFor('Query.trainee', ids).document);
    expect(own.errors).toBeUndefined();
    expect(leaked(own, values)).toContain(ids.trainee);
  });

  it('gives each organisation its own register: counts of lists and aggregates are its own', async () => {
    const count = async (client: GraphQLClient, query: string) => {
      const answer = await send(client, query);
      expect(answer.errors).toBeUndefined();
      return answer.data;
    };
    const raumaAdmin = callers.find((c) => c.label === 'Rauma ADMIN')!.client;
    const [{ n: raumaTrainees }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM trainee WHERE organisation_id = $1', [
      organisations.rauma,
    ]);
    expect(raumaTrainees).toBe(8);
    expect(await count(raumaAdmin, '{ trainees(first: 100) { totalCount } }')).toEqual({ trainees: { totalCount: raumaTrainees } });
    expect(await count(raumaAdmin, '{ referrals(first: 100) { totalCount } }')).toEqual({ referrals: { totalCount: 8 } });
    expect(await count(raumaAdmin, '{ coachingPeriods(first: 100) { totalCount } }')).toEqual({ coachingPeriods: { totalCount: 6 } });
    expect(await count(raumaAdmin, '{ workOrders(first: 100) { totalCount } }')).toEqual({ workOrders: { totalCount: 0 } });
    // Rauma's log is the processing of Rauma's register: Pori's admin reading Pori's people does not appear in it.
    await count(server, '{ trainees(first: 5) { edges { node { phone } } } }');
    const raumaIds = new Set(
      (await sql<{ id: string }>('SELECT id FROM trainee WHERE organisation_id = $1', [organisations.rauma])).map((row) => row.id),
    );
    await count(raumaAdmin, '{ trainees(first: 5) { edges { node { phone } } } }');
    const log = (await count(raumaAdmin, '{ accessLog(first: 100) { edges { node { traineeId } } } }')) as {
      accessLog: { edges: Array<{ node: { traineeId: string } }> };
    };
    expect(log.accessLog.edges.length).toBeGreaterThan(0);
    expect(log.accessLog.edges.filter((edge) => !raumaIds.has(edge.node.traineeId))).toEqual([]);

    // The case manager of Pori's area, as a user of Ulvila: Ulvila's eight clients, none of Pori's.
    const ulvilaCaseManager = callers.find((c) => c.label === 'Ulvila CASE_MANAGER')!.client;
    const listed = (await count(ulvilaCaseManager, '{ trainees(first: 100) { totalCount edges { node { id } } } }')) as {
      trainees: { totalCount: number; edges: Array<{ node: { id: string } }> };
    };
    const ulvilaIds = new Set(
      (await sql<{ id: string }>('SELECT id FROM trainee WHERE organisation_id = $1', [organisations.ulvila])).map((row) => row.id),
    );
    expect(listed.trainees.totalCount).toBe(8);
    expect(listed.trainees.edges.every((edge) => ulvilaIds.has(edge.node.id))).toBe(true);

    // Ulvila's coach sees Ulvila's roster only (Pori's coaches see 120 + their intake).
    const ulvilaCoach = callers.find((c) => c.label === 'Ulvila COACH')!.client;
    const roster = (await count(ulvilaCoach, '{ trainees(first: 100) { totalCount } }')) as { trainees: { totalCount: number } };
    expect(roster.trainees.totalCount).toBe(8);

    const from = '2000-01-01';
    const statistics = (await count(raumaAdmin, `{ outcomeStatistics(from: "${from}", to: "${server.today()}") { periodsEnded } }`)) as {
      outcomeStatistics: { periodsEnded: number };
    };
    expect(statistics.outcomeStatistics.periodsEnded).toBe(0);
    const pori = (await count(server, `{ outcomeStatistics(from: "${from}", to: "${server.today()}") { periodsEnded } }`)) as {
      outcomeStatistics: { periodsEnded: number };
    };
    expect(pori.outcomeStatistics.periodsEnded).toBeGreaterThan(0);
  });

  it('lets the platform operator read organisations but no personal data of any', async () => {
    const operator = callers.find((c) => c.label === 'PLATFORM_OPERATOR')!.client;
    const organisationsList = await send(operator, '{ organisations { id name } }');
    expect(organisationsList.errors).toBeUndefined();
    expect((organisationsList.data!.organisations as Array<{ name: string }>).map((o) => o.name).sort()).toEqual(
      ['Porin kaupunki', 'Rauman kaupunki', 'Ulvilan kaupunki'].sort(),
    );
    const everyValue = [...(await valuesOfB())];
    for (const key of rootFieldKeys(schema)) {
      if (!key.startsWith('Query.')) continue;
      const answer = await send(operator, documentFor(key, {}).document);
      expect([key, leaked(answer, everyValue)]).toEqual([key, []]);
    }
  });
});
