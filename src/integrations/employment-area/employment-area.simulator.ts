import crypto from 'node:crypto';

import { z } from 'zod';

import { Rng } from '../../demo/random';
import type { Logger } from '../../platform/logger';
import { SimulatorFaults, SimulatorFaultsInput } from '../simulator/faults';
import { BadCursorError, CursorFeed } from '../simulator/feed';
import { emptyCounters, IdempotencyLedger, WriteCounters } from '../simulator/idempotency';
import { FaultCounters, silentLogger, SimProblem, SimResponse, SimRoute, SimXRoad, startSimServer } from '../simulator/sim-server';
import { WebhookPusher, WebhookStats, WebhookTarget } from '../simulator/webhook-pusher';
import { describeIssues, writeRoute } from '../simulator/writes';
import type { EmploymentAreaMessageKind, InboundReferral } from './employment-area.port';
import { ReferralGenerator } from './employment-area.referrals';

export interface EmploymentAreaSimulatorOptions {
  /** 0 (the default): a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds referrals and faults; default a random one (`seed` on the running simulator says which). */
  seed?: number;
  faults?: SimulatorFaultsInput;
  /** Push each new referral (`referral.created`) here, signed. */
  webhook?: WebhookTarget;
  /** Referrals made at start. */
  initialReferrals?: number;
  /** Makes `batch` referrals every `everyMs`, so a demo shows them arriving. */
  autoGenerate?: { everyMs: number; batch: number };
  /** Serve under `/r1/{service}/…` and require `X-Road-Client`, as behind a security server. */
  xRoad?: SimXRoad;
  /** Before the sequence number of each `externalId`; default `OHJ-<seed in base 36>-`. */
  referralIdPrefix?: string;
  /** Municipality codes by weight; default the Pori employment area's. */
  municipalities?: ReadonlyArray<readonly [string, number]>;
  caseManagerEmails?: readonly string[];
  now?: () => Date;
  /** Counts and ids only are logged, never names or identity codes. Default: silent. */
  logger?: Logger;
}

export interface EmploymentAreaSimulatorStats {
  seed: number;
  referrals: {
    total: number;
    /** Served to pollers for the first time, and served again (the duplicate fault). */
    served: number;
    servedAgain: number;
    pushed: number;
  };
  /** Per message kind: requests past the fault gate, distinct keys applied, same-key repeats, refusals. */
  messages: Record<EmploymentAreaMessageKind, WriteCounters>;
  attendanceReports: Array<{ periodId: string; month: string; version: number }>;
  finalSummaryIds: string[];
  decidedReferralIds: string[];
  outcomeIds: string[];
  faults: FaultCounters;
  webhook: WebhookStats | null;
  xRoadClients: string[];
}

export interface RunningEmploymentAreaSimulator {
  url: string;
  port: number;
  seed: number;
  stop(): Promise<void>;
  /** Makes and holds `count` referrals (pushed when a webhook is set); `seed` makes this batch from another seed. */
  generateReferrals(count: number, seed?: number): InboundReferral[];
  /** Holds a referral as given (not checked: tests use it to serve malformed ones). */
  addReferral(referral: InboundReferral): void;
  referrals(): InboundReferral[];
  stats(): EmploymentAreaSimulatorStats;
  faults(): Readonly<SimulatorFaults>;
  setFaults(faults: SimulatorFaultsInput): SimulatorFaults;
  /** Resolves when every referral so far has been pushed (at once without a webhook). */
  webhookIdle(): Promise<void>;
  routes(): Array<{ method: string; path: string; control: boolean }>;
}

/** The paths of the client system's API (under `/r1/{service}` through X-Road). */
export const EMPLOYMENT_AREA_SIMULATOR_PATHS = {
  referrals: '/referrals',
  REFERRAL_DECISION: '/referral-decisions',
  ATTENDANCE_REPORT: '/attendance-reports',
  FINAL_SUMMARY: '/final-summaries',
  OUTCOME: '/outcomes',
} as const;

const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an instant');
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const id = z.string().min(1).max(200);

const schemas = {
  REFERRAL_DECISION: z.object({ referralExternalId: id, accepted: z.boolean(), reason: z.string().max(4000).nullable(), decidedAt: instant }),
  ATTENDANCE_REPORT: z
    .object({
      referralExternalId: id.nullable(),
      periodId: id,
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      version: z.number().int().min(1),
      participationBasis: z.string().min(1),
      daysPresent: z.number().int().min(0).max(31),
      daysAbsent: z.number().int().min(0).max(31),
      expenseAllowanceCents: z.number().int().min(0),
    })
    .refine((r) => r.daysPresent + r.daysAbsent <= 31, { message: 'more days than a month has', path: ['daysAbsent'] }),
  FINAL_SUMMARY: z.object({
    referralExternalId: id.nullable(),
    periodId: id,
    summaryId: id,
    caseManagerEmail: z.string().nullable(),
    deliveredAt: instant,
    sections: z.record(z.string(), z.string().nullable()),
  }),
  OUTCOME: z.object({ referralExternalId: id.nullable(), periodId: id, outcomeId: id, outcomeType: z.string().min(1), date: isoDate }),
};

