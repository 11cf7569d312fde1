import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';

import { RunningApp, startApp } from '../src/app/start';
import { Role } from '../src/platform/auth/actor';
import { loadConfig } from '../src/platform/config';
import { trustedDocumentId } from '../src/platform/graphql/trusted-documents';
import { createLogger } from '../src/platform/logger';
import { ServiceInfoDocument, TraineesDocument } from './generated/graphql';
import { insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestServer, TestServer } from './support/test-server';

/**
 * Query hardening, on HTTP and WebSocket alike: every limit is shown from both sides (the largest
 * document that passes, the smallest that is refused, with its code, reason and HTTP status), then
 * the rate limit, production mode and trusted documents, each on a server of its own.
 */

// ---------------------------------------------------------------------------------------------
// Transports

interface FormattedError {
  message: string;
  extensions?: { code?: string; reason?: string; details?: Record<string, unknown> } & Record<string, unknown>;
}

interface Outcome {
  /** HTTP only. */
  status?: number;
  headers?: Headers;
  data?: Record<string, unknown> | null;
  errors?: FormattedError[];
  /** WebSocket only: the connection closed before the operation settled. */
  closed?: { code: number; reason: string };
}

interface OperationPayload {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
  documentId?: string;
}

type Transport = 'http' | 'ws';
const transports: Transport[] = ['http', 'ws'];

async function overHttp(url: string, body: unknown, token?: string | null, headers: Record<string, string> = {}): Promise<Outcome> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: { data?: Outcome['data']; errors?: FormattedError[] };
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, headers: response.headers, data: parsed.data, errors: parsed.errors };
}

/**
 * One operation on a fresh graphql-ws connection. The promise settles on next+complete, on an
 * error message, on the connection closing, or after a timeout (so a broken server fails the test
 * instead of hanging it); the client is always disposed.
 */
async function overWs(url: string, payload: OperationPayload, token?: string | null, timeoutMs = 15_000): Promise<Outcome> {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  let timer: NodeJS.Timeout | undefined;
  let unsubscribeClosed: (() => void) | undefined;
  try {
    return await new Promise<Outcome>((resolve, reject) => {
      let result: Outcome = {};
      timer = setTimeout(() => reject(new Error(`WebSocket operation did not settle within ${timeoutMs} ms`)), timeoutMs);
      unsubscribeClosed = client.on('closed', (event) => {
        const { code, reason } = event as { code?: number; reason?: string };
        resolve({ ...result, closed: { code: code ?? 0, reason: reason ?? '' } });
      });
      client.subscribe(payload as never, {
        next: (value) => {
          result = { data: value.data as Outcome['data'], errors: value.errors as FormattedError[] | undefined };
        },
        error: (error) => {
          if (Array.isArray(error)) resolve({ errors: error as FormattedError[] });
          else {
            const { code, reason } = error as { code?: number; reason?: string };
            resolve({ closed: { code: code ?? 0, reason: reason ?? String(error) } });
          }
        },
        complete: () => resolve(result),
      });
    });
  } finally {
    clearTimeout(timer);
    unsubscribeClosed?.();
    await client.dispose();
  }
}

function send(transport: Transport, url: string, payload: OperationPayload, token?: string | null): Promise<Outcome> {
  return transport === 'http' ? overHttp(url, payload, token) : overWs(url, payload, token);
}

function expectPasses(transport: Transport, outcome: Outcome): void {
  expect(outcome.closed).toBeUndefined();
  expect(outcome.errors).toBeUndefined();
  expect(outcome.data).toBeTruthy();
  if (transport === 'http') expect(outcome.status).toBe(200);
}

/** Refused before execution: no data, one error (or several, all with the code) and HTTP 400 unless said. */
function expectRefused(transport: Transport, outcome: Outcome, code: string, reason?: string, httpStatus = 400, oneError = true): FormattedError {
  expect(outcome.closed).toBeUndefined();
  expect(outcome.data ?? undefined).toBeUndefined();
  if (oneError) expect(outcome.errors).toHaveLength(1);
  expect(outcome.errors?.length).toBeGreaterThan(0);
  for (const each of outcome.errors!) expect(each.extensions?.code).toBe(code);
  const [error] = outcome.errors!;
  if (reason !== undefined) expect(error.extensions?.reason).toBe(reason);
  expect(error.extensions?.stacktrace).toBeUndefined();
  if (transport === 'http') expect(outcome.status).toBe(httpStatus);
  return error;
}

