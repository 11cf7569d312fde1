import { randomUUID } from 'node:crypto';
import type http from 'node:http';

import { devPaths } from './dev-tokens';

/** Paths served here; anything else is logged as `[other]` (a path can carry whatever a client typed). */
const knownPaths = new Set(['/graphql', '/healthz', '/readyz', devPaths.personas, devPaths.token]);

export function loggedPath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return knownPaths.has(path) ? path : '[other]';
}

/**
 * A caller's `x-request-id` is kept only when it looks like an id: a UUID or a trace id, 16–64 hex
 * digits and dashes. Anything else (a name, an identity code, free text) would end up in every log
 * line and in the access log, so a fresh id is minted instead.
 */
const requestIdPattern = /^[0-9A-Fa-f][0-9A-Fa-f-]{14,62}[0-9A-Fa-f]$/;

export function requestIdFrom(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}
