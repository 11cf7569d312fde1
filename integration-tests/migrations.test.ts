import 'reflect-metadata';

import { modelEntities } from '../src/app/entities';
import { createDataSource, pendingSchemaChanges } from '../src/platform/database/data-source';
import { createLogger } from '../src/platform/logger';
import { createTestDatabase, TestDatabase } from './support/test-database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

it('entities and migrations agree: generating a migration would yield nothing', async () => {
  const dataSource = createDataSource({ entities: modelEntities, url: database.url, logger: createLogger('silent'), poolSize: 1 });
  await dataSource.initialize();
  try {
    expect(await dataSource.showMigrations()).toBe(false);
    const changes = await pendingSchemaChanges(dataSource);
    expect(changes.up).toEqual([]);
  } finally {
    await dataSource.destroy();
  }
});

it('every migration can be reverted and applied again without drift', async () => {
  const dataSource = createDataSource({ entities: modelEntities, url: database.url, logger: createLogger('silent'), poolSize: 1 });
  await dataSource.initialize();
  try {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(count > 0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
  } finally {
    await dataSource.destroy();
  }
});

it('indexes every foreign key (its first column leads an index)', async () => {
  const dataSource = createDataSource({ entities: modelEntities, url: database.url, logger: createLogger('silent'), poolSize: 1 });
  await dataSource.initialize();
  try {
    const unindexed: Array<{ table: string; column: string }> = await dataSource.query(`
      SELECT c.conrelid::regclass::text AS table, a.attname AS column
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
       ORDER BY 1, 2`);
    expect(unindexed).toEqual([]);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    expect(n).toBeGreaterThan(40);
  } finally {
    await dataSource.destroy();
  }
});
