import type { DataSource } from 'typeorm';

import { personas } from '../demo/personas';
import { isDatabaseEmpty, seedDemoData } from '../demo/seed';
import { legalConfigFrom } from '../modules/legal-config';
import { privacyJobs } from '../modules/privacy/privacy.jobs';
import { Clock, systemClock } from '../platform/clock';
import type { AppConfig } from '../platform/config';
import { PersonalDataCipher } from '../platform/crypto';
import { openDatabase } from '../platform/database/open';
import type { StatementCounter } from '../platform/database/query-counter';
import { compiledExecutor } from '../platform/graphql/compiled-executor';
import { createPolkuServer } from '../platform/http/server';
import { JobRunner, startJobRunner } from '../platform/jobs';
import type { Logger } from '../platform/logger';
import { createAppDependencies, createRequestContext, recordAccess } from './context';
import { modelEntities } from './entities';
import { buildPolkuSchema } from './schema';

export interface RunningApp {
  port: number;
  url: string;
  dataSource: DataSource;
  counter: StatementCounter;
  seeded: boolean;
  /** The pg-boss job runner; undefined unless JOBS_ENABLED. */
  jobs?: JobRunner;
  /** Empties this instance's cache of a user's roles (tools that write roles directly, and tests). */
  forgetUser(userId: string): void;
  stop(): Promise<void>;
}

/** Start-up in one place, shared by `npm start` and the integration tests. */
export interface StartOptions {
  /** Where "now" comes from; tests put the server at a chosen instant. */
  clock?: Clock;
}

export async function startApp(config: AppConfig, logger: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  // The legal limits' basis names are checked against the model before anything else starts.
  legalConfigFrom(config);
  const database = await openDatabase(config, logger, { entities: modelEntities });
  let stopListening: (() => Promise<void>) | undefined;
  try {
    const { dataSource } = database;
    if (config.MIGRATE_ON_START) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    }
    let seeded = false;
    if (config.SEED_DEMO_DATA && (await isDatabaseEmpty(dataSource))) {
      const counts = await seedDemoData(dataSource, new PersonalDataCipher(config.keyRing), clock.now(), config.AUTH_ISSUER);
      logger.info({ counts }, 'loaded demo data into the empty database');
      seeded = true;
    }
    const deps = createAppDependencies(config, logger, dataSource, clock);
    // Every instance hears every other's user changes (deactivations take effect everywhere at once).
    await deps.services.userDirectory.start((dataSource.options as { url: string }).url, logger);
    stopListening = () => deps.services.userDirectory.stop();
    const schema = await buildPolkuSchema(deps.services);
    const server = await createPolkuServer({
      config,
      logger,
      dataSource,
      counter: database.counter,
      schema,
      executor: compiledExecutor(schema),
      tokens: deps.tokens,
      createContext: (base) => createRequestContext(deps, base),
      beforeResponse: recordAccess(deps),
      // The query editor's persona picker (development only): the demo's named users, checked as tokens would be.
      personas: {
        personas,
        identityOf: (persona) => ({ subject: persona.subject, email: persona.subject }),
        problemsOf: async (persona) => {
          try {
            await deps.tokens.actorOf({ issuer: config.AUTH_ISSUER, subject: persona.subject, groups: [] });
            return [];
          } catch (error) {
            return [(error as Error).message];
          }
        },
      },
    });
    const port = await server.listen(config.PORT, config.HOST);
    let jobs: JobRunner | undefined;
    if (config.jobsEnabled) {
      try {
        jobs = await startJobRunner({
          // The same database (DATABASE_URL or the embedded one), with pg-boss's own small pool.
          url: (dataSource.options as { url: string }).url,
          logger,
          jobs: privacyJobs(deps.services.privacy, config.keyRing.currentKeyId),
          stopTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        });
      } catch (error) {
        await server.stop();
        throw error;
      }
    }
    return {
      port,
      url: `http://localhost:${port}/graphql`,
      dataSource,
      counter: database.counter,
      seeded,
      jobs,
      forgetUser: (userId) => deps.services.userDirectory.forget(userId),
      stop: async () => {
        // Jobs first: a running batch commits or rolls back before the pool closes.
        await jobs?.stop();
        await server.stop();
        await deps.services.userDirectory.stop();
        await database.close();
      },
    };
  } catch (error) {
    await stopListening?.();
    await database.close();
    throw error;
  }
}
