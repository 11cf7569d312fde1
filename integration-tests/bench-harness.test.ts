import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Client } from 'pg';

import { BenchSigner, createBenchSigner, RunningHttp, signAll, startJwksServer } from '../bench/auth';
import { BENCH_AUDIENCE, BENCH_ISSUER, type BenchManifest } from '../bench/contract';
import { manifestFromDatabase } from '../bench/dev-manifest';
import { createIntakeTarget, intakeCounts, intakeMutations, measureAdapterIntake } from '../bench/intake';
import { runLoad } from '../bench/load';
import { summarise } from '../bench/profile-summary';
import { startRawSqlServer } from '../bench/raw-sql-server';
import { intakeTable, markdownTable, type ScenarioResult, withRatios, writeResults } from '../bench/results';
import { attendanceSlots, buildScenarios, type Scenario, WORKFORCE_SEARCH } from '../bench/scenarios';
import { integrationsShape } from '../src/integrations/config';
import { startEmploymentAreaSimulator } from '../src/integrations/employment-area/employment-area.simulator';
import { buildIntegrations } from '../src/integrations/registry';
import { silentLogger } from '../src/integrations/simulator/sim-server';
import { InboundService } from '../src/modules/integration/inbound.service';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The benchmark harness (bench/run.ts) piece by piece, each with a short run (no timing is
 * asserted: this keeps the harness from rotting, it measures nothing): bench tokens and the JWKS
 * Polku verifies them with, every scenario against an in-process Polku over the demo data, the
 * raw-SQL server answering the same callers with the same rows, the results writer. The manifest
 * is the development stand-in's (bench/dev-manifest.ts) over the demo data, not the generator's.
 * PostGraphile is not started here (it needs Node 22; `npm run bench` runs it).
 */
let signer: BenchSigner;
let jwks: RunningHttp;
let server: TestServer;
let manifest: BenchManifest;
let tokens: Map<string, string>;
let raw: Awaited<ReturnType<typeof startRawSqlServer>>;
let db: Client;

beforeAll(async () => {
  signer = await createBenchSigner();
  jwks = await startJwksServer(signer.jwks);
  server = await startTestServer({
    seedDemoData: true,
    env: {
      AUTH_IDENTITY_PROVIDERS: JSON.stringify([{ issuer: BENCH_ISSUER, jwksUrl: jwks.url, audience: BENCH_AUDIENCE }]),
      BENCH_EXPOSE_STATEMENTS: 'true',
      RATE_LIMIT_PER_MINUTE: '0',
    },
  });
  db = new Client({ connectionString: server.database.url });
  await db.connect();
  manifest = await manifestFromDatabase(db, 'tiny', { today: server.today() });
  tokens = await signAll(signer, [...Object.values(manifest.users).flatMap((users) => users.map((u) => u.subject))]);
  raw = await startRawSqlServer({ databaseUrl: server.database.url, jwksUrl: jwks.url, poolSize: 2, today: () => server.today() });
});

