import {
  defaultFieldResolver,
  GraphQLArgument,
  GraphQLFieldResolver,
  GraphQLInputField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { Extensions } from 'type-graphql';

import { DomainError, ErrorCode, FieldProblem, reasons } from '../errors';
import { isUuid } from '../ids';
import { isStorableString } from '../strings';

/**
 * The one input boundary of the API. Every field resolver that takes arguments is wrapped, once,
 * where the schema is built, so it holds for HTTP and WebSocket alike: before the resolver (and so
 * before the access middleware, class-validator and any SQL) runs, the *coerced* argument values
 * (literals and variables alike) are walked against their types, and these are refused together in
 * one BAD_USER_INPUT error whose `fields` name the real argument path (`filter.nameSearch`,
 * `input.entries[2].periodId`, `id`):
 *
 * - strings (String, ID and any string inside a JSONObject, keys included) holding NUL or an
 *   unpaired UTF-16 surrogate: PostgreSQL cannot store either (`INVALID_STRING`);
 * - strings longer than `maxLength` (`STRING_TOO_LONG`) and lists longer than `maxItems`
 *   (`LIST_TOO_LONG`): platform defaults, a field may declare its own with `@InputLimit`;
 * - `ID` values that are not UUIDs: every id in Polku is one (`INVALID_ID`);
 * - Floats that are not finite (a literal such as `1e400`) (`INVALID_NUMBER`).
 *
 * Which arguments can hold anything to check is worked out once per field; fields whose arguments
 * are only Int, Boolean, enums or date scalars are not wrapped at all, and a wrapped field costs a
 * synchronous walk of its arguments, no Promise.
 */

export const DEFAULT_INPUT_LIMITS = {
  /** Characters (UTF-16 code units) per string; long free texts declare more with `@InputLimit`. */
  maxLength: 10_000,
  /** Items per list. */
  maxItems: 1_000,
};

export interface InputLimits {
  maxLength?: number;
  maxItems?: number;
}

/** Reasons in `extensions.reason` (and per entry of `extensions.fields`). */
export const InputProblem = reasons('input', {
  INVALID_STRING: [ErrorCode.BAD_USER_INPUT, 'A string holds a NUL character or an unpaired UTF-16 surrogate'],
  STRING_TOO_LONG: [ErrorCode.BAD_USER_INPUT, 'A string is longer than its field allows (10 000 characters unless the field says otherwise)'],
  LIST_TOO_LONG: [ErrorCode.BAD_USER_INPUT, 'A list has more items than its field allows (1 000 unless the field says otherwise)'],
  INVALID_ID: [ErrorCode.BAD_USER_INPUT, "An ID is not a UUID (a well-formed id outside the caller's scope is NOT_FOUND)"],
  INVALID_NUMBER: [ErrorCode.BAD_USER_INPUT, 'A Float is not a finite number'],
  TOO_DEEPLY_NESTED: [ErrorCode.BAD_USER_INPUT, 'A JSON value is nested more than 32 levels deep'],
});

const EXTENSION = 'inputLimits';

/**
 * A field's own limits (input-object fields), e.g. `@InputLimit({ maxLength: 20_000 })` on a long
 * free text or `@InputLimit({ maxItems: 200 })` on a list that reaches one SQL statement.
 */
export function InputLimit(limits: InputLimits): PropertyDecorator & MethodDecorator & ClassDecorator {
  return Extensions({ [EXTENSION]: limits });
}

/** Scalars whose parsing already restricts a value to a fixed, short format. */
const SAFE_SCALARS = new Set(['Int', 'Boolean', 'LocalDate', 'DateTimeISO']);

/** Problems beyond this many are not listed (a list of 999 bad ids needs no 999 entries). */
const MAX_PROBLEMS = 50;
/** JSON values nested deeper than this are refused rather than walked. */
const MAX_JSON_DEPTH = 32;

type Checker = (value: unknown, path: string, problems: FieldProblem[]) => void;

const messages: Record<string, (limit?: number) => string> = {
  [InputProblem.INVALID_STRING]: () => 'must not contain NUL characters or unpaired surrogates',
  [InputProblem.STRING_TOO_LONG]: (limit) => `must be at most ${limit} characters long`,
  [InputProblem.LIST_TOO_LONG]: (limit) => `must have at most ${limit} items`,
  [InputProblem.INVALID_ID]: () => 'Not a valid id',
  [InputProblem.INVALID_NUMBER]: () => 'must be a finite number',
  [InputProblem.TOO_DEEPLY_NESTED]: (limit) => `must not be nested more than ${limit} levels deep`,
};

function add(problems: FieldProblem[], path: string, reason: (typeof InputProblem)[keyof typeof InputProblem], limit?: number): void {
  if (problems.length < MAX_PROBLEMS) problems.push({ path, message: messages[reason](limit), reason });
}

function checkString(value: string, path: string, problems: FieldProblem[], maxLength: number): void {
  if (value.length > maxLength) add(problems, path, InputProblem.STRING_TOO_LONG, maxLength);
  else if (!isStorableString(value)) add(problems, path, InputProblem.INVALID_STRING);
}

function checkJson(value: unknown, path: string, problems: FieldProblem[], maxLength: number, depth: number): void {
  if (typeof value === 'string') return checkString(value, path, problems, maxLength);
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_JSON_DEPTH) return add(problems, path, InputProblem.TOO_DEEPLY_NESTED, MAX_JSON_DEPTH);
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJson(item, `${path}[${i}]`, problems, maxLength, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.length > maxLength || !isStorableString(key)) add(problems, path, InputProblem.INVALID_STRING);
    else checkJson(item, `${path}.${key}`, problems, maxLength, depth + 1);
  }
}

