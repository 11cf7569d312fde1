import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { DataSource } from 'typeorm';

import { RunningApp, startApp } from '../../src/app/start';
import { scopeClaimOfRole } from '../../src/modules/access/scope-claims';
import { todayInFinland, todayOf } from '../../src/modules/shared/calendar';
import { Actor, Role } from '../../src/platform/auth/actor';
import { signDevelopmentToken } from '../../src/platform/auth/tokens';
import { AdjustableClock } from '../../src/platform/clock';
import { AppConfig, loadConfig } from '../../src/platform/config';
import { createLogger, Logger } from '../../src/platform/logger';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export type TestActor = Omit<Actor, 'userId'> & { userId?: string };

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
   * A client acting as the given user (role and scope ids); `null` for an anonymous one. A role's
   * scope claim left out is filled with a stand-in staff member, unit, area or company of this
   * server (so the token is valid), unless `exactClaims` asks for the token exactly as given.
   */
  as(actor: TestActor | null, options?: { exactClaims?: boolean }): Promise<GraphQLClient>;
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

  const client = (token: string | null): GraphQLClient => {
    const request: GraphQLClient['request'] = async (document, variables, headers = {}) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    };
    return {
      token,
      request,
      ok: async (document, variables) => {
        const response = await request(document, variables);
        if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
        return response.data as never;
      },
    };
  };
  // A role's scope claim must name something real (tokens naming nothing are refused). Tests that
  // only need "some user of role X" get a stand-in created once per server.
  const standIns = new Map<string, Promise<string>>();
  const standIn = (claim: 'staffId' | 'unitId' | 'areaId' | 'companyId', role: Role): Promise<string> => {
    const key = claim === 'staffId' ? `${claim}:${role}` : claim;
    if (!standIns.has(key)) standIns.set(key, createStandIn(app.dataSource, claim, role));
    return standIns.get(key)!;
  };
  const as: TestServer['as'] = async (actor, options = {}) => {
    if (!actor) return client(null);
    const claim = scopeClaimOfRole[actor.role];
    const filled = claim && !actor[claim] && !options.exactClaims ? { ...actor, [claim]: await standIn(claim, actor.role) } : actor;
    return client(await signDevelopmentToken(config, filled));
  };
  const admin = await as({ role: Role.ADMIN, userId: 'test-admin' });

  return {
    ...admin,
    app,
    config,
    clock,
    today: () => todayOf(clock),
    as,
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

/** A row for a stand-in user's claim; it holds no trainees, so the user's scope is empty. */
async function createStandIn(dataSource: DataSource, claim: 'staffId' | 'unitId' | 'areaId' | 'companyId', role: Role): Promise<string> {
  const insert = async (sql: string, params: unknown[]) => ((await dataSource.query(sql, params)) as Array<{ id: string }>)[0].id;
  switch (claim) {
    case 'staffId':
      return insert(`INSERT INTO staff_member (name, role) VALUES ($1, $2) RETURNING id`, [`Stand-in ${role}`, role]);
    case 'areaId':
      return insert(`INSERT INTO employment_area (name, municipality_codes) VALUES ('Stand-in area', '{}') RETURNING id`, []);
    case 'companyId':
      return insert(`INSERT INTO partner_company (name, business_id) VALUES ('Stand-in company', $1) RETURNING id`, [`stand-in-${randomUUID()}`]);
    case 'unitId': {
      const departmentId = await insert(`INSERT INTO department (code, name) VALUES ($1, '{"fi":"Sijainen"}') RETURNING id`, [
        `stand-in-${randomUUID()}`,
      ]);
      return insert(`INSERT INTO work_unit (department_id, name) VALUES ($1, 'Stand-in unit') RETURNING id`, [departmentId]);
    }
  }
}
