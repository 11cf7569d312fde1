import { Writable } from 'node:stream';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { createLogger } from '../src/platform/logger';
import { startTestServer, TestServer } from './support/test-server';

/**
 * No personal data in the log, whatever a caller sends and however it sends it.
 *
 * Every line the server writes is captured at level `trace` while an identity code, a name and a
 * phone number travel through every transport: POST bodies (document literals and variables), GET
 * query strings, WebSocket payloads (literals, variables, connection parameters) and headers
 * (`x-purpose`, `x-request-id`, a custom header, the user agent, a bad bearer token), in requests
 * that succeed and in requests that fail (bad input, a bad token, parse and validation errors, an
 * unknown operation, malformed JSON, unknown paths, an id that used to reach SQL). None of the
 * values may appear in any line, in any spelling the server could have logged it in.
 */

const IDENTITY_CODE = '131052-308T';
const FIRST_NAME = 'Kyllikki';
const LAST_NAME = 'Vuorenmaa';
const PHONE = '+358449876543';

/** What must never appear: the code, each name, the phone's digits (a URL encodes the "+"). */
const forbidden = [IDENTITY_CODE, '131052', FIRST_NAME, LAST_NAME, '449876543'];

let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  const collector = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
      callback();
    },
  });
  server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'trace' }, logger: createLogger('trace', collector) });
});

afterAll(async () => {
  await server?.stop();
});

async function post(body: string, headers: Record<string, string> = {}, token: string | null = server.token) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> },
  };
}

async function get(search: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}?${search}`, {
    headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${server.token}`, ...headers },
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] } };
}

async function overWs(
  payload: { query: string; variables?: Record<string, unknown>; operationName?: string },
  connectionParams: Record<string, unknown>,
) {
  const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
  try {
    return await new Promise<{ data?: unknown; errors?: unknown[]; closed?: number }>((resolve) => {
      let result: { data?: unknown; errors?: unknown[] } = {};
      client.on('closed', (event) => resolve({ closed: (event as { code?: number }).code ?? 0 }));
      client.subscribe(payload as never, {
        next: (value) => {
          result = value as typeof result;
        },
        error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: (error as { code?: number }).code ?? 0 }),
        complete: () => resolve(result),
      });
    });
  } finally {
    await client.dispose();
  }
}

const personal = {
  'x-purpose': `${FIRST_NAME} ${LAST_NAME} ${IDENTITY_CODE} ${PHONE}`,
  'x-client-note': `${LAST_NAME}; ${IDENTITY_CODE}; ${PHONE}`,
  'user-agent': `Mozilla/5.0 (${FIRST_NAME} ${LAST_NAME}; ${IDENTITY_CODE})`,
};

