import { randomUUID } from 'node:crypto';

import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isInputObjectType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';

import { buildPolkuSchema } from '../src/app/schema';
import { operationRules } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { loadConfig } from '../src/platform/config';
import { PersonalDataCipher } from '../src/platform/crypto';
import { inputLiteral } from './support/probe-operations';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * A PARTNER token can reach nothing about a trainee outside the consented competence profile.
 *
 * Generated from the built schema, not written by hand: for every root query and mutation, a
 * document selecting every field reachable from its return type, MAX_DEPTH object levels below it
 * (leaves always, objects recursively), with required arguments filled by placeholders and, for
 * id arguments, also by the real ids of demo objects of every kind (trainees, periods, placements,
 * assessments, referrals, work orders, …, consented and non-consented profile ids) and real
 * identity codes. A document over the query limits is split into smaller ones until each runs.
 * All are sent as a PARTNER of a demo company. No response may contain any trainee's last name,
 * email, phone, birth date, identity code or id, nor any diary text, capacity summary or other
 * free text about a trainee; the consented people's display names and verified requirements must
 * come back through `competenceProfiles`, so the test notices when profiles vanish altogether.
 */
const MAX_DEPTH = 4;
/** Below the server's MAX_TOKENS (4000): larger documents are split before sending. */
const TOKEN_BUDGET = 3900;
const CONCURRENCY = 6;

let server: TestServer;
let schema: GraphQLSchema;
let partner: GraphQLClient;
let companyId: string;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);
const ids = async (text: string, params: unknown[] = []) => (await sql<{ id: string }>(text, params)).map((r) => r.id);

/** Real ids of demo objects by kind, for id arguments. */
const samples: Record<string, string[]> = {};
const identityCodes: string[] = [];

