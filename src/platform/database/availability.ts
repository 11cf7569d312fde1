/**
 * Whether an error means "the database cannot be reached right now" rather than "this statement
 * failed": the client gets SERVICE_UNAVAILABLE (retryable, HTTP 503) instead of an internal error.
 *
 * Such failures surface in several shapes: a pg or Node socket error (`ECONNREFUSED`,
 * `ECONNRESET`, …, or an AggregateError of them), pg-pool's connect timeout, "Connection
 * terminated" when a connection dies mid-statement, a server-side SQLSTATE of class 08
 * (connection exception), 57P01–57P03 (the server is shutting down, crashed or starting) or 53300
 * (too many connections), each possibly wrapped in TypeORM's QueryFailedError (`driverError`), an
 * error `cause`, a GraphQL error (`originalError`) or, when a plain object was thrown, graphql-js's
 * NonErrorThrown (`thrownValue`).
 */

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);
const unavailableMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    originalError?: unknown;
    thrownValue?: unknown;
    errors?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : '';
  if (socketCodes.has(code) || unavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.message === 'string' && unavailableMessages.some((pattern) => pattern.test(e.message as string))) return true;
  // thrownValue: graphql-js wraps a thrown non-Error (pg's connect failure can be a plain object) in NonErrorThrown.
  const inner = [e.driverError, e.cause, e.originalError, e.thrownValue, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((each) => each !== error && isDatabaseUnavailable(each, depth + 1));
}
