import type { JobDefinition } from '../../platform/jobs';
import type { IntegrationDeliveryService } from './delivery.service';
import type { InboundService } from './inbound.service';
import { DELIVERY_JOB } from './outbox';

export const SWEEP_JOB = 'integration-sweep';
export const POLL_JOB = 'integration-poll';

/**
 * Delivery: one job per try of an outgoing message, several at once. Two jobs for the same
 * message are harmless: a try takes a lease on the message first, so one delivers and the other
 * finds it taken or done. A try that fails cleanly queues its own next try
 * (delivery.service.ts); one that dies with its instance leaves a lease that runs out, and the
 * sweep queues the message again.
 *
 * Sweep and poll run at start and then every few seconds, one job per time slot across all
 * instances (`repeatSeconds`). No queue here keeps "one job at a time" by pg-boss's policy:
 * a job of that kind left active by a killed instance would block its queue until it expired.
 */
export function integrationJobs(delivery: IntegrationDeliveryService, inbound: InboundService, options: { pollSeconds: number }): JobDefinition[] {
  return [
    {
      name: DELIVERY_JOB,
      policy: 'standard',
      workers: 4,
      batchSize: 4,
      pollingIntervalSeconds: 2,
      retryLimit: 5,
      retryDelaySeconds: 5,
      expireInSeconds: 300,
      logRuns: false,
      handler: async (data) => {
        const { id } = data as { id?: string };
        return { result: id ? await delivery.deliver(id) : 'skipped' };
      },
    } satisfies JobDefinition,
    {
      name: SWEEP_JOB,
      policy: 'standard',
      runOnStart: true,
      repeatSeconds: 30,
      pollingIntervalSeconds: 5,
      retryLimit: 0,
      expireInMinutes: 5,
      logRuns: false,
      handler: async () => ({ ...(await delivery.sweep()), receiptsForgotten: await inbound.forgetOldReceipts() }),
    } satisfies JobDefinition,
    {
      name: POLL_JOB,
      policy: 'standard',
      runOnStart: true,
      repeatSeconds: options.pollSeconds,
      // The worker must look at least as often as jobs are offered, or each run waits for its poll.
      pollingIntervalSeconds: Math.max(0.5, Math.min(options.pollSeconds, 30)),
      retryLimit: 0,
      expireInMinutes: 10,
      logRuns: false,
      handler: async (_data, signal) => inbound.poll(signal),
    } satisfies JobDefinition,
  ];
}
