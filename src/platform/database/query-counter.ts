import { AsyncLocalStorage } from 'node:async_hooks';

import type { Logger as TypeOrmLogger } from 'typeorm';

import type { Logger } from '../logger';
import { isExpectedDuringShutdown } from '../shutdown';

/**
 * Counts SQL statements per request (and in total) so tests can assert that a list page does not
 * issue one statement per row, and so the request log shows how many statements a request cost.
 */
export class StatementCounter {
  private readonly scope = new AsyncLocalStorage<{ count: number }>();
  /** All statements since start or the last `reset`; tests read this. */
  total = 0;

  runInScope<T>(fn: () => T): T {
    return this.scope.run({ count: 0 }, fn);
  }

  /** Statements issued so far by the current request, or undefined outside a request. */
  current(): number | undefined {
    return this.scope.getStore()?.count;
  }

  record(): void {
    this.total += 1;
    const store = this.scope.getStore();
    if (store) store.count += 1;
  }

  reset(): void {
    this.total = 0;
  }
}

/** TypeORM logger that counts statements and sends errors to pino, never with parameters (they hold personal data). */
export class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: StatementCounter,
    private readonly logger: Logger,
    private readonly slowQueryMs = 1000,
  ) {}

  logQuery(): void {
    this.counter.record();
  }

  /**
   * The error is written by the logger's `err` serializer: SQLSTATE and constraint names, never
   * the message, detail or parameters (they echo values). A unique or foreign-key violation is a
   * caller's conflict the error formatter answers as such (CONFLICT, BAD_USER_INPUT): a warning;
   * any other failed statement is an error.
   */
  logQueryError(error: string | Error, query: string): void {
    const err = typeof error === 'string' ? new Error(error) : error;
    const code = (err as { code?: unknown }).code;
    // Ctrl-C also stops the embedded PostgreSQL, which ends running statements (57P01): expected then.
    const level = isExpectedDuringShutdown(err.message) ? 'debug' : code === '23505' || code === '23503' ? 'warn' : 'error';
    this.logger[level]({ err, sql: query }, 'SQL statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowQueryMs) this.logger.warn({ durationMs: time, sql: query }, 'slow SQL statement');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ schema: message }, 'schema build');
  }

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn' && !isExpectedDuringShutdown(message)) this.logger.warn({ typeorm: message }, 'typeorm warning');
    else this.logger.debug({ typeorm: message }, 'typeorm');
  }
}
