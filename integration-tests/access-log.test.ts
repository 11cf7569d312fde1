import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { Role } from '../src/platform/auth/actor';
import {
  AccessLogDocument,
  AccessLogListDocument,
  TraineeByIdDocument,
  TraineeByIdentityCodeDocument,
  UpdateTraineeDocument,
} from './generated/graphql';
import { createStaffMember, insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/** The access log: who read or wrote whose personal data, when and why; append-only. */
let server: TestServer;
let coach: GraphQLClient;
let coachId: string;

beforeAll(async () => {
  server = await startTestServer();
  coachId = await createStaffMember(server, 'COACH');
  coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'log-coach' });
});

afterAll(async () => {
  await server?.stop();
});

const logOf = async (traineeId: string) =>
  (await server.ok(AccessLogDocument, { filter: { traineeId }, first: 100 })).accessLog.edges.map((e) => e.node);

it('records a read once per request and trainee, with the fields, the user, the role and the stated purpose', async () => {
  const { traineeId } = await insertCoachingPeriod(server, { coachId });
  const read = await coach.request(TraineeByIdDocument, { id: traineeId }, { 'x-purpose': 'Aamun läsnäolot' });
  expect(read.errors).toBeUndefined();
  const [entry] = await logOf(traineeId);
  expect(entry).toMatchObject({
    traineeId,
    userId: coach.userId,
    role: 'COACH',
    kind: 'READ',
    purpose: 'Aamun läsnäolot',
    operationName: 'TraineeById',
  });
  expect(entry.fields).toEqual(expect.arrayContaining(['Trainee.firstName', 'Trainee.lastName', 'Trainee.birthYear']));
  expect(entry.fields.every((field) => field.startsWith('Trainee.'))).toBe(true);

  // Without a header the purpose is the operation; the admin's own reading is logged too.
  await coach.ok(TraineeByIdDocument, { id: traineeId });
  const entries = await logOf(traineeId);
  expect(entries[0]).toMatchObject({ purpose: 'operation TraineeById', userId: coach.userId });
  expect(entries.filter((e) => e.userId === coach.userId)).toHaveLength(2);
});

it('writes one row per trainee of a list in a single statement, whatever the page size', async () => {
  for (let i = 0; i < 12; i++) await insertTrainee(server, { lastName: `Lista ${i}` });
  const count = (first: number) => server.countStatements(() => server.ok(AccessLogListDocument, { first }));
  const before = await server.app.dataSource.query('SELECT count(*)::int AS n FROM access_log_entry');
  const small = await count(3);
  const large = await count(12);
  expect(large).toBe(small);
  const after = await server.app.dataSource.query('SELECT count(*)::int AS n FROM access_log_entry');
  expect(after[0].n - before[0].n).toBe(15);
});

it('records writes, and never the identity code, even for a look-up by it', async () => {
  const trainee = await insertTrainee(server, { identityCode: '131052-308T' });
  await insertCoachingPeriod(server, { traineeId: trainee.id, coachId });
  await coach.ok(UpdateTraineeDocument, { input: { traineeId: trainee.id, phone: '040 123 4567' } });
  const found = await coach.ok(TraineeByIdentityCodeDocument, { identityCode: '131052-308T' });
  expect(found.traineeByIdentityCode?.id).toBe(trainee.id);
  const entries = await logOf(trainee.id);
  expect(entries.find((e) => e.kind === 'WRITE')).toMatchObject({ fields: ['Mutation.updateTrainee'], userId: coach.userId });
  const everything = JSON.stringify(await server.app.dataSource.query('SELECT * FROM access_log_entry'));
  expect(everything).not.toContain('131052');
  expect(everything).not.toContain('040 123 4567');
});

it('records reads over WebSocket as over HTTP', async () => {
  const { traineeId } = await insertCoachingPeriod(server, { coachId });
  const client = createClient({
    url: server.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${coach.token}`, purpose: 'Ryhmän seuranta' },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: print(TraineeByIdDocument), variables: { id: traineeId } },
        { next: () => undefined, error: reject, complete: resolve },
      );
    });
  } finally {
    await client.dispose();
  }
  expect((await logOf(traineeId))[0]).toMatchObject({ kind: 'READ', userId: coach.userId, purpose: 'Ryhmän seuranta' });
});

it('is append-only for the application itself: no update, delete or truncate', async () => {
  const db = server.app.dataSource;
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM access_log_entry');
  expect(n).toBeGreaterThan(0);
  await expect(db.query("UPDATE access_log_entry SET purpose = 'covered up'")).rejects.toThrow(/append-only/);
  await expect(db.query('DELETE FROM access_log_entry')).rejects.toThrow(/append-only/);
  await expect(db.query('TRUNCATE access_log_entry')).rejects.toThrow(/append-only/);
  const [{ n: still }] = await db.query("SELECT count(*)::int AS n FROM access_log_entry WHERE purpose <> 'covered up'");
  expect(still).toBe(n);
});

it('is listed by user for ADMIN only', async () => {
  const byUser = await server.ok(AccessLogDocument, { filter: { userId: coach.userId! }, first: 100 });
  expect(byUser.accessLog.totalCount).toBeGreaterThan(3);
  expect(byUser.accessLog.edges.every((e) => e.node.userId === coach.userId)).toBe(true);
  const refused = await coach.request(AccessLogDocument, { first: 5 });
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
});
