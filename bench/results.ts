import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { LoadResult } from './load';

/** One server × scenario line of `bench/results/latest.json`: the measured phase's figures, named and compared. */
export interface ScenarioResult extends Omit<LoadResult, 'durationSeconds'> {
  name: string;
  server: 'polku' | 'postgraphile' | 'raw-sql';
  node: string;
  concurrency: number;
  /** Polku's p50 over PostGraphile's p50 for the same scenario (on Polku's lines; null where PostGraphile has no equivalent). */
  postgraphile_ratio: number | null;
  /** Polku's p50 over the raw-SQL server's p50. */
  raw_sql_ratio: number | null;
  /** What differs from the scenario as Polku answers it (PostGraphile: no roles, no row scope, no access log). */
  note?: string;
}

export interface BenchResults {
  scale: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; postgres?: string };
  date: string;
  /** Where the data came from: the generator's manifest, or the development stand-in over a named database. */
  data?: string;
  durationSeconds: number;
  scenarios: ScenarioResult[];
  /** The referral-intake scenario's two paths side by side, when it ran (its mutation lines are also in `scenarios`). */
  intake?: IntakeResult;
}

/** The adapter path: the simulator's referrals fetched by Polku's poll job and stored four at a time. */
export interface IntakeAdapterLine {
  node: string;
  referrals: number;
  stored: number;
  /** Refused by a domain rule (kept on the inbound message, nothing stored). */
  refused: number;
  /** From the simulator holding the batch until the last referral was stored. */
  seconds: number;
  /** From the simulator holding the batch until the first was stored (the wait for the next poll). */
  first_stored_after_seconds: number;
  referrals_per_second: number;
  /** SQL statements of the Polku process (StatementCounter, as x-polku-statements counts) over the batch ÷ referrals; pg-boss's own not counted. */
  sql_per_referral: number | null;
  cpu_ms_per_referral: number | null;
  rss_mb: number | null;
}

/** The GraphQL mutation path on one Polku server: `receiveReferral` with `newTrainee`, autocannon at the harness's connections. */
export interface IntakeMutationLine {
  node: string;
  connections: number;
  referrals: number;
  stored: number;
  errors: number;
  seconds: number;
  referrals_per_second: number;
  p50_ms: number;
  p95_ms: number;
  sql_per_referral: number | null;
  cpu_ms_per_referral: number | null;
  rss_mb: number | null;
  /** The adapter path's referrals/s ÷ this line's. */
  adapter_ratio: number | null;
}

export interface IntakeResult {
  /** Referrals per path (per server on the mutation path). */
  referrals: number;
  /** INTEGRATION_POLL_SECONDS of the adapter path's Polku. */
  poll_seconds: number;
  adapter: IntakeAdapterLine;
  mutation: IntakeMutationLine[];
}

export function machineInfo(postgres?: string): BenchResults['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    ...(postgres ? { postgres } : {}),
  };
}

/** Fills the ratios on Polku's lines: Polku p50 / the other server's p50, same scenario (the other on Node 22 when there are several). */
export function withRatios(scenarios: ScenarioResult[]): ScenarioResult[] {
  const p50Of = (server: ScenarioResult['server'], name: string) =>
    scenarios.find((s) => s.server === server && s.name === name && s.requests > 0)?.p50_ms;
  const ratio = (polku: number, other: number | undefined) => (other ? Math.round((polku / other) * 100) / 100 : null);
  return scenarios.map((s) =>
    s.server === 'polku'
      ? { ...s, postgraphile_ratio: ratio(s.p50_ms, p50Of('postgraphile', s.name)), raw_sql_ratio: ratio(s.p50_ms, p50Of('raw-sql', s.name)) }
      : s,
  );
}

export function markdownTable(results: BenchResults): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '–' : String(value));
  const lines = [
    `# Benchmark: ${results.scale} scale, ${results.date}`,
    '',
    ...(results.data ? [`Data: ${results.data}.`, ''] : []),
    `Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, ${results.machine.platform}${results.machine.postgres ? `, PostgreSQL ${results.machine.postgres}` : ''}. ` +
      `${results.durationSeconds} s per measured phase after a warm-up. Ratios are Polku's p50 over the other server's p50 (PostGraphile and raw SQL on Node 22).`,
    '',
    '| scenario | server | node | conc. | requests | errors | req/s | p50 ms | p95 ms | p99 ms | SQL/req | CPU ms/req | RSS MB | ÷ PostGraphile | ÷ raw SQL | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.scenarios.map(
      (s) =>
        `| ${[
          s.name,
          s.server,
          s.node,
          s.concurrency,
          s.requests,
          s.errors,
          s.rps,
          s.p50_ms,
          s.p95_ms,
          s.p99_ms,
          s.sql_per_request,
          s.cpu_ms_per_request,
          s.rss_mb,
          s.postgraphile_ratio,
          s.raw_sql_ratio,
          s.note,
        ]
          .map(cell)
          .join(' | ')} |`,
    ),
    '',
    ...(results.intake ? intakeTable(results.intake) : []),
  ];
  return lines.join('\n');
}

/** The referral-intake scenario: the adapter path's line, then the mutation path's, referrals/s side by side. */
export function intakeTable(intake: IntakeResult): string[] {
  const cell = (value: unknown) => (value === null || value === undefined ? '–' : String(value));
  const row = (values: unknown[]) => `| ${values.map(cell).join(' | ')} |`;
  const { adapter } = intake;
  return [
    `## referral-intake: ${intake.referrals} referrals per path`,
    '',
    `Adapter path: the employment-area simulator makes the referrals at once; Polku (jobs on, \`integration-poll\` every ${intake.poll_seconds} s) fetches ` +
      'and stores each page four referrals at a time; from the simulator holding them until the last is stored. Mutation path: `receiveReferral` with `newTrainee` as ADMIN, ' +
      'autocannon at the connections shown, after a warm-up. Each path has an organisation of its own made for the run. ' +
      'Refused/errors: referrals refused by a domain rule (adapter) or requests that failed (mutation). ' +
      "Adapter ÷ mutation: the adapter path's referrals/s over the line's.",
    '',
    '| path | node | conc. | referrals | stored | refused/errors | seconds | referrals/s | first stored after s | p50 ms | p95 ms | SQL/referral | CPU ms/referral | RSS MB | adapter ÷ mutation |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    row([
      'adapter (poll)',
      adapter.node,
      '1 (poll job)',
      adapter.referrals,
      adapter.stored,
      adapter.refused,
      adapter.seconds,
      adapter.referrals_per_second,
      adapter.first_stored_after_seconds,
      null,
      null,
      adapter.sql_per_referral,
      adapter.cpu_ms_per_referral,
      adapter.rss_mb,
      null,
    ]),
    ...intake.mutation.map((m) =>
      row([
        'GraphQL mutation',
        m.node,
        m.connections,
        m.referrals,
        m.stored,
        m.errors,
        m.seconds,
        m.referrals_per_second,
        null,
        m.p50_ms,
        m.p95_ms,
        m.sql_per_referral,
        m.cpu_ms_per_referral,
        m.rss_mb,
        m.adapter_ratio,
      ]),
    ),
    '',
  ];
}

/**
 * Writes `<name>.json` and `<name>.md` into `dir` (bench/results by default); returns their paths.
 * The name is `latest`, except for a national run, whose results are kept apart (`national`).
 */
export function writeResults(
  results: BenchResults,
  dir = path.join(__dirname, 'results'),
  name = results.scale === 'national' ? 'national' : 'latest',
): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const markdown = path.join(dir, `${name}.md`);
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(markdown, markdownTable(results));
  return { json, markdown };
}
