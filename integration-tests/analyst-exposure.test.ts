import { getNamedType, GraphQLNamedType, GraphQLSchema, isInputType, isNonNullType, isObjectType } from 'graphql';

import { buildPolkuSchema } from '../src/app/schema';
import { operationRules, typeRules } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { fieldSelection, inputLiteral } from './support/probe-operations';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * An ANALYST gets aggregates only. Over the demo data, every root query is sent as an ANALYST
 * with every field reachable to MAX_DEPTH selected (real ids where a query takes one): each is
 * refused by the matrix (FORBIDDEN, ROLE_NOT_ALLOWED), or is one of the queries listed below as
 * aggregates or non-personal catalogues, whose answers then hold no trainee's name or id. The
 * list is exact, so granting the ANALYST another query fails here until it is reviewed.
 */
const MAX_DEPTH = 4;

/** What an ANALYST may ask, and why it is not personal data. */
const ANALYST_QUERIES: Record<string, string> = {
  'Query.outcomeStatistics': 'aggregate (NATIONAL: small cells suppressed)',
  'Query.indicators': 'aggregate: indicator targets and measured values',
  'Query.indicator': 'aggregate: one indicator',
  'Query.me': 'the caller themselves',
  'Query.serviceInfo': 'service information',
  'Query.enumLabels': 'labels',
  'Query.allEnumLabels': 'labels',
  'Query.organisation': 'the organisation and its settings',
  'Query.tasks': 'the task catalogue',
  'Query.task': 'the task catalogue',
  'Query.qualifications': 'national qualifications',
  'Query.qualification': 'national qualifications',
  'Query.departments': 'the organisation’s departments',
  'Query.workUnits': 'the organisation’s units',
  'Query.workUnit': 'the organisation’s units',
};

let server: TestServer;
let schema: GraphQLSchema;
let analyst: GraphQLClient;
const realIds: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  schema = await buildPolkuSchema();
  analyst = await server.as({ role: Role.ANALYST, userId: 'exposure-analyst' });
  const first = async (table: string) => (await server.sql<{ id: string }>(`SELECT id FROM ${table} ORDER BY id LIMIT 1`))[0]?.id;
  Object.assign(realIds, {
    indicator: await first('indicator'),
    task: await first('task'),
    qualification: await first('qualification'),
    workUnit: await first('work_unit'),
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The types a field's answer can reach. */
function reachable(type: GraphQLNamedType, seen = new Set<string>()): Set<string> {
  if (seen.has(type.name)) return seen;
  seen.add(type.name);
  if (isObjectType(type)) for (const field of Object.values(type.getFields())) reachable(getNamedType(field.type), seen);
  return seen;
}

describe('the ANALYST reads aggregates only', () => {
  it('is granted exactly the aggregate and catalogue queries, no mutation, and none of them reaches a personal type', () => {
    const granted = Object.entries(operationRules)
      .filter(([, rule]) => rule.roles[Role.ANALYST])
      .map(([key]) => key)
      .sort();
    expect(granted).toEqual(Object.keys(ANALYST_QUERIES).sort());
    const queryType = schema.getQueryType()!;
    for (const key of granted) {
      const field = queryType.getFields()[key.slice('Query.'.length)];
      const personal = [...reachable(getNamedType(field.type))].filter((name) => typeRules[name] || name === 'CompetenceProfile');
      expect({ key, personal }).toEqual({ key, personal: [] });
    }
  });

  it('gets every other query refused and no trainee’s name or id from the ones it may ask', async () => {
    const trainees = await server.sql<{ id: string; last_name: string }>(`SELECT id, last_name FROM trainee`);
    const lastNames = new Set(trainees.map((t) => t.last_name));
    // Staff, unit leads and company contacts are not trainees: a shared surname is not a leak.
    const staffNames = (
      await server.sql<{ name: string }>(`SELECT name FROM staff_member UNION SELECT unit_lead_name FROM work_unit WHERE unit_lead_name IS NOT NULL`)
    ).map((r) => r.name);
    const problems: string[] = [];
    let refused = 0;
    let answered = 0;
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const key = `Query.${field.name}`;
      const args = field.args
        .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined && isInputType(arg.type))
        .map((arg) => {
          const real = arg.name === 'id' ? realIds[field.name] : field.name === 'enumLabels' && arg.name === 'enum' ? 'OutcomeType' : undefined;
          const value = real ? JSON.stringify(real) : inputLiteral(arg.type, arg.name);
          return `${arg.name}: ${value}`;
        });
      const named = getNamedType(field.type);
      // Every field for the queries it may ask; for the others the refusal comes before any field.
      const inner = isObjectType(named) ? fieldSelection(named, ANALYST_QUERIES[key] ? MAX_DEPTH - 1 : 0) || '__typename' : '';
      const document = `query Probe { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${inner ? ` { ${inner} }` : ''} }`;
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst.token}` },
        body: JSON.stringify({ query: document }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string; reason?: string } }> };
      const roleRefused = body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.reason === 'ROLE_NOT_ALLOWED');
      if (!ANALYST_QUERIES[key]) {
        if (roleRefused) refused++;
        else problems.push(`${key}: not refused: ${JSON.stringify(body).slice(0, 300)}`);
        continue;
      }
      if (roleRefused) problems.push(`${key}: refused although granted`);
      // With real ids every granted query answers; a field refused by view would be an error here too.
      if (body.errors?.length) {
        problems.push(`${key}: ${JSON.stringify(body.errors).slice(0, 300)}`);
      }
      answered++;
      let text = JSON.stringify(body.data ?? null);
      for (const name of staffNames) text = text.split(name).join('');
      for (const trainee of trainees) if (text.includes(trainee.id)) problems.push(`${key}: a trainee id`);
      for (const word of text.match(/\p{L}+/gu) ?? []) if (lastNames.has(word)) problems.push(`${key}: the trainee last name ${word}`);
    }
    expect(problems).toEqual([]);
    expect(answered).toBe(Object.keys(ANALYST_QUERIES).length);
    expect(refused).toBe(Object.keys(schema.getQueryType()!.getFields()).length - answered);
    process.stdout.write(`analyst exposure: ${refused} queries refused, ${answered} aggregate/catalogue queries answered without trainee data\n`);
  }, 120_000);
});
