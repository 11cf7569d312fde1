import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { DocumentNode, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { AppConfig } from '../config';

/** Static limits, run as validation rules on both transports. */
export function limitValidationRules(config: AppConfig): ValidationRule[] {
  // Armor throws by default, which surfaces as an internal error; report a coded validation error instead.
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_LIMIT_EXCEEDED' } })),
    ],
  };
  return [
    maxDepthRule({ n: config.MAX_QUERY_DEPTH, ignoreIntrospection: true, flattenFragments: true, ...report }) as unknown as ValidationRule,
    maxAliasesRule({ n: config.MAX_ALIASES, ...report }) as unknown as ValidationRule,
    maxDirectivesRule({ n: config.MAX_DIRECTIVES, ...report }) as unknown as ValidationRule,
  ];
}

/** Page sizes come from variables too, so the cost is computed once variables are known. */
const DEFAULT_PAGE_SIZE = 20;

const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(args.first, 1);
  if ('first' in args) return 1 + childComplexity * DEFAULT_PAGE_SIZE;
  return undefined;
};

export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

export function assertQueryCost(config: AppConfig, schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): void {
  const cost = queryCost(schema, document, variables, operationName);
  if (cost > config.MAX_QUERY_COST) {
    throw new GraphQLError(`Query is too expensive: cost ${cost} exceeds ${config.MAX_QUERY_COST}. Ask for smaller pages or fewer nested lists.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY', details: { cost, maximum: config.MAX_QUERY_COST }, http: { status: 400 } },
    });
  }
}

