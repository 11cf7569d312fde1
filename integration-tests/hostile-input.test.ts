import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';

import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { buildPolkuSchema } from '../src/app/schema';
import { operationRules } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { DEFAULT_INPUT_LIMITS } from '../src/platform/graphql/input-guard';
import { createLogger } from '../src/platform/logger';
import { nextIdentityCode } from './support/fixtures';
import { rootFieldKeys } from './support/probe-operations';
import { startTestServer, TestServer } from './support/test-server';

/**
 * Hostile values at every argument path of every query and mutation, generated from the schema.
 *
 * For each root field, every argument is walked (input objects recursively, list items, the lists
 * themselves) and each position gets the hostile values of its type, one at a time, with valid
 * values everywhere else (real demo ids where an id names something, so the hostile value gets as
 * far into the service as it can): NUL and lone surrogates, 100 000-character strings and strings
 * of exactly the platform's limit, malformed ids, huge lists and lists of 500 wrongly typed items,
 * wrong enum values, impossible and extreme dates, out-of-range and extreme numbers, and forged
 * page cursors (`after`) whose values do not fit the list's sort keys. They go as
 * variables over HTTP (all of them), as literals over HTTP (a deterministic sample) and over
 * WebSocket (another sample), as ADMIN so that no access rule hides an input path (the trainee's
 * own operations, which ADMIN may not use, as a TRAINEE).
 *
 * Accepted: success or a client error code. Refused: INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE,
 * HTTP 5xx, a connection closed without an answer, and any error-level log line. Values the input
 * guard refuses (NUL, surrogates, over-long strings, malformed ids, over-long lists) must come back
 * as BAD_USER_INPUT naming the exact path, and every `fields[].path` of any answer must name a real
 * argument and input field of the operation.
 */

const MAX_STRING = DEFAULT_INPUT_LIMITS.maxLength;
const MAX_LIST = DEFAULT_INPUT_LIMITS.maxItems;
const CONCURRENCY = 4;

let server: TestServer;
let schema: GraphQLSchema;
const logLines: Array<Record<string, unknown>> = [];

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

/** Real ids by kind, so a hostile value next to valid ids reaches the service's rules and SQL. */
const realIds: Record<string, string> = {};

