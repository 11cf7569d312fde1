import { randomUUID } from 'node:crypto';
import net from 'node:net';

import { print } from 'graphql';

import { runTokenCommand } from '../src/cli/token-command';
import { Persona, personaActor, personas } from '../src/demo/personas';
import { roleScopes } from '../src/modules/access/permission-matrix';
import { Role } from '../src/platform/auth/actor';
import { MeDocument, MeQuery, PeriodIdsDocument, TraineesDocument } from './generated/graphql';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The personas of src/demo/personas.ts against a demo-seeded server: each one's token (signed
 * directly and by `npm run token -- --as NAME`) is accepted and `me` names the persona's rows;
 * `npm run token` refuses ids the server would refuse; `mine` lists exactly the caller's own
 * trainees and periods.
 */
let server: TestServer;

/** The rows each persona's claims name, by the demo's names (src/demo/organisation.ts). */
const expectedRows: Record<string, { staff?: string; unit?: string; area?: string; company?: string }> = {
  riikka: {},
  anna: { staff: 'Anna Mäkinen' },
  elina: { staff: 'Elina Grönroos' },
  heidi: { area: 'Porin seudun työllisyysalue' },
  marja: { area: 'Rauman seudun työllisyysalue' },
  tuomas: { unit: 'Satakunnan Museo' },
  janne: { company: 'Porin Kiinteistöhuolto Oy' },
  saara: {},
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

function expectMeOf(persona: Persona, { me }: MeQuery) {
  const rows = expectedRows[persona.key];
  expect(me).toEqual({
    userId: persona.userId,
    role: persona.role,
    scope: roleScopes[persona.role],
    staffMember: rows.staff ? { id: persona.staffId, name: rows.staff, role: persona.role, active: true } : null,
    workUnit: rows.unit ? { id: persona.unitId, name: rows.unit } : null,
    employmentArea: rows.area ? { id: persona.areaId, name: rows.area } : null,
    partnerCompany: rows.company ? { id: persona.companyId, name: rows.company } : null,
  });
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
    "%s: the token is accepted and `me` answers with the persona's role, scope and rows",
    async (_key, persona) => {
      const client = await server.as(personaActor(persona), { exactClaims: true });
      expectMeOf(persona, await client.ok(MeDocument, {}));
    },
  );

  it.each(personas.map((p) => [p.key, p] as const))(
    '%s: `npm run token -- --as` checks the ids in the database and prints a token the server accepts',
    async (key, persona) => {
      const result = await tokenCommand(['--as', key], { DATABASE_URL: server.database.url });
      expect(result.status).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`Development token for ${key} (${persona.name}, ${persona.role})`);
      expect(result.stderr).not.toMatch(/warning/i);
      expectMeOf(persona, await meWith(result.token));
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

  it('signs a hand-made token when the ids name active rows of the right kind, and says what they name', async () => {
    const annaId = personas.find((p) => p.key === 'anna')!.staffId!;
    const result = await tokenCommand(['--role', 'COACH', '--staff', annaId], env());
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('staff member Anna Mäkinen (COACH)');
    const { me } = await meWith(result.token);
    expect([me.role, me.staffMember?.name]).toEqual(['COACH', 'Anna Mäkinen']);
  });

  it('refuses, without printing a token, ids the server would refuse: made up, inactive, of another role', async () => {
    const [inactive] = await sql<{ id: string; name: string }>(`SELECT id, name FROM staff_member WHERE NOT active ORDER BY name LIMIT 1`);
    const annaId = personas.find((p) => p.key === 'anna')!.staffId!;
    const madeUp = randomUUID();
    const cases: Array<[string[], string]> = [
      [['--role', 'COACH', '--staff', madeUp], `--staff: no staff member has the id ${madeUp}`],
      [['--role', 'COACH', '--staff', inactive.id], `--staff: ${inactive.name} (${inactive.id}) is no longer active`],
      [['--role', 'CAREER_AGENT', '--staff', annaId], `--staff: Anna Mäkinen (${annaId}) is a COACH, not a CAREER_AGENT`],
      [['--role', 'UNIT_LEAD', '--unit', madeUp], `--unit: no work unit has the id ${madeUp}`],
      [['--role', 'CASE_MANAGER', '--area', madeUp], `--area: no employment area has the id ${madeUp}`],
      [['--role', 'PARTNER', '--company', madeUp], `--company: no partner company has the id ${madeUp}`],
    ];
    for (const [argv, problem] of cases) {
      const result = await tokenCommand(argv, env());
      expect([argv.join(' '), result.status, result.stdout]).toEqual([argv.join(' '), 1, '']);
      expect(result.stderr).toContain('Not signed: the server would refuse this token (401)');
      expect(result.stderr).toContain(problem);
    }
    // The same token signed without the check is indeed refused by the server.
    const unchecked = await tokenCommand(['--role', 'COACH', '--staff', madeUp, '--no-check'], env());
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
      expect(result.stderr).toContain(`--staff: no staff member has the id ${personas.find((p) => p.key === 'anna')!.staffId}`);
      expect(result.stderr).toContain('npm run seed');
    } finally {
      await empty?.drop();
    }
  });

  it('says clearly when the ids could not be checked (no database answers), and still prints a token', async () => {
    const port = await freePort();
    const embedded = await tokenCommand(['--as', 'anna'], { EMBEDDED_POSTGRES_PORT: String(port) });
    expect(embedded.status).toBe(0);
    expect(embedded.stderr).toContain('Warning: the ids were not checked: the embedded database is not running');
    expect(embedded.token.split('.')).toHaveLength(3);

    const external = await tokenCommand(['--as', 'anna'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/polku` });
    expect(external.status).toBe(0);
    expect(external.stderr).toContain('Warning: the ids were not checked: DATABASE_URL could not be reached (ECONNREFUSED)');
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

  it("lists exactly the trainees whose latest period the coach holds (the token's staff id, not an argument)", async () => {
    const expected = await sql<{ id: string }>(
      `SELECT t.id FROM trainee t
        WHERE (SELECT p.coach_id = $1 OR p.career_agent_id = $1 FROM coaching_period p WHERE p.trainee_id = t.id ORDER BY p.start_date DESC, p.id DESC LIMIT 1)`,
      [anna().staffId],
    );
    expect(expected.length).toBeGreaterThan(5);
    const client = await server.as(personaActor(anna()), { exactClaims: true });
    const mine = await client.ok(TraineesDocument, { filter: { mine: true }, first: 100 });
    expect(mine.trainees.totalCount).toBe(expected.length);
    expect(mine.trainees.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort());
    // Without `mine` a coach lists everyone (other people as a roster): the filter is what narrows it.
    const all = await client.ok(TraineesDocument, { filter: { mine: false }, first: 1 });
    expect(all.trainees.totalCount).toBeGreaterThan(expected.length);
  });

  it('lists exactly the periods where the career agent is coach or career agent, whatever coachId says', async () => {
    const expected = await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE coach_id = $1 OR career_agent_id = $1`, [elina().staffId]);
    expect(expected.length).toBeGreaterThan(5);
    const client = await server.as(personaActor(elina()), { exactClaims: true });
    const mine = await client.ok(PeriodIdsDocument, { filter: { mine: true }, first: 100 });
    expect(mine.coachingPeriods.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(mine.coachingPeriods.edges.every((e) => e.node.careerAgentId === elina().staffId || e.node.coachId === elina().staffId)).toBe(true);
    // Another staff member's id in coachId narrows further; it never replaces the caller's own.
    const annasAndMine = await client.ok(PeriodIdsDocument, { filter: { mine: true, coachId: anna().staffId }, first: 100 });
    const both = await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE coach_id = $1 AND career_agent_id = $2`, [
      anna().staffId,
      elina().staffId,
    ]);
    expect(annasAndMine.coachingPeriods.edges.map((e) => e.node.id).sort()).toEqual(both.map((r) => r.id).sort());
  });

  it('is refused for roles without trainees of their own (BAD_USER_INPUT, MINE_NOT_APPLICABLE at filter.mine)', async () => {
    for (const key of ['riikka', 'heidi', 'tuomas']) {
      const persona = personas.find((p) => p.key === key)!;
      const client = await server.as(personaActor(persona), { exactClaims: true });
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

/** A loopback port nothing listens on (bound and released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
