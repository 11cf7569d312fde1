import { randomUUID } from 'node:crypto';

import { print } from 'graphql';

import { runTokenCommand } from '../src/cli/token-command';
import { Persona, personas } from '../src/demo/personas';
import { roleScopes } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { freePort } from '../src/platform/startup';
import { MeDocument, MeQuery, PeriodIdsDocument, TraineesDocument } from './generated/graphql';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The personas of src/demo/personas.ts against a demo-seeded server: each is a user of the demo
 * database, their identity token (signed directly and by `npm run token -- --as NAME`) is
 * accepted and `me` names the persona's role, organisation and rows; `npm run token` refuses an
 * identity that is no user; `mine` lists exactly the caller's own trainees and periods.
 */
let server: TestServer;

/** What each persona's role is made of, by the demo's names (src/demo/organisation.ts). */
const expectedRows: Record<string, { organisation?: string; staff?: string; unit?: string; area?: string; company?: string; trainee?: boolean }> = {
  riikka: { organisation: 'Porin kaupunki' },
  anna: { organisation: 'Porin kaupunki', staff: 'Anna Mäkinen' },
  elina: { organisation: 'Porin kaupunki', staff: 'Elina Grönroos' },
  heidi: { organisation: 'Porin kaupunki', area: 'Porin seudun työllisyysalue' },
  marja: { organisation: 'Porin kaupunki', area: 'Rauman seudun työllisyysalue' },
  tuomas: { organisation: 'Porin kaupunki', unit: 'Satakunnan Museo' },
  janne: { organisation: 'Porin kaupunki', company: 'Porin Kiinteistöhuolto Oy' },
  saara: { organisation: 'Porin kaupunki' },
  ville: { organisation: 'Porin kaupunki', trainee: true },
  ulla: { organisation: 'Ulvilan kaupunki', staff: 'Ulla Rautio' },
  reijo: { organisation: 'Rauman kaupunki' },
  olli: {},
};

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

/** Runs `npm run token` in-process with the given environment; the token is stdout's last line. */
async function tokenCommand(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const status = await runTokenCommand(argv, env, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { status, stdout, stderr, token: stdout.trim().split('\n').pop() ?? '' };
}

/** `me` over HTTP with a raw token; fails the test on any error. */
async function meWith(token: string): Promise<MeQuery> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(MeDocument) }),
  });
  const body = (await response.json()) as { data?: MeQuery; errors?: unknown[] };
  expect([response.status, body.errors]).toEqual([200, undefined]);
  return body.data!;
}

/** A client with the persona's own identity token (the user is the demo's, not one the test links). */
const personaClient = (persona: Persona) => server.as({ role: persona.role, userId: persona.subject }, { noUser: true });

