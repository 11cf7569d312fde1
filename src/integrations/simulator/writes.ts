import type { z } from 'zod';

import { IdempotencyLedger, WriteCounters } from './idempotency';
import { SimProblem, SimResponse, SimRoute } from './sim-server';

/** Where a body failed its schema, by path and issue code only: values (personal data) are never repeated. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`)
    .join('; ');
}

const KEY = /^[\x21-\x7e]{1,255}$/;

export interface WriteRouteOptions<T> {
  path: string;
  /** The ledger's scope: a key reused on another endpoint is a conflict too. */
  scope: string;
  ledger: IdempotencyLedger<SimResponse>;
  counters: WriteCounters;
  schema: z.ZodType<T>;
  /**
   * Carries out a new request (its key not seen before) and gives the answer to remember for the
   * key; `duplicate`: the content was already there under another key (nothing applied). Throws
   * `SimProblem` to refuse it (nothing is remembered then).
   */
  apply(message: T, key: string): { response: SimResponse; duplicate?: boolean };
}

/**
 * A POST as a careful receiving system handles it: `Idempotency-Key` required; the same key with
 * the same body is answered again from the ledger (`Idempotent-Replayed: true`) and applied once;
 * the same key with another body (or on another endpoint) is 422; a body that fails the schema is
 * 400. Counts what got here (`received`), distinct keys applied, repeats and refusals.
 */
export function writeRoute<T>(options: WriteRouteOptions<T>): SimRoute {
  const { counters, ledger, scope } = options;
  return {
    method: 'POST',
    path: options.path,
    write: true,
    handle: ({ headers, body }) => {
      counters.received++;
      try {
        const key = headers['idempotency-key'];
        if (typeof key !== 'string' || !KEY.test(key))
          throw new SimProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'every write needs an Idempotency-Key header');
        const seen = ledger.lookup(key, scope, body);
        if (seen.status === 'replay') {
          counters.duplicates++;
          return { ...seen.response, headers: { ...seen.response.headers, 'idempotent-replayed': 'true' } };
        }
        if (seen.status === 'conflict') throw new SimProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request');
        const parsed = options.schema.safeParse(body);
        if (!parsed.success) throw new SimProblem(400, 'INVALID', describeIssues(parsed.error));
        const { response, duplicate } = options.apply(parsed.data, key);
        ledger.record(key, scope, body, response);
        if (duplicate) counters.duplicates++;
        else counters.applied++;
        return response;
      } catch (error) {
        if (error instanceof SimProblem) counters.refused++;
        throw error;
      }
    },
  };
}
