import crypto from 'node:crypto';

import { z } from 'zod';

import { Rng } from '../../demo/random';
import { todayInFinland } from '../../modules/shared/calendar';
import { parseIdentityCode } from '../../modules/trainee/identity-code';
import type { Logger } from '../../platform/logger';
import { SimulatorFaults, SimulatorFaultsInput } from '../simulator/faults';
import { BadCursorError, CursorFeed } from '../simulator/feed';
import { emptyCounters, fingerprint, IdempotencyLedger, WriteCounters } from '../simulator/idempotency';
import { FaultCounters, silentLogger, SimProblem, SimResponse, SimRoute, SimXRoad, startSimServer } from '../simulator/sim-server';
import { WebhookPusher, WebhookStats, WebhookTarget } from '../simulator/webhook-pusher';
import { writeRoute } from '../simulator/writes';
import type { InboundDecision, WageSubsidyApplicationMessage } from './wage-subsidy.port';
import { decisionIdFor, planDecision } from './wage-subsidy.rules';

export interface WageSubsidySimulatorOptions {
  /** 0 (the default): a free port. */
  port?: number;
  host?: string;
  /** Seeds the delays and faults; default a random one. Outcomes follow from the application ids alone. */
  seed?: number;
  faults?: SimulatorFaultsInput;
  /** Each application is decided after a random wait in this range (ms). Default [2000, 10000]. */
  decisionDelayMs?: [number, number];
  /** Push each decision (`decision.made`) here, signed. */
  webhook?: WebhookTarget;
  xRoad?: SimXRoad;
  /** The deciding authority's name on decisions. Default 'Porin seudun työllisyysalue'. */
  authority?: string;
  /** Before the hash in a decision id; default `PT-`. */
  decisionIdPrefix?: string;
  /** `decidedOn` is this clock's Finnish day when the decision is made. */
  now?: () => Date;
  /** Counts and ids only are logged, never names or identity codes. Default: silent. */
  logger?: Logger;
}

export interface WageSubsidySimulatorStats {
  seed: number;
  /** Requests past the fault gate, distinct keys applied, repeats (same key, or the same application under another key), refusals; `pending`: not yet decided. */
  applications: WriteCounters & { pending: number };
  decisions: {
    made: number;
    /** Pushed plus fetched, repeats counted. */
    delivered: number;
    pushed: number;
    fetched: number;
    fetchedAgain: number;
  };
  faults: FaultCounters;
  webhook: WebhookStats | null;
  xRoadClients: string[];
}

export interface RunningWageSubsidySimulator {
  url: string;
  port: number;
  seed: number;
  stop(): Promise<void>;
  stats(): WageSubsidySimulatorStats;
  faults(): Readonly<SimulatorFaults>;
  setFaults(faults: SimulatorFaultsInput): SimulatorFaults;
  /** Decisions made so far, in order. */
  decisions(): InboundDecision[];
  /** Decides every waiting application now; returns how many. */
  decideNow(): number;
  /** Resolves when every decision so far has been pushed (at once without a webhook). */
  webhookIdle(): Promise<void>;
  routes(): Array<{ method: string; path: string; control: boolean }>;
}

export const WAGE_SUBSIDY_SIMULATOR_PATHS = { applications: '/applications', decisions: '/decisions' } as const;

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const text = z.string().min(1).max(1000);
const applicationSchema = z.object({
  applicationId: z.string().min(1).max(200),
  employer: z.object({
    name: text,
    businessId: z
      .string()
      .regex(/^\d{7}-\d$/)
      .nullable(),
    kind: z.enum(['MUNICIPAL_UNIT', 'PARTNER_COMPANY']),
  }),
  person: z.object({
    identityCode: z.string().refine((code) => parseIdentityCode(code).ok, 'not a valid identity code'),
    firstName: text,
    lastName: text,
  }),
  requestedTypeCode: z.string().min(1).max(100),
  requestedPercent: z.number().gt(0).max(100),
  requestedStart: isoDate,
  requestedEnd: isoDate,
  hoursPerWeek: z.number().gt(0).max(60),
  monthlyPayCents: z.number().int().min(0),
  submittedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an instant'),
}) satisfies z.ZodType<WageSubsidyApplicationMessage>;

const LIMIT_MAX = 500;

/**
 * The wage-subsidy authority in memory: it receives applications (`POST /applications`, once per
 * Idempotency-Key and once per application id), decides each after a random delay by
 * `planDecision` (deterministic from the application id), and serves the decisions by cursor
 * (`GET /decisions`) or pushes them to a webhook. Faults as the employment area's simulator.
 * See docs/integrations/wage-subsidy.openapi.yaml.
 */
