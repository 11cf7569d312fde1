import { validate, ValidationError, ValidatorOptions } from 'class-validator';
import { getNamedType, GraphQLResolveInfo, GraphQLSchema, isInputObjectType, isObjectType } from 'graphql';
import { getMetadataStorage, ValidatorFn } from 'type-graphql';

import { DomainError, ErrorCode, FieldProblem, PlatformReason } from '../errors';

/**
 * class-validator rules of type-graphql arguments, with paths that name the real argument.
 *
 * type-graphql's own validation reports an ArgumentValidationError that does not say which
 * argument failed, so every path used to start with `input` whatever the argument was called
 * (`input.coachId` for `trainees(filter: { coachId })`, `input.first` for a page argument). This
 * validator knows the argument: an `@Arg('filter', …)` input class gives `filter.coachId`, an
 * `@Args()` class (whose properties are the field's arguments) gives `first`, list items give
 * `input.entries[2].hours`. A failure is a DomainError: BAD_USER_INPUT, reason INVALID_INPUT,
 * `fields` per failing path.
 */

const options: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

type ArgumentClass = Function;

const argsClasses = new WeakMap<ArgumentClass, boolean>();
const inputNames = new WeakMap<ArgumentClass, string | null>();

function isArgsClass(target: ArgumentClass): boolean {
  let known = argsClasses.get(target);
  if (known === undefined) {
    known = getMetadataStorage().argumentTypes.some((type) => type.target === target);
    argsClasses.set(target, known);
  }
  return known;
}

function inputTypeName(target: ArgumentClass): string | null {
  let known = inputNames.get(target);
  if (known === undefined) {
    known = getMetadataStorage().inputTypes.find((type) => type.target === target)?.name ?? null;
    inputNames.set(target, known);
  }
  return known;
}

/** `''` for an @Args class (its properties are arguments), else the one argument of that input type. */
function argumentPrefix(target: ArgumentClass, info: GraphQLResolveInfo): string {
  if (isArgsClass(target)) return '';
  const typeName = inputTypeName(target);
  const args = info.parentType.getFields()[info.fieldName]?.args ?? [];
  const matching = args.filter((arg) => getNamedType(arg.type).name === typeName);
  // assertUnambiguousArguments makes this one argument at start-up.
  return matching[0]?.name ?? 'input';
}

export function joinPath(prefix: string, property: string, parentIsList: boolean): string {
  if (parentIsList && /^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

/** One entry per broken constraint, with the path of the property (list items as `[i]`). */
export function flattenValidationErrors(errors: ValidationError[], prefix: string, parentIsList = false): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = joinPath(prefix, error.property, parentIsList);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path, Array.isArray(error.value))];
  });
}

export const validateArgument: ValidatorFn = async (argValue, argType, { info }) => {
  if (argValue === null || typeof argValue !== 'object') return;
  const target = (Array.isArray(argType) ? argType[0] : argType) as ArgumentClass;
  if (typeof target !== 'function') return;
  const prefix = argumentPrefix(target, info);
  const items: Array<[string, unknown]> = Array.isArray(argValue) ? argValue.map((item, i) => [`${prefix}[${i}]`, item]) : [[prefix, argValue]];
  const problems: FieldProblem[] = [];
  for (const [path, item] of items) {
    if (item !== null && typeof item === 'object') problems.push(...flattenValidationErrors(await validate(item, options), path));
  }
  if (problems.length) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${[...new Set(problems.map((p) => p.path))].join(', ')}`, {
      reason: PlatformReason.INVALID_INPUT,
      fields: problems,
    });
  }
};

/**
 * Refuses a schema where one field has two arguments of the same input type: the validator could
 * not tell which of them a failing value came from.
 */
export function assertUnambiguousArguments(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const seen = new Set<string>();
      for (const arg of field.args) {
        const named = getNamedType(arg.type);
        if (!isInputObjectType(named)) continue;
        if (seen.has(named.name))
          throw new Error(`${type.name}.${field.name} has two arguments of input type ${named.name}; give each its own input type`);
        seen.add(named.name);
      }
    }
  }
}
