import { GraphQLError, locatedError } from 'graphql';
import { QueryFailedError } from 'typeorm';

import { isDatabaseUnavailable } from './availability';

const withCode = (message: string, code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection that died mid-statement', new Error('Connection terminated unexpectedly')],
    ['the pool giving up', new Error('timeout exceeded when trying to connect')],
    ['a connection exception (SQLSTATE class 08)', withCode('connection failure', '08006', { severity: 'FATAL' })],
    ['the server shutting down', withCode('terminating connection due to administrator command', '57P01', { severity: 'FATAL' })],
    ['the server starting up', withCode('the database system is starting up', '57P03', { severity: 'FATAL' })],
    ['too many connections', withCode('sorry, too many clients already', '53300', { severity: 'FATAL' })],
    ['inside QueryFailedError', new QueryFailedError('SELECT 1', [], withCode('read ECONNRESET', 'ECONNRESET'))],
    [
      'every address refused (AggregateError)',
      new AggregateError([
        withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'),
        withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      ]),
    ],
    [
      'a thrown plain object, as graphql-js wraps it',
      locatedError({ errno: -111, code: 'ECONNREFUSED', syscall: 'connect' }, undefined, ['trainees']).originalError,
    ],
    ['inside a resolver error', locatedError(withCode('x', 'ECONNREFUSED'), undefined, ['trainees'])],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a malformed value', withCode('invalid input syntax for type uuid: "x"', '22P02', { severity: 'ERROR' })],
    [
      'a unique violation',
      new QueryFailedError('INSERT', [], withCode('duplicate key value violates unique constraint "x"', '23505', { severity: 'ERROR' })),
    ],
    ['a statement timeout', withCode('canceling statement due to statement timeout', '57014', { severity: 'ERROR' })],
    ['a bug', new TypeError('Cannot read properties of undefined')],
    ['a GraphQL error', new GraphQLError('Syntax Error')],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
