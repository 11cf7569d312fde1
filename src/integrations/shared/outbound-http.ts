import http from 'node:http';
import https from 'node:https';

import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IPolicy,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';

/**
 * Reaching a service through the Suomi.fi Data Exchange Layer (X-Road): requests go to the
 * organisation's own security server as `{baseUrl}/r1/{service}/{path}` and name the calling
 * subsystem in `X-Road-Client` (X-Road Message Protocol for REST).
 */
export interface XRoadSettings {
  /** This service's subsystem: `INSTANCE/CLASS/MEMBER/SUBSYSTEM`, e.g. `FI/MUN/0204819-8/Polku`. */
  client: string;
  /** The provider's service: `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`. */
  service: string;
}

/** One outside system's endpoint, as configuration gives it (per organisation). */
export interface OutboundEndpoint {
  /** The system's base URL, or the security server's when `xRoad` is set. */
  baseUrl: string;
  /** Each attempt is abandoned after this long. */
  timeoutMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Waits between attempts: exponential from `initialMs` up to `maxMs`, with jitter. */
  backoff: { initialMs: number; maxMs: number };
  /** After this many failures in a row the circuit opens: calls fail at once until `halfOpenAfterMs` has passed. */
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Mutual TLS (the security server knows Polku by its client certificate): PEM texts. */
  tls?: { cert: string; key: string; ca?: string };
  xRoad?: XRoadSettings;
}

/**
 * A call that did not succeed: `unavailable` (timeouts, network errors, 5xx, 408 and 429 after
 * every attempt, or an open circuit: try again later) or `rejected` (any other 4xx: the request
 * itself is wrong, and sending it again would not help).
 */
export class OutboundError extends Error {
  constructor(
    message: string,
    readonly kind: 'unavailable' | 'rejected',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** The body of a 2xx answer that was not JSON (a read treats it as malformed, a write as taken). */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/**
 * The body of a read, checked against the shape Polku relies on. A malformed answer is
 * `unavailable`, not `rejected`: the request was right and the other system is what is broken, so
 * a poller keeps its cursor and tries again instead of skipping what it could not read. The
 * message names paths and issue codes only: the values may be personal data.
 */
export function answerOf<T>(response: OutboundResponse<unknown>, shape: { safeParse(value: unknown): ShapeResult<T> }, what: string): T {
  if (response.body === NOT_JSON) throw new OutboundError(`${what}: the answer is not JSON`, 'unavailable', response.status);
  const parsed = shape.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`)
    .join('; ');
  throw new OutboundError(`${what}: malformed answer (${issues})`, 'unavailable', response.status);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return NOT_JSON;
  }
}

type ShapeResult<T> =
  { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string }> } };

export interface OutboundResponse<T> {
  status: number;
  body: T;
}

export interface OutboundRequest {
  body?: unknown;
  /**
   * Required on every write: the same key on every attempt, so the receiver applies a write it
   * receives twice (a retry after a lost answer) once.
   */
  idempotencyKey?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A failure worth another attempt: the attempt timed out, the network failed, or the server said "later". */
class RetryableStatus extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const retryableStatuses = new Set([408, 429]);

function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableStatus || error instanceof TaskCancelledError) return true;
  return typeof (error as { code?: unknown })?.code === 'string';
}

/**
 * JSON over HTTP(S) to one outside system with a timeout per attempt, retries with exponential
 * backoff and jitter, and a circuit breaker (cockatiel), keep-alive connections, optional mutual
 * TLS and the X-Road client headers. Adapters build their port's calls on it; nothing here knows
 * a domain.
 */
export class OutboundHttp {
  private readonly agent: http.Agent;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;

  constructor(private readonly endpoint: OutboundEndpoint) {
    const url = new URL(endpoint.baseUrl);
    this.agent =
      url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, cert: endpoint.tls?.cert, key: endpoint.tls?.key, ca: endpoint.tls?.ca })
        : new http.Agent({ keepAlive: true });
    const retryable = handleWhen(isRetryable);
    this.breaker = circuitBreaker(retryable, {
      halfOpenAfter: endpoint.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(endpoint.breaker.consecutiveFailures),
    });
    this.policy = wrap(
      retry(retryable, {
        maxAttempts: Math.max(0, endpoint.maxAttempts - 1),
        backoff: new ExponentialBackoff({ initialDelay: endpoint.backoff.initialMs, maxDelay: endpoint.backoff.maxMs }),
      }),
      this.breaker,
      timeout(endpoint.timeoutMs, TimeoutStrategy.Aggressive),
    );
  }

  /** closed, open (failing at once) or half-open (letting one call through to try). */
  get circuit(): 'closed' | 'open' | 'half-open' {
    const state = this.breaker.state;
    return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  async request<T>(method: Method, path: string, options: OutboundRequest = {}): Promise<OutboundResponse<T>> {
    if (method !== 'GET' && !options.idempotencyKey) throw new Error(`${method} ${path}: every write carries an idempotency key`);
    try {
      return await this.policy.execute(({ signal }) => this.send<T>(method, path, options, signal));
    } catch (error) {
      if (error instanceof OutboundError) throw error;
      if (error instanceof BrokenCircuitError) throw new OutboundError(`${this.endpoint.baseUrl}: circuit open`, 'unavailable');
      if (error instanceof RetryableStatus) throw new OutboundError(`${method} ${path}: HTTP ${error.status}`, 'unavailable', error.status);
      if (error instanceof TaskCancelledError)
        throw new OutboundError(`${method} ${path}: no answer in ${this.endpoint.timeoutMs} ms`, 'unavailable');
      throw new OutboundError(`${method} ${path}: ${(error as Error).message}`, 'unavailable');
    }
  }

  /** Closes the kept-alive connections (at shutdown). */
  close(): void {
    this.agent.destroy();
  }

  private url(path: string): URL {
    const base = this.endpoint.baseUrl.replace(/\/+$/, '');
    const relative = path.replace(/^\/+/, '');
    const service = this.endpoint.xRoad ? `/r1/${this.endpoint.xRoad.service.split('/').map(encodeURIComponent).join('/')}` : '';
    return new URL(`${base}${service}/${relative}`);
  }

  private send<T>(method: Method, path: string, options: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse<T>> {
    const url = this.url(path);
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (this.endpoint.xRoad) headers['x-road-client'] = this.endpoint.xRoad.client;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, { method, headers, agent: this.agent, signal }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 500 || retryableStatuses.has(status)) return reject(new RetryableStatus(status));
          if (status >= 400) return reject(new OutboundError(`${method} ${path}: HTTP ${status}`, 'rejected', status));
          // A redirect (a proxy, a moved service) is a wrong configuration, not success and not the message's fault.
          if (status < 200 || status >= 300) return reject(new OutboundError(`${method} ${path}: unexpected HTTP ${status}`, 'unavailable', status));
          // A 2xx is the receiver's word that it took a write, whatever its body; a read checks its body's shape (answerOf).
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status, body: parseJson(text) as T });
        });
      });
      request.on('error', (error) => reject(signal.aborted ? new TaskCancelledError() : error));
      request.end(payload);
    });
  }
}
