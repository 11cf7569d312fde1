import fs from 'node:fs';
import path from 'node:path';

import { getMetadataStorage } from 'class-validator';
import { getNamedType, GraphQLFloat, GraphQLSchema, isInputObjectType } from 'graphql';

import { buildPolkuSchema } from '../../app/schema';

/**
 * Every Float an input carries is stored in a numeric(p, s) column. A value with more decimals is
 * rounded by PostgreSQL (5e-324 hours became 0 and broke a CHECK: an internal error), and one too
 * large overflows the column: so every Float input field declares its decimals and its bounds.
 */
let schema: GraphQLSchema;
const inputClasses = new Map<string, Function>();

beforeAll(async () => {
  schema = await buildPolkuSchema();
  const modules = path.join(__dirname, '..');
  for (const file of fs.readdirSync(modules, { recursive: true }) as string[]) {
    if (!/\.(inputs|types)\.ts$/.test(file)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- every inputs file, found at run time
    for (const value of Object.values(require(path.join(modules, file)) as Record<string, unknown>)) {
      if (typeof value === 'function') inputClasses.set(value.name, value);
    }
  }
});

it('declares decimal places and bounds on every Float input field', () => {
  const floatFields = Object.values(schema.getTypeMap())
    .filter(isInputObjectType)
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => getNamedType(field.type) === GraphQLFloat)
        .map((field) => [type.name, field.name] as const),
    );
  expect(floatFields.length).toBeGreaterThan(5);
  const missing = floatFields.flatMap(([typeName, fieldName]) => {
    const target = inputClasses.get(typeName);
    if (!target) return [`${typeName}: class not found`];
    const rules = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .filter((rule) => rule.propertyName === fieldName)
        .map((rule) => rule.name ?? rule.type),
    );
    return ['maxDecimalPlaces', 'min', 'max'].filter((rule) => !rules.has(rule)).map((rule) => `${typeName}.${fieldName}: no ${rule}`);
  });
  expect(missing).toEqual([]);
});
