import http from 'node:http';
import type { AddressInfo } from 'node:net';

import pino from 'pino';

import { Rng } from '../../demo/random';
import type { Logger } from '../../platform/logger';
import { decideFault, mergeFaults, noFaults, SimulatorFaults, SimulatorFaultsInput } from './faults';

/** A route's request, body read (JSON parsed when there was one). */
export interface SimRequest {
  method: string;
  /** Without the X-Road prefix, decoded. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SimRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Writes may be applied by a timed-out request (the timeout fault). */
  write?: boolean;
  handle(request: SimRequest): SimResponse;
}

/** Thrown by a route: answered with the status and `{ error, message }`. */
export class SimProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A simulator behind the organisation's X-Road security server: `/r1/{service}/…`, `X-Road-Client` required. */
export interface SimXRoad {
  /** The provider's service, `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`, as the adapter's `xRoad.service`. */
  service: string;
}

export interface SimServerOptions {
  name: string;
  host?: string;
  /** 0 (the default): a free port. */
  port?: number;
  /** Seeds the fault decisions (and whatever the simulator forks from `rng`). */
  seed: number;
  faults?: SimulatorFaultsInput;
  xRoad?: SimXRoad;
  logger?: Logger;
  /** Business routes (fault injection applies). */
  routes: SimRoute[];
  /** Routes under `/_sim/` for tests and demos (no faults, no X-Road prefix): stats and faults are added here. */
  controlRoutes: SimRoute[];
  stats: () => unknown;
}

export interface FaultCounters {
  /** Answered 500/503 on purpose. */
  errors: number;
  /** Held and dropped; `timeoutsApplied` of them were writes carried out before the drop. */
  timeouts: number;
  timeoutsApplied: number;
}

