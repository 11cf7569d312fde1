import { isExpectedDuringShutdown, isShuttingDown, markShuttingDown } from './shutdown';

const connectionEnded = [
  'terminating connection due to administrator command',
  'Connection terminated unexpectedly',
  'connect ECONNREFUSED 127.0.0.1:54329',
  'Client has encountered a connection error and is not queryable',
  'Query runner already released. Cannot run queries anymore.',
];

it('treats a database connection that ends as a problem while running, and as expected once stopping', () => {
  expect(isShuttingDown()).toBe(false);
  for (const message of connectionEnded) expect([message, isExpectedDuringShutdown(message)]).toEqual([message, false]);
  markShuttingDown();
  for (const message of connectionEnded) expect([message, isExpectedDuringShutdown(message)]).toEqual([message, true]);
  // Not every failure is the shutdown's.
  expect(isExpectedDuringShutdown('duplicate key value violates unique constraint')).toBe(false);
  expect(isExpectedDuringShutdown('relation "trainee" does not exist')).toBe(false);
});
