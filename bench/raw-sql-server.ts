import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Pool, type PoolClient } from 'pg';

import { scopeConditionSql, scopeOf, scopeSql, type TraineeScope } from '../src/modules/access/trainee-scope';
import { SqlParams } from '../src/modules/shared/sql-params';
import { type Actor, Role } from '../src/platform/auth/actor';
import { BENCH_AUDIENCE, BENCH_ISSUER } from './contract';

/**
 * The floor the benchmark compares Polku with: hand-written SQL through `pg` behind a tiny HTTP
 * server that still does what Polku must do for the bench's operations: verify the token against
 * the same JWKS, find the caller's role and scope row (cached per subject for 60 s, like Polku's
 * user cache), narrow to the caller's scope with the same scope SQL (src/modules/access/trainee-scope.ts),
 * write the access log, and for the write run the checks and the upsert in one transaction. It
 * answers POST /graphql bodies of the bench's operations (by operation name) in the same shape
 * as Polku, and `x-polku-statements` with its own statement count.
 *
 * Not done here (Polku does them): GraphQL parsing and validation, query limits, rate limits,
 * field-level views, the work-trial agreement and weekly-day checks of PRESENT entries (the bench
 * sends ABSENT entries), the legal maximum of an open-ended period.
 */
export interface RawSqlServerOptions {
  databaseUrl: string;
  jwksUrl: string;
  issuer?: string;
  audience?: string;
  port?: number;
  host?: string;
  poolSize?: number;
  /** Today in Finland (attendance cannot be recorded in advance); defaults to the wall clock. */
  today?: () => string;
}

interface RawActor extends Actor {
  displayName: string | null;
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const todayInFinland = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());