interface Forbidden {
  /** Exact substrings that must never appear. */
  exact: Array<{ what: string; value: string }>;
  /** Trainee last names, matched as whole words after public staff and contact names are removed. */
  lastNames: Array<{ what: string; pattern: RegExp }>;
  /** Names of staff, unit leads and company contacts: public, and sometimes sharing a surname with a trainee. */
  publicNames: string[];
}
const forbidden: Forbidden = { exact: [], lastNames: [], publicNames: [] };

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  schema = await buildPolkuSchema();

  // The partner: a company with one-company consents, so its scoped view differs from "all partners".
  [companyId] = await ids(
    `SELECT partner_company_id AS id FROM profile_consent WHERE scope = 'ONE_COMPANY' AND withdrawn_at IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  partner = await server.as({ role: Role.PARTNER, userId: 'exposure-partner', companyId });

  const visibleToPartner = `SELECT c.trainee_id FROM profile_consent c WHERE c.withdrawn_at IS NULL AND (c.scope = 'ALL_PARTNERS' OR c.partner_company_id = '${companyId}')`;
  Object.assign(samples, {
    trainee: [
      ...(await ids(`SELECT trainee_id AS id FROM profile_consent WHERE withdrawn_at IS NULL AND scope = 'ALL_PARTNERS' ORDER BY id LIMIT 1`)),
      ...(await ids(`SELECT trainee_id AS id FROM profile_consent WHERE withdrawn_at IS NULL AND partner_company_id = $1 ORDER BY id LIMIT 1`, [
        companyId,
      ])),
      ...(await ids(`SELECT id FROM trainee WHERE id NOT IN (${visibleToPartner}) ORDER BY id LIMIT 2`)),
    ],
    period: [
      ...(await ids(`SELECT id FROM coaching_period WHERE trainee_id IN (${visibleToPartner}) ORDER BY id LIMIT 1`)),
      ...(await ids(`SELECT id FROM coaching_period WHERE trainee_id NOT IN (${visibleToPartner}) ORDER BY id LIMIT 1`)),
    ],
    // A placement in the partner's own company is still the trainee's data, not the company's.
    placement: [
      ...(await ids(`SELECT id FROM placement WHERE partner_company_id = $1 ORDER BY id LIMIT 1`, [companyId])),
      ...(await ids(`SELECT id FROM placement WHERE work_unit_id IS NOT NULL ORDER BY id LIMIT 1`)),
    ],
    capacityAssessment: await ids(`SELECT id FROM capacity_assessment ORDER BY id LIMIT 2`),
    referral: await ids(`SELECT id FROM referral ORDER BY id LIMIT 2`),
    workOrder: await ids(
      `SELECT id FROM work_order WHERE EXISTS (SELECT 1 FROM work_order_assignment a WHERE a.work_order_id = work_order.id) ORDER BY id LIMIT 2`,
    ),
    competenceRecord: await ids(`SELECT id FROM competence_record WHERE state = 'VERIFIED' ORDER BY id LIMIT 1`),
    checkPoint: await ids(`SELECT id FROM check_point ORDER BY id LIMIT 1`),
    finalSummary: await ids(`SELECT id FROM final_summary ORDER BY id LIMIT 1`),
    outcome: await ids(`SELECT id FROM outcome ORDER BY id LIMIT 1`),
    groupSession: await ids(`SELECT id FROM group_session ORDER BY id LIMIT 1`),
    consent: await ids(`SELECT id FROM profile_consent ORDER BY id LIMIT 1`),
    consentedProfile: await ids(
      `SELECT profile_id AS id FROM profile_consent WHERE withdrawn_at IS NULL AND (scope = 'ALL_PARTNERS' OR partner_company_id = $1) ORDER BY scope, id LIMIT 2`,
      [companyId],
    ),
    nonConsentedProfile: [
      ...(await ids(`SELECT profile_id AS id FROM profile_consent WHERE withdrawn_at IS NOT NULL ORDER BY id LIMIT 1`)),
      ...(await ids(
        `SELECT profile_id AS id FROM profile_consent WHERE withdrawn_at IS NULL AND scope = 'ONE_COMPANY' AND partner_company_id <> $1 ORDER BY id LIMIT 1`,
        [companyId],
      )),
    ],
    ownCompany: [companyId],
    otherCompany: await ids(`SELECT id FROM partner_company WHERE id <> $1 ORDER BY id LIMIT 1`, [companyId]),
    staffMember: await ids(`SELECT id FROM staff_member ORDER BY id LIMIT 1`),
    employmentArea: await ids(`SELECT id FROM employment_area ORDER BY id LIMIT 1`),
    workUnit: await ids(`SELECT id FROM work_unit ORDER BY id LIMIT 1`),
  });
  for (const [kind, list] of Object.entries(samples)) expect([kind, list.length > 0]).toEqual([kind, true]);

  // Everything that identifies or describes a trainee, from every trainee of the demo.
  const cipher = new PersonalDataCipher(loadConfig({ NODE_ENV: 'test' }).keyRing);
  const trainees = await sql<{
    id: string;
    first_name: string;
    last_name: string;
    email: string | null;
    phone: string | null;
    birth_date: string;
    identity_code_ciphertext: Buffer;
    identity_code_key_id: string;
  }>('SELECT id, first_name, last_name, email, phone, birth_date, identity_code_ciphertext, identity_code_key_id FROM trainee');
  for (const t of trainees) {
    const code = cipher.decrypt(t.identity_code_ciphertext, t.identity_code_key_id);
    identityCodes.push(code);
    const [y, m, d] = t.birth_date.split('-');
    forbidden.exact.push(
      { what: 'trainee id', value: t.id },
      { what: 'identity code', value: code },
      { what: 'full name', value: `${t.first_name} ${t.last_name}` },
      { what: 'birth date', value: t.birth_date },
      { what: 'birth date', value: `${Number(d)}.${Number(m)}.${y}` },
      { what: 'birth date', value: `${d}.${m}.${y}` },
    );
    if (t.email) forbidden.exact.push({ what: 'email', value: t.email });
    if (t.phone) {
      forbidden.exact.push(
        { what: 'phone', value: t.phone },
        { what: 'phone', value: t.phone.replace(/\s/g, '') },
        { what: 'phone', value: t.phone.replace(/^\+358 ?/, '0') },
      );
    }
    forbidden.lastNames.push({
      what: `last name ${t.last_name}`,
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t.last_name)}(?![\\p{L}\\p{N}])`, 'u'),
    });
  }
  const texts: Array<[string, string]> = [
    ['diary text', 'SELECT text AS value FROM diary_entry'],
    ['capacity summary', 'SELECT summary AS value FROM capacity_assessment'],
    ['capacity score note', 'SELECT note AS value FROM capacity_score'],
    ['competence evidence', 'SELECT evidence AS value FROM competence_record'],
    ['referral background', 'SELECT background AS value FROM referral'],
    ['rejection reason', 'SELECT rejection_reason AS value FROM referral'],
    ['period goals', 'SELECT goals AS value FROM coaching_period'],
    ['placement notes', 'SELECT notes AS value FROM placement'],
    ['check point', 'SELECT difficulty AS value FROM check_point'],
    [
      'final summary',
      'SELECT capacity_statement AS value FROM final_summary UNION SELECT competence_summary FROM final_summary UNION SELECT continuation_plan FROM final_summary',
    ],
    ['outcome note', 'SELECT note AS value FROM outcome'],
    ['consent note', 'SELECT note AS value FROM profile_consent'],
  ];
  for (const [what, query] of texts) {
    const values = new Set(
      (await sql<{ value: string | null }>(query)).map((r) => r.value?.trim()).filter((v): v is string => Boolean(v && v.length >= 20)),
    );
    for (const value of values) forbidden.exact.push({ what, value });
  }
  forbidden.publicNames = (
    await sql<{ name: string }>(
      `SELECT unit_lead_name AS name FROM work_unit UNION SELECT contact_name FROM partner_company UNION SELECT name FROM case_manager UNION SELECT name FROM staff_member`,
    )
  )
    .map((r) => r.name)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  expect(forbidden.exact.filter((f) => f.what === 'diary text').length).toBeGreaterThan(50);
  expect(forbidden.exact.filter((f) => f.what === 'capacity summary').length).toBeGreaterThan(5);
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

