import { Max, Min } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

import { badInput } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { isStorableString } from '../../platform/strings';
import { isIsoDate } from './calendar';
import { CommonReason } from './reasons';

export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Always false: lists page forwards only.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  /** Counted only when the client asks for it: a getter, which the executor reads only for a selected field. */
  readonly totalCount: Promise<number>;
}

/** Relay connection and edge types for one node type, e.g. TraineeConnection and TraineeEdge. */
export function ConnectionType<T extends object>(nodeClass: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => nodeClass)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'All matching items, not only this page.' })
    totalCount: number;
  }
  return ConnectionClass;
}

/**
 * What a cursor value must look like before it goes into SQL: a forged cursor must be refused as
 * INVALID_CURSOR, not reach PostgreSQL as a malformed date or id. A list of strings: one of them
 * (an enum).
 */
export type CursorValueKind = 'text' | 'uuid' | 'date' | 'timestamp' | readonly string[];

/** One sort key: the SQL expression, how to read the same value from a loaded row, and its kind (text unless said). */
export interface SortKey<T> {
  sql: string;
  value: (row: T) => unknown;
  kind?: CursorValueKind;
}

/**
 * Keyset pagination: the cursor holds the sort values of the last row, so page 500 costs the
 * same as page 1 and rows inserted meanwhile do not shift pages. The row id is always the last
 * key, which makes the order total and stable.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageArgs,
  sortKeys: SortKey<T>[],
  direction: 'ASC' | 'DESC' = 'ASC',
): Promise<Connection<T>> {
  const alias = query.alias;
  const keys: SortKey<T>[] = [...sortKeys, { sql: `${alias}.id`, value: (row) => row.id, kind: 'uuid' }];
  const countQuery = query.clone();
  const first = pageSize(page);

  if (page.after) {
    const values = decodeCursor(
      page.after,
      keys.map((key) => key.kind ?? 'text'),
    );
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    const comparison = direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${keys.map((k) => k.sql).join(', ')}) ${comparison} (${keys.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  keys.forEach((key, i) => (i === 0 ? query.orderBy(key.sql, direction) : query.addOrderBy(key.sql, direction)));
  const rows = await query.take(first + 1).getMany();
  return connectionFromRows(
    rows,
    first,
    (node) => ({ node, cursor: encodeCursor(keys.map((k) => k.value(node))) }),
    () => countQuery.getCount(),
  );
}

/** The page size asked for, within 1…MAX_PAGE_SIZE (20 when not given). */
export function pageSize(page: PageArgs): number {
  return Math.min(Math.max(page.first ?? 20, 1), MAX_PAGE_SIZE);
}

/**
 * A connection from `first + 1` fetched rows (the extra row only says there is a next page), for
 * lists that build their own SQL instead of using `paginate`.
 */
export function connectionFromRows<R, T>(
  rows: R[],
  first: number,
  toEdge: (row: R) => { node: T; cursor: string },
  totalCount: () => Promise<number>,
): Connection<T> {
  const edges = rows.slice(0, first).map(toEdge);
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function fitsKind(value: unknown, kind: CursorValueKind): boolean {
  if (typeof value !== 'string') return false;
  if (Array.isArray(kind)) return kind.includes(value);
  switch (kind) {
    case 'uuid':
      return isUuid(value);
    case 'date':
      return isIsoDate(value);
    case 'timestamp':
      return ISO_TIMESTAMP.test(value) && Number.isFinite(Date.parse(value));
    default:
      return value.length <= 10_000 && isStorableString(value);
  }
}

/** The values of a cursor this service wrote for a list with these sort-key kinds; anything else is INVALID_CURSOR on `after`. */
export function decodeCursor(cursor: string, kinds: readonly CursorValueKind[]): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === kinds.length && values.every((value, i) => fitsKind(value, kinds[i]))) return values as string[];
  } catch {
    // fall through
  }
  throw badInput('after', 'The cursor is not valid for this list', CommonReason.INVALID_CURSOR);
}
