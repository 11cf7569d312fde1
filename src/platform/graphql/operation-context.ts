import type { Actor } from '../auth/actor';
import type { Logger } from '../logger';

/**
 * What any GraphQL service knows about one operation, whatever its domain: who calls, the request
 * id, a logger bound to both, and the purpose the caller stated. The composition root extends it
 * with the per-request things of the modules (loaders, access bookkeeping); services never travel
 * in it.
 */
export interface OperationContext {
  requestId: string;
  /** Undefined for anonymous callers; operations other than health checks then refuse. */
  actor?: Actor;
  logger: Logger;
  /** Which transport carried the operation (for the log). */
  transport: 'http' | 'ws';
  /** The caller's stated purpose (x-purpose header, or `purpose` in WebSocket connection parameters), if any. */
  purposeHeader?: string;
  /** Where the operation's summary goes instead of a log line of its own (HTTP: the request's line). */
  report?: (operation: Record<string, unknown>) => void;
}

/** The platform's part of an operation's context, with a logger that names the request and the caller. */
export function operationContext(options: {
  logger: Logger;
  requestId: string;
  actor?: Actor;
  transport: OperationContext['transport'];
  purposeHeader?: string;
  report?: OperationContext['report'];
}): OperationContext {
  const { logger, requestId, actor, transport, purposeHeader, report } = options;
  return { requestId, actor, transport, purposeHeader, report, logger: logger.child({ requestId, userId: actor?.userId, role: actor?.role }) };
}
