import { QueryFailedError } from 'typeorm';

import { preparedQuery } from '../src/platform/database/prepared';
import { startTestServer, TestServer } from './support/test-server';

/** The hot reads run as named prepared statements: same rows, counted, and failures typed as TypeORM's. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

it('answers as an ordinary statement does, with its values bound, and counts as one statement each time', async () => {
  const text = 'SELECT $1::int + n AS total FROM generate_series(1, 3) n ORDER BY n';
  const count = await server.countStatements(async () => {
    expect(await preparedQuery(server.app.dataSource, text, [10])).toEqual([{ total: 11 }, { total: 12 }, { total: 13 }]);
    expect(await preparedQuery(server.app.dataSource, text, [20])).toEqual(await server.app.dataSource.query(text, [20]));
  });
  expect(count).toBe(3);
});

it('fails as a QueryFailedError with the SQLSTATE, so the error formatter maps it like any other', async () => {
  const failure = await preparedQuery(server.app.dataSource, 'SELECT 1 / $1::int AS x', [0]).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(QueryFailedError);
  expect((failure as QueryFailedError & { code?: string }).code).toBe('22012');
});
