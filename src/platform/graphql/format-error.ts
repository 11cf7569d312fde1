import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError, Kind } from 'graphql';
import { QueryFailedError } from 'typeorm';

import { isDatabaseUnavailable } from '../database/availability';
import { DomainError, ErrorCode, FieldProblem, PlatformReason, serviceUnavailable } from '../errors';
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
  '23505': { code: ErrorCode.CONFLICT, reason: PlatformReason.DUPLICATE, message: 'An object with the same unique values already exists' },
  '23503': { code: ErrorCode.BAD_USER_INPUT, reason: PlatformReason.REFERENCE_NOT_FOUND, message: 'A referenced object does not exist' },
  '22P02': { code: ErrorCode.BAD_USER_INPUT, reason: PlatformReason.INVALID_VALUE, message: 'A value has the wrong format' },
  '22007': { code: ErrorCode.BAD_USER_INPUT, reason: PlatformReason.INVALID_VALUE, message: 'A date has the wrong format' },
  '22008': { code: ErrorCode.BAD_USER_INPUT, reason: PlatformReason.INVALID_VALUE, message: 'A date is out of range' },
};

export interface ErrorFormatterOptions {
  logger: Logger;
  /** Development only: keep stack traces and internal messages in responses. */
  exposeInternals: boolean;
  /** Production: "Did you mean …?" hints would reveal the schema that introspection hides. */
  hideSuggestions?: boolean;
}

/** graphql-js gives up coercing variables after this many errors (Apollo and the WebSocket path alike). */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * The single place where thrown errors become what a client sees: on HTTP (Apollo formatError)
 * and on WebSocket alike. Anything not explicitly typed becomes INTERNAL_SERVER_ERROR with a
 * generic message; the original goes to the log without SQL parameters or quoted values (they hold
 * personal data). A database that cannot be reached is SERVICE_UNAVAILABLE (retryable). The
 * formatter never throws: a failure inside it would close a WebSocket with every operation on it.
 */
export function createErrorFormatter(options: ErrorFormatterOptions) {
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof DomainError) {
      const { http: _http, ...extensions } = original.extensions;
      return { ...base, message: original.message, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      options.logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      const { http: _http, ...extensions } = serviceUnavailable().extensions;
      return { ...base, message: 'The service is temporarily unavailable; retry later', extensions };
    }
    if (original instanceof QueryFailedError) {
      const sqlState = (original as QueryFailedError & { code?: string }).code ?? '';
      const mapped = sqlStateToError[sqlState];
      if (mapped) {
        return { ...base, message: mapped.message, extensions: { code: mapped.code, reason: mapped.reason } };
      }
    }
    if (original instanceof GraphQLError && !original.originalError && TOO_MANY_VARIABLE_ERRORS.test(original.message)) {
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: PlatformReason.TOO_MANY_ERRORS } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (protocolCodes.has(code) || isKnownCode(code)) && !(original instanceof QueryFailedError)) {
      const { stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
      const message = options.hideSuggestions ? base.message.replace(/\s*Did you mean[^?]*\?/g, '') : base.message;
      const variable = code === ErrorCode.BAD_USER_INPUT ? variableProblem(error, formatted.message) : undefined;
      const withVariable = variable
        ? { ...extensions, reason: extensions.reason ?? PlatformReason.INVALID_VARIABLE, fields: extensions.fields ?? [variable] }
        : extensions;
      return { ...base, message, extensions: options.exposeInternals ? { ...withVariable, stacktrace } : withVariable };
    }

    options.logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      ...base,
      message: options.exposeInternals && original instanceof Error ? original.message : 'Internal server error',
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        ...(options.exposeInternals && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {}),
      },
    };
  };
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    try {
      return format(formatted, error);
    } catch (failure) {
      options.logger.error({ err: failure }, 'could not format an error');
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  };
}

function isKnownCode(code: string): boolean {
  return (Object.values(ErrorCode) as string[]).includes(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * A variable that does not fit its declared type (graphql-js coercion, before execution): the
 * path starts with `$` and the variable's name, e.g. `$input.entries[0].hours`.
 */
function variableProblem(error: unknown, message: string): FieldProblem | undefined {
  const node = error instanceof GraphQLError ? error.nodes?.[0] : undefined;
  if (!node || node.kind !== Kind.VARIABLE_DEFINITION) return undefined;
  const name = node.variable.name.value;
  const at = [...message.matchAll(/ at "([_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])*)"; /g)].pop()?.[1];
  const path = at && (at === name || at.startsWith(`${name}.`) || at.startsWith(`${name}[`)) ? `$${at}` : `$${name}`;
  const reason = message.includes('; ') ? message.slice(message.lastIndexOf('; ') + 2) : message;
  return { path, message: reason };
}
