import { GraphQLError } from 'graphql';

/**
 * Every error a client can see carries one of these codes in `extensions.code`.
 * The README lists them; keep both in step.
 */
export enum ErrorCode {
  /** Input failed validation; `extensions.fields` names each failing input path. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The object does not exist, or the caller may not know that it exists. */
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A business rule refused the change given the stored state; `extensions.reason` says which. */
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * The database cannot be reached (an outage, a restart, a full connection pool): nothing was
   * done, and the same request may succeed a little later. HTTP 503 with `Retry-After`.
   */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  /** Input path from the argument's name, e.g. `input.identityCode`, `filter.coachId`, `input.entries[2].hours`. */
  path: string;
  message: string;
  /** The rule this path broke, when it is not the error's own `reason` (e.g. `INVALID_ID`). */
  reason?: string;
}

export interface DomainErrorOptions {
  /** Stable, machine-readable cause such as `COACH_AT_CAPACITY`; clients switch on it. */
  reason?: string;
  fields?: FieldProblem[];
  /** Extra non-personal facts a client can show (limits, counts). Never personal data. */
  details?: Record<string, unknown>;
}

/**
 * The one error type services throw. Expected business failures (illegal transition, duplicate
 * referral, overlapping placement, coach at capacity) are DomainErrors with a `reason`, so every
 * mutation fails the same way and clients never parse messages.
 */
export class DomainError extends GraphQLError {
  readonly code: ErrorCode;
  readonly reason?: string;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.reason ? { reason: options.reason } : {}),
        ...(options.fields ? { fields: options.fields } : {}),
        ...(options.details ? { details: options.details } : {}),
      },
    });
    this.name = 'DomainError';
    this.code = code;
    this.reason = options.reason;
  }
}

export function badInput(path: string, message: string, reason?: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { reason, fields: [{ path, message }] });
}

export function notFound(typeName: string, id: string | number): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${typeName} ${id} was not found`, {
    details: { type: typeName },
  });
}

export function conflict(reason: string, message: string, options: Omit<DomainErrorOptions, 'reason'> = {}): DomainError {
  return new DomainError(ErrorCode.CONFLICT, message, { ...options, reason });
}

/** `reason`: ROLE_NOT_ALLOWED (the matrix refuses the role), VIEW_TOO_NARROW (a field or record the caller sees only in part). */
export function forbidden(message = 'Not allowed', reason?: string): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, message, { reason });
}

export function unauthenticated(message = 'Authentication required'): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, message);
}

/** Seconds a client should wait before retrying after SERVICE_UNAVAILABLE (the `Retry-After` header). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The database is unreachable: retryable, HTTP 503 with `Retry-After` (`extensions.http` is read
 * by Apollo where the error is thrown before execution and removed by the formatter).
 */
export function serviceUnavailable(): DomainError {
  const error = new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The service is temporarily unavailable; retry later', {
    reason: 'DATABASE_UNAVAILABLE',
    details: { retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS },
  });
  Object.assign(error.extensions, {
    retryable: true,
    http: { status: 503, headers: new Map([['retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
  });
  return error;
}
