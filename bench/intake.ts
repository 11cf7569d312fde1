import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import type { InboundReferral } from '../src/integrations/employment-area/employment-area.port';
import { DEMO_CASE_MANAGER_EMAILS, ReferralGenerator } from '../src/integrations/employment-area/employment-area.referrals';
import { type RunningEmploymentAreaSimulator, startEmploymentAreaSimulator } from '../src/integrations/employment-area/employment-area.simulator';
import { PORI_AREA_MUNICIPALITIES } from '../src/integrations/simulator/people';
import { BENCH_ISSUER, type BenchScale } from './contract';
import { cpuMillis, rssMegabytes, runLoad } from './load';
import type { IntakeAdapterLine, IntakeMutationLine, IntakeResult, ScenarioResult } from './results';
import type { BenchRequest } from './scenarios';
import { root, type ServerProcess, startPolku } from './servers';

/**
 * The `referral-intake` scenario: how many referrals a second Polku takes in through the adapter
 * path (the employment area's client system, here the in-bench simulator, polled by Polku's
 * `integration-poll` job; each referral stored once through `InboundService.receiveReferral`)
 * beside the GraphQL mutation path (`receiveReferral` with `newTrainee`, sent by autocannon at the
 * harness's connection count). Each path writes into an organisation of its own made for the run
 * (`createIntakeTarget`), so the counts are exact and no other scenario's data changes.
 */
export const REFERRAL_INTAKE = 'referral-intake';

/** Referrals per path (and per server on the mutation path), by scale; `--intake-referrals` overrides. */
export const INTAKE_REFERRALS: Record<BenchScale, number> = { tiny: 200, municipal: 1000, national: 2000 };

/** INTEGRATION_POLL_SECONDS of the adapter path's Polku. */
export const INTAKE_POLL_SECONDS = 0.5;

/** Referrals the adapter path takes in before the measured batch: the poll chain is running and warm. */
const PRIMER_REFERRALS = 20;

export const RECEIVE_REFERRAL = `mutation BenchReceiveReferral($input: ReceiveReferralInput!) {
  receiveReferral(input: $input) { referral { id state } }
}`;

/** An organisation made for one path of one run: an employment area linked to it, the area's case managers, an ADMIN. */
export interface IntakeTarget {
  organisationId: string;
  employmentAreaId: string;
  /** `sub` at BENCH_ISSUER of the organisation's ADMIN (the mutation path's caller). */
  adminSubject: string;
  /** Case-manager ids by e-mail (lower case): the simulator's referrals name the demo's case managers. */
  caseManagers: Record<string, string>;
}