class CheckerCompiler {
  private readonly inputObjects = new Map<string, Checker | null>();

  constructor(private readonly defaults: Required<InputLimits>) {}

  /** A checker for values of `type` at a position with `limits`, or null when nothing can be wrong. */
  compile(type: GraphQLInputType, limits: InputLimits): Checker | null {
    const maxLength = limits.maxLength ?? this.defaults.maxLength;
    const maxItems = limits.maxItems ?? this.defaults.maxItems;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const item = this.compile(inner.ofType, { maxLength });
      return (value, path, problems) => {
        if (!Array.isArray(value)) return item?.(value, path, problems);
        if (value.length > maxItems) return add(problems, path, InputProblem.LIST_TOO_LONG, maxItems);
        if (item)
          for (let i = 0; i < value.length && problems.length < MAX_PROBLEMS; i++) if (value[i] != null) item(value[i], `${path}[${i}]`, problems);
      };
    }
    if (isInputObjectType(inner)) return this.inputObject(inner.name, () => inner.getFields());
    if (isEnumType(inner)) return null;
    if (isScalarType(inner)) {
      if (SAFE_SCALARS.has(inner.name)) return null;
      if (inner.name === 'ID') {
        return (value, path, problems) => {
          if (!isUuid(value)) add(problems, path, InputProblem.INVALID_ID);
        };
      }
      if (inner.name === 'Float') {
        return (value, path, problems) => {
          if (typeof value === 'number' && !Number.isFinite(value)) add(problems, path, InputProblem.INVALID_NUMBER);
        };
      }
      if (inner.name === 'String') {
        return (value, path, problems) => {
          if (typeof value === 'string') checkString(value, path, problems, maxLength);
        };
      }
      // JSONObject and any other scalar: every string inside, keys included.
      return (value, path, problems) => checkJson(value, path, problems, maxLength, 0);
    }
    return null;
  }

  /** Memoised per input type; a recursive input type refers to itself through the map. */
  private inputObject(name: string, fields: () => Record<string, GraphQLInputField>): Checker | null {
    if (this.inputObjects.has(name)) {
      const known = this.inputObjects.get(name);
      // Still being compiled (recursion): look it up when called.
      return known === undefined ? (value, path, problems) => this.inputObjects.get(name)?.(value, path, problems) : known;
    }
    this.inputObjects.set(name, undefined as never);
    const checks = Object.values(fields())
      .map((field) => [field.name, this.compile(field.type, limitsOf(field))] as const)
      .filter((entry): entry is readonly [string, Checker] => entry[1] !== null);
    const checker: Checker | null = checks.length
      ? (value, path, problems) => {
          if (value === null || typeof value !== 'object') return;
          const object = value as Record<string, unknown>;
          for (const [field, check] of checks) {
            const item = object[field];
            if (item != null) check(item, `${path}.${field}`, problems);
          }
        }
      : null;
    this.inputObjects.set(name, checker);
    return checker;
  }
}

function limitsOf(position: GraphQLInputField | GraphQLArgument): InputLimits {
  return (position.extensions?.[EXTENSION] as InputLimits | undefined) ?? {};
}

/** The error for what the guard found: BAD_USER_INPUT, all problems in `fields`, the first one's reason. */
export function inputProblemsError(problems: FieldProblem[]): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${problems.map((p) => p.path).join(', ')}`, {
    reason: problems[0].reason,
    fields: problems,
  });
}

/** Problems in the coerced arguments of one field, or null when none of its arguments can hold any. */
function compileArguments(compiler: CheckerCompiler, args: readonly GraphQLArgument[]): ((values: Record<string, unknown>) => FieldProblem[]) | null {
  const checks = args
    .map((arg) => [arg.name, compiler.compile(arg.type, limitsOf(arg))] as const)
    .filter((entry): entry is readonly [string, Checker] => entry[1] !== null);
  if (!checks.length) return null;
  return (values) => {
    const problems: FieldProblem[] = [];
    for (const [name, check] of checks) {
      const value = values[name];
      if (value != null) check(value, name, problems);
    }
    return problems;
  };
}

const guardedFields = new WeakSet<object>();

/** Whether the guard wrapped this field's resolver (fields without checkable arguments are left alone). */
export function isGuarded(field: object): boolean {
  return guardedFields.has(field);
}

/**
 * Wraps, in place, the resolver of every field whose arguments can hold something to check, and
 * returns the schema. Call it last where the schema is built, after any schema mapping.
 */
export function guardSchemaInputs(schema: GraphQLSchema, limits: InputLimits = {}): GraphQLSchema {
  const compiler = new CheckerCompiler({ ...DEFAULT_INPUT_LIMITS, ...limits } as Required<InputLimits>);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const check = compileArguments(compiler, field.args);
      if (!check) continue;
      guardedFields.add(field);
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const problems = check(args);
        if (problems.length) throw inputProblemsError(problems);
        return resolve(source, args, context, info);
      };
      if (field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = (source, args, context, info) => {
          const problems = check(args);
          if (problems.length) throw inputProblemsError(problems);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
