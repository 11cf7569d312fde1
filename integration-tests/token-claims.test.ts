import WebSocket from 'ws';

import { Role } from '../src/platform/auth/actor';
import { createStaffMember } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * A token is only as good as what its claims name, for as long as it is used: a staff member
 * deactivated after signing in is refused on the next request over HTTP, and on the next
 * operation of an open WebSocket connection, which is then closed.
 */
let server: TestServer;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

afterEach(async () => {
  await server?.stop();
});

async function ask(client: GraphQLClient) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify({ query: '{ enumLabels(enum: "Role") { value } }' }),
  });
  return `${response.status} ${((await response.json()) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code ?? 'ok'}`;
}

/** Sends operations one after another on one connection; resolves with what each got, and how the connection ended. */
function overOneConnection(token: string, between: (index: number) => Promise<void>, operations = 2): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error(`no end: ${seen.join(', ')}`)), 15_000);
    let sent = 0;
    const next = async () => {
      if (sent > 0) await between(sent);
      socket.send(JSON.stringify({ id: String(++sent), type: 'subscribe', payload: { query: '{ enumLabels(enum: "Role") { value } }' } }));
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; payload?: Array<{ extensions?: { code?: string } }> };
      if (message.type === 'connection_ack') void next();
      else if (message.type === 'next') seen.push('next');
      else if (message.type === 'error') seen.push(`error ${message.payload?.[0]?.extensions?.code}`);
      else if (message.type === 'complete' && sent < operations) void next();
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      resolve([...seen, `closed ${code}`]);
    });
    socket.on('error', reject);
    // Every operation answered and nothing closed it: close from this side.
    const check: NodeJS.Timeout = setInterval(() => {
      if (seen.length >= operations) {
        clearInterval(check);
        socket.close(1000);
      }
    }, 20);
  });
}

it('refuses a deactivated coach on the next request and the next WebSocket operation, and closes that connection', async () => {
  server = await startTestServer({ env: { AUTH_CLAIMS_CACHE_MS: '0' } });
  const staffId = await createStaffMember(server, 'COACH');
  const coach = await server.as({ role: Role.COACH, staffId, userId: 'coach-who-leaves' });
  expect(await ask(coach)).toBe('200 ok');

  const deactivate = async () => void (await sql('UPDATE staff_member SET active = false WHERE id = $1', [staffId]));
  const events = await overOneConnection(coach.token!, deactivate);
  expect(events).toEqual(['next', 'error UNAUTHENTICATED', 'closed 4403']);
  expect(await ask(coach)).toBe('401 UNAUTHENTICATED');
});

it('believes confirmed claims for AUTH_CLAIMS_CACHE_MS: one statement for the first request, none after', async () => {
  server = await startTestServer({ env: { AUTH_CLAIMS_CACHE_MS: '60000' } });
  const staffId = await createStaffMember(server, 'COACH');
  const coach = await server.as({ role: Role.COACH, staffId });
  const first = await server.countStatements(() => ask(coach));
  const second = await server.countStatements(() => ask(coach));
  expect(first - second).toBe(1);
  // Still believed within the time, even after a deactivation: the price of not asking every time.
  await sql('UPDATE staff_member SET active = false WHERE id = $1', [staffId]);
  expect(await ask(coach)).toBe('200 ok');
});
