import { ApolloServer, ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  ExecutionArgs,
  ExecutionResult,
  FormattedExecutionResult,
  GraphQLFormattedError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  printSchema,
  ValidationRule,
} from 'graphql';

import type { AppConfig } from '../config';
import type { StatementCounter } from '../database/query-counter';
import type { Logger } from '../logger';
import type { RateLimiter } from '../rate-limit';
import { createErrorFormatter } from './format-error';
import { isTokenLimitError, LimitReason, limitValidationRules } from './limits';
import type { OperationContext } from './operation-context';
import { finishOperationStep, queryCostStep } from './pipeline-steps';
import { PERSISTED_QUERY_NOT_ALLOWED, TrustedDocumentResolution, TrustedDocumentStore } from './trusted-documents';

/**
 * One pipeline for every transport. An operation, whether it came over HTTP or WebSocket, goes
 * through the same steps in the same order, so the limits and the bookkeeping cannot drift apart:
 *
 * 1. admission (transport side, before any parsing): trusted documents (`admit`), then the caller's
 *    identity (the transport's business), then the rate limit and the request context (`open`);
 * 2. Apollo Server's request pipeline: parse (token limit), validate (depth, aliases, directives,
 *    introspection in production), variables, cost (`queryCostStep`), execute (the `executor`);
 * 3. before the answer leaves (`finishOperationStep`): the domain's hook (the access log), the HTTP
 *    status of an unreachable database, the log line; errors are formatted by one formatter.
 *
 * HTTP hands requests to `apollo` (express middleware); other transports call `run`, which runs
 * the very same Apollo pipeline (`executeOperation`). The executor is an option, so a compiled
 * executor (graphql-jit) plugs in here without touching a transport.
 *
 * Subscriptions are not part of the schema yet. When they come, `run` refuses them today; the plan is
 * a `subscribe` beside it that admits and opens the operation with the same steps at subscribe time,
 * while the access checks, which live in the schema's field resolvers, run again for every event.
 */
export type OperationExecutor = (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;

export interface OperationRequest {
  query?: string;
  documentId?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

export interface PipelineOptions<C extends OperationContext> {
  schema: GraphQLSchema;
  config: AppConfig;
  logger: Logger;
  counter: StatementCounter;
  rateLimiter: RateLimiter;
  /** The request context of one operation: the platform's part plus what the domain needs per request. */
  createContext: (base: OperationContext) => C;
  /** Runs before an answer leaves (e.g. writes the access log); if it throws, the data is withheld. */
  beforeResponse?: (context: C, operationName: string | null) => Promise<void>;
  executor?: OperationExecutor;
  /** Transport plugins (draining the HTTP server, the landing page). */
  plugins?: ApolloServerPlugin<C>[];
}

export interface OperationPipeline<C extends OperationContext> {
  apollo: ApolloServer<C>;
  trustedDocuments?: TrustedDocumentStore;
  /** Trusted documents: the query text a request stands for, or why it may not run. */
  admit(request: OperationRequest): TrustedDocumentResolution;
  /** Counts the operation against the caller's rate limit and builds its context. */
  open(base: OperationContext, rateLimitKey: string): Promise<C>;
  /** One admitted operation through Apollo's pipeline, for transports other than HTTP. */
  run(request: OperationRequest & { query: string }, context: C): Promise<FormattedExecutionResult>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createOperationPipeline<C extends OperationContext>(options: PipelineOptions<C>): OperationPipeline<C> {
  const { config, logger, schema } = options;
  // TRUSTED_DOCUMENTS=allow-list: only the manifest's documents run (loaded once; a missing file stops the start-up).
  const trustedDocuments = config.TRUSTED_DOCUMENTS === 'allow-list' ? TrustedDocumentStore.fromFile(config.trustedDocumentsFile) : undefined;
  if (trustedDocuments) logger.info({ documents: trustedDocuments.size, file: config.trustedDocumentsFile }, 'only trusted documents are accepted');
  const validationRules: ValidationRule[] = [...limitValidationRules(config), ...(config.isProduction ? [NoSchemaIntrospectionCustomRule] : [])];
  const formatError = pipelineErrorFormatter(config, logger);

  const apollo = new ApolloServer<C>({
    gateway: executorGateway(schema, options.executor ?? execute),
    formatError,
    // With an allow-list `admit` resolves ids; Apollo's own APQ cache would let any client register documents.
    ...(trustedDocuments ? { persistedQueries: false as const } : {}),
    introspection: !config.isProduction,
    validationRules,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    // One operation per HTTP request: batching would multiply every limit.
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM: Apollo's own handler raced it and left the drain hanging.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.NODE_ENV === 'development',
    plugins: [
      // Polku sets no cache hints; the plugin would still visit every field of every answer.
      ApolloServerPluginCacheControlDisabled(),
      queryCostStep(config, schema),
      finishOperationStep({ beforeResponse: options.beforeResponse, counter: options.counter, exposeStatements: config.BENCH_EXPOSE_STATEMENTS }),
      ...(options.plugins ?? []),
    ],
  });

  return {
    apollo,
    trustedDocuments,
    admit: (request) =>
      trustedDocuments
        ? trustedDocuments.resolve(request, config.MAX_TOKENS)
        : typeof request.query === 'string'
          ? { query: request.query }
          : { query: '' },
    open: async (base, rateLimitKey) => {
      await options.rateLimiter.consume(rateLimitKey);
      return options.createContext(base);
    },
    run: (request, context) =>
      options.counter.runInScope(async () => {
        const response = await apollo.executeOperation(
          {
            query: request.query,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? undefined,
            extensions: request.extensions ?? undefined,
          } as GraphQLRequest,
          { contextValue: context },
        );
        if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported');
        return response.body.singleResult;
      }),
    start: () => apollo.start(),
    stop: () => apollo.stop(),
  };
}

/**
 * The one error formatter of both transports: the shared formatter, plus the reasons of the
 * limits that graphql-js or the document gate report in their own words.
 */
export function pipelineErrorFormatter(config: AppConfig, logger: Logger) {
  const formatAnyError = createErrorFormatter({ logger, exposeInternals: config.NODE_ENV === 'development', hideSuggestions: config.isProduction });
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === PERSISTED_QUERY_NOT_ALLOWED)
      return { message: formatted.message, extensions: { code: PERSISTED_QUERY_NOT_ALLOWED } };
    const result = formatAnyError(formatted, error);
    if (result.extensions?.code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(result.message)) {
      return { ...result, extensions: { ...result.extensions, reason: LimitReason.QUERY_LIMIT_EXCEEDED, details: { maximum: config.MAX_TOKENS } } };
    }
    return result;
  };
}

/**
 * Apollo Server runs a gateway's executor instead of graphql-js's `execute`: the supported way to
 * choose the executor. Polku's gateway serves its own, fixed schema.
 */
function executorGateway(schema: GraphQLSchema, executor: OperationExecutor): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (requestContext) =>
          executor({
            schema,
            document: requestContext.document,
            contextValue: requestContext.context,
            variableValues: requestContext.request.variables,
            // The name asked for, not the one resolved: an unknown name must fail as graphql-js reports it.
            operationName: requestContext.request.operationName,
          }),
      };
    },
    async stop() {},
  };
}