// ----- document generation -----------------------------------------------------------------

/** How a variant fills the arguments: ids, identity codes, other strings. */
interface ArgumentFill {
  label: string;
  id: (argName: string) => string;
  identityCode?: string;
}

/** The values a variant put into the document; an error message may echo them back. */
interface Generated {
  key: string;
  kind: 'Query' | 'Mutation';
  rootField: string;
  label: string;
  /** Leaf paths below the operation: each a list of selection segments ending in a leaf. */
  paths: string[][];
  sent: Set<string>;
}

/** Placeholders, except ids and identity codes from the fill (remembered as sent) and small pages. */
function literal(type: GraphQLInputType, name: string, fill: ArgumentFill, sent: Set<string>): string {
  return inputLiteral(type, name, (scalar, argumentName) => {
    if (scalar === 'ID') {
      const id = fill.id(argumentName);
      sent.add(id);
      return JSON.stringify(id);
    }
    if (scalar === 'Int' && argumentName === 'first') return '3';
    if (scalar === 'String' && argumentName === 'identityCode' && fill.identityCode) {
      sent.add(fill.identityCode);
      return JSON.stringify(fill.identityCode);
    }
    return undefined;
  });
}

/** Required arguments filled; an optional `first` kept small (or 100 for the profiles, to see them all). */
function argumentList(args: readonly GraphQLArgument[], fill: ArgumentFill, sent: Set<string>, rootField?: string): string {
  const parts = args
    .filter((arg) => (isNonNullType(arg.type) && arg.defaultValue === undefined) || arg.name === 'first')
    .map((arg) => {
      if (arg.name === 'first' && getNamedType(arg.type).name === 'Int') return `first: ${rootField === 'competenceProfiles' ? 100 : 3}`;
      return `${arg.name}: ${literal(arg.type, arg.name, fill, sent)}`;
    });
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Leaf paths of every field reachable from `type`, `level` object levels below the root field's type. */
function leafPaths(type: GraphQLObjectType, level: number, fill: ArgumentFill, sent: Set<string>): string[][] {
  const paths: string[][] = [['__typename']];
  for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    let args: string;
    try {
      args = argumentList(field.args, fill, sent);
    } catch {
      continue; // a required argument this generator cannot fill
    }
    const named = getNamedType(field.type);
    const segment = `${field.name}${args}`;
    if (isLeafType(named)) paths.push([segment]);
    else if (isObjectType(named) && level < MAX_DEPTH) {
      for (const below of leafPaths(named, level + 1, fill, sent)) paths.push([segment, ...below]);
    }
  }
  return paths;
}

interface Tree {
  [segment: string]: Tree;
}

function render(paths: string[][]): string {
  const tree: Tree = {};
  for (const path of paths) {
    let node = tree;
    for (const segment of path) node = node[segment] ??= {};
  }
  const print = (node: Tree): string =>
    Object.entries(node)
      .map(([segment, children]) => (Object.keys(children).length ? `${segment} { ${print(children)} }` : segment))
      .join(' ');
  return print(tree);
}

function documentOf(doc: Generated, paths = doc.paths): string {
  return `${doc.kind === 'Query' ? 'query' : 'mutation'} Exposure { ${render(paths)} }`;
}

function tokenCount(text: string): number {
  try {
    parse(text, { maxTokens: TOKEN_BUDGET });
    return 0;
  } catch {
    return TOKEN_BUDGET + 1;
  }
}

/** Whether an argument (nested inputs included) holds an id or an identity code. */
function takesIds(args: readonly GraphQLArgument[]): boolean {
  const walk = (type: GraphQLInputType, name: string, seen: Set<string>): boolean => {
    const named = getNamedType(type);
    if (named.name === 'ID' || name === 'identityCode') return true;
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => isNonNullType(f.type) && walk(f.type, f.name, seen));
  };
  return args.some((arg) => isNonNullType(arg.type) && walk(arg.type, arg.name, new Set()));
}

