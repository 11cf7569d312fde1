import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { conflict } from '../errors';
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
    const error = asResolverError(conflict('COACH_AT_CAPACITY', 'Coach is full', { details: { max: 12 } }));
    expect(formatter()(error.toJSON(), error).extensions).toEqual({ code: 'CONFLICT', reason: 'COACH_AT_CAPACITY', details: { max: 12 } });
  });

  it('turns class-validator failures into BAD_USER_INPUT with input paths', () => {
    const validation = new ArgumentValidationError([
      { property: 'daysPerWeek', constraints: { max: 'daysPerWeek must not be greater than 5' }, children: [] },
      { property: 'contact', children: [{ property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] }] },
    ] as never);
    const error = asResolverError(validation);
    const formatted = formatter()(error.toJSON(), error);
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT');
    expect(formatted.extensions?.fields).toEqual([
      { path: 'input.daysPerWeek', message: 'daysPerWeek must not be greater than 5' },
      { path: 'input.contact.email', message: 'email must be an email' },
    ]);
  });

  it('maps a unique violation to CONFLICT without SQL or values', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505', detail: 'Key (email)=(a@b.fi) already exists.' });
    const error = asResolverError(new QueryFailedError('INSERT INTO staff_member ...', ['a@b.fi'], driverError));
    const formatted = formatter()(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: 'CONFLICT', reason: 'DUPLICATE' });
    expect(JSON.stringify(formatted)).not.toMatch(/a@b\.fi|INSERT/);
  });
});
