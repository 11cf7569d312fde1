import PgBoss from 'pg-boss';

import type { Logger } from './logger';
import { isExpectedDuringShutdown } from './shutdown';

/**
 * Background jobs on pg-boss (10.x: the last major that runs on Node 20; 11+ needs Node 22). The
 * queue lives in the same PostgreSQL, in pg-boss's own `pgboss` schema, so every instance can run
 * the scheduler and the workers: pg-boss makes sure a scheduled job is created once and fetched by
 * one worker. Queues use the `stately` policy: at most one job waiting and one running per queue,
 * so a daily schedule plus a start-up send from several instances never piles up.
 */
export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron expression in Finnish time; unset: run only when sent. */
  cron?: string;
  /** Payload of the scheduled job and of the start-up send. */
  data?: () => T;
  /** Also send one when the instance starts (deduplicated by the queue policy). */
  runOnStart?: boolean;
  /** Give up a run after this long (pg-boss expires it and retries). */
  expireInMinutes?: number;
  /** Runs the job; `signal` aborts when the instance stops. The result is stored as the job's output. */
  handler: (data: T, signal: AbortSignal) => Promise<object | void>;
}

export interface JobRunner {
  /** Queues a job now; null when the queue already has one waiting. */
  send(name: string, data?: object): Promise<string | null>;
  stop(): Promise<void>;
  boss: PgBoss;
}

export const JOB_TIME_ZONE = 'Europe/Helsinki';

export async function startJobRunner(options: {
  url: string;
  logger: Logger;
  jobs: readonly JobDefinition[];
  /** How long stop() waits for running jobs before failing them (they are resumable). */
  stopTimeoutMs?: number;
  /** Connections of pg-boss's own pool. */
  poolSize?: number;
}): Promise<JobRunner> {
  const logger = options.logger.child({ component: 'jobs' });
  const boss = new PgBoss({ connectionString: options.url, application_name: 'polku-jobs', max: options.poolSize ?? 3, schema: 'pgboss' });
  // pg-boss reports maintenance and connection problems as events; never crash the process on them.
  boss.on('error', (error) =>
    isExpectedDuringShutdown(error.message)
      ? logger.debug({ err: { message: error.message } }, 'job queue connection closed while stopping')
      : logger.error({ err: { message: error.message } }, 'job queue error'),
  );
  const abort = new AbortController();
  const workers = new Map<string, string>();
  // A worker polls every 30 s; after sending, wake this instance's worker so the job starts now.
  const sendNow = async (name: string, data: object) => {
    const id = await boss.send(name, data);
    const worker = workers.get(name);
    if (id && worker) boss.notifyWorker(worker);
    return id;
  };
  await boss.start();
  try {
    for (const job of options.jobs) {
      const expireInSeconds = (job.expireInMinutes ?? 60) * 60;
      await boss.createQueue(job.name, { name: job.name, policy: 'stately', retryLimit: 3, retryDelay: 300, expireInSeconds });
      const workerId = await boss.work<object>(job.name, { batchSize: 1, pollingIntervalSeconds: 30 }, async ([pgJob]) => {
        const started = performance.now();
        logger.info({ job: job.name, jobId: pgJob.id }, 'job started');
        try {
          const output = await job.handler(pgJob.data ?? {}, abort.signal);
          // Job outputs are reports of counts and ids, never personal data.
          logger.info({ job: job.name, jobId: pgJob.id, durationMs: Math.round(performance.now() - started), output }, 'job finished');
          return output;
        } catch (error) {
          if (isExpectedDuringShutdown((error as Error).message)) {
            // Its batch rolled back; the job is retried and carries on where it stopped.
            logger.info({ job: job.name, jobId: pgJob.id }, 'job interrupted by the shutdown');
          } else {
            logger.error({ job: job.name, jobId: pgJob.id, err: { message: (error as Error).message } }, 'job failed');
          }
          throw error;
        }
      });
      workers.set(job.name, workerId);
      if (job.cron) await boss.schedule(job.name, job.cron, job.data?.() ?? {}, { tz: JOB_TIME_ZONE });
      if (job.runOnStart) await sendNow(job.name, job.data?.() ?? {});
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  logger.info({ queues: options.jobs.map((j) => j.name) }, 'job runner started');
  return {
    boss,
    send: (name, data = {}) => sendNow(name, data),
    stop: async () => {
      abort.abort();
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(options.stopTimeoutMs ?? 10000, 1000) });
    },
  };
}
