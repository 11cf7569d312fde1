import type { DataSource } from 'typeorm';
import { isDatabaseEmpty, seedDemoData } from '../demo/seed';
import type { AppConfig } from './config';
import { PersonalDataCipher } from './crypto';
import { openDatabase } from './database/open';
import type { StatementCounter } from './database/query-counter';
import { createAppDependencies } from './graphql/context';
import { buildPolkuSchema } from './graphql/schema';
import { createPolkuServer } from './http/server';
import type { Logger } from './logger';

export interface RunningApp {
  port: number;
  url: string;
  dataSource: DataSource;
  counter: StatementCounter;
  seeded: boolean;
  stop(): Promise<void>;
}

/** Start-up in one place, shared by `npm start` and the integration tests. */
export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const database = await openDatabase(config, logger);
  try {
    const { dataSource } = database;
    if (config.MIGRATE_ON_START) {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    }
    let seeded = false;
    if (config.SEED_DEMO_DATA && (await isDatabaseEmpty(dataSource))) {
      const counts = await seedDemoData(dataSource, new PersonalDataCipher(config.keyRing));
      logger.info({ counts }, 'loaded demo data into the empty database');
      seeded = true;
    }
    const deps = createAppDependencies(config, logger, dataSource);
    const server = await createPolkuServer(deps, await buildPolkuSchema(), database.counter);
    const port = await server.listen(config.PORT, config.HOST);
    return {
      port,
      url: `http://localhost:${port}/graphql`,
      dataSource,
      counter: database.counter,
      seeded,
      stop: async () => {
        await server.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