it('writes no identity code, name or phone number to the log, whatever carries them', async () => {
  let httpRequests = 0;
  const counted = async <T>(request: Promise<T>) => {
    httpRequests++;
    return request;
  };

  // POST, variables: the trainee is created, so the look-ups below find a real person.
  const created = await counted(
    post(
      JSON.stringify({
        query: 'mutation Create($input: CreateTraineeInput!) { createTrainee(input: $input) { trainee { id } } }',
        variables: { input: { firstName: FIRST_NAME, lastName: LAST_NAME, identityCode: IDENTITY_CODE, phone: PHONE } },
      }),
      { ...personal, 'x-request-id': IDENTITY_CODE },
    ),
  );
  expect(created.body.errors).toBeUndefined();
  const traineeId = (created.body.data as { createTrainee: { trainee: { id: string } } }).createTrainee.trainee.id;

  // POST, literals.
  const byCode = await counted(
    post(JSON.stringify({ query: `{ traineeByIdentityCode(identityCode: "${IDENTITY_CODE}") { id phone } }` }), {
      ...personal,
      'x-request-id': `${FIRST_NAME}-${LAST_NAME}`,
    }),
  );
  expect(byCode.body.data).toEqual({ traineeByIdentityCode: { id: traineeId, phone: PHONE } });
  const byName = await counted(
    post(JSON.stringify({ query: `{ trainees(filter: { nameSearch: "${FIRST_NAME} ${LAST_NAME}" }) { totalCount } }` }), personal),
  );
  expect(byName.body.data).toEqual({ trainees: { totalCount: 1 } });
  await counted(
    post(
      JSON.stringify({
        query: 'mutation U($input: UpdateTraineeInput!) { updateTrainee(input: $input) { trainee { id } } }',
        variables: { input: { traineeId, phone: PHONE } },
      }),
      personal,
    ),
  );

  // GET: the whole operation is in the query string.
  const viaGet = await counted(
    get(
      `query=${encodeURIComponent('query ByCode($code: String!) { traineeByIdentityCode(identityCode: $code) { id firstName lastName } }')}&variables=${encodeURIComponent(JSON.stringify({ code: IDENTITY_CODE }))}`,
      personal,
    ),
  );
  expect(viaGet.body.data).toEqual({ traineeByIdentityCode: { id: traineeId, firstName: FIRST_NAME, lastName: LAST_NAME } });
  await counted(get(`query=${encodeURIComponent(`{ trainees(filter: { nameSearch: "${LAST_NAME}" }) { totalCount } }`)}`, personal));

  // Requests that fail.
  const failures: Array<Promise<{ status: number }>> = [
    // bad input: a NUL next to the name, a malformed id that used to reach SQL and be logged with the value
    post(JSON.stringify({ query: `{ trainees(filter: { nameSearch: "${LAST_NAME}\\u0000" }) { totalCount } }` }), personal),
    post(JSON.stringify({ query: `{ caseManagers(employmentAreaId: "${IDENTITY_CODE}") { id } }` }), personal),
    post(JSON.stringify({ query: `{ trainee(id: "${IDENTITY_CODE}") { id } }` }), personal),
    post(
      JSON.stringify({
        query: 'query($c: String!) { traineeByIdentityCode(identityCode: $c) { id } }',
        variables: { c: `${IDENTITY_CODE} ${PHONE}` },
      }),
      personal,
    ),
    post(JSON.stringify({ query: 'query($c: Int!) { trainees(first: $c) { totalCount } }', variables: { c: IDENTITY_CODE } }), personal),
    // a forged cursor carrying the code
    post(
      JSON.stringify({
        query: `{ trainees(first: 1, after: "${Buffer.from(JSON.stringify([LAST_NAME, FIRST_NAME, IDENTITY_CODE])).toString('base64url')}") { totalCount } }`,
      }),
      personal,
    ),
    // a bad token, no token
    post(
      JSON.stringify({ query: '{ serviceInfo { version } }' }),
      { ...personal, authorization: `Bearer ${IDENTITY_CODE}.${LAST_NAME}.${PHONE}` },
      null,
    ),
    post(JSON.stringify({ query: `{ traineeByIdentityCode(identityCode: "${IDENTITY_CODE}") { id } }` }), personal, null),
    // parse and validation errors, an unknown operation, malformed JSON
    post(JSON.stringify({ query: `{ traineeByIdentityCode(identityCode: "${IDENTITY_CODE}" { id } }` }), personal),
    post(JSON.stringify({ query: `{ ${LAST_NAME}(code: "${IDENTITY_CODE}") { id } }` }), personal),
    post(JSON.stringify({ query: `query A { serviceInfo { version } }`, operationName: LAST_NAME }), personal),
    post(`{"query": "{ traineeByIdentityCode(identityCode: \\"${IDENTITY_CODE}\\") { id } }", `, personal),
    // paths that serve nothing
    fetch(`${server.baseUrl}/graphql/${IDENTITY_CODE}`, { headers: personal }),
    fetch(`${server.baseUrl}/${LAST_NAME}?phone=${encodeURIComponent(PHONE)}`, { headers: personal }),
  ];
  for (const failure of failures) {
    const { status } = await counted(failure);
    expect(status).toBeLessThan(500);
  }

  // WebSocket: literals, variables, connection parameters, a bad token.
  const params = { authorization: `Bearer ${server.token}`, purpose: `${FIRST_NAME} ${LAST_NAME} ${IDENTITY_CODE}`, note: PHONE };
  expect(await overWs({ query: `{ traineeByIdentityCode(identityCode: "${IDENTITY_CODE}") { id } }` }, params)).toEqual({
    data: { traineeByIdentityCode: { id: traineeId } },
  });
  expect(
    await overWs({ query: 'query($n: String) { trainees(filter: { nameSearch: $n }) { totalCount } }', variables: { n: LAST_NAME } }, params),
  ).toEqual({ data: { trainees: { totalCount: 1 } } });
  await overWs(
    {
      query: 'mutation($input: UpdateTraineeInput!) { updateTrainee(input: $input) { trainee { id } } }',
      variables: { input: { traineeId, firstName: FIRST_NAME, phone: `${PHONE}\u0000` } },
    },
    params,
  );
  await overWs({ query: `{ caseManagers(employmentAreaId: "${IDENTITY_CODE}") { id } }` }, params);
  await overWs({ query: `{ ${LAST_NAME} }` }, params);
  await overWs({ query: '{ serviceInfo { version } }', operationName: LAST_NAME }, params);
  expect((await overWs({ query: '{ serviceInfo { version } }' }, { authorization: `Bearer ${IDENTITY_CODE}` })).closed).toBeGreaterThan(0);

  // pino-http writes its line when a response has finished: wait until every HTTP request has one.
  for (let i = 0; i < 200 && lines.filter((line) => line.includes('"msg":"request completed"')).length < httpRequests; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(lines.filter((line) => line.includes('"msg":"request completed"'))).toHaveLength(httpRequests);
  const leaks = lines.flatMap((line) =>
    forbidden.filter((value) => line.toLowerCase().includes(value.toLowerCase())).map((value) => `${value} in ${line.slice(0, 300)}`),
  );
  expect(leaks).toEqual([]);
  // The capture is real: operations of both transports and the trace-level lines are in it.
  expect(lines.some((line) => line.includes('"transport":"ws"'))).toBe(true);
  expect(lines.some((line) => line.includes('"path":"/graphql"'))).toBe(true);
});
