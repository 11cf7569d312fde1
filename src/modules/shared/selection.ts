import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, ResolveTree } from 'graphql-parse-resolve-info';

/** What a client selected of a connection: whether it counts, and which fields of its nodes it reads. */
export interface ConnectionSelection {
  totalCount: boolean;
  nodeFields: ReadonlySet<string>;
}

/**
 * The selection of the connection field being resolved (fragments and aliases included), so a
 * list can fetch in its one statement exactly the relations the client asked for.
 */
export function connectionSelection(info: GraphQLResolveInfo): ConnectionSelection {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const connection = fieldsOf(tree);
  const nodeFields = new Set<string>();
  for (const edges of connection.filter((field) => field.name === 'edges')) {
    for (const node of fieldsOf(edges).filter((field) => field.name === 'node')) for (const field of fieldsOf(node)) nodeFields.add(field.name);
  }
  return { totalCount: connection.some((field) => field.name === 'totalCount'), nodeFields };
}

function fieldsOf(tree: ResolveTree | null | undefined): ResolveTree[] {
  if (!tree) return [];
  return Object.values(tree.fieldsByTypeName).flatMap((fields) => Object.values(fields));
}