async function idOf(table: string, name: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM ${table} WHERE name = $1`, [name]);
  return row.id;
}

async function expectMeOf(persona: Persona, { me }: MeQuery) {
  const rows = expectedRows[persona.key];
  const [user] = await sql<{ id: string }>(`SELECT id FROM app_user WHERE issuer = $1 AND subject = $2`, [
    server.config.AUTH_ISSUER,
    persona.subject,
  ]);
  expect(me).toEqual({
    userId: user.id,
    role: persona.role,
    scope: roleScopes[persona.role],
    user: { issuer: server.config.AUTH_ISSUER, subject: persona.subject },
    userRole: { displayName: persona.name },
    organisation: rows.organisation ? { name: rows.organisation } : null,
    traineeId: rows.trainee ? expect.any(String) : null,
    staffMember: rows.staff ? { id: await idOf('staff_member', rows.staff), name: rows.staff, role: persona.role, active: true } : null,
    workUnit: rows.unit ? { id: await idOf('work_unit', rows.unit), name: rows.unit } : null,
    employmentArea: rows.area ? { id: await idOf('employment_area', rows.area), name: rows.area } : null,
    partnerCompany: rows.company ? { id: await idOf('partner_company', rows.company), name: rows.company } : null,
  });
  if (rows.trainee) {
    const [trainee] = await sql<{ name: string }>(`SELECT first_name || ' ' || last_name AS name FROM trainee WHERE id = $1`, [me.traineeId]);
    expect(trainee.name).toBe(persona.name);
  }
}

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('personas', () => {
  it('cover every role, and the test knows the rows of each', () => {
    expect(new Set(personas.map((p) => p.role))).toEqual(new Set(Object.values(Role)));
    expect(Object.keys(expectedRows).sort()).toEqual(personas.map((p) => p.key).sort());
  });

  it.each(personas.map((p) => [p.key, p] as const))(
    "%s: the identity token is accepted and `me` answers with the persona's user, role, organisation and rows",
    async (_key, persona) => {
      const client = await personaClient(persona);
      await expectMeOf(persona, await client.ok(MeDocument, {}));
    },
  );

  it.each(personas.map((p) => [p.key, p] as const))(
    '%s: `npm run token -- --as` finds the user in the database and prints a token the server accepts',
    async (key, persona) => {
      const result = await tokenCommand(['--as', key], { DATABASE_URL: server.database.url });
      expect(result.status).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`Development token for ${key} (${persona.name}, ${persona.role}) (${persona.role}`);
      expect(result.stderr).not.toMatch(/warning/i);
      await expectMeOf(persona, await meWith(result.token));
    },
  );

  it('`me` needs a token', async () => {
    const anonymous = await server.as(null);
    const response = await anonymous.request(MeDocument, {});
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('npm run token against the database', () => {
  const env = () => ({ DATABASE_URL: server.database.url });

  it('signs an identity token for any subject that is a user, and says which role it has where', async () => {
    const result = await tokenCommand(['--sub', 'anna.makinen@pori.example'], env());
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('(COACH in Porin kaupunki)');
    const { me } = await meWith(result.token);
    expect([me.role, me.staffMember?.name]).toEqual(['COACH', 'Anna Mäkinen']);
  });

  it('refuses, without printing a token, an identity that is no active user; the same token unchecked is refused by the server', async () => {
    const stranger = `stranger-${randomUUID()}`;
    const result = await tokenCommand(['--sub', stranger], env());
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toContain('Not signed: the server would refuse this token (401)');
    expect(result.stderr).toContain(`no active user has the identity ${server.config.AUTH_ISSUER} / ${stranger}`);
    const unchecked = await tokenCommand(['--sub', stranger, '--no-check'], env());
    expect(unchecked.status).toBe(0);
    const refused = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${unchecked.token}` },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a persona on a database without the demo data, and says how to load it', async () => {
    let empty: TestDatabase | undefined;
    try {
      empty = await createTestDatabase();
      const result = await tokenCommand(['--as', 'anna'], { DATABASE_URL: empty.url });
      expect([result.status, result.stdout]).toEqual([1, '']);
      expect(result.stderr).toContain('no active user has the identity polku-dev / anna.makinen@pori.example');
      expect(result.stderr).toContain('npm run seed');
    } finally {
      await empty?.drop();
    }
  });

  it('says clearly when the identity could not be checked (no database answers), and still prints a token', async () => {
    const port = await freePort();
    const embedded = await tokenCommand(['--as', 'anna'], { EMBEDDED_POSTGRES_PORT: String(port) });
    expect(embedded.status).toBe(0);
    expect(embedded.stderr).toContain('Warning: the identity was not checked: the embedded database is not running');
    expect(embedded.token.split('.')).toHaveLength(3);

    const external = await tokenCommand(['--as', 'anna'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/polku` });
    expect(external.status).toBe(0);
    expect(external.stderr).toContain('Warning: the identity was not checked: DATABASE_URL could not be reached (ECONNREFUSED)');
    // The URL may hold a password: it is never printed.
    expect(external.stderr).not.toContain(`127.0.0.1:${port}`);
  });

  it('does not sign where the development signer is off', async () => {
    const result = await tokenCommand(['--as', 'anna'], { DATABASE_URL: server.database.url, AUTH_DEV_SIGNER: 'false' });
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toContain('The development token signer is off');
  });
});

describe('mine: my trainees and my periods', () => {
  const anna = () => personas.find((p) => p.key === 'anna')!;
  const elina = () => personas.find((p) => p.key === 'elina')!;
  const staffIdOf = (persona: Persona) => idOf('staff_member', persona.name);

  it("lists exactly the trainees whose latest period the coach holds (the token's staff id, not an argument)", async () => {
    const expected = await sql<{ id: string }>(
      `SELECT t.id FROM trainee t
        WHERE (SELECT p.coach_id = $1 OR p.career_agent_id = $1 FROM coaching_period p WHERE p.trainee_id = t.id ORDER BY p.start_date DESC, p.id DESC LIMIT 1)`,
      [await staffIdOf(anna())],
    );
    expect(expected.length).toBeGreaterThan(5);
    const client = await personaClient(anna());
    const mine = await client.ok(TraineesDocument, { filter: { mine: true }, first: 100 });
    expect(mine.trainees.totalCount).toBe(expected.length);
    expect(mine.trainees.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort());
    // Without `mine` a coach lists everyone (other people as a roster): the filter is what narrows it.
    const all = await client.ok(TraineesDocument, { filter: { mine: false }, first: 1 });
    expect(all.trainees.totalCount).toBeGreaterThan(expected.length);
  });

  it('lists exactly the periods where the career agent is coach or career agent, whatever coachId says', async () => {
    const elinaId = await staffIdOf(elina());
    const annaId = await staffIdOf(anna());
    const expected = await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1`, [elinaId]);
    expect(expected.length).toBeGreaterThan(5);
    const client = await personaClient(elina());
    const mine = await client.ok(PeriodIdsDocument, { filter: { mine: true }, first: 100 });
    expect(mine.coachingPeriods.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(mine.coachingPeriods.edges.every((e) => e.node.careerAgentId === elinaId || e.node.coachId === elinaId)).toBe(true);
    // Another staff member's id in coachId narrows further; it never replaces the caller's own.
    const annasAndMine = await client.ok(PeriodIdsDocument, { filter: { mine: true, coachId: annaId }, first: 100 });
    const both = await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE coach_id = $1 AND career_agent_id = $2`, [annaId, elinaId]);
    expect(annasAndMine.coachingPeriods.edges.map((e) => e.node.id).sort()).toEqual(both.map((r) => r.id).sort());
  });

  it('is refused for roles without trainees of their own (BAD_USER_INPUT, MINE_NOT_APPLICABLE at filter.mine)', async () => {
    for (const key of ['riikka', 'heidi', 'tuomas']) {
      const persona = personas.find((p) => p.key === key)!;
      const client = await personaClient(persona);
      const trainees = await client.request(TraineesDocument, { filter: { mine: true }, first: 5 });
      const periods = await client.request(PeriodIdsDocument, { filter: { mine: true }, first: 5 });
      for (const response of key === 'tuomas' ? [trainees] : [trainees, periods]) {
        expect([key, response.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.extensions?.fields])]).toEqual([
          key,
          [['BAD_USER_INPUT', 'MINE_NOT_APPLICABLE', [{ path: 'filter.mine', message: expect.stringContaining(persona.role) }]]],
        ]);
      }
    }
  });
});
