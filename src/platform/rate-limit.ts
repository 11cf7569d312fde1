import { GraphQLError } from 'graphql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

import type { AppConfig } from './config';
import { isDatabaseUnavailable } from './database/availability';
import { ErrorCode, serviceUnavailable } from './errors';
import type { Logger } from './logger';

/** Counters of rate-limiter-flexible: in the database, so every instance sees the same counts. */
@Entity('rate_limit_bucket')
export class RateLimitBucket {
  @PrimaryColumn('varchar', { length: 255 })
  key: string;

  @Column('int', { default: 0 })
  points: number;

  @Column('bigint', { nullable: true })
  expire: string | null;
}

export class RateLimiter {
  private readonly limiter?: RateLimiterPostgres;
  private lastStoreWarning = 0;

  constructor(
    config: AppConfig,
    dataSource: DataSource,
    private readonly logger?: Logger,
  ) {
    if (config.RATE_LIMIT_PER_MINUTE === 0) return;
    this.limiter = new RateLimiterPostgres({
      // The pg pool under TypeORM: no second pool, and its statements stay out of the counts.
      storeClient: (dataSource.driver as PostgresDriver).master,
      storeType: 'pool',
      tableName: 'rate_limit_bucket',
      tableCreated: true,
      keyPrefix: 'gql',
      points: config.RATE_LIMIT_PER_MINUTE,
      duration: 60,
      clearExpiredByTimeout: false,
    });
  }

  /** Counts one operation for the key; over the limit throws RATE_LIMITED (HTTP 429). */
  async consume(key: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const retryAfterSeconds = Math.ceil(rejection.msBeforeNext / 1000);
        throw new GraphQLError('Too many requests; slow down', {
          extensions: {
            code: ErrorCode.RATE_LIMITED,
            details: { retryAfterSeconds },
            http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
          },
        });
      }
      // The database is down: so is the service. SERVICE_UNAVAILABLE (503) before any resolver runs.
      if (isDatabaseUnavailable(rejection)) throw serviceUnavailable();
      // A broken limiter store must not take the service down with it, but it must not go unnoticed.
      if (Date.now() - this.lastStoreWarning > 60_000) {
        this.lastStoreWarning = Date.now();
        this.logger?.warn(
          { err: { message: rejection instanceof Error ? rejection.message : String(rejection) } },
          'rate limiter store failed; request let through',
        );
      }
      return;
    }
  }
}
