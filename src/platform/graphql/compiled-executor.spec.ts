import { buildSchema, execute, ExecutionArgs, GraphQLError, GraphQLObjectType, parse } from 'graphql';

import { compiledExecutor } from './compiled-executor';

const schema = buildSchema(`
  input Filter { name: String! languages: [String!]! = ["fi"] }
  type Page { total: Int! items: [Item!]! }
  type Item { id: ID! name: String! broken: String }
  type Query { page(filter: Filter!): Page! fails: Item! }
`);

class Failure extends Error {
  extensions = { code: 'CONFLICT' };
}

// Every field the application serves has a resolver (type-graphql gives each one), so the spec's do too.
const resolvers: Record<string, Record<string, (source: never, args: never) => unknown>> = {
  Query: {
    page: async (_source, { filter }: { filter: { name: string; languages: string[] } }) => ({
      get total() {
        return Promise.resolve(filter.languages.length);
      },
      items: filter.languages.map((language, i) => ({ id: String(i), name: `${filter.name}-${language}` })),
    }),
    fails: () => Promise.reject(new Failure('refused')),
  },
  Page: { total: (page: { total: Promise<number> }) => page.total },
  Item: {
    broken: () => {
      throw new Error('boom');
    },
  },
};
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName) as GraphQLObjectType;
  for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve as never;
}
const rootValue = {};

const run = async (executor: (args: ExecutionArgs) => unknown, source: string, variableValues?: Record<string, unknown>, operationName?: string) =>
  JSON.parse(JSON.stringify(await executor({ schema, document: parse(source), rootValue, variableValues, operationName })));

describe('compiledExecutor', () => {
  const compiled = compiledExecutor(schema);
  // Every row has all four values: jest takes a test function with more parameters than its row for one that wants `done`.
  const cases: Array<[string, string, Record<string, unknown> | undefined, string | undefined]> = [
    ['input defaults, getters and promises', 'query($f: Filter!) { page(filter: $f) { total items { id name } } }', { f: { name: 'a' } }, undefined],
    [
      'field errors with their path',
      'query($f: Filter!) { page(filter: $f) { items { name broken } } }',
      { f: { name: 'b', languages: ['fi', 'sv'] } },
      undefined,
    ],
    ['an error on a non-null root field', '{ fails { id } }', undefined, undefined],
    ['variables that do not fit', 'query($f: Filter!) { page(filter: $f) { total } }', { f: { languages: [1] } }, undefined],
    ['an operation name that is not there', 'query A { fails { id } }', {}, 'B'],
  ];

  it.each(cases)('answers as graphql-js does: %s', async (_label, source, variables, operationName) => {
    const expected = await run(execute, source, variables, operationName);
    expect(await run(compiled, source, variables, operationName)).toEqual(expected);
  });

  it('gives graphql-js errors carrying the original error and an extensions object', async () => {
    const result = await compiled({ schema, document: parse('{ fails { id } }'), rootValue });
    const [error] = result.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.originalError).toBeInstanceOf(Failure);
    expect(error.path).toEqual(['fails']);
    expect(error.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error.extensions).toEqual({ code: 'CONFLICT' });
  });

  it('compiles a document once and reuses it', async () => {
    const document = parse('query($f: Filter!) { page(filter: $f) { total } }');
    const first = await compiled({ schema, document, rootValue, variableValues: { f: { name: 'x' } } });
    const second = await compiled({ schema, document, rootValue, variableValues: { f: { name: 'y', languages: ['fi', 'sv', 'en'] } } });
    expect([first.data, second.data]).toEqual([{ page: { total: 1 } }, { page: { total: 3 } }]);
  });
});
