import type { DataSource } from 'typeorm';

import { personas } from '../demo/personas';
import { isDatabaseEmpty, seedDemoData } from '../demo/seed';
import { integrationsConfigFrom } from '../integrations/config';
import { createQualificationSource, eperusteetSettingsFrom } from '../integrations/eperusteet/eperusteet.config';
import { buildIntegrations, Integrations } from '../integrations/registry';
import { attendanceJobs } from '../modules/attendance/attendance.jobs';
import { qualificationImportJobs } from '../modules/competence/qualification-import.jobs';
import { QualificationImportService } from '../modules/competence/qualification-import.service';
import { integrationJobs } from '../modules/integration/integration.jobs';
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
import type { Services } from './services';
import { webhookRouter } from './webhooks';

export interface RunningApp {
  port: number;
  url: string;
  dataSource: DataSource;
  counter: StatementCounter;
  seeded: boolean;
  /** The pg-boss job runner; undefined unless JOBS_ENABLED. */
  jobs?: JobRunner;
  services: Services;
  /** The in-process simulators, when the configuration runs them. */
  simulators: Integrations['simulators'];
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
  // A bad EPERUSTEET_* value stops the start naming the variable.
  const eperusteet = eperusteetSettingsFrom(process.env);
  let qualificationSource: ReturnType<typeof createQualificationSource> | undefined;
  const database = await openDatabase(config, logger, { entities: modelEntities });
  let stopListening: (() => Promise<void>) | undefined;
  let integrations: Integrations | undefined;
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
    // Outside systems: adapters per organisation, and the in-process simulators when configured (the default of `npm start`).
    integrations = await buildIntegrations(integrationsConfigFrom(config), logger);
    const deps = createAppDependencies(config, logger, dataSource, clock, integrations.connections);
    // An in-process simulator starts a fresh feed at every start: where polling stopped in the last one means nothing now.
    await deps.services.inbound.forgetCursors(integrations.simulated);
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
      routers: [webhookRouter(deps.services.inbound, config.MAX_BODY_BYTES)],
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
      qualificationSource = createQualificationSource(eperusteet);
      try {
        jobs = await startJobRunner({
          // The same database (DATABASE_URL or the embedded one), with pg-boss's own small pool.
          url: (dataSource.options as { url: string }).url,
          logger,
          jobs: [
            ...privacyJobs(deps.services.privacy, config.keyRing.currentKeyId),
            ...integrationJobs(deps.services.integrationDelivery, deps.services.inbound, { pollSeconds: config.INTEGRATION_POLL_SECONDS }),
            ...attendanceJobs(deps.services.attendanceReports),
            ...qualificationImportJobs(new QualificationImportService(qualificationSource.source, deps.services.competence, clock), logger),
          ],
          stopTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
          // From the first job on, a message written in a transaction also queues its delivery job there.
          onReady: (runner) => deps.services.integrationDelivery.attach(runner),
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
      services: deps.services,
      simulators: integrations.simulators,
      forgetUser: (userId) => deps.services.userDirectory.forget(userId),
      stop: async () => {
        // Jobs first: a running batch commits or rolls back before the pool closes.
        await jobs?.stop();
        qualificationSource?.close();
        deps.services.integrationDelivery.attach(undefined);
        await server.stop();
        await integrations?.stop();
        await deps.services.userDirectory.stop();
        await database.close();
      },
    };
  } catch (error) {
    await stopListening?.();
    await integrations?.stop();
    await database.close();
    throw error;
  }
}
