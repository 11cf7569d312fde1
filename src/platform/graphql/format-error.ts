import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorCode, FieldProblem } from '../errors';
import type { Logger } from '../logger';

/** Codes produced by GraphQL itself or Apollo before a resolver runs; passed through unchanged. */
const protocolCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Postgres SQLSTATEs that are the caller's fault rather than ours. */
const sqlStateToError: Record<string, { code: ErrorCode; reason: string; message: string }> = {
  '23505': { code: ErrorCode.CONFLICT, reason: 'DUPLICATE', message: 'An object with the same unique values already exists' },
  '23503': { code: ErrorCode.BAD_USER_INPUT, reason: 'REFERENCE_NOT_FOUND', message: 'A referenced object does not exist' },
  '22P02': { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_VALUE', message: 'A value has the wrong format' },
  '22007': { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_VALUE', message: 'A date has the wrong format' },
  '22008': { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_VALUE', message: 'A date is out of range' },
};

export interface ErrorFormatterOptions {
  logger: Logger;
  /** Development only: keep stack traces and internal messages in responses. */
  exposeInternals: boolean;
  /** Production: "Did you mean …?" hints would reveal the schema that introspection hides. */
  hideSuggestions?: boolean;
}

/**
 * The single place where thrown errors become what a client sees: on HTTP (Apollo formatError)
 * and on WebSocket alike. Anything not explicitly typed becomes INTERNAL_SERVER_ERROR with a
 * generic message; the original goes to the log without SQL parameters (they hold personal data).
 */
export function createErrorFormatter(options: ErrorFormatterOptions) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof ArgumentValidationError) {
      const fields = flattenValidationErrors(original.extensions.validationErrors as ValidationError[], 'input');
      return {
        ...base,
        message: `Invalid input: ${fields.map((f) => f.path).join(', ')}`,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
      };
    }
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { ...original.extensions } };
    }
    if (original instanceof QueryFailedError) {
      const sqlState = (original as QueryFailedError & { code?: string }).code ?? '';
      const mapped = sqlStateToError[sqlState];
      if (mapped) {
        return { ...base, message: mapped.message, extensions: { code: mapped.code, reason: mapped.reason } };
      }
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (protocolCodes.has(code) || isKnownCode(code)) && !(original instanceof QueryFailedError)) {
      const { stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
      const message = options.hideSuggestions ? base.message.replace(/\s*Did you mean[^?]*\?/g, '') : base.message;
      return { ...base, message, extensions: options.exposeInternals ? { ...extensions, stacktrace } : extensions };
    }

    options.logger.error({ err: describeError(original), path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      ...base,
      message: options.exposeInternals && original instanceof Error ? original.message : 'Internal server error',
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(options.exposeInternals && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {}),
      },
    };
  };
}

function isKnownCode(code: string): boolean {
  return (Object.values(ErrorCode) as string[]).includes(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
}

export function flattenValidationErrors(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** Only name, message, code and stack: QueryFailedError carries the statement's parameters. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };
  return {
    type: error.name,
    message: error instanceof QueryFailedError ? 'SQL statement failed' : error.message,
    code: (error as { code?: unknown }).code,
    stack: error.stack,
  };
}

