import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';

import { ConnectionSelection, connectionSelection } from './selection';

const schema = buildSchema(`
  type Query { things(first: Int): ThingConnection }
  type ThingConnection { totalCount: Int edges: [ThingEdge] }
  type ThingEdge { cursor: String node: Thing }
  type Thing { id: ID name: String owner: Thing }
`);

async function selectionOf(query: string): Promise<ConnectionSelection> {
  let seen: ConnectionSelection | undefined;
  const rootValue = {
    things: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      seen = connectionSelection(info);
      return { totalCount: 0, edges: [] };
    },
  };
  const result = await graphql({ schema, source: query, rootValue });
  expect(result.errors).toBeUndefined();
  return seen!;
}

describe('connectionSelection', () => {
  it('names the node fields by field name, not alias, through fragments and inline fragments', async () => {
    const selection = await selectionOf(`
      query { things { edges { node { id boss: owner { id } ...F ... on Thing { name } } } } }
      fragment F on Thing { owner { name } }`);
    expect([...selection.nodeFields].sort()).toEqual(['id', 'name', 'owner']);
    expect(selection.totalCount).toBe(false);
  });

  it('sees the count wherever it is asked for, aliased or in a fragment', async () => {
    expect((await selectionOf('query { things { n: totalCount } }')).totalCount).toBe(true);
    expect((await selectionOf('query { things { ...C } } fragment C on ThingConnection { totalCount }')).totalCount).toBe(true);
    expect([...(await selectionOf('query { things { totalCount } }')).nodeFields]).toEqual([]);
  });
});
