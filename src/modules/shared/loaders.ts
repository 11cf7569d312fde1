import DataLoader from 'dataloader';
import { In, ObjectLiteral, Repository } from 'typeorm';

import { isUuid } from '../../platform/ids';

/**
 * Loads rows by primary key in one statement per batch, answering in key order. Look-ups by id
 * come from several depths of one answer (a trainee's coach, and the career agent of the same
 * trainee's current period one level down): the batch waits for the event loop's next turn, not
 * the next tick, so loads that become known while the same results settle share one statement.
 */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(repository: Repository<T>): DataLoader<string, T | null> {
  return new DataLoader(
    async (ids) => {
      // A malformed id cannot exist; asking PostgreSQL would only raise a type error.
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await repository.findBy({ id: In(valid) } as never) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { batchScheduleFn: (callback) => setImmediate(callback) },
  );
}

/** One-to-many: all rows whose `foreignKey` is among the keys, grouped per key in key order. */
export function groupedLoader<K extends string, T extends ObjectLiteral>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** At most one row per key (e.g. the latest period of a trainee). */
export function singleLoader<K extends string, T extends ObjectLiteral>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<K, T>();
    for (const row of await fetch(keys)) if (!byKey.has(keyOf(row))) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export { isUuid };