/** The id kind an argument name points at, for the "matching" variant. */
function matchingKind(rootField: string, argName: string): string {
  const byArg: Record<string, string> = {
    traineeId: 'trainee',
    periodId: 'period',
    placementId: 'placement',
    referralId: 'referral',
    workOrderId: 'workOrder',
    checkPointId: 'checkPoint',
    fromAssessmentId: 'capacityAssessment',
    toAssessmentId: 'capacityAssessment',
    partnerCompanyId: 'ownCompany',
    employmentAreaId: 'employmentArea',
    workUnitId: 'workUnit',
    staffId: 'staffMember',
    coachId: 'staffMember',
  };
  if (byArg[argName]) return byArg[argName];
  const byRoot: Record<string, string> = {
    trainee: 'trainee',
    coachingPeriod: 'period',
    placement: 'placement',
    referral: 'referral',
    capacityAssessment: 'capacityAssessment',
    competenceRecord: 'competenceRecord',
    workOrder: 'workOrder',
    competenceProfile: 'consentedProfile',
    partnerCompany: 'ownCompany',
    groupSession: 'groupSession',
    staffMember: 'staffMember',
    workUnit: 'workUnit',
    traineeDataExport: 'trainee',
  };
  return byRoot[rootField] ?? 'trainee';
}

/**
 * Placeholders; ids of the kind each argument names; then every argument set to each sample id in
 * turn. Operations the matrix does not grant to PARTNER (every mutation among them) are refused by
 * role before their arguments are looked at, so they get the placeholder and a real id of the kind
 * they name; granted queries get every sample of every kind.
 */
function variantsFor(kind: 'Query' | 'Mutation', rootField: string, args: readonly GraphQLArgument[]): ArgumentFill[] {
  const placeholder: ArgumentFill = { label: 'placeholder', id: () => randomUUID() };
  if (!takesIds(args)) return [placeholder];
  const fills: ArgumentFill[] = [
    placeholder,
    { label: 'matching', id: (name) => samples[matchingKind(rootField, name)][0], identityCode: identityCodes[0] },
  ];
  if (!operationRules[`${kind}.${rootField}`]?.roles[Role.PARTNER]) return fills;
  for (const [sampleKind, list] of Object.entries(samples)) {
    list.forEach((id, i) => fills.push({ label: `${sampleKind}#${i}`, id: () => id, identityCode: identityCodes[(i + 1) % identityCodes.length] }));
  }
  return fills;
}