afterAll(async () => {
  await raw?.close();
  await db?.end();
  await server?.stop();
  await jwks?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers of two servers read loosely, to be compared with each other
type Answer = Record<string, any>;

async function post(url: string, subject: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(subject)}` },
    body,
  });
  return { status: response.status, statements: response.headers.get('x-polku-statements'), body: (await response.json()) as Answer };
}

it('signs RS256 tokens for BENCH_ISSUER that verify against the served JWKS, and Polku maps them to the manifest users', async () => {
  const admin = manifest.users.ADMIN[0];
  const { payload, protectedHeader } = await jwtVerify(tokens.get(admin.subject)!, createRemoteJWKSet(new URL(jwks.url)), {
    issuer: BENCH_ISSUER,
    audience: BENCH_AUDIENCE,
  });
  expect([protectedHeader.alg, payload.sub]).toEqual(['RS256', admin.subject]);
  const answer = await post(server.url, admin.subject, JSON.stringify({ query: '{ me { role } }' }));
  expect(answer.body).toEqual({ data: { me: { role: 'ADMIN' } } });
  // BENCH_EXPOSE_STATEMENTS: the count of the request (the user look-up at least) in a header.
  expect(Number(answer.statements)).toBeGreaterThan(0);
  expect(manifest.users.COACH.length).toBeGreaterThan(1);
  expect(manifest.users.PARTNER.length).toBeGreaterThan(0);
  expect(manifest.attendanceTargets.length).toBeGreaterThan(0);
});

it('runs every scenario against Polku for a second with 2 connections, without errors, counting SQL statements', async () => {
  const slots = await attendanceSlots(db, manifest, server.today());
  const scenarios = buildScenarios(manifest, { attendance: slots });
  expect(scenarios.map((s) => s.name)).toEqual(['trainee-list', 'trainee-list-mine', 'workforce-search', 'record-attendance', 'access-log']);
  for (const scenario of scenarios) {
    const result = await runLoad({ url: server.url, next: scenario.next, tokens, connections: 2, durationSeconds: 1, pid: process.pid });
    expect({ scenario: scenario.name, errors: result.errors, firstError: result.firstError }).toEqual({
      scenario: scenario.name,
      errors: 0,
      firstError: undefined,
    });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.sql_per_request).toBeGreaterThan(0);
    expect(result.rss_mb).toBeGreaterThan(0);
  }
});

describe('the raw-SQL server', () => {
  let scenarios: Scenario[];
  beforeAll(async () => {
    scenarios = buildScenarios(manifest, { attendance: await attendanceSlots(db, manifest, server.today()) });
  });
  const scenario = (name: string) => scenarios.find((s) => s.name === name)!;

  it.each(['trainee-list', 'trainee-list-mine'])('answers %s with the trainees Polku answers the same caller, in the same order', async (name) => {
    // Every user of the role once: ADMINs of several organisations, every coach.
    const users = name === 'trainee-list' ? manifest.users.ADMIN.length : manifest.users.COACH.length;
    let nonEmpty = 0;
    for (let i = 0; i < users; i++) {
      const request = scenario(name).next();
      const [polku, rawAnswer] = await Promise.all([post(server.url, request.subject, request.body), post(raw.url, request.subject, request.body)]);
      expect(polku.body.errors).toBeUndefined();
      expect(rawAnswer.body.errors).toBeUndefined();
      const ids = (answer: typeof polku) => answer.body.data.trainees.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(ids(rawAnswer)).toEqual(ids(polku));
      expect(rawAnswer.body.data.trainees.totalCount).toBe(polku.body.data.trainees.totalCount);
      const fields = (answer: typeof polku) =>
        answer.body.data.trainees.edges.map(({ node }: { node: Answer }) => [
          node.coach?.id ?? null,
          node.currentPeriod?.id ?? null,
          node.currentPeriod?.careerAgent?.id ?? null,
          node.currentPlacement?.id ?? null,
          node.latestCapacityAssessment?.id ?? null,
          node.verifiedCompetenceCount,
        ]);
      expect(fields(rawAnswer)).toEqual(fields(polku));
      if (ids(polku).length) nonEmpty += 1;
      expect(Number(rawAnswer.statements)).toBeGreaterThan(0);
    }
    expect(nonEmpty).toBeGreaterThan(0);
  });

  it('answers workforce-search with the profiles Polku shows the same partner', async () => {
    // The filters the scenario itself sends (two units, and an area where the manifest names one), besides single units and none.
    const sent = Array.from({ length: 4 }, () => JSON.parse(scenario('workforce-search').next().body).variables.filter as Record<string, unknown>);
    expect(sent.every((filter) => Array.isArray(filter.qualificationUnitCodes))).toBe(true);
    for (const partner of manifest.users.PARTNER) {
      const [area] = await db
        .query<{ id: string }>('SELECT employment_area_id AS id FROM employment_area_organisation WHERE organisation_id = $1 ORDER BY 1 LIMIT 1', [
          partner.organisationId,
        ])
        .then((result) => result.rows);
      const withArea = { qualificationUnitCodes: manifest.qualificationUnitCodes.slice(0, 2), employmentAreaId: area?.id };
      for (const filter of [{}, ...manifest.qualificationUnitCodes.slice(0, 2).map((code) => ({ qualificationUnitCode: code })), ...sent, withArea]) {
        const body = JSON.stringify({ query: WORKFORCE_SEARCH, operationName: 'BenchWorkforceSearch', variables: { first: 50, filter } });
        const [polku, rawAnswer] = await Promise.all([post(server.url, partner.subject, body), post(raw.url, partner.subject, body)]);
        expect(polku.body.errors).toBeUndefined();
        const profiles = (answer: typeof polku) =>
          answer.body.data.competenceProfiles.edges.map(({ node }: { node: Answer }) => [node.id, node.workLevel, node.verifiedCompetences.length]);
        expect(profiles(rawAnswer)).toEqual(profiles(polku));
      }
    }
  });

  it('answers access-log with the entries Polku answers the same ADMIN', async () => {
    const request = scenario('access-log').next();
    const [polku, rawAnswer] = await Promise.all([post(server.url, request.subject, request.body), post(raw.url, request.subject, request.body)]);
    expect(polku.body.errors).toBeUndefined();
    const entries = (answer: typeof polku) =>
      answer.body.data.accessLog.edges.map(({ node }: { node: Answer }) => [node.id, node.kind, node.processedBy]);
    expect(entries(rawAnswer)).toEqual(entries(polku));
  });

  it('records attendance in one transaction with the access-log row, refuses a coach outside the period, and takes a short load', async () => {
    const request = scenario('record-attendance').next();
    const { input } = JSON.parse(request.body).variables;
    const logRows = async () =>
      Number(
        (
          await server.sql<{ n: string }>(
            `SELECT count(*) AS n FROM access_log_entry l JOIN coaching_period p ON p.trainee_id = l.trainee_id
              WHERE p.id = $1 AND l.operation_name = 'BenchRecordAttendance' AND l.kind = 'WRITE'`,
            [input.entries[0].periodId],
          )
        )[0].n,
      );
    const before = await logRows();
    const answer = await post(raw.url, request.subject, request.body);
    expect(answer.body.errors).toBeUndefined();
    const [row] = await server.sql<{ status: string }>(`SELECT e.status FROM attendance_entry e WHERE e.period_id = $1 AND e.date = $2`, [
      input.entries[0].periodId,
      input.date,
    ]);
    expect([row.status, (await logRows()) - before]).toEqual(['ABSENT', 1]);
    const stranger = manifest.users.COACH.find(
      (c) =>
        c.subject !== request.subject &&
        !manifest.attendanceTargets.some((t) => t.periodId === input.entries[0].periodId && t.coachSubject === c.subject),
    );
    if (stranger) {
      const other = { ...input, date: input.date, entries: [{ ...input.entries[0], absenceReason: 'OTHER' }] };
      const refused = await post(raw.url, stranger.subject, JSON.stringify({ operationName: 'BenchRecordAttendance', variables: { input: other } }));
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    for (const name of ['record-attendance', 'trainee-list', 'workforce-search']) {
      const result = await runLoad({ url: raw.url, next: scenario(name).next, tokens, connections: 2, durationSeconds: 1 });
      expect({ name, errors: result.errors, firstError: result.firstError }).toEqual({ name, errors: 0, firstError: undefined });
      expect(result.sql_per_request).toBeGreaterThan(0);
    }
  });
});

describe('referral-intake', () => {
  it('sends receiveReferral for new people to an organisation made for the run, each stored once', async () => {
    const target = await createIntakeTarget(db, 'harness test, mutation path');
    tokens.set(target.adminSubject, await signer.sign(target.adminSubject));
    const result = await runLoad({ url: server.url, next: intakeMutations(target, 7), tokens, connections: 2, durationSeconds: 60, maxRequests: 12 });
    expect({ errors: result.errors, firstError: result.firstError }).toEqual({ errors: 0, firstError: undefined });
    expect(result.requests).toBe(12);
    expect(result.sql_per_request).toBeGreaterThan(0);
    expect(await intakeCounts(db, target)).toEqual({ stored: 12, refused: 0 });
  });

  it("takes the simulator's referrals in through InboundService.poll (the poll job's work, here by hand) and counts them", async () => {
    const target = await createIntakeTarget(db, 'harness test, adapter path');
    const simulator = await startEmploymentAreaSimulator({ seed: 11 });
    const config = integrationsShape.parse({
      organisations: {
        [target.organisationId]: { employmentArea: { adapter: 'http', baseUrl: simulator.url, employmentAreaId: target.employmentAreaId } },
      },
    });
    const integrations = await buildIntegrations(config, silentLogger());
    const { referral } = server.app.services;
    const inbound = new InboundService(
      server.app.dataSource,
      integrations.connections,
      {
        referral: (manager, organisationId, areaId, received) => referral.receiveFromEmploymentArea(manager, organisationId, areaId, received),
        decision: () => Promise.reject(new Error('no decisions in this test')),
      },
      server.clock,
      silentLogger(),
    );
    try {
      const measured = await measureAdapterIntake({ simulator, db, target, referrals: 15, primer: 3, poke: () => inbound.poll() });
      expect(measured).toEqual(expect.objectContaining({ referrals: 15, stored: 15, refused: 0, sql_per_referral: null, cpu_ms_per_referral: null }));
      expect(measured.referrals_per_second).toBeGreaterThan(0);
      // The simulator's case managers are the area's: the referrals name them.
      const [linked] = await server.sql<{ n: string }>(
        'SELECT count(*) AS n FROM referral WHERE employment_area_id = $1 AND case_manager_id IS NOT NULL',
        [target.employmentAreaId],
      );
      expect(Number(linked.n)).toBeGreaterThan(0);
    } finally {
      await integrations.stop();
      await simulator.stop();
    }
  });

  it('prints both paths side by side with the adapter ÷ mutation ratio', () => {
    const common = { referrals: 100, stored: 100, seconds: 2, sql_per_referral: 14, cpu_ms_per_referral: 9, rss_mb: 180 };
    const table = intakeTable({
      referrals: 100,
      poll_seconds: 0.5,
      adapter: { node: 'v22.0.0', refused: 0, first_stored_after_seconds: 0.5, referrals_per_second: 50, ...common },
      mutation: [{ node: 'v22.0.0', connections: 8, errors: 0, referrals_per_second: 100, p50_ms: 60, p95_ms: 120, adapter_ratio: 0.5, ...common }],
    }).join('\n');
    expect(table).toContain('| adapter (poll) | v22.0.0 | 1 (poll job) | 100 | 100 | 0 | 2 | 50 | 0.5 | – | – | 14 | 9 | 180 | – |');
    expect(table).toContain('| GraphQL mutation | v22.0.0 | 8 | 100 | 100 | 0 | 2 | 100 | – | 60 | 120 | 14 | 9 | 180 | 0.5 |');
  });
});

it('writes latest.json with the agreed fields and a markdown table, with Polku/other p50 ratios', () => {
  const line = (server: ScenarioResult['server'], p50: number): ScenarioResult => ({
    name: 'trainee-list',
    server,
    node: 'v22.0.0',
    concurrency: 8,
    requests: 10,
    errors: 0,
    rps: 100,
    p50_ms: p50,
    p95_ms: p50 * 2,
    p99_ms: p50 * 3,
    sql_per_request: 3,
    cpu_ms_per_request: 1.5,
    rss_mb: 120,
    postgraphile_ratio: null,
    raw_sql_ratio: null,
  });
  const scenarios = withRatios([line('polku', 20), line('postgraphile', 10), line('raw-sql', 4)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-bench-results-'));
  try {
    const results = {
      scale: 'tiny',
      machine: { cpus: 2, cpuModel: 'x', memoryGb: 4, platform: 'linux' },
      date: '2026-12-01T00:00:00.000Z',
      durationSeconds: 1,
      scenarios,
    };
    const written = writeResults(results, dir);
    const json = JSON.parse(fs.readFileSync(written.json, 'utf8'));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['scale', 'machine', 'date', 'scenarios']));
    expect(json.scenarios[0]).toEqual(
      expect.objectContaining({
        name: 'trainee-list',
        server: 'polku',
        node: 'v22.0.0',
        concurrency: 8,
        rps: 100,
        p50_ms: 20,
        postgraphile_ratio: 2,
        raw_sql_ratio: 5,
      }),
    );
    for (const key of ['p95_ms', 'p99_ms', 'sql_per_request', 'cpu_ms_per_request', 'rss_mb']) expect(json.scenarios[0]).toHaveProperty(key);
    expect(fs.readFileSync(written.markdown, 'utf8')).toBe(markdownTable(results));
    expect(markdownTable(results)).toContain('| trainee-list | polku | v22.0.0 | 8 |');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('summarises a CPU profile by package or Polku folder and by function, self time only', () => {
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
      { id: 2, callFrame: frame('parseRow', 'file:///app/node_modules/pg/lib/result.js'), children: [4] },
      { id: 3, callFrame: frame('trainees', 'file:///app/dist/src/modules/trainee/trainee.service.js') },
      { id: 4, callFrame: frame('(garbage collector)', '') },
    ],
    samples: [2, 2, 3, 4, 4, 4],
    timeDeltas: [100, 100, 200, 100, 100, 100],
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polku-profile-')), 'test.cpuprofile');
  fs.writeFileSync(file, JSON.stringify(profile));
  const summary = summarise(file);
  // 700 µs sampled: the collector 300, pg 200, the trainee module 200.
  expect(summary).toContain(' 42.9 %  (garbage collector)');
  expect(summary).toContain(' 28.6 %  pg\n');
  expect(summary).toContain(' 28.6 %  src/modules/trainee\n');
  expect(summary).toContain(' 28.6 %  parseRow pg:10');
});
