import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';

import { RunningApp, startApp } from '../src/app/start';
import { Role } from '../src/platform/auth/actor';
import { createLogger } from '../src/platform/logger';
import { businessId, createStaffMember } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * Users of Polku: a token proves an identity; the user it maps to, and the role the user holds in
 * an organisation, are Polku's own data, administered through GraphQL. A deactivated user is
 * refused on the next request on every instance, and their live connections close.
 */
let server: TestServer;
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of the ad-hoc queries below, read field by field
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string; fields?: Array<{ path: string }> } }>;
}

async function gql(client: GraphQLClient | string, query: string, variables: Record<string, unknown> = {}, url = server.url): Promise<Answer> {
  const token = typeof client === 'string' ? client : client.token;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

const outcome = (answer: Answer) =>
  answer.errors?.length
    ? `${answer.status} ${answer.errors[0].extensions?.code}${answer.errors[0].extensions?.reason ? ` ${answer.errors[0].extensions.reason}` : ''}`
    : `${answer.status} ok`;
const ask = async (client: GraphQLClient | string, url?: string) => outcome(await gql(client, '{ me { role } }', {}, url));

const LINK = `mutation ($input: LinkUserInput!) { linkUser(input: $input) { userRole { id role active source displayName user { issuer subject } } } }`;
const DEACTIVATE = `mutation ($input: UserRoleStateInput!) { deactivateUser(input: $input) { userRole { id active deactivatedAt } } }`;
const REACTIVATE = `mutation ($input: UserRoleStateInput!) { reactivateUser(input: $input) { userRole { id active } } }`;
const CHANGE = `mutation ($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { userRole { id role } } }`;
const CHANGES = `{ userChanges { kind userId changedBy reason } }`;

/** An identity token for a subject at the development signer, with no user linked by the test. */
const identity = async (subject: string, groups?: string[]) =>
  (await server.as({ role: Role.ADMIN, userId: subject, groups }, { noUser: true })).token!;

/** Opens a WebSocket connection as the token and resolves with how it ends. */
function connection(token: string): { acked: Promise<void>; closed: Promise<number>; socket: WebSocket } {
  const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  let ack: () => void;
  const acked = new Promise<void>((resolve) => (ack = resolve));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
  socket.on('message', (raw) => {
    if ((JSON.parse(String(raw)) as { type: string }).type === 'connection_ack') ack();
  });
  return { acked, closed, socket };
}

describe('an ADMIN administers the users of their organisation', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('links an identity to a role, and the identity is then let in with exactly that role and scope', async () => {
    const staffMemberId = await createStaffMember(server, 'COACH');
    const subject = 'new-coach@testikaupunki.example';
    expect(await ask(await identity(subject))).toBe('401 UNAUTHENTICATED');
    const linked = await gql(server, LINK, {
      input: { issuer: server.config.AUTH_ISSUER, subject, displayName: 'Uusi Valmentaja', role: 'COACH', staffMemberId, reason: 'Aloitti 1.12.' },
    });
    expect(linked.errors).toBeUndefined();
    expect(linked.data!.linkUser.userRole).toMatchObject({ role: 'COACH', active: true, source: 'LINKED', user: { subject } });
    const me = await gql(await identity(subject), '{ me { role staffMember { id } organisation { name } } }');
    expect(me.data).toEqual({ me: { role: 'COACH', staffMember: { id: staffMemberId }, organisation: { name: 'Testikaupunki' } } });
    const changes = (await gql(server, CHANGES)).data!.userChanges as Array<Record<string, string>>;
    expect(changes[0]).toMatchObject({ kind: 'LINKED', changedBy: server.userId, reason: 'Aloitti 1.12.' });
  });

  it('refuses a role without its scope row, a row of another organisation, a staff member of the other kind, a second role and their own role', async () => {
    const other = await server.createOrganisation();
    const [foreignStaff] = await sql<{ id: string }>(
      `INSERT INTO staff_member (organisation_id, name, role) VALUES ($1, 'Muu', 'COACH') RETURNING id`,
      [other],
    );
    const agentId = await createStaffMember(server, 'CAREER_AGENT');
    const base = { issuer: server.config.AUTH_ISSUER, displayName: 'X', reason: 'testi' };
    const refusals = await Promise.all([
      gql(server, LINK, { input: { ...base, subject: 'a', role: 'COACH' } }),
      gql(server, LINK, { input: { ...base, subject: 'b', role: 'COACH', staffMemberId: foreignStaff.id } }),
      gql(server, LINK, { input: { ...base, subject: 'c', role: 'COACH', staffMemberId: agentId } }),
      gql(server, LINK, { input: { ...base, subject: 'd', role: 'ANALYST', staffMemberId: agentId } }),
      gql(server, LINK, { input: { ...base, subject: 'e', role: 'PLATFORM_OPERATOR' } }),
      gql(server, LINK, { input: { ...base, subject: 'f', role: 'ANALYST', organisationId: other } }),
      gql(server, LINK, { input: { ...base, subject: 'test-admin', role: 'ANALYST' } }),
    ]);
    expect(refusals.map((r) => [outcome(r), r.errors?.[0]?.extensions?.fields?.[0]?.path])).toEqual([
      ['200 BAD_USER_INPUT SCOPE_ROW_REQUIRED', 'input.staffMemberId'],
      ['200 BAD_USER_INPUT REFERENCE_NOT_FOUND', 'input.staffMemberId'],
      ['200 BAD_USER_INPUT STAFF_ROLE_MISMATCH', 'input.staffMemberId'],
      ['200 BAD_USER_INPUT SCOPE_ROW_REQUIRED', 'input.staffMemberId'],
      ['200 FORBIDDEN ROLE_NOT_GRANTABLE', undefined],
      // Another organisation is outside the ADMIN's: not found, as if it did not exist.
      ['200 NOT_FOUND', undefined],
      ['200 FORBIDDEN OWN_ROLE', undefined],
    ]);
    const analyst = await gql(server, LINK, { input: { ...base, subject: 'g', role: 'ANALYST' } });
    expect(analyst.errors).toBeUndefined();
    expect(outcome(await gql(server, LINK, { input: { ...base, subject: 'g', role: 'ANALYST' } }))).toBe('200 CONFLICT ROLE_EXISTS');
    // Nothing was stored for the refused ones.
    expect(await sql(`SELECT u.subject FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.subject IN ('a','b','c','d','e','f')`)).toEqual(
      [],
    );
  });

  it('changes a role, deactivates and reactivates it, recording who and why; another organisation’s roles are not found', async () => {
    const analyst = await server.as({ role: Role.ANALYST, userId: 'changing-analyst' });
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM user_role WHERE user_id = $1`, [analyst.userId]);
    expect(outcome(await gql(server, CHANGE, { input: { userRoleId: id, role: 'ADMIN', reason: 'Sijaistaa' } }))).toBe('200 ok');
    expect(await ask(analyst)).toBe('200 ok');
    expect((await gql(analyst, '{ me { role } }')).data).toEqual({ me: { role: 'ADMIN' } });
    expect(outcome(await gql(server, DEACTIVATE, { input: { userRoleId: id, reason: 'Lähti' } }))).toBe('200 ok');
    expect(await ask(analyst)).toBe('401 UNAUTHENTICATED');
    expect(outcome(await gql(server, DEACTIVATE, { input: { userRoleId: id, reason: 'Uudelleen' } }))).toBe('200 CONFLICT ALREADY_INACTIVE');
    expect(outcome(await gql(server, REACTIVATE, { input: { userRoleId: id, reason: 'Palasi' } }))).toBe('200 ok');
    expect(await ask(analyst)).toBe('200 ok');
    const changes = ((await gql(server, CHANGES)).data!.userChanges as Array<Record<string, string>>).filter((c) => c.userId === analyst.userId);
    expect(changes.map((c) => [c.kind, c.changedBy, c.reason])).toEqual([
      ['REACTIVATED', server.userId, 'Palasi'],
      ['DEACTIVATED', server.userId, 'Lähti'],
      ['CHANGED', server.userId, 'Sijaistaa'],
    ]);
    // The record of changes cannot be rewritten, not even by the application's own connection.
    await expect(sql(`UPDATE user_change SET reason = 'x'`)).rejects.toThrow(/append-only/);

    const other = await server.createOrganisation();
    const foreign = await server.as({ role: Role.ANALYST, userId: 'foreign-analyst', organisationId: other });
    const [{ id: foreignRole }] = await sql<{ id: string }>(`SELECT id FROM user_role WHERE user_id = $1`, [foreign.userId]);
    expect(outcome(await gql(server, DEACTIVATE, { input: { userRoleId: foreignRole, reason: 'Ei meidän' } }))).toBe('200 NOT_FOUND');
    expect(await ask(foreign)).toBe('200 ok');
  });

  it('closes the live WebSocket connections of a user deactivated on this instance at once', async () => {
    const coach = await server.as({ role: Role.COACH, userId: 'coach-with-a-socket' });
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM user_role WHERE user_id = $1`, [coach.userId]);
    const open = connection(coach.token!);
    await open.acked;
    expect(outcome(await gql(server, DEACTIVATE, { input: { userRoleId: id, reason: 'Tili suljettu' } }))).toBe('200 ok');
    expect(await open.closed).toBe(4403);
  });
});

