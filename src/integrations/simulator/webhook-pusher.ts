import crypto from 'node:crypto';

import type { Rng } from '../../demo/random';
import type { Logger } from '../../platform/logger';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../shared/webhook-signature';
import type { SimulatorFaults } from './faults';

/** Where a simulator pushes its events. */
export interface WebhookTarget {
  url: string;
  /** The shared secret; two while rotating (both signatures are sent). */
  secret: string | string[];
  /** Waits between attempts of one push: exponential from `initialMs` to `maxMs`, with jitter. Default 200 ms … 30 s. */
  retry?: { initialMs: number; maxMs: number };
  /** An attempt is abandoned after this long. Default 10 s. */
  attemptTimeoutMs?: number;
  /** Events that come within this window go in one push. Default 20 ms. */
  batchWindowMs?: number;
  /** At most this many events in one push. Default 50. */
  maxBatch?: number;
  /**
   * Where the signature's `t` comes from. Default the wall clock, not the simulator's `now`: the
   * receiver checks `t` against its own clock, whatever day the simulator pretends it is.
   */
  clock?: () => Date;
}

export interface WebhookEvent<T = unknown> {
  id: string;
  type: string;
  data: T;
}

/** The body of a push: `{ "events": [...] }`. */
export interface WebhookPayload<T = unknown> {
  events: Array<WebhookEvent<T>>;
}

export interface WebhookStats {
  /** Pushes answered 2xx, repeats (the duplicate fault) included. */
  deliveries: number;
  /** Events in those pushes, repeats included. */
  eventsDelivered: number;
  /** Every POST tried, the failed ones included. */
  attempts: number;
  failedAttempts: number;
  /** Events not yet delivered once. */
  pending: number;
}

export interface WebhookPusherOptions {
  target: WebhookTarget;
  rng: Rng;
  faults: () => Readonly<SimulatorFaults>;
  logger: Logger;
  /** Called after each 2xx with the events of that push (a repeat included). */
  onDelivered?: (events: readonly WebhookEvent[]) => void;
}

/**
 * Pushes events to a webhook at least once: batched, signed (`Polku-Signature`), retried with
 * exponential backoff until the receiver answers 2xx. The duplicate fault sends a delivered batch
 * again as a fresh push (new timestamp and signature, the same event ids); the out-of-order fault
 * shuffles a batch and holds it back a little so that later pushes can overtake it.
 */
export class WebhookPusher {
  private readonly queue: WebhookEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();
  private readonly sleeps = new Map<NodeJS.Timeout, () => void>();
  private flushTimer: NodeJS.Timeout | null = null;
  private undelivered = 0;
  private stopped = false;
  private readonly counters = { deliveries: 0, eventsDelivered: 0, attempts: 0, failedAttempts: 0 };

  private readonly nowSeconds: () => number;

  constructor(private readonly options: WebhookPusherOptions) {
    const clock = options.target.clock ?? (() => new Date());
    this.nowSeconds = () => Math.floor(clock().getTime() / 1000);
  }

  /** Queues an event; returns its id. */
  push<T>(type: string, data: T): string {
    const event: WebhookEvent<T> = { id: crypto.randomUUID(), type, data };
    if (this.stopped) return event.id;
    this.queue.push(event);
    this.undelivered++;
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.target.batchWindowMs ?? 20);
    return event.id;
  }

  stats(): WebhookStats {
    return { ...this.counters, pending: this.undelivered };
  }

  /** Resolves when every queued event has been delivered once (and any repeat sent). */
  async idle(): Promise<void> {
    while (!this.stopped && (this.queue.length || this.inFlight.size || this.flushTimer)) {
      if (this.inFlight.size) await Promise.race(this.inFlight);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const controller of this.controllers) controller.abort();
    for (const [timer, resolve] of this.sleeps) {
      clearTimeout(timer);
      resolve();
    }
    this.sleeps.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(): void {
    this.flushTimer = null;
    const max = this.options.target.maxBatch ?? 50;
    while (this.queue.length) this.track(this.deliver(this.queue.splice(0, max), true));
  }

  private track(task: Promise<void>): void {
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  /**
   * Every attempt of the same events is signed anew with a later `t` than the one before (at most a
   * second or two ahead of the clock when attempts come fast), so no two attempts, a repeat
   * included, carry the same signature: a receiver that remembers signatures to refuse replays
   * still takes a genuine retry.
   */
  private async deliver(batch: WebhookEvent[], first: boolean, signedBefore = 0): Promise<void> {
    const { rng, faults } = this.options;
    let events = batch;
    if (faults().outOfOrderRate > 0 && rng.chance(faults().outOfOrderRate)) {
      events = rng.shuffle(batch);
      await this.sleep(rng.int(10, 60));
    }
    const retry = this.options.target.retry ?? { initialMs: 200, maxMs: 30_000 };
    let lastSigned = signedBefore;
    for (let attempt = 0; !this.stopped; attempt++) {
      lastSigned = Math.max(this.nowSeconds(), lastSigned + 1);
      if (await this.attempt(events, lastSigned)) {
        this.counters.deliveries++;
        this.counters.eventsDelivered += events.length;
        if (first) this.undelivered -= events.length;
        this.options.onDelivered?.(events);
        if (first && faults().duplicateRate > 0 && rng.chance(faults().duplicateRate)) {
          const signed = lastSigned;
          this.track(this.sleep(rng.int(5, 50)).then(() => this.deliver(batch, false, signed)));
        }
        return;
      }
      const ceiling = Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(attempt, 30));
      await this.sleep(Math.round(ceiling / 2 + rng.next() * (ceiling / 2)));
    }
  }

  private async attempt(events: WebhookEvent[], timestamp: number): Promise<boolean> {
    const { target, logger } = this.options;
    const body = JSON.stringify({ events } satisfies WebhookPayload);
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), target.attemptTimeoutMs ?? 10_000);
    this.counters.attempts++;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(target.secret, body, timestamp),
        },
        body,
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return true;
      this.counters.failedAttempts++;
      logger.warn({ status: response.status, events: events.length }, 'webhook push refused; will retry');
      return false;
    } catch (error) {
      this.counters.failedAttempts++;
      if (!this.stopped) logger.warn({ err: error, events: events.length }, 'webhook push failed; will retry');
      return false;
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped || ms <= 0) return resolve();
      const timer = setTimeout(() => {
        this.sleeps.delete(timer);
        resolve();
      }, ms);
      this.sleeps.set(timer, resolve);
    });
  }
}