beforeAll(async () => {
  const collector = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logLines.push(JSON.parse(line));
      callback();
    },
  });
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' }, logger: createLogger('warn', collector) });
  schema = await buildPolkuSchema();
  const first = async (kind: string, query: string) => {
    const [row] = await sql<{ id: string }>(query);
    if (!row) throw new Error(`demo data has no ${kind}`);
    realIds[kind] = row.id;
  };
  // Ids of the demo's main organisation, whose ADMIN sends the values (a neighbour's ids would stop at NOT_FOUND).
  await first('trainee', `SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first(
    'period',
    `SELECT id FROM coaching_period WHERE phase <> 'ENDED' AND trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'placement',
    `SELECT id FROM placement WHERE trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'referral',
    `SELECT id FROM referral WHERE trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'workOrder',
    `SELECT id FROM work_order WHERE work_unit_id IN (SELECT id FROM work_unit WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'checkPoint',
    `SELECT id FROM check_point WHERE period_id IN (SELECT p.id FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'capacityAssessment',
    `SELECT id FROM capacity_assessment WHERE trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first('capacityInstrument', 'SELECT id FROM capacity_instrument ORDER BY id LIMIT 1');
  await first('capacityItem', 'SELECT id FROM capacity_item ORDER BY id LIMIT 1');
  await first('coach', `SELECT id FROM staff_member WHERE role = 'COACH' AND organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first(
    'careerAgent',
    `SELECT id FROM staff_member WHERE role = 'CAREER_AGENT' AND organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`,
  );
  await first('caseManager', 'SELECT id FROM case_manager ORDER BY id LIMIT 1');
  await first('employmentArea', 'SELECT id FROM employment_area ORDER BY id LIMIT 1');
  await first('department', `SELECT id FROM department WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first('workUnit', `SELECT id FROM work_unit WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first('partnerCompany', `SELECT id FROM partner_company WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first('task', `SELECT id FROM task WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first('qualification', 'SELECT id FROM qualification ORDER BY id LIMIT 1');
  await first('qualificationUnit', 'SELECT id FROM qualification_unit ORDER BY id LIMIT 1');
  await first('requirement', 'SELECT id FROM competence_requirement ORDER BY id LIMIT 1');
  await first(
    'competenceRecord',
    `SELECT id FROM competence_record WHERE trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'finalSummary',
    `SELECT id FROM final_summary WHERE period_id IN (SELECT p.id FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first(
    'outcome',
    `SELECT id FROM outcome WHERE trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
  await first('groupSession', `SELECT id FROM group_session WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first('indicator', `SELECT id FROM indicator WHERE organisation_id = '${server.organisationId}' ORDER BY id LIMIT 1`);
  await first(
    'profile',
    `SELECT profile_id AS id FROM profile_consent WHERE trainee_id IN (SELECT id FROM trainee WHERE organisation_id = '${server.organisationId}') ORDER BY id LIMIT 1`,
  );
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

// ----- which real id an id position names ---------------------------------------------------

const kindByFieldName: Record<string, string> = {
  traineeId: 'trainee',
  traineeIds: 'trainee',
  periodId: 'period',
  placementId: 'placement',
  referralId: 'referral',
  workOrderId: 'workOrder',
  checkPointId: 'checkPoint',
  fromAssessmentId: 'capacityAssessment',
  toAssessmentId: 'capacityAssessment',
  instrumentId: 'capacityInstrument',
  itemId: 'capacityItem',
  coachId: 'coach',
  careerAgentId: 'careerAgent',
  staffId: 'coach',
  caseManagerId: 'caseManager',
  employmentAreaId: 'employmentArea',
  departmentId: 'department',
  workUnitId: 'workUnit',
  partnerCompanyId: 'partnerCompany',
  taskId: 'task',
  qualificationUnitIds: 'qualificationUnit',
  requirementId: 'requirement',
  sessionId: 'groupSession',
  indicatorId: 'indicator',
};

/** `id` fields of mutation inputs, by input type. */
const kindByInputType: Record<string, string> = {
  CompetenceTransitionInput: 'competenceRecord',
  CorrectOutcomeInput: 'outcome',
  FinaliseFinalSummaryInput: 'finalSummary',
  UpdateFinalSummaryInput: 'finalSummary',
  UpdateTaskInput: 'task',
  WorkOrderReasonInput: 'workOrder',
  WorkOrderTransitionInput: 'workOrder',
};

/** `id` arguments of root queries, by the type they return. */
const kindByReturnType: Record<string, string> = {
  CapacityAssessment: 'capacityAssessment',
  CapacityInstrument: 'capacityInstrument',
  CoachingPeriod: 'period',
  CompetenceProfile: 'profile',
  CompetenceRecord: 'competenceRecord',
  GroupSession: 'groupSession',
  Indicator: 'indicator',
  PartnerCompany: 'partnerCompany',
  Placement: 'placement',
  Qualification: 'qualification',
  Referral: 'referral',
  StaffMember: 'coach',
  Task: 'task',
  Trainee: 'trainee',
  WorkOrder: 'workOrder',
  WorkUnit: 'workUnit',
};

interface Position {
  /** Field name of the nearest named position (argument or input field). */
  name: string;
  /** Input object type that holds the field, if any. */
  parentType?: string;
  /** The root field's return type. */
  returnType: string;
  /** The field's own string limit (`@InputLimit`), else the platform's. */
  maxLength?: number;
}

function realIdFor(position: Position): string {
  const kind =
    kindByFieldName[position.name] ??
    (position.name === 'id' ? (position.parentType ? kindByInputType[position.parentType] : kindByReturnType[position.returnType]) : undefined);
  return (kind && realIds[kind]) || randomUUID();
}

// ----- valid values ---------------------------------------------------------------------------

function validScalar(scalar: string, position: Position): unknown {
  switch (scalar) {
    case 'ID':
      return realIdFor(position);
    case 'Int':
      return position.name === 'first' ? 3 : position.name === 'year' ? 2026 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'LocalDate':
      return server.today();
    case 'DateTimeISO':
      return '2026-11-18T08:00:00.000Z';
    case 'JSONObject':
      return {};
    default:
      if (position.name === 'identityCode') return nextIdentityCode();
      if (position.name === 'email') return 'hostile@example.test';
      if (position.name === 'businessId') return '1572860-0';
      return `hostile-${position.name}`;
  }
}

/** A valid value of the type: required input fields filled, lists of one. */
function validValue(type: GraphQLInputType, position: Position): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, position);
  if (isListType(type)) return [validValue(type.ofType, position)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        value[field.name] = validValue(field.type, { ...position, name: field.name, parentType: type.name });
      }
    }
    return value;
  }
  return validScalar(type.name, position);
}

// ----- hostile values -------------------------------------------------------------------------

/** Why a value is hostile; `guard` values must be refused as BAD_USER_INPUT on their own path. */
interface Hostile {
  label: string;
  value: unknown;
  guard?: boolean;
  /** Too large for a document literal (token limit) or not expressible as one. */
  variablesOnly?: boolean;
}

const LONG = 'x'.repeat(100_000);

/** Strings for a position whose limit is `limit` characters: exactly the limit must get as far as the rules and SQL. */
const stringValues = (limit: number): Hostile[] => [
  { label: 'NUL', value: 'ab\u0000cd', guard: true },
  { label: 'lone high surrogate', value: 'ab\uD800cd', guard: true },
  { label: 'lone low surrogate', value: '\uDC00', guard: true },
  { label: '100 000 characters', value: LONG, guard: true },
  { label: `${limit} characters (the limit)`, value: 'y'.repeat(limit) },
  { label: `${limit + 1} characters`, value: 'y'.repeat(limit + 1), guard: true },
  { label: 'SQL-like text', value: "x'; DROP TABLE trainee; --" },
  { label: 'pattern characters', value: '%_\\' },
  { label: 'wrong type (number)', value: 42 },
];

const idValues: Hostile[] = [
  { label: 'NUL', value: '00000000-0000-4000-8000-00000000000\u0000', guard: true },
  { label: 'lone surrogate', value: '\uD800', guard: true },
  { label: '100 000 characters', value: LONG, guard: true },
  { label: 'SQL', value: '1; DROP TABLE trainee', guard: true },
  { label: 'not a uuid', value: 'not-a-uuid', guard: true },
  { label: 'empty', value: '', guard: true },
  { label: 'identity code', value: '131052-308T', guard: true },
  { label: 'integer', value: 12345, guard: true },
  { label: 'nil uuid', value: '00000000-0000-0000-0000-000000000000' },
];

const intValues: Hostile[] = [
  { label: '2^31', value: 2 ** 31 },
  { label: '-2^31 - 1', value: -(2 ** 31) - 1 },
  { label: 'max int', value: 2 ** 31 - 1 },
  { label: 'min int', value: -(2 ** 31) },
  { label: 'fraction', value: 1.5 },
  { label: 'string', value: '7' },
];

const floatValues: Hostile[] = [
  { label: '1e308', value: 1e308 },
  { label: '-1e308', value: -1e308 },
  { label: 'smallest positive', value: 5e-324 },
  { label: 'NaN as string', value: 'NaN' },
  { label: 'Infinity as string', value: 'Infinity' },
];

const dateValues: Hostile[] = [
  { label: 'February 30', value: '2024-02-30' },
  { label: 'month 13', value: '2024-13-01' },
  { label: 'zeros', value: '0000-00-00' },
  { label: 'year 9999', value: '9999-12-31' },
  { label: 'year 1', value: '0001-01-01' },
  { label: 'no padding', value: '2024-1-1' },
];

const dateTimeValues: Hostile[] = [
  { label: 'February 30', value: '2024-02-30T10:00:00Z' },
  { label: 'words', value: 'yesterday' },
  { label: 'year 9999', value: '9999-12-31T23:59:59.999Z' },
  { label: 'year 1', value: '0001-01-01T00:00:00Z' },
];

const jsonValues: Hostile[] = [
  { label: 'NUL in a key', value: { 'a\u0000': 'b' }, guard: true },
  { label: 'NUL in a value', value: { a: ['b\u0000'] }, guard: true },
  { label: 'long value', value: { a: LONG }, guard: true },
];

function leafValues(type: GraphQLInputType, position: Position): Hostile[] {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    return [
      { label: 'unknown enum value', value: 'NOT_A_VALUE' },
      { label: 'lower-case enum value', value: named.getValues()[0].name.toLowerCase() },
      { label: 'number for an enum', value: 7 },
    ];
  }
  switch (named.name) {
    case 'String':
      return stringValues(position.maxLength ?? MAX_STRING);
    case 'ID':
      return idValues;
    case 'Int':
      return intValues;
    case 'Float':
      return floatValues;
    case 'Boolean':
      return [{ label: 'string for a boolean', value: 'yes' }];
    case 'LocalDate':
      return dateValues;
    case 'DateTimeISO':
      return dateTimeValues;
    case 'JSONObject':
      return jsonValues;
    default:
      throw new Error(`no hostile values for scalar ${named.name}`);
  }
}

/** Cursors this service never wrote: each has a value of the wrong kind for the list's sort keys. */
const forgedCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const cursorValues: Hostile[] = [1, 2, 3, 4].flatMap((n) => [
  { label: `forged cursor of ${n} identity codes`, value: forgedCursor(Array(n).fill('131052-308T')), guard: true },
  { label: `forged cursor of ${n} impossible dates`, value: forgedCursor(Array(n).fill('2024-02-30')), guard: true },
  { label: `forged cursor of ${n} with a malformed id`, value: forgedCursor([...Array(n - 1).fill('2024-01-01'), 'not-a-uuid']), guard: true },
  { label: `forged cursor of ${n} objects`, value: forgedCursor(Array(n).fill({ a: 1 })), guard: true },
]);

function listValues(type: GraphQLInputType, position: Position): Hostile[] {
  const item = validValue((isNonNullType(type) ? type.ofType : type) as GraphQLInputType, position);
  const itemType = getNamedType(type);
  const wrong = isInputObjectType(itemType) ? 'not an object' : { not: 'a scalar' };
  return [
    { label: '5 000 items', value: Array.from({ length: 5_000 }, () => item), guard: true, variablesOnly: true },
    { label: `${MAX_LIST} items (the limit)`, value: Array.from({ length: MAX_LIST }, () => item), variablesOnly: true },
    { label: '500 wrongly typed items', value: Array.from({ length: 500 }, () => wrong), variablesOnly: true },
    { label: 'empty list', value: [] },
  ];
}

// ----- positions --------------------------------------------------------------------------------

type Segment = string | number;

interface Case {
  key: string;
  kind: 'Query' | 'Mutation';
  field: GraphQLField<unknown, unknown>;
  path: Segment[];
  hostile: Hostile;
}

const pathText = (path: Segment[]) => path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/** Every position below an argument: leaves, lists, list items and input-object fields. */
function positions(
  type: GraphQLInputType,
  path: Segment[],
  position: Position,
  depth: number,
  out: Array<{ path: Segment[]; type: GraphQLInputType; position: Position }>,
) {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    out.push({ path, type: inner, position });
    positions(inner.ofType, [...path, 0], position, depth, out);
    return;
  }
  if (isInputObjectType(inner)) {
    if (depth > 6) return;
    for (const field of Object.values(inner.getFields())) {
      const maxLength = (field.extensions?.inputLimits as { maxLength?: number } | undefined)?.maxLength;
      positions(field.type, [...path, field.name], { ...position, name: field.name, parentType: inner.name, maxLength }, depth + 1, out);
    }
    return;
  }
  if (isLeafType(inner)) out.push({ path, type: inner, position });
}

function casesFor(kind: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): Case[] {
  const cases: Case[] = [];
  const returnType = getNamedType(field.type).name;
  for (const arg of field.args) {
    const found: Array<{ path: Segment[]; type: GraphQLInputType; position: Position }> = [];
    positions(arg.type, [arg.name], { name: arg.name, returnType }, 0, found);
    for (const { path, type, position } of found) {
      const values = isListType(type)
        ? listValues(type.ofType, position)
        : position.name === 'after'
          ? [...leafValues(type, position), ...cursorValues]
          : leafValues(type, position);
      for (const hostile of values) cases.push({ key: `${kind}.${field.name}(${pathText(path)}: ${hostile.label})`, kind, field, path, hostile });
    }
  }
  return cases;
}

/** The root arguments: required ones valid, the hostile one set at its path (creating what leads there). */
function argumentsOf(item: Case): Record<string, unknown> {
  const returnType = getNamedType(item.field.type).name;
  const args: Record<string, unknown> = {};
  for (const arg of item.field.args) {
    if (isNonNullType(arg.type) && arg.defaultValue === undefined) args[arg.name] = validValue(arg.type, { name: arg.name, returnType });
  }
  const arg = item.field.args.find((a) => a.name === item.path[0])!;
  let holder: Record<string | number, unknown> = args;
  let key: Segment = arg.name;
  let type: GraphQLInputType = arg.type;
  let position: Position = { name: arg.name, returnType };
  for (const segment of item.path.slice(1)) {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (holder[key] === undefined || holder[key] === null) holder[key] = validValue(inner, position);
    holder = holder[key] as Record<string | number, unknown>;
    key = segment;
    if (isListType(inner)) type = inner.ofType;
    else if (isInputObjectType(inner)) {
      const field = inner.getFields()[segment as string];
      type = field.type;
      position = { ...position, name: field.name, parentType: inner.name };
    }
  }
  holder[key] = item.hostile.value;
  return args;
}

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  return isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
}

