import fs from 'node:fs';

import { buildSchema, GraphQLError, parse, specifiedRules, validate } from 'graphql';

import { loadConfig } from '../config';
import { assertQueryCost, isTokenLimitError, limitValidationRules, queryCost } from './limits';

// The committed SDL is enough: limits look at types and arguments, never at resolvers.
const schema = buildSchema(fs.readFileSync('schema/schema.graphql', 'utf8'));
const config = loadConfig({ NODE_ENV: 'test' });

const cost = (query: string, variables?: Record<string, unknown>) => queryCost(schema, parse(query), variables);
const limitErrors = (query: string) =>
  validate(schema, parse(query), [...specifiedRules, ...limitValidationRules(config)]).map((error) => ({
    message: error.message,
    code: error.extensions.code,
    reason: error.extensions.reason,
  }));

describe('queryCost', () => {
  // trainees 1 + first × (edges 1 + (node 1 + id 1)).
  const page = 'query Page($first: Int!) { trainees(first: $first) { edges { node { id } } } }';

  it('multiplies what is under a `first` by its value, from a literal or a variable', () => {
    expect(cost('{ trainees(first: 5) { edges { node { id } } } }')).toBe(16);
    expect(cost(page, { first: 5 })).toBe(16);
    expect(cost(page, { first: 100 })).toBe(301);
  });

  it('uses the argument default (20) when `first` is not given', () => {
    expect(cost('{ trainees { edges { node { id } } } }')).toBe(61);
    expect(cost('query Page($first: Int! = 20) { trainees(first: $first) { edges { node { id } } } }', {})).toBe(61);
  });

  it('multiplies nested lists under the page and adds up sibling connections', () => {
    const nested = '{ trainees(first: 10) { edges { node { periods { id placements { id } } } } } }';
    // periods = 1 + id 1 + placements (1 + id 1) = 4; node = 5; edges = 6; trainees = 1 + 10 × 6.
    expect(cost(nested)).toBe(61);
    expect(cost('{ a: trainees(first: 2) { totalCount } b: placements(first: 3) { totalCount } }')).toBe(1 + 2 * 1 + 1 + 3 * 1);
  });

  it('leaves variables that do not fit the operation to execution (no cost, no throw)', () => {
    expect(cost(page)).toBeUndefined();
    expect(cost(page, { first: 'many' })).toBeUndefined();
    expect(() => assertQueryCost(config, schema, parse(page), {})).not.toThrow();
  });

  it('refuses over MAX_QUERY_COST with QUERY_TOO_COSTLY, HTTP 400 and the numbers', () => {
    const heavy = { ...config, MAX_QUERY_COST: 300 };
    expect(assertQueryCost(heavy, schema, parse(page), { first: 99 })).toBe(298);
    let thrown: unknown;
    try {
      assertQueryCost(heavy, schema, parse(page), { first: 100 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_TOO_COSTLY',
      details: { cost: 301, maximum: 300 },
      http: { status: 400 },
    });
  });

  it('treats fragments fanned out beyond the counter as too costly', () => {
    const fanOut = `{ serviceInfo { ...F1 } } ${[1, 2, 3, 4, 5]
      .map((i) => `fragment F${i} on ServiceInfo { ${i < 5 ? `...F${i + 1} `.repeat(10) : 'version'} }`)
      .join(' ')}`;
    expect(cost(fanOut)).toBe(Number.POSITIVE_INFINITY);
    expect(() => assertQueryCost(config, schema, parse(fanOut), {})).toThrow(/too expensive/);
  });
});

describe('limit validation rules', () => {
  const nest = (depth: number) => {
    const levels = ['trainees(first: 1)', 'edges', 'node'];
    while (levels.length < depth - 1) levels.push(levels.length % 2 === 1 ? 'periods' : 'trainee');
    return `{ ${levels.map((level) => `${level} { `).join('')}id${' }'.repeat(levels.length)} }`;
  };
  const refusal = (message: string) => [{ message, code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_LIMIT_EXCEEDED' }];

  it('depth: MAX_QUERY_DEPTH passes, one more is refused, fragments do not hide levels', () => {
    expect(limitErrors(nest(12))).toEqual([]);
    expect(limitErrors(nest(13))).toEqual(refusal('Query depth limit of 12 exceeded, found 13.'));
    expect(limitErrors(nest(13).replace(/^\{ (.*) \}$/, '{ ...Deep } fragment Deep on Query { $1 }'))).toEqual(
      refusal('Query depth limit of 12 exceeded, found 13.'),
    );
  });

  it('aliases: MAX_ALIASES pass, one more is refused, also through fragments', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: serviceInfo { version }`).join(' ');
    expect(limitErrors(`{ ${aliases(15)} }`)).toEqual([]);
    expect(limitErrors(`{ ${aliases(16)} }`)).toEqual(refusal('Aliases limit of 15 exceeded, found 16.'));
    expect(limitErrors(`{ ...A x: serviceInfo { version } } fragment A on Query { ${aliases(15)} }`)).toEqual(
      refusal('Aliases limit of 15 exceeded, found 16.'),
    );
  });

  it('directives: MAX_DIRECTIVES pass, one more is refused, counting every spread of a fragment', () => {
    const fields = (n: number) => 'version @include(if: true) '.repeat(n);
    expect(limitErrors(`{ serviceInfo { ${fields(20)}} }`)).toEqual([]);
    expect(limitErrors(`{ serviceInfo { ${fields(21)}} }`)).toEqual(refusal('Directives limit of 20 exceeded, found 21.'));
    // graphql-armor's rule counted the directives of the first spread only: this found 1.
    const spreads = `{ serviceInfo { ${'...F @include(if: true) '.repeat(21)}} } fragment F on ServiceInfo { version }`;
    expect(limitErrors(spreads)).toEqual(refusal('Directives limit of 20 exceeded, found 21.'));
    // Directives inside a fragment count at every spread: 3 spreads × (1 + 7).
    const inside = `{ serviceInfo { ...G @skip(if: false) ...G @skip(if: false) ...G @skip(if: false) } } fragment G on ServiceInfo { ${fields(7)}}`;
    expect(limitErrors(inside)).toEqual(refusal('Directives limit of 20 exceeded, found 24.'));
  });

  it('survives fragment cycles (graphql-js reports the cycle)', () => {
    const errors = limitErrors('{ serviceInfo { ...A } } fragment A on ServiceInfo { version ...B } fragment B on ServiceInfo { ...A }');
    expect(errors.some((error) => /cannot spread fragment/i.test(error.message))).toBe(true);
  });
});

describe('isTokenLimitError', () => {
  it('recognises graphql-js token-limit parse error (its message says "more that")', () => {
    let message = '';
    try {
      parse('{ a b c }', { maxTokens: 3 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(isTokenLimitError(message)).toBe(true);
    expect(isTokenLimitError('Syntax Error: Expected Name, found <EOF>.')).toBe(false);
  });
});
