import { createHash } from 'node:crypto';

import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';

/**
 * A read outside any transaction as a named prepared statement: PostgreSQL parses and plans a
 * statement text once per connection instead of on every request. For the hot list pages, whose
 * one statement joins five relations (planning it costs about as much as running it for a small
 * organisation). The name is a digest of the text, so every distinct text (one per combination of
 * filters and selected relations) is its own statement. Counted like every other statement, and a
 * failure is a `QueryFailedError` as from TypeORM, so errors are mapped the same way.
 */
export async function preparedQuery<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  dataSource.logger.logQuery(text, values);
  try {
    const result = await pool.query({ name: statementName(text), text, values });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `polku_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    // The texts are the application's own (values are parameters), so the map stays small.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}
