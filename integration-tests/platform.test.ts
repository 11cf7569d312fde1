import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';

import { ServiceInfoDocument } from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const readJson = (response: Response): Promise<any> => response.json();

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(server.url, { method: 'POST', headers, body });
}

describe('GraphQL over HTTP', () => {
  it('answers a query with data from the real database', async () => {
    // The database's own clock, read around the request: the answer comes from that database,
    // whatever the clock of the machine running the tests says.
    const databaseNow = async () => ((await server.app.dataSource.query('SELECT now() AS now')) as Array<{ now: Date }>)[0].now.getTime();
    const before = await databaseNow();
    const data = await server.ok(ServiceInfoDocument);
    const after = await databaseNow();
    expect(data.serviceInfo.environment).toBe('test');
    expect(data.serviceInfo.databaseVersion).toMatch(/^\d+/);
    const answered = Date.parse(data.serviceInfo.databaseTime);
    expect(answered).toBeGreaterThanOrEqual(before);
    expect(answered).toBeLessThanOrEqual(after);
  });

  it('echoes an x-request-id that looks like an id (a UUID, a trace id) and invents one otherwise', async () => {
    const request = (id: string) =>
      post(JSON.stringify({ query: '{ serviceInfo { version } }' }), { 'content-type': 'application/json', 'x-request-id': id });
    for (const id of ['7d3c2a10-5b8e-4f4e-9a51-0c6c1f6a2b3d', '4bf92f3577b34da6a3ce929d0e0e4736', '0af7651916cd43dd']) {
      expect((await request(id)).headers.get('x-request-id')).toBe(id);
    }
    // Names, identity codes and free text would otherwise be written into every log line.
    for (const id of ['bad id with spaces', 'coach-app-42', '131052-308T', 'Virtanen-Matti', 'f'.repeat(65)]) {
      const invented = (await request(id)).headers.get('x-request-id');
      expect(invented).not.toBe(id);
      expect(invented).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('answers malformed JSON with 400 and a GraphQL error body', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('answers a body without a query with 400', async () => {
    const response = await post(JSON.stringify({ variables: {} }));
    expect(response.status).toBe(400);
  });

  it('refuses a POST that is not JSON (no CSRF-able simple request gets through)', async () => {
    const response = await post('query { serviceInfo { version } }', { 'content-type': 'text/plain' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain('serviceInfo');
  });

  it('answers a document that does not validate with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await post(JSON.stringify({ query: '{ noSuchField }' }));
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it('answers unparseable GraphQL with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const response = await post(JSON.stringify({ query: '{ serviceInfo { ' }));
    expect(response.status).toBe(400);
    expect((await readJson(response)).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const huge = JSON.stringify({ query: `{ serviceInfo { version } } # ${'x'.repeat(1_100_000)}` });
    const response = await post(huge);
    expect(response.status).toBe(413);
  });

  it('supports GET for queries', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent('{ serviceInfo { version } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect((await readJson(response)).data.serviceInfo.version).toMatch(/\d+\.\d+\.\d+/);
  });
});

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect((await readJson(ready)).status).toBe('ready');
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${server.baseUrl}/nope`)).status).toBe(404);
  });
});

describe('GraphQL over WebSocket (graphql-ws)', () => {
  it('runs an operation over the same /graphql path', async () => {
    const client = createClient({ url: server.url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const result = await new Promise<{ data?: { serviceInfo: { environment: string } } }>((resolve, reject) => {
        let value: unknown;
        client.subscribe({ query: print(ServiceInfoDocument) }, { next: (v) => (value = v), error: reject, complete: () => resolve(value as never) });
      });
      expect(result.data?.serviceInfo.environment).toBe('test');
    } finally {
      await client.dispose();
    }
  });

  it('formats errors on the WebSocket path like on HTTP', async () => {
    const client = createClient({ url: server.url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: '{ noSuchField }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
      });
      expect(JSON.stringify(errors)).toContain('noSuchField');
    } finally {
      await client.dispose();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, closes WebSocket connections, then refuses new connections', async () => {
    const own = await startTestServer();
    const locker = new Client({ connectionString: own.database.url });
    await locker.connect();
    try {
      // Holding a lock on the trainee table keeps the request below in flight while the server stops.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE trainee IN ACCESS EXCLUSIVE MODE');
      const inFlight = fetch(own.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${own.token}` },
        body: JSON.stringify({ query: '{ trainees(first: 1) { totalCount } }' }),
      });
      await waitFor(async () => (await locker.query("SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'trainee'::regclass")).rowCount! > 0);

      const socketClosed = new Promise<number>((resolve) => {
        const socket = new WebSocket(own.url.replace('http', 'ws'), 'graphql-transport-ws');
        socket.on('close', (code) => resolve(code));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));

      const stopped = own.app.stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await locker.query('COMMIT');

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({ data: { trainees: { totalCount: 0 } } });
      expect(await socketClosed).toBeGreaterThanOrEqual(1000);
      await stopped;
      await expect(fetch(own.url)).rejects.toThrow();
    } finally {
      await locker.end();
      await own.database.drop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
