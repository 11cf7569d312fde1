import type { JobDefinition } from '../../platform/jobs';
import type { IntegrationDeliveryService } from './delivery.service';
import type { InboundService } from './inbound.service';
import { DELIVERY_JOB, DeliveryQueue } from './outbox';

export const SWEEP_JOB = 'integration-sweep';
export const POLL_JOB = 'integration-poll';

/**
 * Delivery: one job per outgoing message (a stately queue keyed by message id, so a message is
 * never queued twice), several run at once. A try that pg-boss sees crash or expire is run again
 * by pg-boss; a try that fails cleanly schedules its own next try (delivery.service.ts).
 * Sweep: every minute and at start, re-queues what is due (after a crash, or written while jobs
 * were off). Poll: fetches referrals and decisions, then queues itself again after the poll
 * interval; the minute schedule restarts the chain if an instance died in the middle of it.
 */
export function integrationJobs(
  delivery: IntegrationDeliveryService,
  inbound: InboundService,
  options: { pollSeconds: number; queue: () => DeliveryQueue | undefined },
): JobDefinition[] {
  return [
    {
      name: DELIVERY_JOB,
      policy: 'stately',
      batchSize: 8,
      pollingIntervalSeconds: 2,
      retryLimit: 20,
      retryDelaySeconds: 5,
      // Longer than a try can take (attempts × timeout + waits): an expired try crashed.
      expireInSeconds: 120,
      logRuns: false,
      handler: async (data) => {
        const { id } = data as { id?: string };
        return { result: id ? await delivery.deliver(id) : 'skipped' };
      },
    } satisfies JobDefinition,
    {
      name: SWEEP_JOB,
      cron: '* * * * *',
      runOnStart: true,
      expireInMinutes: 5,
      logRuns: false,
      handler: async () => ({ ...(await delivery.sweep()), receiptsForgotten: await inbound.forgetOldReceipts() }),
    } satisfies JobDefinition,
    {
      name: POLL_JOB,
      cron: '* * * * *',
      runOnStart: true,
      // The worker must look at least as often as the interval, or the next run waits for its poll.
      pollingIntervalSeconds: Math.max(0.5, Math.min(options.pollSeconds, 30)),
      expireInMinutes: 10,
      logRuns: false,
      handler: async (_data, signal) => {
        try {
          return await inbound.poll(signal);
        } finally {
          if (!signal.aborted) await options.queue()?.send(POLL_JOB, {}, { startAfterSeconds: options.pollSeconds });
        }
      },
    } satisfies JobDefinition,
  ];
}
