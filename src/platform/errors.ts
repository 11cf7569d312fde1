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

declare const reasonBrand: unique symbol;

/**
 * A stable, machine-readable cause of an error (`extensions.reason`), which clients switch on. Only
 * `reasons()` makes one, so every reason a client can see is declared, typed and documented
 * (docs/errors.md is generated from the declarations); a bare string does not compile.
 */
export type ReasonCode<T extends string = string> = T & { readonly [reasonBrand]: true };

export interface ReasonDefinition {
  code: ErrorCode;
  description: string;
}

export interface ReasonCatalogue {
  /** The module (or platform part) that declares the reasons. */
  scope: string;
  reasons: Readonly<Record<string, ReasonDefinition>>;
}

const catalogues = new WeakMap<object, ReasonCatalogue>();

/**
 * Declares a module's reasons, each with the error code it comes with and what it means:
 * `const PlacementReason = reasons('placement', { PLACEMENT_OVERLAP: [ErrorCode.CONFLICT, '…'] })`,
 * then `conflict(PlacementReason.PLACEMENT_OVERLAP, …)`.
 */
export function reasons<const T extends Record<string, readonly [ErrorCode, string]>>(
  scope: string,
  definitions: T,
): { readonly [K in keyof T & string]: ReasonCode<K> } {
  const codes = Object.freeze(Object.fromEntries(Object.keys(definitions).map((key) => [key, key])));
  catalogues.set(codes, {
    scope,
    reasons: Object.fromEntries(Object.entries(definitions).map(([key, [code, description]]) => [key, { code, description }])),
  });
  return codes as never;
}

/** The declarations behind a `reasons()` object (for docs/errors.md). */
export function catalogueOf(declared: object): ReasonCatalogue {
  const catalogue = catalogues.get(declared);
  if (!catalogue) throw new Error('not declared with reasons()');
  return catalogue;
}

/** Why the platform itself refuses a request: `extensions.reason` (listed in docs/errors.md). */
export const PlatformReason = reasons('platform', {
  DATABASE_UNAVAILABLE: [
    ErrorCode.SERVICE_UNAVAILABLE,
    'The database cannot be reached (an outage, a restart, no free connection); retry after `details.retryAfterSeconds`',
  ],
  DUPLICATE: [ErrorCode.CONFLICT, 'An object with the same unique values already exists'],
  REFERENCE_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, "A referenced object does not exist (or is not the caller's organisation's: the same answer)"],
  INVALID_VALUE: [ErrorCode.BAD_USER_INPUT, 'A value has the wrong format or is out of range'],
  INVALID_INPUT: [ErrorCode.BAD_USER_INPUT, 'An input field breaks its rule (length, range, format); `fields` names each path'],
  INVALID_VARIABLE: [ErrorCode.BAD_USER_INPUT, 'A variable does not fit its declared type; `fields` names it from `$`'],
  TOO_MANY_ERRORS: [ErrorCode.BAD_USER_INPUT, 'The variables have more than 50 problems'],
});

export interface FieldProblem {
  /** Input path from the argument's name, e.g. `input.identityCode`, `filter.coachId`, `input.entries[2].hours`. */
  path: string;
  message: string;
  /** The rule this path broke, when it is not the error's own `reason` (e.g. `INVALID_ID`). */
  reason?: ReasonCode;
}

export interface DomainErrorOptions {
  /** Stable, machine-readable cause such as `COACH_AT_CAPACITY`; clients switch on it. */
  reason?: ReasonCode;
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
  readonly reason?: ReasonCode;

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

export function badInput(path: string, message: string, reason?: ReasonCode): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { reason, fields: [{ path, message }] });
}

export function notFound(typeName: string, id: string | number): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${typeName} ${id} was not found`, {
    details: { type: typeName },
  });
}

export function conflict(reason: ReasonCode, message: string, options: Omit<DomainErrorOptions, 'reason'> = {}): DomainError {
  return new DomainError(ErrorCode.CONFLICT, message, { ...options, reason });
}

/** `reason`: ROLE_NOT_ALLOWED (the matrix refuses the role), VIEW_TOO_NARROW (a field or record the caller sees only in part). */
export function forbidden(message = 'Not allowed', reason?: ReasonCode): DomainError {
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
    reason: PlatformReason.DATABASE_UNAVAILABLE,
    details: { retryAfterSeconds: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS },
  });
  Object.assign(error.extensions, {
    retryable: true,
    http: { status: 503, headers: new Map([['retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
  });
  return error;
}
