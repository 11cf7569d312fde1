import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { DataSource } from 'typeorm';

import { RunningApp, startApp } from '../../src/app/start';
import { todayInFinland, todayOf } from '../../src/modules/shared/calendar';
import { Actor, Role } from '../../src/platform/auth/actor';
import { signDevelopmentToken } from '../../src/platform/auth/tokens';
import { AdjustableClock } from '../../src/platform/clock';
import { AppConfig, loadConfig } from '../../src/platform/config';
import { createLogger, Logger } from '../../src/platform/logger';
import { businessId } from './fixtures';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

/**
 * Who a test client acts as: a role and the rows its scope is made of. `userId` is the identity's
 * subject at the development signer; the client's `userId` is then the Polku user it maps to.
 * `organisationId` defaults to the server's organisation.
 */
export type TestActor = Omit<Actor, 'userId'> & { userId?: string; email?: string; groups?: string[] };

export interface GraphQLClient {
  /** Sends a typed operation over HTTP as this client's user. */
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** Like `request`, but fails the test on any GraphQL error. */
  ok<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData>;
  token: string | null;
  /** The Polku user the client's identity maps to (what the access log and history record); null when anonymous or when the test asked for no user. */
  userId: string | null;
}

/**
 * Where every test server's clock starts unless a test says otherwise: a Wednesday, 10:00 in
 * Finland. Tests compute their dates from `server.today()`, never from the wall clock, so they give
 * the same answer at 08:00 on a Monday and at 23:59 on a Sunday; tests about the hour or the day
 * move `server.clock` themselves.
 */
export const TEST_START_INSTANT = '2026-11-18T08:00:00.000Z';
/** The Finnish calendar day of `TEST_START_INSTANT`: "today" for tests that keep the default clock. */
export const TEST_TODAY = todayInFinland(new Date(TEST_START_INSTANT));