function variablesDocument(item: Case, args: Record<string, unknown>): string {
  const used = item.field.args.filter((arg) => arg.name in args);
  const definitions = used.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${item.kind === 'Query' ? 'query' : 'mutation'} Hostile${definitions ? `(${definitions})` : ''} { ${item.field.name}${passed ? `(${passed})` : ''}${selectionOf(item.field)} }`;
}

/** A GraphQL literal of a JS value; enum positions get bare names. */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : undefined)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : undefined;
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v, fields?.[k]?.type)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && inner && isEnumType(inner) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function literalDocument(item: Case, args: Record<string, unknown>): string {
  const passed = item.field.args
    .filter((arg) => arg.name in args)
    .map((arg) => `${arg.name}: ${literal(args[arg.name], arg.type)}`)
    .join(', ');
  return `${item.kind === 'Query' ? 'query' : 'mutation'} Hostile { ${item.field.name}${passed ? `(${passed})` : ''}${selectionOf(item.field)} }`;
}

// ----- transports -----------------------------------------------------------------------------

interface FormattedError {
  message: string;
  extensions?: { code?: string; reason?: string; fields?: Array<{ path: string; message: string }>; stacktrace?: unknown } & Record<string, unknown>;
}

interface Outcome {
  status?: number;
  errors?: FormattedError[];
  closed?: string;
}

async function overHttp(payload: { query: string; variables?: Record<string, unknown> }, token: string): Promise<Outcome> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  try {
    return { status: response.status, errors: (JSON.parse(text) as { errors?: FormattedError[] }).errors };
  } catch {
    return { status: response.status, errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
}

/** Several operations on one graphql-ws connection. */
async function overWs(
  payloads: Array<{ query: string; variables?: Record<string, unknown> }>,
  token: string,
  params: Record<string, unknown> = {},
): Promise<Outcome[]> {
  const client = createClient({
    url: server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${token}`, ...params },
  });
  try {
    return await Promise.all(
      payloads.map(
        (payload) =>
          new Promise<Outcome>((resolve) => {
            let result: Outcome = {};
            const timer = setTimeout(() => resolve({ closed: 'no answer within 30 s' }), 30_000);
            client.subscribe(payload as never, {
              next: (value) => {
                result = { errors: value.errors as FormattedError[] | undefined };
              },
              error: (error) => {
                clearTimeout(timer);
                resolve(
                  Array.isArray(error) ? { errors: error as FormattedError[] } : { closed: String((error as { reason?: string }).reason ?? error) },
                );
              },
              complete: () => {
                clearTimeout(timer);
                resolve(result);
              },
            });
          }),
      ),
    );
  } finally {
    await client.dispose();
  }
}