describe('every instance', () => {
  let second: RunningApp | undefined;
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    // A second instance on the same database, each with its own cache (AUTH_USER_CACHE_MS as deployed).
    second = await startApp(server.config, createLogger('silent'), { clock: server.clock });
  });
  afterAll(async () => {
    await second?.stop();
    await server?.stop();
  });

  it('refuses a user deactivated on one instance on the next request to the other, and closes their connections there', async () => {
    const secondUrl = `http://127.0.0.1:${second!.port}/graphql`;
    const analyst = await server.as({ role: Role.ANALYST, userId: 'analyst-on-two-instances' });
    expect(await ask(analyst, secondUrl)).toBe('200 ok');
    // Cached on the second instance now: no statement for the next request there.
    const before = second!.counter.total;
    expect(await ask(analyst, secondUrl)).toBe('200 ok');
    expect(second!.counter.total - before).toBe(0);
    const socket = new WebSocket(secondUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${analyst.token}` } })));
      socket.on('message', () => resolve());
    });

    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM user_role WHERE user_id = $1`, [analyst.userId]);
    expect(outcome(await gql(server, DEACTIVATE, { input: { userRoleId: id, reason: 'Lopetti' } }))).toBe('200 ok');
    // The notice travels through PostgreSQL: give it a moment, never more than a few seconds.
    const deadline = Date.now() + 5000;
    let seen = await ask(analyst, secondUrl);
    while (seen !== '401 UNAUTHENTICATED' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await ask(analyst, secondUrl);
    }
    expect(seen).toBe('401 UNAUTHENTICATED');
    expect(await closed).toBe(4403);
  });
});