export interface TestServer extends GraphQLClient {
  app: RunningApp;
  config: AppConfig;
  /** The server's clock: starts at `TEST_START_INSTANT` (or the given instant) and runs forward. */
  clock: AdjustableClock;
  /** The server's calendar day in Finland. */
  today(): string;
  /**
   * A client acting as the given user; `null` for an anonymous one. The identity is made a user of
   * the organisation with the actor's role; a role's scope row left out is filled with a stand-in
   * staff member, unit, area or company of that organisation (it holds no trainees). With
   * `noUser` the token is signed for the identity alone and no user is linked (as for a stranger
   * or a user whose role comes from a group).
   */
  as(actor: TestActor | null, options?: { noUser?: boolean; organisationHeader?: string }): Promise<GraphQLClient>;
  /** The Polku user of a test identity (its subject at the development signer), as history and logs record it. */
  userIdOf(subject: string): Promise<string>;
  /** The organisation the server's ADMIN and every test actor without one belong to. */
  organisationId: string;
  /** Another organisation (created on first use), for tests of the boundary between organisations. */
  createOrganisation(name?: string): Promise<string>;
  database: TestDatabase;
  url: string;
  baseUrl: string;
  /** Rows of a statement on this server's database, for setting up and checking what the API did. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** SQL statements issued while `fn` ran. */
  countStatements(fn: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/** An in-process Polku on a random port with its own fresh database. */
export async function startTestServer(
  options: {
    seedDemoData?: boolean;
    env?: Record<string, string>;
    clock?: AdjustableClock;
    logger?: Logger;
    /** Rewrites the fresh database's URL before the server uses it (e.g. to go through a TCP proxy). */
    databaseUrl?: (url: string) => string;
  } = {},
): Promise<TestServer> {
  const clock = options.clock ?? new AdjustableClock(TEST_START_INSTANT);
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl ? options.databaseUrl(database.url) : database.url,
    DATABASE_POOL_SIZE: '4',
    SEED_DEMO_DATA: String(options.seedDemoData ?? false),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const app = await startApp(config, options.logger ?? createLogger(config.LOG_LEVEL), { clock });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const url = `${baseUrl}/graphql`;

  const client = (token: string | null, userId: string | null, fixedHeaders: Record<string, string> = {}): GraphQLClient => {
    const request: GraphQLClient['request'] = async (document, variables, headers = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...fixedHeaders, ...headers },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    };
    return {
      token,
      userId,
      request,
      ok: async (document, variables) => {
        const response = await request(document, variables);
        if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
        return response.data as never;
      },
    };
  };
  // The server's own organisation: existing data of a deployment migrates into one, tests start with one.
  const [demo] = app.seeded ? await app.dataSource.query(`SELECT id FROM organisation WHERE business_id = '0204819-8'`) : [];
  const organisationId: string = demo?.id ?? (await createOrganisationRow(app.dataSource, 'Testikaupunki'));
  const standIns = new Map<string, Promise<string>>();
  const standIn = (field: ScopeField, role: Role, inOrganisation: string): Promise<string> => {
    const key = `${field}:${field === 'staffId' ? role : ''}:${inOrganisation}`;
    if (!standIns.has(key)) standIns.set(key, createStandIn(app.dataSource, field, role, inOrganisation));
    return standIns.get(key)!;
  };
  let anonymousUsers = 0;
  const as: TestServer['as'] = async (actor, options = {}) => {
    if (!actor) return client(null, null);
    const subject = actor.userId ?? `test-${actor.role.toLowerCase()}-${++anonymousUsers}`;
    const token = await signDevelopmentToken(config, { subject, email: actor.email, groups: actor.groups });
    const headers: Record<string, string> = options.organisationHeader ? { 'x-polku-organisation': options.organisationHeader } : {};
    if (options.noUser) return client(token, null, headers);
    const inOrganisation = actor.role === Role.PLATFORM_OPERATOR ? null : (actor.organisationId ?? organisationId);
    const field = scopeFieldOfRole[actor.role];
    const scopeId = field ? (actor[field] ?? (await standIn(field, actor.role, inOrganisation!))) : undefined;
    const { userId, changed } = await linkTestUser(app.dataSource, config.AUTH_ISSUER, subject, actor.role, inOrganisation, field, scopeId);
    // Written behind the user service's back: this instance must not keep the old role.
    if (changed) app.forgetUser(userId);
    return client(token, userId, headers);
  };
  const admin = await as({ role: Role.ADMIN, userId: 'test-admin' });

  return {
    ...admin,
    app,
    config,
    clock,
    today: () => todayOf(clock),
    as,
    userIdOf: async (subject) => {
      const [row] = await app.dataSource.query(`SELECT id FROM app_user WHERE issuer = $1 AND subject = $2`, [config.AUTH_ISSUER, subject]);
      if (!row) throw new Error(`no test user has the subject ${subject}`);
      return row.id;
    },
    organisationId,
    createOrganisation: (name = 'Toinen kaupunki') => createOrganisationRow(app.dataSource, name),
    database,
    url,
    baseUrl,
    sql: (text, params = []) => app.dataSource.query(text, params),
    countStatements: async (fn) => {
      const before = app.counter.total;
      await fn();
      return app.counter.total - before;
    },
    stop: async () => {
      await app.stop();
      await database.drop();
    },
  };
}

type ScopeField = 'staffId' | 'unitId' | 'areaId' | 'companyId' | 'traineeId';

const scopeFieldOfRole: Partial<Record<Role, ScopeField>> = {
  [Role.COACH]: 'staffId',
  [Role.CAREER_AGENT]: 'staffId',
  [Role.CASE_MANAGER]: 'areaId',
  [Role.UNIT_LEAD]: 'unitId',
  [Role.PARTNER]: 'companyId',
  [Role.TRAINEE]: 'traineeId',
};

const scopeColumn: Record<ScopeField, string> = {
  staffId: 'staff_member_id',
  unitId: 'work_unit_id',
  areaId: 'employment_area_id',
  companyId: 'partner_company_id',
  traineeId: 'trainee_id',
};

let organisationSequence = 0;

/** An organisation with a valid, unique business ID. */
async function createOrganisationRow(dataSource: DataSource, name: string): Promise<string> {
  const [row] = await dataSource.query(`INSERT INTO organisation (name, business_id) VALUES ($1, $2) RETURNING id`, [
    name,
    businessId(7_000_000 + process.pid * 10 + ++organisationSequence * 1000),
  ]);
  return row.id;
}

/**
 * The identity as a user with exactly this role in the organisation (written straight to the
 * tables: what an ADMIN's linkUser would leave). A subject already linked with another role or
 * row there gets the new one, as if an ADMIN changed it.
 */
async function linkTestUser(
  dataSource: DataSource,
  issuer: string,
  subject: string,
  role: Role,
  organisationId: string | null,
  field: ScopeField | undefined,
  scopeId: string | undefined,
): Promise<{ userId: string; changed: boolean }> {
  let user: { id: string };
  try {
    [user] = await dataSource.query(
      `INSERT INTO app_user (issuer, subject) VALUES ($1, $2) ON CONFLICT (issuer, subject) DO UPDATE SET issuer = EXCLUDED.issuer RETURNING id`,
      [issuer, subject],
    );
  } catch {
    // A subject the database cannot hold (a NUL, for the hostile-input tests): the token is refused anyway.
    return { userId: '00000000-0000-0000-0000-000000000000', changed: false };
  }
  const [existing] = await dataSource.query(
    `SELECT role::text AS role, staff_member_id, work_unit_id, employment_area_id, partner_company_id, trainee_id
       FROM user_role WHERE user_id = $1 AND organisation_id IS NOT DISTINCT FROM $2`,
    [user.id, organisationId],
  );
  const wanted = field ? scopeId : undefined;
  if (existing) {
    const same = existing.role === role && (!field || existing[scopeColumn[field]] === wanted);
    if (same) return { userId: user.id, changed: false };
    // The test reuses the identity for another role or row: the user's role becomes that one.
    await dataSource.query(
      `UPDATE user_role SET role = $3, staff_member_id = $4, work_unit_id = $5, employment_area_id = $6, partner_company_id = $7, trainee_id = $8,
              active = true, deactivated_at = NULL
        WHERE user_id = $1 AND organisation_id IS NOT DISTINCT FROM $2`,
      [
        user.id,
        organisationId,
        role,
        ...(['staffId', 'unitId', 'areaId', 'companyId', 'traineeId'] as const).map((f) => (f === field ? wanted : null)),
      ],
    );
    return { userId: user.id, changed: true };
  }
  await dataSource.query(
    `INSERT INTO user_role (user_id, organisation_id, role, display_name, ${field ? `${scopeColumn[field]}, ` : ''}source)
     VALUES ($1, $2, $3, $4, ${field ? '$5, ' : ''}'LINKED')`,
    [user.id, organisationId, role, subject, ...(field ? [wanted] : [])],
  );
  return { userId: user.id, changed: false };
}

/** A row for a stand-in user's scope; it holds no trainees, so the user's scope is empty. */
async function createStandIn(dataSource: DataSource, field: ScopeField, role: Role, organisationId: string): Promise<string> {
  const insert = async (sql: string, params: unknown[]) => ((await dataSource.query(sql, params)) as Array<{ id: string }>)[0].id;
  switch (field) {
    case 'staffId':
      return insert(`INSERT INTO staff_member (organisation_id, name, role) VALUES ($1, $2, $3) RETURNING id`, [
        organisationId,
        `Stand-in ${role}`,
        role,
      ]);
    case 'areaId': {
      const areaId = await insert(`INSERT INTO employment_area (name, municipality_codes) VALUES ('Stand-in area', '{}') RETURNING id`, []);
      await dataSource.query(`INSERT INTO employment_area_organisation (employment_area_id, organisation_id) VALUES ($1, $2)`, [
        areaId,
        organisationId,
      ]);
      return areaId;
    }
    case 'companyId':
      return insert(`INSERT INTO partner_company (organisation_id, name, business_id) VALUES ($1, 'Stand-in company', $2) RETURNING id`, [
        organisationId,
        `stand-in-${randomUUID()}`,
      ]);
    case 'unitId': {
      const departmentId = await insert(`INSERT INTO department (organisation_id, code, name) VALUES ($1, $2, '{"fi":"Sijainen"}') RETURNING id`, [
        organisationId,
        `stand-in-${randomUUID()}`,
      ]);
      return insert(`INSERT INTO work_unit (organisation_id, department_id, name) VALUES ($1, $2, 'Stand-in unit') RETURNING id`, [
        organisationId,
        departmentId,
      ]);
    }
    case 'traineeId':
      throw new Error('a TRAINEE test actor needs its traineeId');
  }
}
