import type { DataSource } from 'typeorm';

import { personaActor, personas } from '../demo/personas';
import { isDatabaseEmpty, seedDemoData } from '../demo/seed';
import { legalConfigFrom } from '../modules/legal-config';
import { privacyJobs } from '../modules/privacy/privacy.jobs';
import { Clock, systemClock } from '../platform/clock';
import type { AppConfig } from '../platform/config';
import { PersonalDataCipher } from '../platform/crypto';
import { openDatabase } from '../platform/database/open';
import type { StatementCounter } from '../platform/database/query-counter';
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
  try {
    const { dataSource } = database;
    if (config.MIGRATE_ON_START) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    }
    let seeded = false;
    if (config.SEED_DEMO_DATA && (await isDatabaseEmpty(dataSource))) {
      const counts = await seedDemoData(dataSource, new PersonalDataCipher(config.keyRing), clock.now());
      logger.info({ counts }, 'loaded demo data into the empty database');
      seeded = true;
    }
    const deps = createAppDependencies(config, logger, dataSource, clock);
    const server = await createPolkuServer({
      config,
      logger,
      dataSource,
      counter: database.counter,
      schema: await buildPolkuSchema(deps.services),
      tokens: deps.tokens,
      createContext: (base) => createRequestContext(deps, base),
      beforeResponse: recordAccess(deps),
      // The query editor's persona picker (development only): the demo's named users, checked as tokens would be.
      personas: {
        personas,
        actorOf: personaActor,
        problemsOf: async (persona) => (await deps.services.access.claimProblems(persona)).map(({ problem }) => problem),
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
      stop: async () => {
        // Jobs first: a running batch commits or rolls back before the pool closes.
        await jobs?.stop();
        await server.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
