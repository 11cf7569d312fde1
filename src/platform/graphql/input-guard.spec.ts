import { buildSchema, execute, parse } from 'graphql';

import { guardSchemaInputs, isGuarded } from './input-guard';

const sdl = `
  scalar JSONObject
  scalar LocalDate
  input Entry { periodId: ID!, hours: Float, note: String, tags: [String!] }
  input Filter { nameSearch: String, coachId: ID, codes: [String!] }
  input Tree { name: String, children: [Tree!] }
  enum Kind { A B }
  type Query {
    trainees(first: Int, after: String, filter: Filter): Int
    trainee(id: ID!): Int
    record(entries: [Entry!]!): Int
    meta(data: JSONObject): Int
    tree(root: Tree): Int
    plain(first: Int, kind: Kind, from: LocalDate): Int
  }
`;

const guarded = () => guardSchemaInputs(buildSchema(sdl), { maxLength: 20, maxItems: 3 });
/** The default resolver reads each root field from here (the guard wraps it like any other). */
const rootValue = { trainees: 1, trainee: 1, record: 1, meta: 1, tree: 1, plain: 1 };

const UUID = '7d3c2a10-5b8e-4f4e-9a51-0c6c1f6a2b3d';

async function run(query: string, variables: Record<string, unknown> = {}) {
  const result = await execute({ schema: guarded(), document: parse(query), variableValues: variables, rootValue });
  return result.errors?.map((e) => ({
    reason: e.extensions.reason,
    fields: (e.extensions.fields as Array<{ path: string; reason: string }>).map((f) => `${f.path}:${f.reason}`),
  }));
}

describe('input guard', () => {
  it('passes valid arguments through to the resolver', async () => {
    expect(
      await run(`query($e: [Entry!]!) { record(entries: $e) trainee(id: "${UUID}") plain(first: 2, kind: A) }`, {
        e: [{ periodId: UUID, note: 'ok', tags: [] }],
      }),
    ).toBeUndefined();
  });

  it('refuses NUL and unpaired surrogates in strings, from literals and variables, on the argument path', async () => {
    expect(await run('{ trainees(filter: { nameSearch: "a\\u0000b" }) }')).toEqual([
      { reason: 'INVALID_STRING', fields: ['filter.nameSearch:INVALID_STRING'] },
    ]);
    expect(await run('query($f: Filter) { trainees(filter: $f) }', { f: { nameSearch: 'x\uD800' } })).toEqual([
      { reason: 'INVALID_STRING', fields: ['filter.nameSearch:INVALID_STRING'] },
    ]);
    expect(await run('query($f: Filter) { trainees(filter: $f) }', { f: { codes: ['ok', '\uDC00'] } })).toEqual([
      { reason: 'INVALID_STRING', fields: ['filter.codes[1]:INVALID_STRING'] },
    ]);
    // A surrogate pair is a character, not a problem.
    expect(await run('query($f: Filter) { trainees(filter: $f) }', { f: { nameSearch: 'emoji 😀' } })).toBeUndefined();
  });

  it('refuses over-long strings and lists, malformed ids and non-finite floats, all in one error', async () => {
    const result = await run('query($e: [Entry!]!, $a: String) { record(entries: $e) trainees(after: $a) }', {
      e: [{ periodId: UUID }, { periodId: 'not-a-uuid', note: 'x'.repeat(21), tags: ['a', 'b', 'c', 'd'] }],
      a: 'y'.repeat(21),
    });
    expect(result).toEqual([
      { reason: 'INVALID_ID', fields: ['entries[1].periodId:INVALID_ID', 'entries[1].note:STRING_TOO_LONG', 'entries[1].tags:LIST_TOO_LONG'] },
      { reason: 'STRING_TOO_LONG', fields: ['after:STRING_TOO_LONG'] },
    ]);
    expect(await run('{ trainee(id: "1; DROP TABLE trainee") }')).toEqual([{ reason: 'INVALID_ID', fields: ['id:INVALID_ID'] }]);
    expect(await run('{ record(entries: [{ periodId: "' + UUID + '", hours: 1e400 }]) }')).toEqual([
      { reason: 'INVALID_NUMBER', fields: ['entries[0].hours:INVALID_NUMBER'] },
    ]);
    expect(await run('query($e: [Entry!]!) { record(entries: $e) }', { e: [1, 2, 3, 4].map(() => ({ periodId: UUID })) })).toEqual([
      { reason: 'LIST_TOO_LONG', fields: ['entries:LIST_TOO_LONG'] },
    ]);
  });

  it('walks the keys and values of JSON objects and recursive input types', async () => {
    expect(await run('query($d: JSONObject) { meta(data: $d) }', { d: { ok: ['fine', { deep: 'a\u0000' }] } })).toEqual([
      { reason: 'INVALID_STRING', fields: ['data.ok[1].deep:INVALID_STRING'] },
    ]);
    expect(await run('query($d: JSONObject) { meta(data: $d) }', { d: { 'k\u0000': 1 } })).toEqual([
      { reason: 'INVALID_STRING', fields: ['data:INVALID_STRING'] },
    ]);
    expect(await run('query($t: Tree) { tree(root: $t) }', { t: { name: 'a', children: [{ name: 'b', children: [{ name: '\u0000' }] }] } })).toEqual([
      { reason: 'INVALID_STRING', fields: ['root.children[0].children[0].name:INVALID_STRING'] },
    ]);
  });

  it('lists at most 50 problems', async () => {
    const schema = guardSchemaInputs(buildSchema(sdl));
    const result = await execute({
      schema,
      rootValue,
      document: parse('query($e: [Entry!]!) { record(entries: $e) }'),
      variableValues: { e: Array.from({ length: 500 }, () => ({ periodId: 'x' })) },
    });
    expect((result.errors?.[0].extensions.fields as unknown[]).length).toBe(50);
  });

  it('wraps only fields whose arguments can hold something to check', () => {
    const schema = guarded();
    const fields = schema.getQueryType()!.getFields();
    expect(Object.keys(fields).filter((name) => isGuarded(fields[name]))).toEqual(['trainees', 'trainee', 'record', 'meta', 'tree']);
  });
});
