import fs from 'node:fs';

import autocannon from 'autocannon';

import type { BenchRequest } from './scenarios';

/**
 * One measured phase: autocannon at fixed concurrency against one server, each request with the
 * next scenario body and its caller's token; latencies from autocannon's per-response times (its
 * own summary has no p95), SQL statements from `x-polku-statements`, CPU and peak RSS of the
 * server process from /proc.
 */
export interface LoadOptions {
  url: string;
  next: () => BenchRequest;
  /** Tokens by subject; a request whose subject has none goes without. */
  tokens: Map<string, string>;
  connections: number;
  durationSeconds: number;
  /** The server process whose CPU and memory are measured (Linux /proc); none for an in-process server. */
  pid?: number;
  /** Stops after this many requests instead of the duration (tests, writes with a limited supply). */
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  /** HTTP status other than 200, or a GraphQL `errors` in the answer. */
  errors: number;
  firstError?: string;
  durationSeconds: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Mean of `x-polku-statements`; null when the server does not send it. */
  sql_per_request: number | null;
  cpu_ms_per_request: number | null;
  rss_mb: number | null;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process in milliseconds (Linux); null elsewhere or when it is gone. */
export function cpuMillis(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident set size in MB (Linux); null elsewhere. */
export function rssMegabytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let statements = 0;
  let counted = 0;
  let errors = 0;
  let firstError: string | undefined;
  const cpuBefore = options.pid ? cpuMillis(options.pid) : null;
  let peakRss = options.pid ? rssMegabytes(options.pid) : null;
  const sampler = options.pid
    ? setInterval(() => {
        const rss = rssMegabytes(options.pid!);
        if (rss !== null && (peakRss === null || rss > peakRss)) peakRss = rss;
      }, 100)
    : undefined;
  const started = process.hrtime.bigint();
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: options.url,
      method: 'POST',
      connections: options.connections,
      duration: options.durationSeconds,
      ...(options.maxRequests ? { amount: options.maxRequests } : {}),
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request: autocannon.Request) => {
            const next = options.next();
            const token = options.tokens.get(next.subject);
            return {
              ...request,
              method: 'POST',
              body: next.body,
              headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            };
          },
          onResponse: (status: number, body: string, _context: unknown, headers?: Record<string, string>) => {
            const header = headers?.['x-polku-statements'];
            if (header !== undefined) {
              statements += Number(header);
              counted += 1;
            }
            if (status !== 200 || body.startsWith('{"errors"') || body.includes('"errors":[')) {
              errors += 1;
              firstError ??= `${status} ${body.slice(0, 400)}`;
            }
          },
        },
      ],
    } as autocannon.Options,
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sampler) clearInterval(sampler);
  const cpuAfter = options.pid ? cpuMillis(options.pid) : null;
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    requests,
    errors: errors + result.errors + result.timeouts,
    ...(firstError ? { firstError } : {}),
    durationSeconds: round(seconds),
    rps: round(requests / seconds, 1),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    p99_ms: round(percentile(latencies, 99)),
    sql_per_request: counted ? round(statements / counted) : null,
    cpu_ms_per_request: cpuBefore !== null && cpuAfter !== null && requests ? round((cpuAfter - cpuBefore) / requests) : null,
    rss_mb: peakRss === null ? null : round(peakRss, 1),
  };
}