function generate(): Generated[] {
  const generated: Generated[] = [];
  for (const kind of ['Query', 'Mutation'] as const) {
    const root = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
    for (const field of Object.values(root.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      for (const fill of variantsFor(kind, field.name, field.args)) {
        const sent = new Set<string>();
        const segment = `${field.name}${argumentList(field.args, fill, sent, field.name)}`;
        const named = getNamedType(field.type);
        const below = isObjectType(named) ? leafPaths(named, 0, fill, sent) : [[]];
        generated.push({
          key: `${kind}.${field.name}`,
          kind,
          rootField: field.name,
          label: fill.label,
          paths: below.map((p) => [segment, ...p].filter(Boolean)),
          sent,
        });
      }
    }
  }
  return generated;
}

// ----- sending and checking ----------------------------------------------------------------

interface Response {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

async function send(query: string): Promise<Response> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${partner.token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Response;
}

const overLimit = (response: Response) =>
  (response.errors ?? []).some((e) => e.extensions?.reason === 'QUERY_LIMIT_EXCEEDED' || e.extensions?.reason === 'QUERY_TOO_COSTLY');

interface Outcome {
  doc: Generated;
  response: Response;
  text: string;
}

/** Sends a document, splitting it (by halves of its leaf paths) while it is over the query limits. */
async function run(doc: Generated, paths: string[][], outcomes: Outcome[], counters: { sent: number }): Promise<void> {
  const text = documentOf(doc, paths);
  if (paths.length > 1 && tokenCount(text) > TOKEN_BUDGET) {
    const half = Math.ceil(paths.length / 2);
    await run(doc, paths.slice(0, half), outcomes, counters);
    await run(doc, paths.slice(half), outcomes, counters);
    return;
  }
  counters.sent++;
  const response = await send(text);
  if (overLimit(response) && paths.length > 1) {
    const half = Math.ceil(paths.length / 2);
    await run(doc, paths.slice(0, half), outcomes, counters);
    await run(doc, paths.slice(half), outcomes, counters);
    return;
  }
  outcomes.push({ doc, response, text });
}

function leaksIn(outcome: Outcome): string[] {
  const strip = (text: string, values: Iterable<string>) => {
    let result = text;
    for (const value of values) result = result.split(value).join('<public>');
    return result;
  };
  // Data is checked as it is; error messages may echo what the document itself sent.
  const data = strip(JSON.stringify(outcome.response.data ?? null), forbidden.publicNames);
  const rest = strip(strip(JSON.stringify({ ...outcome.response, data: undefined }), outcome.doc.sent), forbidden.publicNames);
  const found: string[] = [];
  for (const [part, text] of [
    ['data', data],
    ['errors', rest],
  ] as const) {
    for (const { what, value } of forbidden.exact)
      if (text.includes(value)) found.push(`${outcome.doc.key} [${outcome.doc.label}] ${part}: ${what} ${JSON.stringify(value.slice(0, 40))}`);
    for (const { what, pattern } of forbidden.lastNames)
      if (pattern.test(text)) found.push(`${outcome.doc.key} [${outcome.doc.label}] ${part}: ${what}`);
  }
  return found;
}

it('generated queries and mutations as a PARTNER reveal nothing about a trainee outside the consented profiles', async () => {
  const generated = generate();
  const outcomes: Outcome[] = [];
  const counters = { sent: 0 };
  const queue = [...generated];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let doc = queue.shift(); doc; doc = queue.shift()) await run(doc, doc.paths, outcomes, counters);
    }),
  );

  const problems: string[] = [];
  for (const outcome of outcomes) {
    problems.push(...leaksIn(outcome));
    const errors = outcome.response.errors ?? [];
    const codes = errors.map((e) => e.extensions?.code);
    if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`${outcome.doc.key} [${outcome.doc.label}]: internal error`);
    // Every document ran: none was left refused by validation or the limits.
    if (codes.some((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'GRAPHQL_PARSE_FAILED' || c === 'BAD_REQUEST')) {
      problems.push(`${outcome.doc.key} [${outcome.doc.label}]: not executed ${JSON.stringify(errors).slice(0, 300)}`);
    }
    // Operations the matrix does not grant to PARTNER (every mutation among them) are refused as a whole.
    if (!operationRules[outcome.doc.key]?.roles[Role.PARTNER]) {
      const refused = errors.some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.reason === 'ROLE_NOT_ALLOWED');
      const answered = Object.values(outcome.response.data ?? {}).some((value) => value !== null);
      if (!refused || answered)
        problems.push(`${outcome.doc.key} [${outcome.doc.label}]: not refused ${JSON.stringify(outcome.response).slice(0, 300)}`);
    }
  }
  expect(problems).toEqual([]);

  // The partner does see the consented people: their display names and verified requirement texts.
  const profileText = outcomes
    .filter((o) => o.doc.key === 'Query.competenceProfiles')
    .map((o) => JSON.stringify(o.response.data))
    .join('\n');
  const consented = await sql<{ trainee_id: string; first_name: string; last_name: string }>(
    `SELECT DISTINCT c.trainee_id, t.first_name, t.last_name FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id
      WHERE c.withdrawn_at IS NULL AND (c.scope = 'ALL_PARTNERS' OR c.partner_company_id = $1)`,
    [companyId],
  );
  expect(consented.length).toBeGreaterThan(10);
  for (const t of consented)
    expect([t.trainee_id, profileText.includes(`"displayName":"${t.first_name} ${t.last_name[0]}."`)]).toEqual([t.trainee_id, true]);
  const requirements = await sql<{ requirement_text: string }>(
    `SELECT DISTINCT requirement_text FROM competence_record WHERE state = 'VERIFIED' AND trainee_id = ANY($1::uuid[])`,
    [consented.map((t) => t.trainee_id)],
  );
  expect(requirements.length).toBeGreaterThan(5);
  for (const { requirement_text } of requirements) expect(profileText).toContain(JSON.stringify(requirement_text).slice(1, -1));
  // … and by id, for the consented profile ids.
  const byId = outcomes.filter((o) => o.doc.key === 'Query.competenceProfile' && o.response.data?.competenceProfile);
  expect(byId.length).toBeGreaterThan(0);

  const rootFields = new Set(generated.map((g) => g.key));
  process.stdout.write(
    `partner exposure: ${generated.length} documents generated for ${rootFields.size} root fields (depth ${MAX_DEPTH}), ` +
      `${counters.sent} sent (split over the query limits), ${outcomes.length} executed; ` +
      `${forbidden.exact.length} forbidden strings and ${forbidden.lastNames.length} last names checked\n`,
  );
}, 600_000);
