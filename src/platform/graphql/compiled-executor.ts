import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { execute, getOperationAST, GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

import type { OperationExecutor } from './pipeline';

interface Compiled {
  operation: OperationDefinitionNode;
  query: CompiledQuery;
}

/**
 * Executes operations with graphql-jit: each (document, operation) is compiled once into a
 * function that walks the selection without graphql-js's per-field interpretation, which is about a
 * third of the CPU of a 100-row page. Apollo reuses one parsed document per query text, so the
 * compiled form is cached by that document object (and bounded, for clients sending many texts).
 * Variables are coerced by graphql-js itself (graphql-jit leaves input defaults out), and anything
 * graphql-jit cannot compile runs through graphql-js's `execute`, with the same result.
 */
export function compiledExecutor(schema: GraphQLSchema, options: { maxDocuments?: number } = {}): OperationExecutor {
  const cache = new LRUCache<DocumentNode, Map<string, Compiled | null>>({ max: options.maxDocuments ?? 1000 });
  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled | null => {
    let byName = cache.get(document);
    if (!byName) {
      byName = new Map();
      cache.set(document, byName);
    }
    const key = operationName ?? '';
    if (!byName.has(key)) {
      const operation = getOperationAST(document, operationName);
      const query = operation ? compileQuery(schema, document, operationName) : undefined;
      byName.set(key, operation && query && isCompiledQuery(query as never) ? { operation, query: query as CompiledQuery } : null);
    }
    return byName.get(key)!;
  };
  return (args: ExecutionArgs): Promise<ExecutionResult> | ExecutionResult => {
    if (args.schema !== schema) return execute(args);
    const compiled = compiledFor(args.document, args.operationName ?? undefined);
    if (!compiled) return execute(args);
    const variables = getVariableValues(schema, compiled.operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 50 });
    if (variables.errors) return { errors: variables.errors };
    const result = compiled.query.query(args.rootValue, args.contextValue, variables.coerced);
    return isPromiseLike(result) ? Promise.resolve(result).then(withGraphQLErrors) : withGraphQLErrors(result);
  };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown })?.then === 'function';
}

/**
 * graphql-jit's errors look like graphql-js's but leave `extensions` undefined where graphql-js
 * gives `{}`, which Apollo's error handling reads: they are rebuilt as graphql-js errors, with
 * their path, locations and the original error the formatter maps.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const rebuilt = new GraphQLError(error.message, {
      path: error.path,
      originalError: error.originalError ?? undefined,
      extensions: error.extensions ?? undefined,
    });
    if (error.locations) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
    return rebuilt;
  });
  return { ...result, errors };
}
