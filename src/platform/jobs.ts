import PgBoss from 'pg-boss';

import type { Logger } from './logger';
import { isExpectedDuringShutdown, isShuttingDown } from './shutdown';

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
  /**
   * The queue's policy (default `stately`). A queue of many independent jobs (one per message)
   * keeps `stately` with a `singletonKey` per job, so a job is never queued twice for one key.
   */
  policy?: 'standard' | 'stately';
  /** Jobs fetched at once and run concurrently (default 1); a failed one is failed alone. */
  batchSize?: number;
  /**
   * Workers of this instance (default 1), each fetching its own batch: a batch ends with its
   * slowest job, so several smaller batches keep a queue of slow calls moving.
   */
  workers?: number;
  /** How often an idle worker looks for jobs (default 30 s; a send on this instance wakes it at once). */
  pollingIntervalSeconds?: number;
  /** Retries pg-boss makes of a job that failed or expired (default 3, 300 s apart). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Default 60 minutes; `expireInSeconds` wins when both are given. */
  expireInSeconds?: number;
  /** Log each run at info level (default true); a queue of many small jobs logs failures only. */
  logRuns?: boolean;
  /**
   * Also run every this many seconds (below cron's minute): each instance offers a job per
   * interval, and pg-boss keeps one per time slot however many instances offer it. A slot's job
   * that dies with its instance blocks nothing: the next slot has its own.
   */
  repeatSeconds?: number;
}

/** Runs SQL in the caller's transaction, so a job is queued only if the change that causes it commits. */
export type SqlExecutor = (text: string, values: unknown[]) => Promise<unknown[]>;

export interface SendOptions {
  /** At most one waiting job per key in a `stately` queue. */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now (measured by the database, so an instance's own clock does not matter). */
  startAfterSeconds?: number;
  /** Queue within this transaction instead of on pg-boss's own connection. */
  within?: SqlExecutor;
}

export interface JobRunner {
  /** Queues a job now; null when the queue already has one waiting. */
  send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
  /** Makes this instance's worker of `name` look for jobs now (after a transaction that queued some commits). */
  wake(name: string): void;
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
  /**
   * Called once the queue is up and before any worker starts: jobs that run at start (and the
   * code they call) can already queue further jobs through the runner.
   */
  onReady?: (runner: Pick<JobRunner, 'send' | 'wake'>) => void;
}): Promise<JobRunner> {
  const logger = options.logger.child({ component: 'jobs' });
  const boss = new PgBoss({ connectionString: options.url, application_name: 'polku-jobs', max: options.poolSize ?? 3, schema: 'pgboss' });
  // pg-boss reports maintenance and connection problems as events; never crash the process on them.
  boss.on('error', (error) =>
    isShuttingDown() || isExpectedDuringShutdown(error.message)
      ? logger.debug({ err: { message: error.message } }, 'job queue connection closed while stopping')
      : logger.error({ err: { message: error.message } }, 'job queue error'),
  );
  const abort = new AbortController();
  const workers = new Map<string, string[]>();
  const timers: NodeJS.Timeout[] = [];
  // A worker polls every 30 s; after sending, wake this instance's worker so the job starts now.
  const wake = (name: string) => {
    for (const worker of workers.get(name) ?? []) boss.notifyWorker(worker);
  };
  const sendNow = async (name: string, data: object, options: SendOptions = {}) => {
    const id = await boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: Math.max(1, Math.ceil(options.startAfterSeconds)) } : {}),
      ...(options.within ? { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await options.within!(text, values) }) } } : {}),
    });
    // A job queued in a transaction is not visible before the commit: the caller wakes the worker then.
    if (id && !options.within && !options.startAfterSeconds) wake(name);
    return id;
  };
  await boss.start();
  const queue: Pick<JobRunner, 'send' | 'wake'> = { send: (name, data = {}, sendOptions) => sendNow(name, data, sendOptions), wake };
  options.onReady?.(queue);
  try {
    for (const job of options.jobs) {
      const expireInSeconds = job.expireInSeconds ?? (job.expireInMinutes ?? 60) * 60;
      await boss.createQueue(job.name, {
        name: job.name,
        policy: job.policy ?? 'stately',
        retryLimit: job.retryLimit ?? 3,
        retryDelay: job.retryDelaySeconds ?? 300,
        expireInSeconds,
      });
      const logRuns = job.logRuns ?? true;
      const run = async (pgJob: PgBoss.Job<object>) => {
        const started = performance.now();
        if (logRuns) logger.info({ job: job.name, jobId: pgJob.id }, 'job started');
        try {
          const output = await job.handler(pgJob.data ?? {}, abort.signal);
          // Job outputs are reports of counts and ids, never personal data.
          if (logRuns) logger.info({ job: job.name, jobId: pgJob.id, durationMs: Math.round(performance.now() - started), output }, 'job finished');
          return output;
        } catch (error) {
          // Once the process is stopping (Ctrl-C may reach the database first), a run cut short is expected, whatever the error says.
          if (isShuttingDown() || abort.signal.aborted || isExpectedDuringShutdown((error as Error).message)) {
            // Its batch rolled back; the job is retried and carries on where it stopped.
            logger.info({ job: job.name, jobId: pgJob.id }, 'job interrupted by the shutdown');
          } else {
            logger.error({ job: job.name, jobId: pgJob.id, err: { message: (error as Error).message } }, 'job failed');
          }
          throw error;
        }
      };
      const batchSize = job.batchSize ?? 1;
      const workerIds: string[] = [];
      for (let w = 0; w < (job.workers ?? 1); w++) {
        workerIds.push(
          await boss.work<object>(job.name, { batchSize, pollingIntervalSeconds: job.pollingIntervalSeconds ?? 30 }, async (batch) => {
            if (batch.length === 1) return run(batch[0]);
            // Concurrently; a job that fails is failed on its own, the others complete with the batch.
            const results = await Promise.allSettled(batch.map(run));
            await Promise.all(
              results.map((result, i) =>
                result.status === 'rejected' ? boss.fail(job.name, batch[i].id, { message: (result.reason as Error).message }) : undefined,
              ),
            );
          }),
        );
      }
      workers.set(job.name, workerIds);
      if (job.cron) await boss.schedule(job.name, job.cron, job.data?.() ?? {}, { tz: JOB_TIME_ZONE });
      if (job.runOnStart) await sendNow(job.name, job.data?.() ?? {});
      if (job.repeatSeconds) {
        const every = job.repeatSeconds;
        const timer = setInterval(() => {
          boss
            .send(job.name, job.data?.() ?? {}, { singletonSeconds: Math.max(1, Math.round(every)) })
            .then((id) => (id ? wake(job.name) : undefined))
            .catch((error: Error) => logger.warn({ job: job.name, err: { message: error.message } }, 'could not offer a repeated job'));
        }, every * 1000);
        timer.unref();
        timers.push(timer);
      }
    }
  } catch (error) {
    for (const timer of timers) clearInterval(timer);
    await boss.stop({ graceful: false });
    throw error;
  }
  logger.info({ queues: options.jobs.map((j) => j.name) }, 'job runner started');
  return {
    boss,
    ...queue,
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      abort.abort();
      await boss.stop({ graceful: true, wait: true, timeout: Math.max(options.stopTimeoutMs ?? 10000, 1000) });
    },
  };
}
