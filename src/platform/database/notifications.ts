import { Client } from 'pg';

import type { Logger } from '../logger';
import { isExpectedDuringShutdown } from '../shutdown';

export interface NotificationListener {
  stop(): Promise<void>;
}

/**
 * Listens on a PostgreSQL NOTIFY channel over a connection of its own, so every instance hears a
 * change any instance commits. A notice can be missed while the connection is down, so `onReset`
 * runs whenever it (re)connects: whatever the listener caches must then be thrown away. While it
 * is down, caches stay (a database outage then answers 503 per operation rather than refusing
 * every caller), bounded by their own lifetime. The connection must reach PostgreSQL itself: a
 * pooler in transaction mode (PgBouncer) does not carry LISTEN.
 */
export async function listenForNotifications(options: {
  url: string;
  channel: string;
  logger: Logger;
  onNotify(payload: string): void;
  onReset(): void;
  /** First delay before reconnecting; doubles up to 30 s. */
  retryDelayMs?: number;
}): Promise<NotificationListener> {
  const logger = options.logger.child({ component: 'notifications', channel: options.channel });
  const firstDelay = options.retryDelayMs ?? 500;
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = firstDelay;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: options.url, application_name: 'polku-notifications' });
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload ?? '');
    });
    next.on('error', (error) => {
      // Stopping PostgreSQL under a server that is shutting down (Ctrl-C) is expected, not a problem.
      if (isExpectedDuringShutdown(error.message)) logger.debug({ err: { message: error.message } }, 'notification connection closed');
      else logger.warn({ err: { message: error.message } }, 'notification connection lost');
      lost(next);
    });
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN "${options.channel.replace(/"/g, '')}"`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    delay = firstDelay;
    options.onReset();
  };

  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: Error) => {
        delay = Math.min(delay * 2, 30_000);
        // While the process stops, the database may already be gone (Ctrl-C reaches both): not a problem to report.
        if (isExpectedDuringShutdown(error.message))
          logger.debug({ err: { message: error.message } }, 'notification listener not reconnected while stopping');
        else logger.warn({ err: { message: error.message }, retryInMs: delay }, 'could not listen for notifications; retrying');
        scheduleReconnect();
      });
    }, delay);
    retry.unref();
  };

  const lost = (failed: Client) => {
    if (stopped || client !== failed) return;
    client = undefined;
    failed.end().catch(() => undefined);
    scheduleReconnect();
  };

  await connect();
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