export async function startWageSubsidySimulator(options: WageSubsidySimulatorOptions = {}): Promise<RunningWageSubsidySimulator> {
  const seed = options.seed ?? crypto.randomInt(1, 2 ** 31 - 1);
  const now = options.now ?? (() => new Date());
  const [minDelay, maxDelay] = options.decisionDelayMs ?? [2_000, 10_000];
  if (!Number.isInteger(minDelay) || !Number.isInteger(maxDelay) || minDelay < 0 || minDelay > maxDelay)
    throw new RangeError('decisionDelayMs must be [min, max] in whole milliseconds, min ≤ max');
  const authority = options.authority ?? 'Porin seudun työllisyysalue';
  const rng = new Rng(seed);
  const logger = options.logger ?? silentLogger();
  const delayRng = rng.fork('delays');
  const feed = new CursorFeed<InboundDecision>('decisions', rng.fork('feed'));
  const ledger = new IdempotencyLedger<SimResponse>();
  const counters = emptyCounters();
  const applications = new Map<string, { application: WageSubsidyApplicationMessage; timer: NodeJS.Timeout | null }>();
  const pulls = { fetched: 0, fetchedAgain: 0 };
  let pusher: WebhookPusher | null = null;
  let stopped = false;

  const sameContent = (a: WageSubsidyApplicationMessage, b: WageSubsidyApplicationMessage) =>
    fingerprint({ ...a, submittedAt: null }) === fingerprint({ ...b, submittedAt: null });

  function decide(applicationId: string): void {
    const entry = applications.get(applicationId);
    if (!entry?.timer || stopped) return;
    clearTimeout(entry.timer);
    entry.timer = null;
    const decision: InboundDecision = {
      decisionId: decisionIdFor(applicationId, options.decisionIdPrefix),
      authority,
      ...planDecision(entry.application, todayInFinland(now())),
    };
    feed.append(decision);
    logger.info({ decisionId: decision.decisionId, applicationId, outcome: decision.outcome }, 'decision made');
    pusher?.push('decision.made', decision);
  }

  const routes: SimRoute[] = [
    writeRoute({
      path: WAGE_SUBSIDY_SIMULATOR_PATHS.applications,
      scope: 'APPLICATION',
      ledger,
      counters,
      schema: applicationSchema,
      apply: (application) => {
        const response: SimResponse = { status: 202, body: { applicationId: application.applicationId, status: 'RECEIVED' } };
        const existing = applications.get(application.applicationId);
        if (existing) {
          if (!sameContent(existing.application, application))
            throw new SimProblem(409, 'APPLICATION_EXISTS', 'an application with this id and other content was received before');
          return { response, duplicate: true };
        }
        const delay = delayRng.int(minDelay, maxDelay);
        const entry = { application, timer: null as NodeJS.Timeout | null };
        applications.set(application.applicationId, entry);
        entry.timer = setTimeout(() => decide(application.applicationId), delay);
        logger.info({ applicationId: application.applicationId, decisionInMs: delay }, 'application received');
        return { response };
      },
    }),
    {
      method: 'GET',
      path: WAGE_SUBSIDY_SIMULATOR_PATHS.decisions,
      handle: ({ query }) => {
        const limit = query.has('limit') ? Number(query.get('limit')) : 100;
        if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX) throw new SimProblem(400, 'BAD_LIMIT', `limit must be 1–${LIMIT_MAX}`);
        try {
          const page = feed.read(query.get('after'), limit, server.faults());
          pulls.fetched += page.items.length;
          pulls.fetchedAgain += page.repeated;
          return { status: 200, body: { decisions: page.items, cursor: page.cursor } };
        } catch (error) {
          if (error instanceof BadCursorError) throw new SimProblem(400, 'BAD_CURSOR', error.message);
          throw error;
        }
      },
    },
  ];

  const pending = () => [...applications.values()].filter((entry) => entry.timer !== null).length;
  function decideNow(): number {
    const waiting = [...applications.entries()].filter(([, entry]) => entry.timer !== null).map(([id]) => id);
    waiting.forEach(decide);
    return waiting.length;
  }

  const stats = (): WageSubsidySimulatorStats => {
    const pushed = pusher?.stats().eventsDelivered ?? 0;
    return {
      seed,
      applications: { ...counters, pending: pending() },
      decisions: { made: feed.length, delivered: pushed + pulls.fetched, pushed, ...pulls },
      faults: server.faultCounters(),
      webhook: pusher?.stats() ?? null,
      xRoadClients: server.xRoadClients(),
    };
  };

  const server = await startSimServer({
    name: 'wage-subsidy',
    host: options.host,
    port: options.port,
    seed,
    faults: options.faults,
    xRoad: options.xRoad,
    logger,
    routes,
    controlRoutes: [{ method: 'POST', path: '/_sim/decide-now', handle: () => ({ status: 200, body: { decided: decideNow() } }) }],
    stats,
  });
  if (options.webhook) {
    pusher = new WebhookPusher({
      target: options.webhook,
      rng: rng.fork('webhook'),
      faults: server.faults,
      logger,
    });
    const running = pusher;
    server.onStop(() => running.stop());
  }
  server.onStop(() => {
    stopped = true;
    for (const entry of applications.values()) if (entry.timer) clearTimeout(entry.timer);
  });

  return {
    url: server.url,
    port: server.port,
    seed,
    stop: () => server.stop(),
    stats,
    faults: server.faults,
    setFaults: server.setFaults,
    decisions: () => [...feed.all()],
    decideNow,
    webhookIdle: async () => pusher?.idle(),
    routes: server.routes,
  };
}