const LIMIT_MAX = 500;

/**
 * The employment area's client system, as far as Polku sees it, in memory: it holds referrals and
 * serves them by cursor (`GET /referrals`) or pushes them to a webhook, and receives referral
 * decisions, attendance reports, final summaries and outcomes, applying each Idempotency-Key once.
 * Faults (errors, latency, timeouts, duplicates, reordering) come from options or
 * `POST /_sim/faults`. See docs/integrations/employment-area.openapi.yaml.
 */
export async function startEmploymentAreaSimulator(options: EmploymentAreaSimulatorOptions = {}): Promise<RunningEmploymentAreaSimulator> {
  const seed = options.seed ?? crypto.randomInt(1, 2 ** 31 - 1);
  const now = options.now ?? (() => new Date());
  const generator = new ReferralGenerator({
    idPrefix: options.referralIdPrefix ?? `OHJ-${seed.toString(36).toUpperCase()}-`,
    municipalities: options.municipalities,
    caseManagerEmails: options.caseManagerEmails,
  });
  const ledger = new IdempotencyLedger<SimResponse>();
  const counters: Record<EmploymentAreaMessageKind, WriteCounters> = {
    REFERRAL_DECISION: emptyCounters(),
    ATTENDANCE_REPORT: emptyCounters(),
    FINAL_SUMMARY: emptyCounters(),
    OUTCOME: emptyCounters(),
  };
  const known = new Set<string>();
  const decisions = new Map<string, string>();
  const attendance = new Map<string, { periodId: string; month: string; version: number }>();
  const summaries = new Set<string>();
  const outcomes = new Set<string>();
  const pulls = { served: 0, servedAgain: 0 };
  let receipts = 0;
  const rng = new Rng(seed);
  const logger = options.logger ?? silentLogger();
  const feed = new CursorFeed<InboundReferral>('referrals', rng.fork('feed'));
  let pusher: WebhookPusher | null = null;

  const applied = (kind: string): { response: SimResponse } => ({
    response: { status: 201, body: { receiptId: `${kind.toLowerCase()}-${++receipts}`, status: 'APPLIED' } },
  });

  const routes: SimRoute[] = [
    {
      method: 'GET',
      path: EMPLOYMENT_AREA_SIMULATOR_PATHS.referrals,
      handle: ({ query }) => {
        const limit = query.has('limit') ? Number(query.get('limit')) : 100;
        if (!Number.isInteger(limit) || limit < 1 || limit > LIMIT_MAX) throw new SimProblem(400, 'BAD_LIMIT', `limit must be 1–${LIMIT_MAX}`);
        try {
          const page = feed.read(query.get('after'), limit, server.faults());
          pulls.served += page.items.length - page.repeated;
          pulls.servedAgain += page.repeated;
          return { status: 200, body: { referrals: page.items, cursor: page.cursor } };
        } catch (error) {
          if (error instanceof BadCursorError) throw new SimProblem(400, 'BAD_CURSOR', error.message);
          throw error;
        }
      },
    },
    writeRoute({
      path: EMPLOYMENT_AREA_SIMULATOR_PATHS.REFERRAL_DECISION,
      scope: 'REFERRAL_DECISION',
      ledger,
      counters: counters.REFERRAL_DECISION,
      schema: schemas.REFERRAL_DECISION,
      apply: (decision, key) => {
        if (!known.has(decision.referralExternalId)) throw new SimProblem(404, 'UNKNOWN_REFERRAL', 'no such referral');
        if (decisions.has(decision.referralExternalId)) throw new SimProblem(409, 'ALREADY_DECIDED', 'the referral already has a decision');
        decisions.set(decision.referralExternalId, key);
        return applied('REFERRAL_DECISION');
      },
    }),
    writeRoute({
      path: EMPLOYMENT_AREA_SIMULATOR_PATHS.ATTENDANCE_REPORT,
      scope: 'ATTENDANCE_REPORT',
      ledger,
      counters: counters.ATTENDANCE_REPORT,
      schema: schemas.ATTENDANCE_REPORT,
      apply: ({ periodId, month, version }) => {
        const slot = JSON.stringify([periodId, month, version]);
        if (attendance.has(slot))
          throw new SimProblem(409, 'VERSION_EXISTS', 'this version of the month is already reported; a correction is a higher version');
        attendance.set(slot, { periodId, month, version });
        return applied('ATTENDANCE_REPORT');
      },
    }),
    writeRoute({
      path: EMPLOYMENT_AREA_SIMULATOR_PATHS.FINAL_SUMMARY,
      scope: 'FINAL_SUMMARY',
      ledger,
      counters: counters.FINAL_SUMMARY,
      schema: schemas.FINAL_SUMMARY,
      apply: ({ summaryId }) => {
        if (summaries.has(summaryId)) throw new SimProblem(409, 'ALREADY_DELIVERED', 'this final summary was delivered under another key');
        summaries.add(summaryId);
        return applied('FINAL_SUMMARY');
      },
    }),
    writeRoute({
      path: EMPLOYMENT_AREA_SIMULATOR_PATHS.OUTCOME,
      scope: 'OUTCOME',
      ledger,
      counters: counters.OUTCOME,
      schema: schemas.OUTCOME,
      apply: ({ outcomeId }) => {
        if (outcomes.has(outcomeId)) throw new SimProblem(409, 'ALREADY_RECORDED', 'this outcome was recorded under another key');
        outcomes.add(outcomeId);
        return applied('OUTCOME');
      },
    }),
  ];

  const referralsRequest = z.object({ count: z.number().int().min(1).max(10_000), seed: z.number().int().optional() });
  const controlRoutes: SimRoute[] = [
    {
      method: 'POST',
      path: '/_sim/referrals',
      handle: ({ body }) => {
        const parsed = referralsRequest.safeParse(body ?? {});
        if (!parsed.success) throw new SimProblem(400, 'INVALID', describeIssues(parsed.error));
        const made = generateReferrals(parsed.data.count, parsed.data.seed);
        return { status: 201, body: { generated: made.length, externalIds: made.map((r) => r.externalId) } };
      },
    },
  ];

  const stats = (): EmploymentAreaSimulatorStats => ({
    seed,
    referrals: { total: feed.length, ...pulls, pushed: pusher?.stats().eventsDelivered ?? 0 },
    messages: {
      REFERRAL_DECISION: { ...counters.REFERRAL_DECISION },
      ATTENDANCE_REPORT: { ...counters.ATTENDANCE_REPORT },
      FINAL_SUMMARY: { ...counters.FINAL_SUMMARY },
      OUTCOME: { ...counters.OUTCOME },
    },
    attendanceReports: [...attendance.values()],
    finalSummaryIds: [...summaries],
    decidedReferralIds: [...decisions.keys()],
    outcomeIds: [...outcomes],
    faults: server.faultCounters(),
    webhook: pusher?.stats() ?? null,
    xRoadClients: server.xRoadClients(),
  });

  const server = await startSimServer({
    name: 'employment-area',
    host: options.host,
    port: options.port,
    seed,
    faults: options.faults,
    xRoad: options.xRoad,
    logger,
    routes,
    controlRoutes,
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

  function addReferral(referral: InboundReferral): void {
    if (typeof referral?.externalId !== 'string' || known.has(referral.externalId)) throw new Error('a referral needs an externalId of its own');
    known.add(referral.externalId);
    feed.append(referral);
    pusher?.push('referral.created', referral);
  }

  function generateReferrals(count: number, batchSeed?: number): InboundReferral[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
    const made: InboundReferral[] = [];
    for (let i = 0; i < count; i++) {
      const referral = generator.make(feed.length + 1, batchSeed ?? seed, now());
      addReferral(referral);
      made.push(referral);
    }
    if (count) logger.info({ count, total: feed.length }, 'referrals generated');
    return made;
  }

  if (options.initialReferrals) generateReferrals(options.initialReferrals);
  if (options.autoGenerate) {
    const { everyMs, batch } = options.autoGenerate;
    if (!(everyMs > 0) || !Number.isInteger(batch) || batch < 1) throw new RangeError('autoGenerate needs everyMs > 0 and a batch of at least 1');
    const timer = setInterval(() => generateReferrals(batch), everyMs);
    timer.unref();
    server.onStop(() => clearInterval(timer));
  }

  return {
    url: server.url,
    port: server.port,
    seed,
    stop: () => server.stop(),
    generateReferrals,
    addReferral,
    referrals: () => [...feed.all()],
    stats,
    faults: server.faults,
    setFaults: server.setFaults,
    webhookIdle: async () => pusher?.idle(),
    routes: server.routes,
  };
}
