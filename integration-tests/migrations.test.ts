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
