import crypto from 'node:crypto';

/** JSON with object keys sorted at every level, so two bodies that mean the same compare equal. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function fingerprint(value: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export type LedgerLookup<R> = { status: 'new' } | { status: 'replay'; response: R } | { status: 'conflict' };

/**
 * What a receiving system remembers of idempotency keys: the request each key came with (its
 * scope, e.g. the endpoint, and a fingerprint of the body) and the answer it got. The same key with
 * the same request is answered again from here; the same key with anything else is a conflict.
 */
export class IdempotencyLedger<R> {
  private readonly entries = new Map<string, { scope: string; fingerprint: string; response: R }>();

  lookup(key: string, scope: string, body: unknown): LedgerLookup<R> {
    const entry = this.entries.get(key);
    if (!entry) return { status: 'new' };
    if (entry.scope !== scope || entry.fingerprint !== fingerprint(body)) return { status: 'conflict' };
    return { status: 'replay', response: entry.response };
  }

  record(key: string, scope: string, body: unknown, response: R): void {
    this.entries.set(key, { scope, fingerprint: fingerprint(body), response });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Per kind of write: requests past the fault gate, distinct keys applied, same-key repeats, and refusals (4xx). */
export interface WriteCounters {
  received: number;
  applied: number;
  duplicates: number;
  refused: number;
}

export const emptyCounters = (): WriteCounters => ({ received: 0, applied: 0, duplicates: 0, refused: 0 });