describe('identity-provider groups', () => {
  let organisationBusinessId: string;
  beforeAll(async () => {
    organisationBusinessId = businessId(4_321_000);
    server = await startTestServer({
      env: {
        RATE_LIMIT_PER_MINUTE: '0',
        AUTH_GROUP_ROLES: JSON.stringify([
          { group: 'polku-analysts', organisation: organisationBusinessId, role: 'ANALYST' },
          { group: 'polku-admins', organisation: organisationBusinessId, role: 'ADMIN' },
          { group: 'nowhere-analysts', organisation: businessId(4_322_000), role: 'ANALYST' },
          { group: 'platform-operators', role: 'PLATFORM_OPERATOR' },
        ]),
      },
    });
    await sql(`UPDATE organisation SET business_id = $1 WHERE id = $2`, [organisationBusinessId, server.organisationId]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('makes a member of a mapped group a user with the group’s role, recorded for the access review, only while the token carries the group', async () => {
    const withGroup = await identity('group-analyst@testikaupunki.example', ['everyone', 'polku-analysts']);
    expect((await gql(withGroup, '{ me { role organisation { name } userRole { source groupName } } }')).data).toEqual({
      me: { role: 'ANALYST', organisation: { name: 'Testikaupunki' }, userRole: { source: 'GROUP', groupName: 'polku-analysts' } },
    });
    const [recorded] = await sql<{ kind: string; reason: string; changed_by: string | null }>(
      `SELECT c.kind::text, c.reason, c.changed_by FROM user_change c JOIN app_user u ON u.id = c.user_id WHERE u.subject = 'group-analyst@testikaupunki.example'`,
    );
    expect(recorded).toEqual({ kind: 'JOINED_BY_GROUP', reason: 'identity-provider group polku-analysts (AUTH_GROUP_ROLES)', changed_by: null });
    expect(await ask(await identity('group-analyst@testikaupunki.example', ['everyone']))).toBe('401 UNAUTHENTICATED');
    // The group maps to the role listed first for the organisation; a group of no known organisation gives nothing.
    expect((await gql(await identity('group-admin@testikaupunki.example', ['polku-analysts', 'polku-admins']), '{ me { role } }')).data).toEqual({
      me: { role: 'ANALYST' },
    });
    expect(await ask(await identity('nobody@elsewhere.example', ['nowhere-analysts']))).toBe('401 UNAUTHENTICATED');
  });

  it('lets an ADMIN deactivate a group member: the group no longer lets them in', async () => {
    const token = await identity('leaving-analyst@testikaupunki.example', ['polku-analysts']);
    expect(await ask(token)).toBe('200 ok');
    const [{ id }] = await sql<{ id: string }>(
      `SELECT r.id FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.subject = 'leaving-analyst@testikaupunki.example'`,
    );
    expect(outcome(await gql(server, DEACTIVATE, { input: { userRoleId: id, reason: 'Siirtyi muualle' } }))).toBe('200 ok');
    expect(await ask(token)).toBe('401 UNAUTHENTICATED');
  });

  it('gives the platform operator organisations and their first ADMIN, and no personal data', async () => {
    const operator = await identity('operator@it.example', ['platform-operators']);
    expect((await gql(operator, '{ me { role organisation { id } } }')).data).toEqual({ me: { role: 'PLATFORM_OPERATOR', organisation: null } });
    const created = await gql(
      operator,
      'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id name } } }',
      {
        input: { name: 'Uusikaupunki', businessId: businessId(4_323_000), municipalityCodes: ['895'] },
      },
    );
    expect(created.errors).toBeUndefined();
    const organisationId = created.data!.createOrganisation.organisation.id as string;
    const admin = await gql(operator, LINK, {
      input: {
        issuer: server.config.AUTH_ISSUER,
        subject: 'admin@uusikaupunki.example',
        displayName: 'Pää Käyttäjä',
        role: 'ADMIN',
        organisationId,
        reason: 'Käyttöönotto',
      },
    });
    expect(admin.errors).toBeUndefined();
    expect((await gql(await identity('admin@uusikaupunki.example'), '{ me { role organisation { name } } }')).data).toEqual({
      me: { role: 'ADMIN', organisation: { name: 'Uusikaupunki' } },
    });
    for (const query of ['{ trainees(first: 1) { totalCount } }', '{ staffMembers { id } }', '{ accessLog(first: 1) { totalCount } }']) {
      expect([query, outcome(await gql(operator, query))]).toEqual([query, '200 FORBIDDEN ROLE_NOT_ALLOWED']);
    }
    // The operator gives organisations their ADMIN, not the other roles.
    expect(
      outcome(
        await gql(operator, LINK, {
          input: {
            issuer: server.config.AUTH_ISSUER,
            subject: 'coach@uusikaupunki.example',
            displayName: 'X',
            role: 'ANALYST',
            organisationId,
            reason: 'Ei kuulu operaattorille',
          },
        }),
      ),
    ).toBe('200 FORBIDDEN ROLE_NOT_GRANTABLE');
  });
});

describe('identity providers with their own keys (JWKS)', () => {
  const providers: Array<{ issuer: string; server: http.Server; sign(claims: Record<string, unknown>, subject: string): Promise<string> }> = [];
  beforeAll(async () => {
    for (const name of ['pori', 'rauma']) {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: `${name}-key`, alg: 'RS256', use: 'sig' };
      const jwks = http.createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      const issuer = `https://login.${name}.example/v2.0`;
      providers.push({
        issuer,
        server: jwks,
        sign: (claims, subject) =>
          new SignJWT(claims)
            .setProtectedHeader({ alg: 'RS256', kid: `${name}-key` })
            .setSubject(subject)
            .setIssuer(issuer)
            .setAudience('api://polku')
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(privateKey),
      });
    }
    server = await startTestServer({
      env: {
        AUTH_IDENTITY_PROVIDERS: JSON.stringify(
          providers.map((p, index) => ({
            issuer: p.issuer,
            jwksUrl: `http://127.0.0.1:${(p.server.address() as AddressInfo).port}/keys`,
            audience: 'api://polku',
            ...(index === 1 ? { groupsClaim: 'roles', emailClaim: 'upn' } : {}),
          })),
        ),
        AUTH_GROUP_ROLES: JSON.stringify([
          { group: 'Polku.Analyst', organisation: businessId(4_324_000), role: 'ANALYST', issuer: providers[1]?.issuer ?? 'x' },
        ]),
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    for (const provider of providers) await new Promise((resolve) => provider.server.close(resolve));
  });

  it('accepts tokens of each configured provider for the users linked to their identities, and the provider’s own group claim', async () => {
    const [pori, rauma] = providers;
    await sql(`UPDATE organisation SET business_id = $1 WHERE id = $2`, [businessId(4_324_000), server.organisationId]);
    const linked = await gql(server, LINK, {
      input: { issuer: pori.issuer, subject: 'entra-oid-1234', displayName: 'Porin Analyytikko', role: 'ANALYST', reason: 'Entra ID -käyttäjä' },
    });
    expect(linked.errors).toBeUndefined();
    expect((await gql(await pori.sign({ email: 'a@pori.example' }, 'entra-oid-1234'), '{ me { role } }')).data).toEqual({ me: { role: 'ANALYST' } });
    // The same subject at another provider is another person.
    expect(await ask(await rauma.sign({}, 'entra-oid-1234'))).toBe('401 UNAUTHENTICATED');
    // Rauma's tokens carry groups in `roles` (configured per provider); the mapping names Rauma's issuer.
    expect((await gql(await rauma.sign({ roles: ['Polku.Analyst'] }, 'rauma-user'), '{ me { role } }')).data).toEqual({ me: { role: 'ANALYST' } });
    expect(await ask(await pori.sign({ groups: ['Polku.Analyst'] }, 'pori-user'))).toBe('401 UNAUTHENTICATED');
    // A token naming a configured issuer but signed with another key is refused.
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'pori-key' })
      .setSubject('entra-oid-1234')
      .setIssuer(pori.issuer)
      .setAudience('api://polku')
      .setExpirationTime('5m')
      .sign((await generateKeyPair('RS256')).privateKey);
    expect(await ask(forged)).toBe('401 UNAUTHENTICATED');
  });
});

describe('the user cache', () => {
  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0', AUTH_USER_CACHE_MS: '0' } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('with AUTH_USER_CACHE_MS=0 asks the database every time: a staff member deactivated behind Polku’s back is refused on the next request and operation', async () => {
    const staffId = await createStaffMember(server, 'COACH');
    const coach = await server.as({ role: Role.COACH, staffId, userId: 'coach-who-leaves' });
    expect(await ask(coach)).toBe('200 ok');
    const first = await server.countStatements(() => ask(coach));
    expect(first).toBeGreaterThanOrEqual(1);
    const open = connection(coach.token!);
    await open.acked;
    await sql('UPDATE staff_member SET active = false WHERE id = $1', [staffId]);
    expect(await ask(coach)).toBe('401 UNAUTHENTICATED');
    open.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ me { role } }' } }));
    expect(await open.closed).toBe(4403);
  });
});