export async function createIntakeTarget(client: Client, label: string): Promise<IntakeTarget> {
  const municipalities = PORI_AREA_MUNICIPALITIES.map(([code]) => code);
  const name = `Bench intake, ${label}, ${new Date().toISOString()}`;
  await client.query('BEGIN');
  try {
    const one = async (sql: string, values: unknown[]) => (await client.query<{ id: string }>(sql, values)).rows[0].id;
    const organisationId = await one(
      `INSERT INTO organisation (name, kind, municipality_codes, retention_years) VALUES ($1, 'MUNICIPALITY', $2::text[], 10) RETURNING id`,
      [name, municipalities],
    );
    const employmentAreaId = await one(`INSERT INTO employment_area (name, municipality_codes) VALUES ($1, $2::text[]) RETURNING id`, [
      name,
      municipalities,
    ]);
    await client.query('INSERT INTO employment_area_organisation (employment_area_id, organisation_id) VALUES ($1, $2)', [
      employmentAreaId,
      organisationId,
    ]);
    const managers = await client.query<{ id: string; email: string }>(
      `INSERT INTO case_manager (employment_area_id, name, email) SELECT $1, split_part(e, '@', 1), e FROM unnest($2::text[]) AS e RETURNING id, email`,
      [employmentAreaId, DEMO_CASE_MANAGER_EMAILS.map((email) => email.toLowerCase())],
    );
    const adminSubject = `bench-intake-admin-${organisationId}`;
    const userId = await one('INSERT INTO app_user (issuer, subject) VALUES ($1, $2) RETURNING id', [BENCH_ISSUER, adminSubject]);
    await client.query(`INSERT INTO user_role (user_id, organisation_id, role, display_name, source) VALUES ($1, $2, 'ADMIN', $3, 'LINKED')`, [
      userId,
      organisationId,
      adminSubject,
    ]);
    await client.query('COMMIT');
    return { organisationId, employmentAreaId, adminSubject, caseManagers: Object.fromEntries(managers.rows.map((m) => [m.email, m.id])) };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** What the adapter path makes of a referral (InboundService → ReferralService.receiveFromEmploymentArea), as mutation input. */
export function receiveReferralInput(target: IntakeTarget, referral: InboundReferral): Record<string, unknown> {
  const email = referral.caseManagerEmail?.trim().toLowerCase();
  return {
    employmentAreaId: target.employmentAreaId,
    externalId: referral.externalId,
    caseManagerId: (email && target.caseManagers[email]) || null,
    newTrainee: {
      firstName: referral.person.firstName.trim(),
      lastName: referral.person.lastName.trim(),
      identityCode: referral.person.identityCode,
      languages: referral.person.languages ?? [],
      immigrantBackground: false,
      email: referral.person.email ?? null,
      phone: referral.person.phone ?? null,
      municipalityCode: referral.person.municipalityCode ?? null,
      employmentAreaId: target.employmentAreaId,
    },
    serviceForm: referral.serviceForm,
    participationBasis: referral.participationBasis,
    background: referral.background ?? null,
  };
}

/**
 * The mutation path's requests: referrals from the simulator's own generator (a seed of their own,
 * identity codes unique within it), each sent once as `receiveReferral` by the target's ADMIN.
 * Never runs out.
 */
export function intakeMutations(target: IntakeTarget, seed: number): () => BenchRequest {
  const generator = new ReferralGenerator({ idPrefix: `BENCH-M-${seed.toString(36).toUpperCase()}-` });
  let sequence = 0;
  return () => {
    const referral = generator.make(++sequence, seed, new Date());
    return {
      subject: target.adminSubject,
      body: JSON.stringify({
        query: RECEIVE_REFERRAL,
        operationName: 'BenchReceiveReferral',
        variables: { input: receiveReferralInput(target, referral) },
      }),
    };
  };
}

/** Referrals of the target stored, and referral messages refused (a refusal is kept on the inbound message, nothing stored). */
export async function intakeCounts(db: Client, target: IntakeTarget): Promise<{ stored: number; refused: number }> {
  const { rows } = await db.query<{ stored: string; refused: string }>(
    `SELECT (SELECT count(*) FROM referral WHERE employment_area_id = $1) AS stored,
            (SELECT count(*) FROM inbound_message WHERE organisation_id = $2 AND kind = 'REFERRAL' AND result = 'REFUSED') AS refused`,
    [target.employmentAreaId, target.organisationId],
  );
  return { stored: Number(rows[0].stored), refused: Number(rows[0].refused) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface AdapterIntakeOptions {
  simulator: RunningEmploymentAreaSimulator;
  db: Client;
  target: IntakeTarget;
  referrals: number;
  /** Referrals taken in first, unmeasured (default 20). */
  primer?: number;
  /** The polling Polku process: its CPU and peak RSS over the measured batch (Linux /proc). */
  pid?: number;
  /** The process's SQL statement total so far (bench/statement-tap.cjs); none: not counted. */
  statements?: () => number | null;
  /** Jobs off (tests): runs a poll by hand each time the count is looked at. */
  poke?: () => Promise<unknown>;
  timeoutMs?: number;
}

/**
 * The simulator makes the referrals at once; the clock starts when it has them (they are served
 * from then on) and stops at the last one stored, by the referrals' own `received_at` (Polku's
 * clock, this machine's) and the refusals' `created_at`, so the 100 ms between two reads of the
 * count do not add to the time.
 */
export async function measureAdapterIntake(options: AdapterIntakeOptions): Promise<Omit<IntakeAdapterLine, 'node'>> {
  const { db, target } = options;
  const waitFor = async (total: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (options.poke) await options.poke();
      const counts = await intakeCounts(db, target);
      if (counts.stored + counts.refused >= total) return counts;
      if (Date.now() > deadline)
        throw new Error(`referral-intake: ${counts.stored} stored and ${counts.refused} refused of ${total} after ${timeoutMs / 1000} s`);
      await sleep(100);
    }
  };
  const primer = options.primer ?? PRIMER_REFERRALS;
  if (primer) {
    options.simulator.generateReferrals(primer);
    await waitFor(primer, 120_000);
  }
  const before = await intakeCounts(db, target);
  // The tap writes its total every 100 ms: let it catch up with the primer.
  await sleep(300);
  const statementsBefore = options.statements?.() ?? null;
  const cpuBefore = options.pid ? cpuMillis(options.pid) : null;
  let peakRss = options.pid ? rssMegabytes(options.pid) : null;
  const sampler = options.pid
    ? setInterval(() => {
        const rss = rssMegabytes(options.pid!);
        if (rss !== null && (peakRss === null || rss > peakRss)) peakRss = rss;
      }, 100)
    : undefined;
  let after: { stored: number; refused: number };
  let started: Date;
  let finished: number;
  try {
    options.simulator.generateReferrals(options.referrals);
    started = new Date();
    after = await waitFor(before.stored + before.refused + options.referrals, options.timeoutMs ?? Math.max(120_000, options.referrals * 200));
  } finally {
    finished = Date.now();
    if (sampler) clearInterval(sampler);
  }
  const cpuAfter = options.pid ? cpuMillis(options.pid) : null;
  await sleep(300);
  const statementsAfter = options.statements?.() ?? null;
  const { rows } = await db.query<{ first: Date | null; last: Date | null }>(
    `SELECT min(at) AS first, max(at) AS last FROM (
       SELECT received_at AS at FROM referral WHERE employment_area_id = $1 AND received_at >= $3
       UNION ALL
       SELECT created_at FROM inbound_message WHERE organisation_id = $2 AND kind = 'REFERRAL' AND result = 'REFUSED' AND created_at >= $3) handled`,
    [target.employmentAreaId, target.organisationId, started],
  );
  // A server on a clock of its own (a test's) stamps no row after the start: then the moment the harness saw the count complete.
  const last = rows[0].last?.getTime() ?? finished;
  const first = rows[0].first?.getTime() ?? finished;
  const seconds = Math.max(0.001, (last - started.getTime()) / 1000);
  const stored = after.stored - before.stored;
  const refused = after.refused - before.refused;
  return {
    referrals: options.referrals,
    stored,
    refused,
    seconds: round(seconds),
    first_stored_after_seconds: round((first - started.getTime()) / 1000),
    referrals_per_second: round(options.referrals / seconds, 1),
    sql_per_referral:
      statementsBefore !== null && statementsAfter !== null && statementsAfter >= statementsBefore
        ? round((statementsAfter - statementsBefore) / options.referrals)
        : null,
    cpu_ms_per_referral: cpuBefore !== null && cpuAfter !== null ? round((cpuAfter - cpuBefore) / options.referrals) : null,
    rss_mb: peakRss === null ? null : round(peakRss, 1),
  };
}

/**
 * Polku as the other scenarios start it, with jobs on, the target's organisation polling the
 * simulator every INTAKE_POLL_SECONDS, and bench/statement-tap.cjs counting its SQL statements.
 */
export async function startIntakePolku(options: {
  node: string;
  databaseUrl: string;
  jwksUrl: string;
  simulatorUrl: string;
  target: IntakeTarget;
  env?: Record<string, string>;
}): Promise<ServerProcess & { statements: () => number | null; cleanUp: () => void }> {
  const tapFile = path.join(os.tmpdir(), `polku-bench-statements-${process.pid}-${crypto.randomUUID()}.txt`);
  const integrations = {
    organisations: {
      [options.target.organisationId]: {
        employmentArea: { adapter: 'http', baseUrl: options.simulatorUrl, poll: true, employmentAreaId: options.target.employmentAreaId },
      },
    },
  };
  const tap = `--require ${JSON.stringify(path.join(root, 'bench', 'statement-tap.cjs'))}`;
  const server = await startPolku({
    node: options.node,
    databaseUrl: options.databaseUrl,
    jwksUrl: options.jwksUrl,
    env: {
      ...options.env,
      JOBS_ENABLED: 'true',
      INTEGRATIONS: JSON.stringify(integrations),
      INTEGRATION_POLL_SECONDS: String(INTAKE_POLL_SECONDS),
      BENCH_STATEMENT_TAP_FILE: tapFile,
      NODE_OPTIONS: [options.env?.NODE_OPTIONS, tap].filter(Boolean).join(' '),
    },
  });
  return {
    ...server,
    statements: () => {
      try {
        const text = fs.readFileSync(tapFile, 'utf8').trim();
        return /^\d+$/.test(text) ? Number(text) : null;
      } catch {
        return null;
      }
    },
    cleanUp: () => {
      fs.rmSync(tapFile, { force: true });
      fs.rmSync(`${tapFile}.next`, { force: true });
    },
  };
}

export interface IntakeRunOptions {
  referrals: number;
  databaseUrl: string;
  /** Node 22: the adapter path's Polku. */
  node: string;
  jwksUrl: string;
  /** The harness's Polku servers (jobs off): the mutation path runs on each. */
  polkuServers: Array<{ key: string; process: ServerProcess }>;
  /** Tokens by subject: the targets' ADMINs are added. */
  tokens: Map<string, string>;
  sign: (subject: string) => Promise<string>;
  connections: number;
  warmupSeconds: number;
  /** Extra environment of the adapter path's Polku (--profile). */
  env?: Record<string, string>;
  log: (line: string) => void;
}

/** Both paths, the adapter first (its own Polku, stopped after), then the mutation path on each Polku server. */
export async function runReferralIntake(options: IntakeRunOptions): Promise<{ lines: ScenarioResult[]; intake: IntakeResult }> {
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    const seed = crypto.randomInt(1, 2 ** 31 - 1);
    const target = await createIntakeTarget(db, 'adapter path');
    const simulator = await startEmploymentAreaSimulator({ seed, referralIdPrefix: `BENCH-A-${seed.toString(36).toUpperCase()}-` });
    let adapter: IntakeAdapterLine;
    try {
      options.log(`Starting polku22 with jobs on, polling the simulator every ${INTAKE_POLL_SECONDS} s…\n`);
      const polku = await startIntakePolku({
        node: options.node,
        databaseUrl: options.databaseUrl,
        jwksUrl: options.jwksUrl,
        simulatorUrl: simulator.url,
        target,
        env: options.env,
      });
      try {
        const measured = await measureAdapterIntake({
          simulator,
          db,
          target,
          referrals: options.referrals,
          pid: polku.pid,
          statements: polku.statements,
        });
        adapter = { node: polku.node, ...measured };
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${polku.output?.().slice(-3000) ?? ''}`, { cause: error });
      } finally {
        await polku.stop();
        polku.cleanUp();
      }
    } finally {
      await simulator.stop();
    }
    options.log(
      `${REFERRAL_INTAKE.padEnd(18)} ${'adapter'.padEnd(13)} ${String(adapter.referrals_per_second).padStart(7)} referrals/s  ${adapter.stored} stored, ${adapter.refused} refused ` +
        `in ${adapter.seconds} s (first after ${adapter.first_stored_after_seconds} s)  SQL/referral ${adapter.sql_per_referral ?? '–'}  ` +
        `CPU ${adapter.cpu_ms_per_referral ?? '–'} ms/referral  RSS ${adapter.rss_mb ?? '–'} MB  (${adapter.node})\n`,
    );

    const lines: ScenarioResult[] = [];
    const mutation: IntakeMutationLine[] = [];
    for (const { key, process: server } of options.polkuServers) {
      const mutationTarget = await createIntakeTarget(db, `mutation path on ${key}`);
      options.tokens.set(mutationTarget.adminSubject, await options.sign(mutationTarget.adminSubject));
      const next = intakeMutations(mutationTarget, crypto.randomInt(1, 2 ** 31 - 1));
      const phase = { url: server.url, next, tokens: options.tokens, connections: options.connections };
      await runLoad({ ...phase, durationSeconds: options.warmupSeconds });
      // Requests of the warm-up still in flight when it stopped commit after it: not in the measured count.
      await sleep(1000);
      const before = await intakeCounts(db, mutationTarget);
      const result = await runLoad({ ...phase, durationSeconds: 3600, maxRequests: options.referrals, pid: server.pid });
      const stored = (await intakeCounts(db, mutationTarget)).stored - before.stored;
      const { durationSeconds, ...measured } = result;
      lines.push({
        name: REFERRAL_INTAKE,
        server: 'polku',
        node: server.node,
        concurrency: options.connections,
        ...measured,
        postgraphile_ratio: null,
        raw_sql_ratio: null,
        note: `receiveReferral with newTrainee as ADMIN, ${options.referrals} referrals (${stored} stored); the adapter path is in the referral-intake table`,
      });
      mutation.push({
        node: server.node,
        connections: options.connections,
        referrals: result.requests,
        stored,
        errors: result.errors,
        seconds: durationSeconds,
        referrals_per_second: result.rps,
        p50_ms: result.p50_ms,
        p95_ms: result.p95_ms,
        sql_per_referral: result.sql_per_request,
        cpu_ms_per_referral: result.cpu_ms_per_request,
        rss_mb: result.rss_mb,
        adapter_ratio: result.rps ? round(adapter.referrals_per_second / result.rps) : null,
      });
      options.log(
        `${REFERRAL_INTAKE.padEnd(18)} ${`mutation ${key}`.padEnd(13)} ${String(result.rps).padStart(7)} referrals/s  ${stored} stored in ${durationSeconds} s  p50 ${result.p50_ms} ms  p95 ${result.p95_ms}  ` +
          `SQL/referral ${result.sql_per_request ?? '–'}  CPU ${result.cpu_ms_per_request ?? '–'} ms/referral  RSS ${result.rss_mb ?? '–'} MB  errors ${result.errors}\n`,
      );
      if (result.firstError) options.log(`  first error: ${result.firstError}\n`);
    }
    return { lines, intake: { referrals: options.referrals, poll_seconds: INTAKE_POLL_SECONDS, adapter, mutation } };
  } finally {
    await db.end();
  }
}