// ---------------------------------------------------------------------------------------------
// Abusive documents (raw strings)

/** `trainees(first: 1) { edges { node { periods { trainee { … id } } } } }` with the leaf at `depth`. */
function depthQuery(depth: number): string {
  const levels = ['trainees(first: 1)', 'edges', 'node'];
  while (levels.length < depth - 1) levels.push(levels.length % 2 === 1 ? 'periods' : 'trainee');
  return `{ ${levels.map((level) => `${level} { `).join('')}id${' }'.repeat(levels.length)} }`;
}

/** `n` aliased `serviceInfo` fields (armor does not count aliases of `__typename`). */
function aliasQuery(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i + 1}: serviceInfo { version }`).join(' ')} }`;
}

/** `n` directives, one per field. */
function directiveQuery(n: number): string {
  return `{ serviceInfo { ${'version @include(if: true) '.repeat(n)}} }`;
}

/**
 * Exactly `total` lexical tokens: `{ serviceInfo { ...F … } } fragment F on ServiceInfo { version }`
 * is 12 tokens plus 2 per spread (`...`, `F`), plus 1 for an extra `__typename`. Repeated spreads of
 * one fragment keep validation cheap, unlike thousands of identical fields.
 */
function tokenQuery(total: number): string {
  const spreads = Math.floor((total - 12) / 2);
  const extra = (total - 12) % 2 === 1 ? '__typename ' : '';
  return `{ serviceInfo { ${'...F '.repeat(spreads)}${extra}} } fragment F on ServiceInfo { version }`;
}

/**
 * A connection with nested lists under each node. Every field costs 1 and `first: n` multiplies
 * the 258 fields under an edge: cost = 1 + 258 n (5 → 1291, 20 → 5161, 96 → 24769, 97 → 25027,
 * 100 → 25801) against MAX_QUERY_COST 25000.
 */
const NESTED_LISTS = `
query NestedLists($first: Int! = 20) {
  trainees(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id firstName lastName birthYear createdAt updatedAt email phone languages municipalityCode workLevel immigrantBackground verifiedCompetenceCount
        coach { id name email role occupancy { activeTrainees min max ratio status } }
        employmentArea { id name municipalityCodes }
        periods { ...PeriodWithLists }
        currentPeriod { ...PeriodWithLists }
        placements { id kind startDate endDate notes supervisorName workUnit { id name address } period { ...PeriodWithLists } }
        referrals { id state externalId serviceForm participationBasis receivedAt decidedAt employmentArea { id name } history { id fromState toState changedAt reason } }
        workOrderAssignments { id startDate endDate workOrder { id place state startDate endDate workersNeeded notes confirmedHours history { id fromState toState changedAt reason } } }
        competenceRecords { id state diaryNumber evidence requirementCode requirementText demonstratedAt verifiedAt history { id fromState toState changedAt } }
      }
    }
  }
}

fragment PeriodWithLists on CoachingPeriod {
  id phase serviceForm participationBasis startDate endDate plannedEndDate daysPerWeek hoursPerDay goals
  coach { id name role }
  careerAgent { id name role }
  expenseAllowance { amountCents eligibleDays ratePerDayCents }
  history { id fromState toState changedAt actorId actorRole reason }
  checkPoints { id difficulty openedAt closedAt agreedActions reassessment }
  placements { id kind startDate endDate notes supervisorName supervisorContact }
  outcomes { id checkpoint type observedOn note recordedBy createdAt }
}`;
const nestedListsCost = (first: number) => 1 + 258 * first;

/** The same connection with `first` written into the document instead of a variable. */
const nestedListsLiteral = (first: number) => NESTED_LISTS.replace('($first: Int! = 20)', '').replace('first: $first', `first: ${first}`);

/** Each fragment spreads the next one ten times: 10^5 paths to walk, so the cost cannot be computed. */
const FRAGMENT_FAN_OUT = `{ serviceInfo { ...F1 } }
${[1, 2, 3, 4, 5].map((i) => `fragment F${i} on ServiceInfo { ${i < 5 ? `...F${i + 1} `.repeat(10) : 'version'} }`).join('\n')}`;

