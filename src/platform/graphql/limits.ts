import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { ASTNode, DocumentNode, getOperationAST, GraphQLError, GraphQLSchema, Kind, ValidationContext, ValidationRule } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

import type { AppConfig } from '../config';
import { ErrorCode, reasons } from '../errors';

/**
 * `extensions.reason` of the limit refusals, the same on HTTP and WebSocket. Their code is
 * GRAPHQL_VALIDATION_FAILED (the token limit: GRAPHQL_PARSE_FAILED), which the list of error codes
 * does not hold, so the reasons name it in their descriptions.
 */
export const LimitReason = reasons('query-limits', {
  QUERY_LIMIT_EXCEEDED: [
    ErrorCode.BAD_USER_INPUT,
    'GRAPHQL_VALIDATION_FAILED (or GRAPHQL_PARSE_FAILED for tokens): depth, aliases, directives or tokens over their limits',
  ],
  QUERY_TOO_COSTLY: [
    ErrorCode.BAD_USER_INPUT,
    'GRAPHQL_VALIDATION_FAILED: the cost (page sizes multiplied through) is over MAX_QUERY_COST; `details` gives cost and maximum',
  ],
});

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: LimitReason.QUERY_LIMIT_EXCEEDED } });
}

/** Static limits, run as validation rules on both transports. */
export function limitValidationRules(config: AppConfig): ValidationRule[] {
  // Armor throws by default, which surfaces as an internal error; report a coded validation error instead.
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(error.message.replace(/^Syntax Error: /, ''))),
    ],
  };
  return [
    maxDepthRule({ n: config.MAX_QUERY_DEPTH, ignoreIntrospection: true, flattenFragments: true, ...report }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.MAX_ALIASES, ...report }) as unknown as ValidationRule,
    maxDirectivesRule(config.MAX_DIRECTIVES),
  ];
}

/**
 * Directives per operation, through fragments. Replaces graphql-armor's max-directives, which
 * forgets the directives on the second and later spreads of a fragment (`...F @include(if: true)`
 * repeated), so any number of them got through.
 */
export function maxDirectivesRule(maximum: number): ValidationRule {
  return (context) => {
    const perFragment = new Map<string, number>();
    const count = (node: ASTNode, inProgress: Set<string>): number => {
      let total = 'directives' in node && node.directives ? node.directives.length : 0;
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const name = node.name.value;
        if (!perFragment.has(name) && !inProgress.has(name)) {
          const fragment = context.getFragment(name);
          inProgress.add(name);
          // A cycle counts once; NoFragmentCyclesRule refuses the document anyway.
          perFragment.set(name, fragment ? count(fragment, inProgress) : 0);
          inProgress.delete(name);
        }
        total += perFragment.get(name) ?? 0;
      } else if ('selectionSet' in node && node.selectionSet) {
        for (const selection of node.selectionSet.selections) total += count(selection, inProgress);
      }
      return total;
    };
    return {
      OperationDefinition(operation) {
        const found = count(operation, new Set());
        if (found > maximum) context.reportError(limitError(`Directives limit of ${maximum} exceeded, found ${found}.`));
      },
    };
  };
}

/** graphql-js refuses a document over MAX_TOKENS while parsing; this recognises that parse error (16.x says "more that"). */
export function isTokenLimitError(message: string): boolean {
  return /Document contains more tha[nt] \d+ tokens/.test(message);
}

/** Page sizes come from variables too, so the cost is computed once variables are known. */
const DEFAULT_PAGE_SIZE = 20;

const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(args.first, 1);
  if ('first' in args) return 1 + childComplexity * DEFAULT_PAGE_SIZE;
  return undefined;
};

/**
 * Every field costs 1; a field with `first: n` costs 1 + n × what is under it (also when n comes
 * from a variable or the argument's default). Undefined when the variables do not fit the
 * operation: nothing is executed then, and execution reports the variables as BAD_USER_INPUT.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): number | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return undefined;
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operation.name?.value,
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // The only failure left is graphql-query-complexity's node budget (fragments spread over and
    // over again): that document is too costly by any measure.
    return Number.POSITIVE_INFINITY;
  }
}

/** Throws GRAPHQL_VALIDATION_FAILED / QUERY_TOO_COSTLY (HTTP 400) over MAX_QUERY_COST; returns the cost. */
export function assertQueryCost(
  config: AppConfig,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): number | undefined {
  const cost = queryCost(schema, document, variables, operationName);
  if (cost !== undefined && cost > config.MAX_QUERY_COST) {
    const shown = Number.isFinite(cost) ? String(cost) : 'too many fields';
    throw new GraphQLError(`Query is too expensive: cost ${shown} exceeds ${config.MAX_QUERY_COST}. Ask for smaller pages or fewer nested lists.`, {
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        reason: LimitReason.QUERY_TOO_COSTLY,
        details: { cost: Number.isFinite(cost) ? cost : null, maximum: config.MAX_QUERY_COST },
        http: { status: 400 },
      },
    });
  }
  return cost;
}
