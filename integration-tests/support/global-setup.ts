import 'reflect-metadata';

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { modelEntities } from '../../src/app/entities';
import { createDataSource } from '../../src/platform/database/data-source';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded';
import { createLogger } from '../../src/platform/logger';
import { freePort } from '../../src/platform/startup';
import { databaseUrl, withAdminClient } from './test-database';

/**
 * Runs once per `jest` run: finds a PostgreSQL (DATABASE_URL, or an embedded one in a temporary
 * folder), migrates a template database, and hands both to the test workers through env vars.
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger('warn');
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'polku-test-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), logger, database: 'postgres' });
    serverUrl = embedded.url;
    (globalThis as { __polkuTestCleanup?: () => Promise<void> }).__polkuTestCleanup = async () => {
      await embedded.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    };
  }
  const template = `polku_test_template_${process.pid}`;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = createDataSource({ entities: modelEntities, url: databaseUrl(serverUrl, template), logger, poolSize: 1 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env.POLKU_TEST_ADMIN_URL = serverUrl;
  process.env.POLKU_TEST_TEMPLATE = template;
}