export async function startRawSqlServer(options: RawSqlServerOptions): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  const issuer = options.issuer ?? BENCH_ISSUER;
  const audience = options.audience ?? BENCH_AUDIENCE;
  const today = options.today ?? todayInFinland;
  const actors = new Map<string, { actor: RawActor; until: number }>();

  /** Runs one request: `q` counts every statement. */
  async function handle(authorization: string | undefined, request: { operationName?: string; variables?: Record<string, unknown> }) {
    let statements = 0;
    const q = async <R extends Record<string, unknown>>(client: Pool | PoolClient, text: string, values: unknown[] = []) => {
      statements += 1;
      return (await client.query<R>(text, values)).rows;
    };
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new Refusal('UNAUTHENTICATED', 'no token');
    let subject: string;
    try {
      subject = (await jwtVerify(token, keys, { issuer, audience })).payload.sub!;
    } catch {
      throw new Refusal('UNAUTHENTICATED', 'The access token is not valid');
    }
    const cached = actors.get(subject);
    let actor: RawActor;
    if (cached && cached.until > Date.now()) actor = cached.actor;
    else {
      const [row] = await q<Record<string, string | null>>(
        pool,
        `SELECT u.id AS user_id, ur.role::text AS role, ur.organisation_id, ur.staff_member_id, ur.employment_area_id, ur.work_unit_id,
                ur.partner_company_id, ur.trainee_id, ur.display_name
           FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.active
          WHERE u.issuer = $1 AND u.subject = $2 ORDER BY ur.created_at LIMIT 1`,
        [issuer, subject],
      );
      if (!row) throw new Refusal('UNAUTHENTICATED', 'no active user');
      actor = {
        userId: row.user_id!,
        role: row.role as Role,
        organisationId: row.organisation_id ?? undefined,
        staffId: row.staff_member_id ?? undefined,
        areaId: row.employment_area_id ?? undefined,
        unitId: row.work_unit_id ?? undefined,
        companyId: row.partner_company_id ?? undefined,
        traineeId: row.trainee_id ?? undefined,
        displayName: row.display_name,
      } as RawActor;
      actors.set(subject, { actor, until: Date.now() + 60_000 });
    }
    const variables = request.variables ?? {};
    const requestId = randomUUID();
    const accessLog = (client: Pool | PoolClient, traineeIds: string[], kind: 'READ' | 'WRITE', fields: string[], operation: string) =>
      traineeIds.length
        ? q(
            client,
            `INSERT INTO access_log_entry (trainee_id, kind, fields, user_id, role, purpose, operation_name, request_id)
             SELECT t, $2, $3::text[], $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS t`,
            [traineeIds, kind, fields, actor.userId, actor.role, `operation ${operation}`, operation, requestId],
          )
        : Promise.resolve([]);

    let data: unknown;
    switch (request.operationName) {
      case 'BenchTraineeList': {
        const filter = (variables.filter ?? {}) as { mine?: boolean };
        const first = Math.min(Number(variables.first ?? 20), 100);
        const scope: TraineeScope = actor.role === Role.ADMIN ? { kind: 'organisation', organisationId: actor.organisationId! } : scopeOf(actor);
        if (![Role.ADMIN, Role.COACH, Role.CAREER_AGENT, Role.CASE_MANAGER, Role.UNIT_LEAD].includes(actor.role))
          throw new Refusal('FORBIDDEN', 'trainees');
        const { values, add } = new SqlParams();
        const scopeCondition = scopeSql(scope, add);
        let mine = '';
        if (filter.mine) {
          if (!actor.staffId) throw new Refusal('BAD_USER_INPUT', 'MINE_NOT_APPLICABLE');
          const staff = add(actor.staffId);
          mine = `AND EXISTS (SELECT 1 FROM (SELECT p.coach_id, p.career_agent_id FROM coaching_period p WHERE p.trainee_id = t.id
                                              ORDER BY p.start_date DESC, p.id DESC LIMIT 1) latest
                               WHERE latest.coach_id = ${staff}::uuid OR latest.career_agent_id = ${staff}::uuid)`;
        }
        const day = add(today());
        const limit = add(first + 1);
        const rows = await q<Record<string, unknown>>(
          pool,
          `WITH matching AS (SELECT t.id, t.first_name, t.last_name FROM trainee t WHERE t.id IN (${scopeCondition}) ${mine}),
                page AS (SELECT * FROM matching ORDER BY last_name, first_name, id LIMIT ${limit})
           SELECT page.id, page.first_name AS "firstName", page.last_name AS "lastName", (SELECT count(*)::int FROM matching) AS "totalCount",
                  CASE WHEN cp.id IS NULL THEN NULL ELSE json_build_object('id', cp.id, 'phase', cp.phase, 'startDate', cp.start_date,
                       'careerAgent', CASE WHEN ca.id IS NULL THEN NULL ELSE json_build_object('id', ca.id, 'name', ca.name) END) END AS "currentPeriod",
                  CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'name', c.name) END AS coach,
                  CASE WHEN pl.id IS NULL THEN NULL ELSE json_build_object('id', pl.id, 'kind', pl.kind, 'startDate', pl.start_date, 'endDate', pl.end_date) END AS "currentPlacement",
                  CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'assessedOn', a.assessed_on) END AS "latestCapacityAssessment",
                  (SELECT count(*)::int FROM competence_record r WHERE r.trainee_id = page.id AND r.state = 'VERIFIED') AS "verifiedCompetenceCount"
             FROM page
             LEFT JOIN LATERAL (SELECT * FROM coaching_period p WHERE p.trainee_id = page.id ORDER BY p.start_date DESC, p.id DESC LIMIT 1) cp ON true
             LEFT JOIN staff_member c ON c.id = cp.coach_id
             LEFT JOIN staff_member ca ON ca.id = cp.career_agent_id
             LEFT JOIN LATERAL (SELECT * FROM placement x WHERE x.trainee_id = page.id
                                 ORDER BY (x.start_date <= ${day}::date AND (x.end_date IS NULL OR x.end_date >= ${day}::date)) DESC, x.start_date DESC, x.id DESC LIMIT 1) pl ON true
             LEFT JOIN LATERAL (SELECT * FROM capacity_assessment y WHERE y.trainee_id = page.id ORDER BY y.assessed_on DESC, y.created_at DESC LIMIT 1) a ON true
            ORDER BY page.last_name, page.first_name, page.id`,
          values,
        );
        const pageRows = rows.slice(0, first);
        await accessLog(
          pool,
          pageRows.map((r) => r.id as string),
          'READ',
          [
            'Trainee.coach',
            'Trainee.currentPeriod',
            'Trainee.currentPlacement',
            'Trainee.firstName',
            'Trainee.lastName',
            'Trainee.latestCapacityAssessment',
          ],
          'BenchTraineeList',
        );
        const totalCount = rows.length ? (rows[0].totalCount as number) : 0;
        data = {
          trainees: {
            totalCount,
            edges: pageRows.map(({ totalCount: _ignored, ...node }) => ({ node })),
            pageInfo: { hasNextPage: rows.length > first, endCursor: null },
          },
        };
        break;
      }
      case 'BenchWorkforceSearch': {
        const filter = (variables.filter ?? {}) as {
          qualificationUnitCode?: string;
          qualificationUnitCodes?: string[];
          employmentAreaId?: string;
          minimumWorkLevel?: number;
        };
        const first = Math.min(Number(variables.first ?? 20), 100);
        const { values, add } = new SqlParams(actor.organisationId);
        let audience: string;
        if (actor.role === Role.ADMIN) audience = 'TRUE';
        else if (actor.role === Role.PARTNER && actor.companyId)
          audience = `(c.scope = 'ALL_PARTNERS' OR (c.scope = 'ONE_COMPANY' AND c.partner_company_id = ${add(actor.companyId)}::uuid))`;
        else throw new Refusal('FORBIDDEN', 'competenceProfiles');
        const conditions = ['TRUE'];
        if (filter.minimumWorkLevel != null) conditions.push(`p.work_level >= ${add(filter.minimumWorkLevel)}`);
        // As Polku reads them: verified in every unit named (one or a list), living in the area.
        for (const code of new Set([
          ...(filter.qualificationUnitCode ? [filter.qualificationUnitCode] : []),
          ...(filter.qualificationUnitCodes ?? []),
        ])) {
          conditions.push(
            `EXISTS (SELECT 1 FROM competence_record r WHERE r.trainee_id = p.trainee_id AND r.state = 'VERIFIED' AND r.unit_external_id = ${add(code)})`,
          );
        }
        if (filter.employmentAreaId) conditions.push(`p.employment_area_id = ${add(filter.employmentAreaId)}::uuid`);
        const rows = await q<Record<string, unknown>>(
          pool,
          `WITH p AS (SELECT DISTINCT ON (c.trainee_id) c.profile_id, c.trainee_id, t.first_name, t.last_name, t.work_level, t.languages, t.finnish_level, t.employment_area_id
                        FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id
                       WHERE c.withdrawn_at IS NULL AND t.pseudonymised_at IS NULL AND t.organisation_id = $1::uuid AND ${audience}
                       ORDER BY c.trainee_id, (c.scope = 'ONE_COMPANY') DESC, c.given_at, c.id),
                matching AS (SELECT * FROM p WHERE ${conditions.join(' AND ')}),
                page AS (SELECT * FROM matching ORDER BY profile_id LIMIT ${add(first + 1)})
           SELECT page.profile_id AS id, page.trainee_id, page.first_name || ' ' || left(page.last_name, 1) || '.' AS "displayName",
                  page.work_level AS "workLevel", page.languages, page.finnish_level AS "finnishLevel",
                  (SELECT count(*)::int FROM matching) AS "totalCount",
                  COALESCE((SELECT json_agg(v ORDER BY v."verifiedOn", v."qualificationCode", v."unitCode", v."requirementCode") FROM (
                     SELECT DISTINCT ON (r.qualification_external_id, r.unit_external_id, r.requirement_code)
                            r.qualification_external_id AS "qualificationCode", r.unit_external_id AS "unitCode", r.requirement_code AS "requirementCode",
                            to_char((r.verified_at AT TIME ZONE 'Europe/Helsinki')::date, 'YYYY-MM-DD') AS "verifiedOn"
                       FROM competence_record r WHERE r.trainee_id = page.trainee_id AND r.state = 'VERIFIED' AND r.verified_at IS NOT NULL
                      ORDER BY r.qualification_external_id, r.unit_external_id, r.requirement_code, r.verified_at) v), '[]') AS "verifiedCompetences"
             FROM page ORDER BY page.profile_id`,
          values,
        );
        const pageRows = rows.slice(0, first);
        await accessLog(
          pool,
          pageRows.map((r) => r.trainee_id as string),
          'READ',
          ['CompetenceProfile.displayName', 'CompetenceProfile.verifiedCompetences'],
          'BenchWorkforceSearch',
        );
        data = {
          competenceProfiles: {
            totalCount: rows.length ? rows[0].totalCount : 0,
            edges: pageRows.map(({ totalCount: _t, trainee_id: _id, ...node }) => ({ node })),
            pageInfo: { hasNextPage: rows.length > first, endCursor: null },
          },
        };
        break;
      }
      case 'BenchRecordAttendance': {
        const input = variables.input as {
          date: string;
          entries: Array<{ periodId: string; status: string; hours?: number; absenceReason?: string; note?: string }>;
        };
        if (![Role.ADMIN, Role.COACH, Role.CAREER_AGENT].includes(actor.role)) throw new Refusal('FORBIDDEN', 'recordAttendance');
        if (input.date > today()) throw new Refusal('BAD_USER_INPUT', 'FUTURE_DATE');
        const ids = input.entries.map((e) => e.periodId);
        if (new Set(ids).size !== ids.length) throw new Refusal('BAD_USER_INPUT', 'DUPLICATE_PERIOD');
        const client = await pool.connect();
        try {
          await q(client, 'BEGIN');
          const { values, add } = new SqlParams(ids);
          const scope =
            actor.role === Role.ADMIN ? ({ kind: 'organisation', organisationId: actor.organisationId! } as TraineeScope) : scopeOf(actor);
          // Locked in id order (as Polku does), with the caller's scope (as a condition on the period's trainee,
          // as Polku checks named trainees) and the period's range in the same statement.
          const periods = await q<{ id: string; trainee_id: string; phase: string; hours_per_day: string; in_scope: boolean; in_range: boolean }>(
            client,
            `SELECT p.id, p.trainee_id, p.phase::text AS phase, p.hours_per_day, coalesce(${scopeConditionSql(scope, add, 't')}, FALSE) AS in_scope,
                    ${add(input.date)}::date BETWEEN p.start_date AND COALESCE(p.end_date, p.planned_end_date, 'infinity'::date) AS in_range
               FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id
              WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
            values,
          );
          const byId = new Map(periods.map((p) => [p.id, p]));
          input.entries.forEach((entry, i) => {
            const period = byId.get(entry.periodId);
            if (!period || !period.in_scope) throw new Refusal('BAD_USER_INPUT', `entry ${i}: PERIOD_NOT_FOUND`);
            if (period.phase === 'ENDED' || period.phase === 'FOLLOW_UP') throw new Refusal('CONFLICT', `entry ${i}: PERIOD_NOT_ACTIVE`);
            if (!period.in_range) throw new Refusal('BAD_USER_INPUT', `entry ${i}: DATE_OUTSIDE_PERIOD`);
            if (entry.hours != null && entry.hours > Number(period.hours_per_day))
              throw new Refusal('BAD_USER_INPUT', `entry ${i}: HOURS_ABOVE_SCHEDULE`);
            if (entry.status === 'ABSENT' ? !entry.absenceReason : entry.hours == null) throw new Refusal('BAD_USER_INPUT', `entry ${i}: status`);
          });
          const saved = await q<Record<string, unknown>>(
            client,
            `INSERT INTO attendance_entry (period_id, trainee_id, date, status, hours, absence_reason, note, recorded_by)
             SELECT e.period_id, p.trainee_id, $2::date, e.status::attendance_status, e.hours, e.absence_reason::absence_reason, e.note, $3
               FROM jsonb_to_recordset($1::jsonb) AS e(period_id uuid, status text, hours numeric, absence_reason text, note text)
               JOIN coaching_period p ON p.id = e.period_id
             ON CONFLICT (period_id, date) DO UPDATE SET status = EXCLUDED.status, hours = EXCLUDED.hours, absence_reason = EXCLUDED.absence_reason,
                    note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, updated_at = now()
             RETURNING id, period_id AS "periodId", to_char(date, 'YYYY-MM-DD') AS date, status, absence_reason AS "absenceReason"`,
            [
              JSON.stringify(
                input.entries.map((e) => ({
                  period_id: e.periodId,
                  status: e.status,
                  hours: e.status === 'PRESENT' ? e.hours : null,
                  absence_reason: e.status === 'ABSENT' ? e.absenceReason : null,
                  note: e.note ?? null,
                })),
              ),
              input.date,
              actor.userId,
            ],
          );
          await accessLog(client, [...new Set(periods.map((p) => p.trainee_id))], 'WRITE', ['Mutation.recordAttendance'], 'BenchRecordAttendance');
          await q(client, 'COMMIT');
          const byPeriod = new Map(saved.map((row) => [row.periodId, row]));
          data = { recordAttendance: { entries: input.entries.map((e) => byPeriod.get(e.periodId)) } };
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
        break;
      }
      case 'BenchAccessLog': {
        if (actor.role !== Role.ADMIN) throw new Refusal('FORBIDDEN', 'accessLog');
        const filter = (variables.filter ?? {}) as { traineeId?: string; userId?: string };
        const first = Math.min(Number(variables.first ?? 20), 100);
        const rows = await q<Record<string, unknown>>(
          pool,
          // The page first, then who processed each row: the join would otherwise run over every row of the trainee's log.
          `SELECT page.id, page.at, page.kind, page.fields, page.role, page.purpose, page.trainee_id AS "traineeId",
                  ur.display_name AS "processedBy", o.name AS "organisationName"
             FROM (SELECT e.*, t.organisation_id FROM access_log_entry e
                     JOIN trainee t ON t.id = e.trainee_id AND t.organisation_id = $1::uuid
                    WHERE ($2::uuid IS NULL OR e.trainee_id = $2::uuid) AND ($3::text IS NULL OR e.user_id = $3)
                    ORDER BY date_trunc('milliseconds', e.at) DESC, e.id DESC LIMIT $4) page
             JOIN organisation o ON o.id = page.organisation_id
             LEFT JOIN user_role ur ON ur.user_id::text = page.user_id AND ur.organisation_id = page.organisation_id
            ORDER BY date_trunc('milliseconds', page.at) DESC, page.id DESC`,
          [actor.organisationId, filter.traineeId ?? null, filter.userId ?? null, first + 1],
        );
        data = {
          accessLog: { edges: rows.slice(0, first).map((node) => ({ node })), pageInfo: { hasNextPage: rows.length > first, endCursor: null } },
        };
        break;
      }
      default:
        throw new Refusal('BAD_USER_INPUT', `the raw-SQL server answers only the bench's operations, not ${request.operationName}`);
    }
    return { data, statements };
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(req.url === '/readyz' ? 200 : 404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let parsed: { operationName?: string; variables?: Record<string, unknown> };
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"bad JSON"}]}');
        return;
      }
      handle(req.headers.authorization, parsed).then(
        ({ data, statements }) => {
          res.writeHead(200, { 'content-type': 'application/json', 'x-polku-statements': String(statements) });
          res.end(JSON.stringify({ data }));
        },
        (error: Error) => {
          const code = error instanceof Refusal ? error.code : 'INTERNAL_SERVER_ERROR';
          const status = code === 'UNAUTHENTICATED' ? 401 : code === 'INTERNAL_SERVER_ERROR' ? 500 : 200;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code } }] }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

// As its own process (how the harness runs it, so its CPU and memory are its own): `node -r ./scripts/register.js bench/raw-sql-server.ts`.
if (require.main === module) {
  const { DATABASE_URL, AUTH_JWKS_URL, PORT } = process.env;
  if (!DATABASE_URL || !AUTH_JWKS_URL) {
    process.stderr.write('raw-sql-server: DATABASE_URL and AUTH_JWKS_URL are required\n');
    process.exit(1);
  }
  startRawSqlServer({ databaseUrl: DATABASE_URL, jwksUrl: AUTH_JWKS_URL, port: Number(PORT ?? 0) }).then(
    (running) => {
      process.stdout.write(`raw-sql-server listening on ${running.url}\n`);
      const stop = () => running.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error) => {
      process.stderr.write(`raw-sql-server: ${error.message}\n`);
      process.exit(1);
    },
  );
}
