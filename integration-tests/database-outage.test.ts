import net from 'node:net';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { signWebhook } from '../src/integrations/shared/webhook-signature';
import { ParticipationBasis, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { ReferralSetupEmploymentAreaDocument } from './generated/graphql';
import { insertTrainee, nextIdentityCode } from './support/fixtures';
import { testDatabaseEnvironment } from './support/test-database';
import { startTestServer, TestServer } from './support/test-server';

/**
 * A database outage is SERVICE_UNAVAILABLE (retryable; HTTP 503 with Retry-After), never a 200
 * with INTERNAL_SERVER_ERROR that a client cannot tell from a bug, and the service recovers by
 * itself when the database is back.
 *
 * The server's DATABASE_URL goes through a TCP proxy in this test: cutting it (the listener closed,
 * every connection destroyed) is an outage as the service sees one, on both transports, in each
 * place the database is used before an answer: the rate-limit look-up in the context, resolvers,
 * and the access-log write before data leaves.
 */

/** A TCP proxy to PostgreSQL that can be cut and restored on the same port. */
class DatabaseProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** When set, a connection that sends this statement text is destroyed instead (the write is lost). */
  dropStatementsContaining?: string;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('data', (chunk) => {
        if (this.dropStatementsContaining && chunk.includes(this.dropStatementsContaining)) {
          client.destroy();
          upstream.destroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** The outage: nothing accepted, every open connection gone. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }
}

function upstream(): { host: string; port: number } {
  const url = new URL(testDatabaseEnvironment().adminUrl);
  return { host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname, port: Number(url.port || 5432) };
}

interface Answer {
  status?: number;
  retryAfter?: string | null;
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function overHttp(server: TestServer, query: string): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...((await response.json()) as Omit<Answer, 'status'>) };
}

async function overWs(server: TestServer, query: string): Promise<Answer> {
  const client = createClient({
    url: server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${server.token}` },
  });
  try {
    return await new Promise<Answer>((resolve) => {
      let result: Answer = {};
      client.subscribe(
        { query },
        {
          next: (value) => {
            result = value as Answer;
          },
          error: (error) =>
            resolve(
              Array.isArray(error)
                ? { errors: error }
                : { errors: [{ message: `closed: ${String((error as { reason?: string }).reason ?? error)}` }] },
            ),
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

const unavailable = { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE', retryable: true, details: { retryAfterSeconds: 5 } };
const TRAINEES = '{ trainees(first: 5) { totalCount edges { node { id lastName } } } }';

function expectUnavailableOverHttp(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('5');
  expect(answer.errors?.map((e) => e.extensions)).toEqual([unavailable]);
  expect(answer.data ?? null).toBeNull();
}

function expectUnavailableOverWs(answer: Answer): void {
  expect(answer.errors?.map((e) => e.extensions)).toEqual([unavailable]);
  expect(answer.data ?? null).toBeNull();
}

describe.each([
  ['with the rate limit on (the context look-up is the first to fail)', '600'],
  ['with the rate limit off (resolvers are the first to fail)', '0'],
])('database outage %s', (_label, rateLimit) => {
  let proxy: DatabaseProxy;
  let server: TestServer;

  beforeAll(async () => {
    proxy = new DatabaseProxy(upstream());
    await proxy.start();
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: rateLimit }, databaseUrl: (url) => proxy.url(url) });
    await insertTrainee(server, { lastName: 'Katkonen' });
  });

  afterAll(async () => {
    await server?.stop();
    await proxy.cut();
  });

  it('answers normally, then SERVICE_UNAVAILABLE (503, Retry-After) on HTTP and WebSocket while the database is cut off, then normally again', async () => {
    const before = await overHttp(server, TRAINEES);
    expect(before.status).toBe(200);
    expect(before.errors).toBeUndefined();

    await proxy.cut();
    expectUnavailableOverHttp(await overHttp(server, TRAINEES));
    expectUnavailableOverWs(await overWs(server, TRAINEES));
    // A mutation: refused the same way, and nothing is half-written (checked once the database is back).
    expectUnavailableOverHttp(
      await overHttp(server, 'mutation { createDepartment(input: { code: "OUTAGE", name: { fi: "a", sv: "b", en: "c" } }) { department { id } } }'),
    );
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(503);

    await proxy.start();
    const after = await overHttp(server, TRAINEES);
    expect(after.status).toBe(200);
    expect(after.errors).toBeUndefined();
    expect((after.data as { trainees: { totalCount: number } }).trainees.totalCount).toBe(1);
    expect((await overWs(server, TRAINEES)).errors).toBeUndefined();
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect(await server.app.dataSource.query(`SELECT 1 FROM department WHERE code = 'OUTAGE'`)).toEqual([]);
  });
});

describe('database connection lost while the access log is written', () => {
  let proxy: DatabaseProxy;
  let server: TestServer;

  beforeAll(async () => {
    proxy = new DatabaseProxy(upstream());
    await proxy.start();
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0' }, databaseUrl: (url) => proxy.url(url) });
    await insertTrainee(server, { lastName: 'Lokinen' });
  });

  afterAll(async () => {
    await server?.stop();
    await proxy.cut();
  });

  it('withholds the data read with SERVICE_UNAVAILABLE, not 500 "data withheld", on HTTP and WebSocket; the next request is answered', async () => {
    proxy.dropStatementsContaining = 'INSERT INTO access_log_entry';
    const http = await overHttp(server, TRAINEES);
    expectUnavailableOverHttp(http);
    expect(JSON.stringify(http)).not.toContain('Lokinen');
    const ws = await overWs(server, TRAINEES);
    expectUnavailableOverWs(ws);
    expect(JSON.stringify(ws)).not.toContain('Lokinen');

    proxy.dropStatementsContaining = undefined;
    const after = await overHttp(server, TRAINEES);
    expect(after.status).toBe(200);
    expect((after.data as { trainees: { edges: Array<{ node: { lastName: string } }> } }).trainees.edges[0].node.lastName).toBe('Lokinen');
  });
});

describe('database outage during a webhook push', () => {
  const SECRET = 'webhook-secret-during-the-outage';
  let proxy: DatabaseProxy;
  let server: TestServer;

  beforeAll(async () => {
    proxy = new DatabaseProxy(upstream());
    await proxy.start();
    // Pushes only: nothing is fetched from or sent to this address.
    const pushOnly = { adapter: 'http', baseUrl: 'http://127.0.0.1:9', poll: false, webhookSecrets: [SECRET] };
    server = await startTestServer({
      env: { RATE_LIMIT_PER_MINUTE: '0', INTEGRATIONS: JSON.stringify({ default: { employmentArea: pushOnly } }) },
      databaseUrl: (url) => proxy.url(url),
    });
    await server.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Pori', municipalityCodes: ['609'] } });
  });

  afterAll(async () => {
    await server?.stop();
    await proxy.cut();
  });

  it('answers 503 with Retry-After, not 500, so the sender pushes again; the next push is applied once', async () => {
    const body = JSON.stringify({
      events: [
        {
          id: 'evt-outage-1',
          type: 'referral.created',
          data: {
            externalId: 'OUTAGE-1',
            sentAt: server.clock.now().toISOString(),
            person: { identityCode: nextIdentityCode(), firstName: 'Katko', lastName: 'Webhook' },
            serviceForm: ServiceForm.TOWARDS_WORK_AND_EDUCATION,
            participationBasis: ParticipationBasis.WORK_TRIAL,
          },
        },
      ],
    });
    const push = async (secondsLater: number) => {
      const response = await fetch(`${server.baseUrl}/integrations/${server.organisationId}/employment-area/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'polku-signature': signWebhook(SECRET, body, Math.floor(server.clock.now().getTime() / 1000) + secondsLater),
        },
        body,
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
    };

    await proxy.cut();
    const during = await push(0);
    expect(during).toMatchObject({ status: 503, retryAfter: '5' });
    expect(JSON.stringify(during.body)).toContain('SERVICE_UNAVAILABLE');

    await proxy.start();
    expect(await push(1)).toMatchObject({ status: 200, body: { results: ['applied'] } });
    expect(await server.sql(`SELECT 1 FROM referral WHERE external_id = 'OUTAGE-1'`)).toHaveLength(1);
  });
});
