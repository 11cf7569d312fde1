import { Writable } from 'node:stream';

import { GraphQLError, OperationDefinitionNode, parse } from 'graphql';
import { QueryFailedError } from 'typeorm';

import { conflict, ErrorCode, reasons } from '../errors';
import { createLogger } from '../logger';
import { createErrorFormatter } from './format-error';

const formatter = (exposeInternals = false) => createErrorFormatter({ logger: createLogger('silent'), exposeInternals });

function asResolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ['x'] });
}

describe('formatError', () => {
  it('hides unexpected errors behind INTERNAL_SERVER_ERROR without stack or message', () => {
    const error = asResolverError(new Error('connection to 10.0.0.5 refused; SELECT * FROM trainee'));
    const formatted = formatter()(error.toJSON(), error);
    expect(formatted.message).toBe('Internal server error');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps message and stack in development only', () => {
    const error = asResolverError(new Error('boom'));
    const formatted = formatter(true)(error.toJSON(), error);
    expect(formatted.message).toBe('boom');
    expect(formatted.extensions?.stacktrace).toBeDefined();
  });

  it('passes domain errors with their reason and fields', () => {
    const error = asResolverError(
      conflict(reasons('test', { COACH_AT_CAPACITY: [ErrorCode.CONFLICT, 'full'] }).COACH_AT_CAPACITY, 'Coach is full', { details: { max: 12 } }),
    );
    expect(formatter()(error.toJSON(), error).extensions).toEqual({ code: 'CONFLICT', reason: 'COACH_AT_CAPACITY', details: { max: 12 } });
  });

  it('answers a database that cannot be reached with SERVICE_UNAVAILABLE (retryable), from a raw socket error or inside QueryFailedError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const terminated = new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'));
    const shuttingDown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' }),
    );
    for (const original of [refused, terminated, shuttingDown]) {
      const error = asResolverError(original);
      const formatted = formatter()(error.toJSON(), error);
      expect(formatted.extensions).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        reason: 'DATABASE_UNAVAILABLE',
        retryable: true,
        details: { retryAfterSeconds: 5 },
      });
      expect(formatted.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|terminat/i);
    }
  });

  it('answers "too many errors processing variables" as BAD_USER_INPUT, not as an internal error', () => {
    const error = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    expect(formatter()(error.toJSON(), error).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ERRORS' });
  });

  it('gives a variable that does not fit its type a reason and a path starting with the variable', () => {
    const document = parse('query Q($input: CreateStaffMemberInput!) { x }');
    const definition = (document.definitions[0] as OperationDefinitionNode).variableDefinitions![0];
    const error = new GraphQLError('Variable "$input" got invalid value 1.5 at "input.limits[0].max"; Int cannot represent non-integer value: 1.5', {
      nodes: [definition],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(formatter()(error.toJSON(), error).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VARIABLE',
      fields: [{ path: '$input.limits[0].max', message: 'Int cannot represent non-integer value: 1.5' }],
    });
  });

  it('logs an unexpected error without the values its message or stack quote, and never throws itself', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const format = createErrorFormatter({ logger, exposeInternals: false });
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "131052-308T"'), {
      code: '22P02',
      severity: 'ERROR',
      where: "unnamed portal parameter $1 = '131052-308T'",
    });
    const sqlError = asResolverError(new QueryFailedError('SELECT $1', ['131052-308T'], driverError));
    (sqlError.originalError as Error & { code?: string }).code = 'XX000';
    format(sqlError.toJSON(), sqlError);
    const plain = asResolverError(new RangeError('Not an ISO calendar date: "Virtanen Matti"'));
    format(plain.toJSON(), plain);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/131052|Virtanen/);
    expect(JSON.parse(lines[1]).err.message).toBe('Not an ISO calendar date: "…"');

    const hostile = {
      get message(): string {
        throw new Error('no');
      },
    };
    expect(format({ message: 'x' }, hostile).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('maps a unique violation to CONFLICT without SQL or values', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
      detail: 'Key (email)=(a@b.fi) already exists.',
    });
    const error = asResolverError(new QueryFailedError('INSERT INTO staff_member ...', ['a@b.fi'], driverError));
    const formatted = formatter()(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: 'CONFLICT', reason: 'DUPLICATE' });
    expect(JSON.stringify(formatted)).not.toMatch(/a@b\.fi|INSERT/);
  });
});
