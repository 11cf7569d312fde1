import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/**
 * A minimal, valid document for one root field, built from the schema: every required argument
 * gets a placeholder of its type (ids that exist nowhere), and the selection is `__typename`.
 * Used to walk every operation as every role without writing ~100 documents by hand.
 */
export function probeDocument(schema: GraphQLSchema, kind: 'Query' | 'Mutation', fieldName: string, ids: Record<string, string> = {}): string {
  const root = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = root.getFields()[fieldName];
  const args = field.args
    .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)
    .map((arg) => `${arg.name}: ${literal(arg.type, arg.name, ids)}`);
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind === 'Query' ? 'query' : 'mutation'} Probe { ${fieldName}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

function literal(type: GraphQLInputType, name: string, ids: Record<string, string>): string {
  if (isNonNullType(type)) return literal(type.ofType, name, ids);
  if (isListType(type)) return `[${literal(type.ofType, name, ids)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      .map((f) => `${f.name}: ${literal(f.type, f.name, ids)}`);
    return `{ ${fields.join(', ')} }`;
  }
  switch (type.name) {
    case 'ID':
      return JSON.stringify(ids[name] ?? randomUUID());
    case 'Int':
      return '1';
    case 'Float':
      return '1.0';
    case 'Boolean':
      return 'true';
    case 'LocalDate':
      return '"2026-01-05"';
    case 'DateTimeISO':
      return '"2026-01-05T08:00:00.000Z"';
    case 'JSONObject':
      return '{}';
    default:
      return JSON.stringify(`probe-${name}`);
  }
}

export type RootFieldKey = `${'Query' | 'Mutation'}.${string}`;

export function rootFieldKeys(schema: GraphQLSchema): RootFieldKey[] {
  const keys = (kind: 'Query' | 'Mutation') =>
    Object.values((kind === 'Query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {}).map(
      (field: GraphQLField<unknown, unknown>) => `${kind}.${field.name}` as RootFieldKey,
    );
  return [...keys('Query'), ...keys('Mutation')];
}