// ---------------------------------------------------------------------------------------------
// The default server: every limit at its default

describe('query limits (defaults)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    // Some rows, so the queries that pass really run their nested resolvers.
    for (let i = 0; i < 3; i++) {
      const trainee = await insertTrainee(server);
      await insertCoachingPeriod(server, { traineeId: trainee.id });
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('runs with the documented defaults', () => {
    expect(server.config).toMatchObject({
      MAX_QUERY_DEPTH: 12,
      MAX_QUERY_COST: 25000,
      MAX_ALIASES: 15,
      MAX_DIRECTIVES: 20,
      MAX_TOKENS: 4000,
      MAX_BODY_BYTES: 1_000_000,
    });
  });

  describe.each(transports)('over %s', (transport) => {
    const run = (payload: OperationPayload) => send(transport, server.url, payload, server.token);

    it('depth: 12 levels pass, 13 are refused (QUERY_LIMIT_EXCEEDED)', async () => {
      const passing = await run({ query: depthQuery(12) });
      expectPasses(transport, passing);
      expect((passing.data as { trainees: { edges: unknown[] } }).trainees.edges).toHaveLength(1);
      const error = expectRefused(transport, await run({ query: depthQuery(13) }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED');
      expect(error.message).toBe('Query depth limit of 12 exceeded, found 13.');
    });

    it('depth counts through fragments', async () => {
      const viaFragment = depthQuery(13).replace(/^\{ (.*) \}$/, '{ ...Deep } fragment Deep on Query { $1 }');
      expectRefused(transport, await run({ query: viaFragment }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED');
    });

    it('cost: nested lists pass with first: 5 and are refused with first: 100, from a variable or a literal (QUERY_TOO_COSTLY)', async () => {
      expectPasses(transport, await run({ query: NESTED_LISTS, variables: { first: 5 } }));
      expectPasses(transport, await run({ query: nestedListsLiteral(5) }));
      const byVariable = expectRefused(
        transport,
        await run({ query: NESTED_LISTS, variables: { first: 100 } }),
        'GRAPHQL_VALIDATION_FAILED',
        'QUERY_TOO_COSTLY',
      );
      expect(byVariable.extensions?.details).toEqual({ cost: nestedListsCost(100), maximum: 25000 });
      expect(byVariable.extensions?.details?.cost).toBe(25801);
      const byLiteral = expectRefused(transport, await run({ query: nestedListsLiteral(100) }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COSTLY');
      expect(byLiteral.extensions?.details).toEqual({ cost: 25801, maximum: 25000 });
    });

    it('cost: first: 96 (24769) passes, first: 97 (25027) is refused; the default page size 20 counts too', async () => {
      expectPasses(transport, await run({ query: NESTED_LISTS, variables: { first: 96 } }));
      const refused = expectRefused(
        transport,
        await run({ query: NESTED_LISTS, variables: { first: 97 } }),
        'GRAPHQL_VALIDATION_FAILED',
        'QUERY_TOO_COSTLY',
      );
      expect(refused.extensions?.details).toEqual({ cost: 25027, maximum: 25000 });
      // Without the variable the argument's default applies (cost 5161): it passes.
      expectPasses(transport, await run({ query: NESTED_LISTS }));
    });

    it('cost: fragments fanned out beyond what can be counted are refused, not an internal error', async () => {
      const error = expectRefused(transport, await run({ query: FRAGMENT_FAN_OUT }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COSTLY');
      expect(error.extensions?.details).toEqual({ cost: null, maximum: 25000 });
    });

    it('variables that do not fit the operation are BAD_USER_INPUT (the cost check does not turn them into internal errors)', async () => {
      const query = 'query Page($first: Int!) { trainees(first: $first) { totalCount } }';
      const missing = expectRefused(transport, await run({ query }), 'BAD_USER_INPUT');
      expect(missing.message).toContain('$first');
      expectRefused(transport, await run({ query, variables: { first: 'many' } }), 'BAD_USER_INPUT');
    });

    it('aliases: 15 pass, 16 are refused (QUERY_LIMIT_EXCEEDED)', async () => {
      const passing = await run({ query: aliasQuery(15) });
      expectPasses(transport, passing);
      expect(Object.keys(passing.data!)).toHaveLength(15);
      const error = expectRefused(transport, await run({ query: aliasQuery(16) }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED');
      expect(error.message).toBe('Aliases limit of 15 exceeded, found 16.');
    });

    it('directives: 20 pass, 21 are refused (QUERY_LIMIT_EXCEEDED), also when repeated on fragment spreads', async () => {
      expectPasses(transport, await run({ query: directiveQuery(20) }));
      const error = expectRefused(transport, await run({ query: directiveQuery(21) }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED');
      expect(error.message).toBe('Directives limit of 20 exceeded, found 21.');
      const spreads = `{ serviceInfo { ${'...F @include(if: true) '.repeat(21)}} } fragment F on ServiceInfo { version }`;
      expectRefused(transport, await run({ query: spreads }), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED');
    });

    it('tokens: 4000 pass, 4001 are refused while parsing (GRAPHQL_PARSE_FAILED, QUERY_LIMIT_EXCEEDED)', async () => {
      expectPasses(transport, await run({ query: tokenQuery(4000) }));
      const error = expectRefused(transport, await run({ query: tokenQuery(4001) }), 'GRAPHQL_PARSE_FAILED', 'QUERY_LIMIT_EXCEEDED');
      expect(error.message).toMatch(/more tha[nt] 4000 tokens/);
    });

    it('introspection and suggestions are available outside production', async () => {
      const introspection = await run({ query: '{ __schema { queryType { name } } }' });
      expectPasses(transport, introspection);
      const error = expectRefused(transport, await run({ query: '{ serviceInfo { versio } }' }), 'GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toContain('Did you mean "version"?');
    });
  });

  describe('HTTP only', () => {
    it('refuses a batch (JSON array) with 400, while the same operation alone passes', async () => {
      const operation = { query: '{ serviceInfo { version } }' };
      expectPasses('http', await overHttp(server.url, operation, server.token));
      const batch = await overHttp(server.url, [operation, operation], server.token);
      expect(batch.status).toBe(400);
      expect(batch.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
      expect(batch.data ?? undefined).toBeUndefined();
    });

    it('takes a body of exactly MAX_BODY_BYTES and answers one byte more with 413', async () => {
      const body = (bytes: number) => {
        const shell = JSON.stringify({ query: '{ serviceInfo { version } } #' });
        return JSON.stringify({ query: `{ serviceInfo { version } } #${'x'.repeat(bytes - shell.length)}` });
      };
      expect(Buffer.byteLength(body(1_000_000))).toBe(1_000_000);
      expectPasses('http', await overHttp(server.url, body(1_000_000), server.token));
      const tooLarge = await overHttp(server.url, body(1_000_001), server.token);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    });
  });

  describe('WebSocket only', () => {
    it('closes the connection (1009) on a message over MAX_BODY_BYTES; a smaller one passes', async () => {
      const padded = (bytes: number) => `{ serviceInfo { version } } #${'x'.repeat(bytes)}`;
      expectPasses('ws', await overWs(server.url, { query: padded(990_000) }, server.token));
      // graphql-ws reports the socket error of `ws` on the console; keep the test output clean.
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const outcome = await overWs(server.url, { query: padded(1_010_000) }, server.token);
        expect(outcome.closed?.code).toBe(1009);
      } finally {
        consoleError.mockRestore();
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Rate limit: per user, counted in PostgreSQL, shared by both transports

describe('rate limit (RATE_LIMIT_PER_MINUTE=3)', () => {
  const LIMIT = 3;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  const tokenFor = async (userId: string) => (await server.as({ role: Role.ADMIN, userId })).token;
  const operation = { query: print(ServiceInfoDocument) };

  it('HTTP: the 4th request of a user in a minute gets 429 RATE_LIMITED with Retry-After; another user still gets through', async () => {
    const alice = await tokenFor('rate-http-alice');
    for (let i = 0; i < LIMIT; i++) expectPasses('http', await overHttp(server.url, operation, alice));
    const limited = await overHttp(server.url, operation, alice);
    const error = expectRefused('http', limited, 'RATE_LIMITED', undefined, 429);
    const retryAfter = Number(limited.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.extensions?.details).toEqual({ retryAfterSeconds: retryAfter });
    expect(error.extensions?.http).toBeUndefined();

    expectPasses('http', await overHttp(server.url, operation, await tokenFor('rate-http-bob')));
  });

  it('WebSocket: the 4th operation of a user gets RATE_LIMITED; another user still gets through', async () => {
    const carol = await tokenFor('rate-ws-carol');
    for (let i = 0; i < LIMIT; i++) expectPasses('ws', await overWs(server.url, operation, carol));
    const error = expectRefused('ws', await overWs(server.url, operation, carol), 'RATE_LIMITED');
    expect(error.extensions?.details).toEqual({ retryAfterSeconds: expect.any(Number) });

    expectPasses('ws', await overWs(server.url, operation, await tokenFor('rate-ws-dave')));
  });

  it('one budget per user across both transports, and refused documents count too', async () => {
    const erin = await tokenFor('rate-both-erin');
    expectPasses('http', await overHttp(server.url, operation, erin));
    expectPasses('ws', await overWs(server.url, operation, erin));
    // A document that does not validate still costs the server work: it counts.
    expectRefused('ws', await overWs(server.url, { query: '{ nope }' }, erin), 'GRAPHQL_VALIDATION_FAILED');
    expectRefused('http', await overHttp(server.url, operation, erin), 'RATE_LIMITED', undefined, 429);
    expectRefused('ws', await overWs(server.url, operation, erin), 'RATE_LIMITED');
  });

  it('an anonymous caller cannot dodge the limit by inventing X-Forwarded-For addresses', async () => {
    const anonymous = (forwardedFor: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify(operation),
      });
    // Other tests of this file may have spent part of the loopback address's budget already.
    let refusedAt = -1;
    for (let i = 0; i <= LIMIT && refusedAt < 0; i++) if ((await anonymous(`203.0.113.${i + 1}`)).status === 429) refusedAt = i;
    expect(refusedAt).toBeGreaterThanOrEqual(0);
  });
});

describe('rate limit behind a trusted proxy (TRUSTED_PROXY_HOPS=1)', () => {
  it('keys anonymous callers by the address the proxy reports', async () => {
    const server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '2', TRUSTED_PROXY_HOPS: '1' } });
    try {
      const anonymous = (forwardedFor: string) =>
        fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ query: print(ServiceInfoDocument) }),
        });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await anonymous('198.51.100.7')).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await anonymous('198.51.100.8')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Production mode: tokens from a (local) identity provider's JWKS

describe('production mode', () => {
  const ISSUER = 'https://idp.example.test/polku';
  let jwksServer: http.Server;
  let database: TestDatabase;
  let app: RunningApp;
  let url: string;
  let token: string;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'hardening-test', alg: 'ES256', use: 'sig' };
    jwksServer = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;

    database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      SEED_DEMO_DATA: 'false',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      IDENTITY_CODE_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      IDENTITY_CODE_HASH_KEY: randomBytes(32).toString('base64'),
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: ISSUER,
    });
    expect(config.isProduction).toBe(true);
    expect(config.devSigner).toBe(false);
    app = await startApp(config, createLogger(config.LOG_LEVEL));
    url = `http://127.0.0.1:${app.port}/graphql`;
    // The identity provider's user is an ADMIN of an organisation in Polku's own tables.
    const [organisation] = await app.dataSource.query(
      `INSERT INTO organisation (name, business_id) VALUES ('Tuotantokaupunki', '0204819-8') RETURNING id`,
    );
    const [user] = await app.dataSource.query(`INSERT INTO app_user (issuer, subject) VALUES ($1, 'production-admin') RETURNING id`, [ISSUER]);
    await app.dataSource.query(
      `INSERT INTO user_role (user_id, organisation_id, role, display_name) VALUES ($1, $2, 'ADMIN', 'Tuotannon pääkäyttäjä')`,
      [user.id, organisation.id],
    );
    token = await new SignJWT({ email: 'admin@tuotanto.example' })
      .setProtectedHeader({ alg: 'ES256', kid: 'hardening-test' })
      .setSubject('production-admin')
      .setIssuer(ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await new Promise((resolve) => (jwksServer ? jwksServer.close(resolve) : resolve(undefined)));
  });

  describe.each(transports)('over %s', (transport) => {
    it('serves an operation for a token signed by the identity provider', async () => {
      const outcome = await send(transport, url, { query: print(ServiceInfoDocument) }, token);
      expectPasses(transport, outcome);
      expect((outcome.data as { serviceInfo: { environment: string } }).serviceInfo.environment).toBe('production');
    });

    it('refuses introspection (__schema and __type), but not __typename', async () => {
      for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Trainee") { name fields { name } } }']) {
        const outcome = await send(transport, url, { query }, token);
        expectRefused(transport, outcome, 'GRAPHQL_VALIDATION_FAILED', undefined, 400, false);
        expect(outcome.errors!.every((error) => /introspection/.test(error.message))).toBe(true);
      }
      expectPasses(transport, await send(transport, url, { query: '{ __typename }' }, token));
    });

    it('hides "Did you mean" suggestions', async () => {
      for (const query of ['{ serviceInfo { versio } }', '{ trainees(frist: 1) { totalCount } }', '{ traine(id: "x") { id } }']) {
        const outcome = await send(transport, url, { query }, token);
        const error = expectRefused(transport, outcome, 'GRAPHQL_VALIDATION_FAILED');
        expect(error.message).not.toMatch(/did you mean/i);
        expect(JSON.stringify(outcome.errors)).not.toMatch(/version"|"first"|"trainee"/);
      }
    });

    it('keeps the query limits', async () => {
      expectRefused(transport, await send(transport, url, { query: depthQuery(13) }, token), 'GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED');
      expectRefused(
        transport,
        await send(transport, url, { query: NESTED_LISTS, variables: { first: 100 } }, token),
        'GRAPHQL_VALIDATION_FAILED',
        'QUERY_TOO_COSTLY',
      );
    });
  });

  it('does not serve the landing page (GET /graphql as a browser), while development-like modes do', async () => {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(body).not.toMatch(/<html|<script/i);

    const other = await startTestServer();
    try {
      const landing = await fetch(other.url, { headers: { accept: 'text/html' } });
      expect(landing.status).toBe(200);
      expect(landing.headers.get('content-type')).toContain('text/html');
    } finally {
      await other.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// HTTP timeouts: a slowly sent request holds a connection only as long as configured

describe('HTTP timeouts (HTTP_HEADERS_TIMEOUT_MS=300, HTTP_REQUEST_TIMEOUT_MS=600)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '600', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  /**
   * Sends `head` at once, then `trickle` one byte every 50 ms (about 10 s for 200 bytes) until the
   * server answers or closes; says how many trickled bytes it took and what came back.
   */
  function trickle(head: string, trickled: string): Promise<{ sent: number; answer: string }> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let sent = 0;
      let answer = '';
      let timer: NodeJS.Timeout | undefined;
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ sent, answer });
      });
      socket.on('connect', () => {
        socket.write(head);
        timer = setInterval(() => {
          if (sent >= trickled.length) {
            clearInterval(timer);
            reject(new Error('the whole request was trickled and the server never cut it'));
            socket.destroy();
            return;
          }
          socket.write(trickled[sent++]);
        }, 50);
      });
    });
  }

  it('cuts a request whose body trickles in (408) long before the body is complete', async () => {
    const body = JSON.stringify({ query: `{ serviceInfo { version } } #${'x'.repeat(150)}` });
    const head = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const { sent, answer } = await trickle(head, body);
    expect(sent).toBeLessThan(body.length);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('cuts a request whose headers trickle in', async () => {
    const headers = `Host: localhost\r\nContent-Type: application/json\r\nX-Padding: ${'y'.repeat(200)}\r\n\r\n`;
    const { sent, answer } = await trickle('POST /graphql HTTP/1.1\r\n', headers);
    expect(sent).toBeLessThan(headers.length);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('still answers a normal request, and keeps idle connections longer than a proxy would (Keep-Alive: timeout=65)', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ query: print(ServiceInfoDocument) }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });
});

// ---------------------------------------------------------------------------------------------
// Trusted documents

describe('trusted documents (TRUSTED_DOCUMENTS=allow-list)', () => {
  let server: TestServer;
  const serviceInfoText = print(ServiceInfoDocument);
  const serviceInfoId = trustedDocumentId(ServiceInfoDocument);
  const notTrusted = '{ serviceInfo { version } }';
  const unknownId = `sha256:${'0'.repeat(64)}`;

  beforeAll(async () => {
    server = await startTestServer({ env: { TRUSTED_DOCUMENTS: 'allow-list' } });
    await insertTrainee(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('codegen puts the manifest hash into each generated document (__meta__.hash)', () => {
    expect((ServiceInfoDocument as unknown as { __meta__: { hash: string } }).__meta__.hash).toBe(serviceInfoId);
    expect(serviceInfoId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  describe.each(transports)('over %s', (transport) => {
    const run = (payload: OperationPayload) => send(transport, server.url, payload, server.token);

    it('runs a trusted document sent as text, also spelled differently', async () => {
      expectPasses(transport, await run({ query: serviceInfoText }));
      const respelled = '# the same operation\nquery ServiceInfo { serviceInfo { databaseVersion, databaseTime, environment, version } }';
      expectPasses(transport, await run({ query: respelled }));
    });

    it('runs a trusted document sent by hash alone: documentId or Apollo persistedQuery, with variables', async () => {
      const byDocumentId = await run({ query: '', documentId: serviceInfoId });
      expectPasses(transport, byDocumentId);
      expect((byDocumentId.data as { serviceInfo: { environment: string } }).serviceInfo.environment).toBe('test');
      const apq = { persistedQuery: { version: 1, sha256Hash: serviceInfoId.slice('sha256:'.length) } };
      expectPasses(transport, await run({ query: '', extensions: apq }));
      const page = await run({ query: '', documentId: trustedDocumentId(TraineesDocument), variables: { first: 1 } });
      expectPasses(transport, page);
      expect((page.data as { trainees: { edges: unknown[] } }).trainees.edges).toHaveLength(1);
    });

    it('refuses any other text, an unknown hash, and nothing at all with PERSISTED_QUERY_NOT_ALLOWED', async () => {
      expectRefused(transport, await run({ query: notTrusted }), 'PERSISTED_QUERY_NOT_ALLOWED');
      expectRefused(transport, await run({ query: depthQuery(13) }), 'PERSISTED_QUERY_NOT_ALLOWED');
      expectRefused(transport, await run({ query: '', documentId: unknownId }), 'PERSISTED_QUERY_NOT_ALLOWED');
      // An APQ "registration" (hash and text) of an untrusted document registers nothing.
      const register = { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } };
      expectRefused(transport, await run({ query: notTrusted, extensions: register }), 'PERSISTED_QUERY_NOT_ALLOWED');
      expectRefused(transport, await run({ query: '', extensions: register }), 'PERSISTED_QUERY_NOT_ALLOWED');
      // A trusted id with another text runs the trusted document, never the text.
      const swapped = await run({ query: '{ trainees(first: 100) { totalCount } }', documentId: serviceInfoId });
      expectPasses(transport, swapped);
      expect(Object.keys(swapped.data!)).toEqual(['serviceInfo']);
    });
  });

  it('HTTP GET takes documentId and extensions too', async () => {
    const get = async (search: string) => {
      const response = await fetch(`${server.url}?${search}`, {
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${server.token}` },
      });
      return { status: response.status, ...((await response.json()) as Omit<Outcome, 'status'>) };
    };
    expectPasses('http', await get(`documentId=${encodeURIComponent(serviceInfoId)}`));
    const apq = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: serviceInfoId.slice(7) } });
    expectPasses('http', await get(`extensions=${encodeURIComponent(apq)}`));
    expectPasses('http', await get(`query=${encodeURIComponent(serviceInfoText)}`));
    expectRefused('http', await get(`query=${encodeURIComponent(notTrusted)}`), 'PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('is off by default: any valid document runs', async () => {
    const open = await startTestServer();
    try {
      expect(open.config.TRUSTED_DOCUMENTS).toBe('off');
      expectPasses('http', await overHttp(open.url, { query: notTrusted }, open.token));
      expectPasses('ws', await overWs(open.url, { query: notTrusted }, open.token));
    } finally {
      await open.stop();
    }
  });
});