// ----- checks ---------------------------------------------------------------------------------

const clientCodes = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
]);

/** Whether `path` (`input.entries[2].hours`, or `$input…` for a variable) names an argument and input fields of `field`. */
function namesRealInput(field: GraphQLField<unknown, unknown>, path: string): boolean {
  const segments = path.replace(/^\$/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const arg: GraphQLArgument | undefined = field.args.find((a) => a.name === segments[0]);
  if (!arg) return false;
  let type: GraphQLInputType = arg.type;
  for (const segment of segments.slice(1)) {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (/^\[\d+\]$/.test(segment)) {
      if (!isListType(inner)) return false;
      type = inner.ofType;
    } else if (isInputObjectType(inner) && inner.getFields()[segment]) {
      type = inner.getFields()[segment].type;
    } else if (isScalarType(inner) && inner.name === 'JSONObject') {
      return true;
    } else {
      return false;
    }
  }
  return true;
}

function problemsOf(item: Case, outcome: Outcome, transport: string, pathChecked: boolean): string[] {
  const problems: string[] = [];
  const where = `${transport} ${item.key}`;
  if (outcome.closed) problems.push(`${where}: connection closed: ${outcome.closed}`);
  if (outcome.status !== undefined && outcome.status >= 500) problems.push(`${where}: HTTP ${outcome.status}`);
  for (const error of outcome.errors ?? []) {
    const code = error.extensions?.code;
    if (!code || !clientCodes.has(code)) problems.push(`${where}: ${code ?? 'no code'}: ${error.message.slice(0, 200)}`);
    if (error.extensions?.stacktrace) problems.push(`${where}: stack trace in the answer`);
    for (const field of error.extensions?.fields ?? []) {
      if (!namesRealInput(item.field, field.path)) problems.push(`${where}: fields[].path ${field.path} names no input of ${item.field.name}`);
    }
  }
  if (pathChecked && item.hostile.guard) {
    const expected = pathText(item.path);
    const named = (outcome.errors ?? []).some(
      (e) => e.extensions?.code === 'BAD_USER_INPUT' && (e.extensions.fields ?? []).some((f) => f.path === expected),
    );
    if (!named)
      problems.push(
        `${where}: expected BAD_USER_INPUT on ${expected}, got ${JSON.stringify(outcome.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.extensions?.fields?.map((f) => f.path)]))?.slice(0, 300)}`,
      );
  }
  return problems;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

describe('hostile values at every argument path of every query and mutation', () => {
  it('are refused with client errors naming the path, over HTTP (variables and literals) and WebSocket, with no error in the log', async () => {
    const started = performance.now();
    const token = (await server.as({ role: Role.ADMIN, userId: 'hostile-admin' })).token!;
    // Operations ADMIN may not use (the trainee's self-service) go as a trainee whose period the
    // real ids name, so that their hostile values reach the rules and SQL too.
    const [periodOwner] = await sql<{ trainee_id: string }>('SELECT trainee_id FROM coaching_period WHERE id = $1', [realIds.period]);
    const traineeToken = (await server.as({ role: Role.TRAINEE, userId: 'hostile-trainee', traineeId: periodOwner.trainee_id })).token!;
    const tokenOf = (item: Case) =>
      operationRules[`${item.kind}.${item.field.name}`].roles[Role.ADMIN] || !operationRules[`${item.kind}.${item.field.name}`].roles[Role.TRAINEE]
        ? token
        : traineeToken;
    const cases: Case[] = [];
    for (const key of rootFieldKeys(schema)) {
      const [kind, name] = key.split('.') as ['Query' | 'Mutation', string];
      expect(operationRules[key]).toBeDefined();
      const field = (kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!).getFields()[name];
      cases.push(...casesFor(kind, field));
    }
    const problems: string[] = [];
    const counts = { http: 0, literal: 0, ws: 0 };

    // Every case as variables over HTTP.
    await inBatches(cases, CONCURRENCY, async (item) => {
      const args = argumentsOf(item);
      const outcome = await overHttp({ query: variablesDocument(item, args), variables: args }, tokenOf(item));
      counts.http++;
      problems.push(...problemsOf(item, outcome, 'http', true));
    });

    // A deterministic sample as literals over HTTP (lone surrogates in a literal are parse errors).
    const literalSample = cases.filter((item, i) => !item.hostile.variablesOnly && i % 3 === 0);
    await inBatches(literalSample, CONCURRENCY, async (item) => {
      const outcome = await overHttp({ query: literalDocument(item, argumentsOf(item)) }, tokenOf(item));
      counts.literal++;
      const surrogate = typeof item.hostile.value === 'string' && /[\uD800-\uDFFF]/.test(item.hostile.value);
      problems.push(...problemsOf(item, outcome, 'http literal', !surrogate));
    });

    // Another sample over WebSocket, as variables, 25 operations per connection.
    const wsSample = cases.filter((_, i) => i % 4 === 1);
    const batches: Case[][] = [];
    for (const asCaller of [token, traineeToken]) {
      const sample = wsSample.filter((item) => tokenOf(item) === asCaller);
      for (let i = 0; i < sample.length; i += 25) batches.push(sample.slice(i, i + 25));
    }
    await inBatches(batches, 2, async (batch) => {
      const payloads = batch.map((item) => {
        const args = argumentsOf(item);
        return { query: variablesDocument(item, args), variables: args };
      });
      const outcomes = await overWs(payloads, tokenOf(batch[0]));
      outcomes.forEach((outcome, i) => {
        counts.ws++;
        problems.push(...problemsOf(batch[i], outcome, 'ws', true));
      });
    });

    const errorLines = logLines.filter((line) => line.level === 'error' || line.level === 'fatal');
    for (const line of errorLines) problems.push(`log: ${String(line.msg)} ${JSON.stringify(line.err ?? {}).slice(0, 300)}`);

    const seconds = Math.round((performance.now() - started) / 1000);
    process.stdout.write(
      `hostile input: ${cases.length} cases over ${rootFieldKeys(schema).length} operations; sent ${counts.http} as variables and ${counts.literal} as literals over HTTP, ${counts.ws} over WebSocket (${counts.http + counts.literal + counts.ws} documents) in ${seconds} s\n`,
    );
    if (process.env.HOSTILE_REPORT) writeFileSync(process.env.HOSTILE_REPORT, problems.join('\n'));
    expect(problems).toEqual([]);
    expect(counts.http).toBe(cases.length);
    expect(counts.ws).toBe(wsSample.length);
  }, 600_000);
});

describe('the reproductions of issue 8 (input)', () => {
  let token: string;
  beforeAll(async () => {
    token = (await server.as({ role: Role.ADMIN, userId: 'hostile-admin' })).token!;
  });

  /** The same operation over HTTP and WebSocket: code, reason and paths of the first error, and the HTTP status. */
  async function both(query: string, variables?: Record<string, unknown>) {
    const summary = (outcome: Outcome) => ({
      code: outcome.errors?.[0]?.extensions?.code,
      reason: outcome.errors?.[0]?.extensions?.reason,
      paths: outcome.errors?.[0]?.extensions?.fields?.map((f) => f.path),
    });
    const [ws] = await overWs([{ query, variables }], token);
    const http = await overHttp({ query, variables }, token);
    expect(summary(ws)).toEqual(summary(http));
    return { ...summary(http), status: http.status };
  }

  it('a NUL in a search filter or a localized name is BAD_USER_INPUT on its path, before any SQL', async () => {
    const statements = await server.countStatements(async () => {
      expect(await both('{ trainees(filter: { nameSearch: "Vir\\u0000tanen" }) { totalCount } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_STRING',
        paths: ['filter.nameSearch'],
      });
      expect(
        await both('mutation($n: LocalizedTextInput!) { createDepartment(input: { code: "NUL1", name: $n }) { __typename } }', {
          n: { fi: 'a\u0000', sv: 'b', en: 'c\uD800' },
        }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_STRING',
        paths: ['input.name.fi', 'input.name.en'],
      });
    });
    expect(statements).toBe(0);
    expect(await server.app.dataSource.query(`SELECT 1 FROM department WHERE code = 'NUL1'`)).toEqual([]);
  });

  it('a list of 500 wrongly typed items is BAD_USER_INPUT (TOO_MANY_ERRORS among the variable errors), HTTP 400', async () => {
    const query = 'mutation($input: CreateEmploymentAreaInput!) { createEmploymentArea(input: $input) { __typename } }';
    const variables = { input: { name: 'Hostile area', municipalityCodes: Array.from({ length: 500 }, () => ({ wrong: true })) } };
    expect(await both(query, variables)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VARIABLE',
      paths: ['$input.municipalityCodes[0]'],
      status: 400,
    });
    const outcome = await overHttp({ query, variables }, token);
    expect(outcome.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(outcome.errors?.at(-1)?.extensions?.reason).toBe('TOO_MANY_ERRORS');
  });

  it('one rule for a malformed id everywhere: BAD_USER_INPUT, INVALID_ID, on the argument, and no SQL; a well-formed unknown id stays NOT_FOUND', async () => {
    const statements = await server.countStatements(async () => {
      for (const [query, path] of [
        ['{ caseManagers(employmentAreaId: "nope") { id } }', 'employmentAreaId'],
        ['{ workUnits(departmentId: "nope") { totalCount } }', 'departmentId'],
        ['{ trainee(id: "131052-308T") { id } }', 'id'],
        ['{ attendance(periodId: "nope") { id } }', 'periodId'],
        ['{ trainees(filter: { coachId: "nope" }) { totalCount } }', 'filter.coachId'],
        ['{ coachingPeriods(filter: { traineeId: "nope" }) { totalCount } }', 'filter.traineeId'],
      ]) {
        expect([query, await both(query)]).toEqual([query, expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', paths: [path] })]);
      }
    });
    expect(statements).toBe(0);
    expect(await both(`{ trainee(id: "${randomUUID()}") { id } }`)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('class-validator failures name the real argument, list items with their index', async () => {
    expect(await both('{ partnerCompanies(first: 1000) { totalCount } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_INPUT',
      paths: ['first'],
    });
    expect(await both('{ competenceProfiles(filter: { minimumWorkLevel: 4 }) { totalCount } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      paths: ['filter.minimumWorkLevel'],
    });
    const instrument = {
      code: 'HOSTILE-1',
      version: 1,
      name: { fi: 'a', sv: 'b', en: 'c' },
      dimensions: [
        { code: 'PHYSICAL', name: { fi: 'a', sv: 'b', en: 'c' }, items: [{ code: 'P1', text: { fi: 'a', sv: 'b', en: 'c' } }] },
        { code: '', name: { fi: 'a', sv: 'b', en: 'c' }, items: [{ code: 'S1', text: { fi: 'a', sv: 'b', en: 'c' } }] },
      ],
    };
    const result = await both('mutation($input: CreateCapacityInstrumentInput!) { createCapacityInstrument(input: $input) { __typename } }', {
      input: instrument,
    });
    expect(result).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.dimensions[1].code'] });
  });

  it('strings that reach SQL from outside the schema are bounded: the token subject, the stated purpose', async () => {
    // A subject with NUL, or longer than a rate-limit key can be, is not a valid token (it used to fail the access-log insert).
    for (const userId of ['admin\u0000', 'a'.repeat(201)]) {
      const bad = (await server.as({ role: Role.ADMIN, userId })).token!;
      const http = await overHttp({ query: `{ trainee(id: "${realIds.trainee}") { lastName } }` }, bad);
      expect([userId.length, http.status, http.errors?.[0]?.extensions?.code]).toEqual([userId.length, 401, 'UNAUTHENTICATED']);
      const [ws] = await overWs([{ query: '{ serviceInfo { version } }' }], bad);
      expect(ws.closed).toBeDefined();
    }
    // A purpose that is not plain text is not stored: the operation name is.
    const reader = (await server.as({ role: Role.ADMIN, userId: 'hostile-purpose' })).token!;
    for (const purpose of ['reading\u0000', 'x'.repeat(10_000), `Vir\uD800tanen`]) {
      const [ws] = await overWs([{ query: `query Lukija { trainee(id: "${realIds.trainee}") { lastName } }` }], reader, { purpose });
      expect(ws.errors).toBeUndefined();
    }
    const stored = await server.app.dataSource.query(`SELECT DISTINCT purpose FROM access_log_entry WHERE user_id = $1`, [
      await server.userIdOf('hostile-purpose'),
    ]);
    expect(stored).toEqual([{ purpose: 'operation Lukija' }]);
  });
});
