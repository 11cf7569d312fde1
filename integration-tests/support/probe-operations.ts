import { randomUUID } from 'node:crypto';

import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * A minimal, valid document for one root field, built from the schema: every required argument
 * gets a placeholder of its type (ids that exist nowhere), and the selection is `__typename`.
 * Used to walk every operation as every role without writing ~100 documents by hand.
 */
export function probeDocument(schema: GraphQLSchema, kind: 'Query' | 'Mutation', fieldName: string): string {
  const root = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  const field = root.getFields()[fieldName];
  const args = field.args
    .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)
    .map((arg) => `${arg.name}: ${inputLiteral(arg.type, arg.name)}`);
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind === 'Query' ? 'query' : 'mutation'} Probe { ${fieldName}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

/** A caller's own value for a scalar argument (by scalar type and argument name), or undefined for the placeholder. */
export type ScalarChoice = (scalar: string, argumentName: string) => string | undefined;

/**
 * A GraphQL literal of the input type: required input-object fields filled recursively, lists of
 * one, the first enum value, and placeholders of each scalar (ids that exist nowhere) unless
 * `choose` gives a value.
 */
export function inputLiteral(type: GraphQLInputType, name: string, choose: ScalarChoice = () => undefined): string {
  if (isNonNullType(type)) return inputLiteral(type.ofType, name, choose);
  if (isListType(type)) return `[${inputLiteral(type.ofType, name, choose)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields())
      .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      .map((f) => `${f.name}: ${inputLiteral(f.type, f.name, choose)}`);
    return `{ ${fields.join(', ')} }`;
  }
  return choose(type.name, name) ?? placeholder(type.name, name);
}

function placeholder(scalar: string, name: string): string {
  switch (scalar) {
    case 'ID':
      return JSON.stringify(randomUUID());
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

/** Every field to `depth` object levels; fields whose arguments are all optional, leaves always. */
export function fieldSelection(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth > 0) {
      const inner = fieldSelection(named, depth - 1);
      if (inner) parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}
