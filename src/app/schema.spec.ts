import { getNamedType, GraphQLObjectType, isObjectType } from 'graphql';

import { isGuarded } from '../platform/graphql/input-guard';
import { buildPolkuSchema } from './schema';

describe('the input guard on the real schema', () => {
  it('leaves every field below the root of the real schema unwrapped (their arguments are numbers, dates and enums)', async () => {
    const schema = await buildPolkuSchema();
    const wrappedBelowRoot: string[] = [];
    let wrappedRoot = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        if (!isGuarded(field)) continue;
        if (type.name === 'Query' || type.name === 'Mutation') wrappedRoot++;
        else wrappedBelowRoot.push(`${type.name}.${field.name}: ${field.args.map((a) => getNamedType(a.type).name).join(', ')}`);
      }
    }
    expect(wrappedBelowRoot).toEqual([]);
    expect(wrappedRoot).toBeGreaterThan(80);
  }, 30_000);
});