export interface SimServer {
  url: string;
  port: number;
  rng: Rng;
  logger: Logger;
  faults(): Readonly<SimulatorFaults>;
  setFaults(change: SimulatorFaultsInput): SimulatorFaults;
  faultCounters(): FaultCounters;
  /** X-Road clients seen (the `X-Road-Client` header values). */
  xRoadClients(): string[];
  /** Every route served: business routes (`control: false`, under the X-Road prefix when set) and `/_sim/` ones. */
  routes(): Array<{ method: string; path: string; control: boolean }>;
  /** Stops the timers the simulator registers here with the server. */
  onStop(callback: () => void | Promise<void>): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

export const silentLogger = (): Logger => pino({ enabled: false });

function xRoadPrefix(service: string): string {
  return `/r1/${service.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The HTTP server both simulators run on (node:http): routing, JSON bodies, the fault gate in front
 * of the business routes, the X-Road path and header when configured, `/_sim/stats` and
 * `/_sim/faults`, and a stop that ends held requests, timers and kept-alive connections at once.
 */
export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const logger = options.logger ?? silentLogger();
  const rng = new Rng(options.seed);
  const faultRng = rng.fork('faults');
  let faults = mergeFaults(noFaults, options.faults);
  const counters: FaultCounters = { errors: 0, timeouts: 0, timeoutsApplied: 0 };
  const clients = new Set<string>();
  /** Pending waits (latency, held requests): a stop ends them at once. */
  const waits = new Map<NodeJS.Timeout, () => void>();
  const stopCallbacks: Array<() => void | Promise<void>> = [];
  let stopped = false;
  const prefix = options.xRoad ? xRoadPrefix(options.xRoad.service) : '';

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stopped) return resolve();
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  const control: SimRoute[] = [
    ...options.controlRoutes,
    { method: 'GET', path: '/_sim/stats', handle: () => ({ status: 200, body: options.stats() }) },
    { method: 'GET', path: '/_sim/faults', handle: () => ({ status: 200, body: faults }) },
    {
      method: 'POST',
      path: '/_sim/faults',
      handle: ({ body }) => {
        const change = (body ?? {}) as SimulatorFaultsInput & { reset?: boolean };
        try {
          const { reset, ...rest } = change;
          faults = mergeFaults(reset ? noFaults : faults, rest);
        } catch (error) {
          throw new SimProblem(400, 'BAD_FAULTS', (error as Error).message);
        }
        logger.info({ faults }, 'faults changed');
        return { status: 200, body: faults };
      },
    },
  ];

  function respond(response: http.ServerResponse, { status, body, headers }: SimResponse): void {
    if (response.destroyed || response.headersSent) return;
    const payload = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, {
      ...(payload ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) } : {}),
      ...headers,
    });
    response.end(payload);
  }

  const problem = (status: number, code: string, message: string): SimResponse => ({ status, body: { error: code, message } });

  function readBody(request: http.IncomingMessage): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return resolve(null);
        chunks.push(chunk);
      });
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });
  }

  function run(route: SimRoute, simRequest: SimRequest): SimResponse {
    try {
      return route.handle(simRequest);
    } catch (error) {
      if (error instanceof SimProblem) return problem(error.status, error.code, error.message);
      logger.error({ err: error, path: route.path }, 'simulator route failed');
      return problem(500, 'INTERNAL', 'the simulator failed');
    }
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const method = request.method ?? 'GET';
    let path = url.pathname;
    const isControl = path.startsWith('/_sim/');
    if (!isControl && prefix) {
      if (path !== prefix && !path.startsWith(`${prefix}/`)) return respond(response, problem(404, 'UNKNOWN_SERVICE', 'no such X-Road service here'));
      const client = request.headers['x-road-client'];
      if (typeof client !== 'string' || client.split('/').length !== 4)
        return respond(response, problem(400, 'X_ROAD_CLIENT', 'X-Road-Client must name INSTANCE/CLASS/MEMBER/SUBSYSTEM'));
      clients.add(client);
      path = path.slice(prefix.length) || '/';
    }
    try {
      path = decodeURIComponent(path);
    } catch {
      return respond(response, problem(400, 'BAD_PATH', 'the path is not valid'));
    }
    const candidates = (isControl ? control : options.routes).filter((r) => r.path === path);
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      if (candidates.length)
        return respond(response, { ...problem(405, 'METHOD', 'method not allowed'), headers: { allow: candidates.map((r) => r.method).join(', ') } });
      return respond(response, problem(404, 'NOT_FOUND', 'no such path'));
    }
    const raw = await readBody(request);
    if (raw === null) return respond(response, problem(413, 'TOO_LARGE', 'the body is too large'));
    let body: unknown = undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        return respond(response, problem(400, 'BAD_JSON', 'the body is not JSON'));
      }
    }
    const simRequest: SimRequest = { method, path, query: url.searchParams, headers: request.headers, body };
    if (isControl) return respond(response, run(route, simRequest));

    const decision = decideFault(faults, faultRng, Boolean(route.write));
    await wait(decision.delayMs);
    if (stopped) return void response.destroy();
    if (decision.kind === 'error') {
      counters.errors++;
      return respond(response, problem(decision.status, 'SIMULATED_FAILURE', 'simulated failure (fault injection)'));
    }
    if (decision.kind === 'timeout') {
      counters.timeouts++;
      if (decision.applied) {
        counters.timeoutsApplied++;
        run(route, simRequest);
      }
      await wait(faults.timeoutHoldMs);
      response.destroy();
      return;
    }
    respond(response, run(route, simRequest));
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'simulator request failed');
      respond(response, problem(500, 'INTERNAL', 'the simulator failed'));
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address === '0.0.0.0' ? '127.0.0.1' : address;

  return {
    url: `http://${host}:${port}`,
    port,
    rng,
    logger,
    faults: () => faults,
    setFaults: (change) => (faults = mergeFaults(faults, change)),
    faultCounters: () => ({ ...counters }),
    xRoadClients: () => [...clients],
    routes: () => [
      ...options.routes.map((r) => ({ method: r.method, path: r.path, control: false })),
      ...control.map((r) => ({ method: r.method, path: r.path, control: true })),
    ],
    onStop: (callback) => void stopCallbacks.push(callback),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
      for (const callback of stopCallbacks) await callback();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
