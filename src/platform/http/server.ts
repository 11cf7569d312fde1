import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { ErrorRequestHandler, Request, RequestHandler } from 'express';
import {
  DocumentNode,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { useServer } from 'graphql-ws/use/ws';
import { pinoHttp } from 'pino-http';
import { WebSocketServer } from 'ws';
import type { Actor } from '../auth/actor';
import type { StatementCounter } from '../database/query-counter';
import { purposeOf } from '../../modules/access-log/access-log.service';
import { AppDependencies, createRequestContext, RequestContext } from '../graphql/context';
import { createErrorFormatter } from '../graphql/format-error';
import { assertQueryCost, isTokenLimitError, LimitReason, limitValidationRules } from '../graphql/limits';
import { PERSISTED_QUERY_NOT_ALLOWED, TrustedDocumentStore } from '../graphql/trusted-documents';
import { isDatabaseUnavailable } from '../database/availability';
import { DomainError, ErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, serviceUnavailable } from '../errors';
import { describeError } from '../logger';
import { RateLimiter } from '../rate-limit';

/** Paths served here; anything else is logged as `[other]` (a path can carry whatever a client typed). */
const knownPaths = new Set(['/graphql', '/healthz', '/readyz']);

export function loggedPath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return knownPaths.has(path) ? path : '[other]';
}

export interface PolkuServer {
  httpServer: http.Server;
  /** Resolves with the bound port once listening. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, closes WebSocket connections. */
  stop(): Promise<void>;
}

/**
 * A caller's `x-request-id` is kept only when it looks like an id: a UUID or a trace id, 16–64 hex
 * digits and dashes. Anything else (a name, an identity code, free text) would end up in every log
 * line and in the access log, so a fresh id is minted instead.
 */
const requestIdPattern = /^[0-9A-Fa-f][0-9A-Fa-f-]{14,62}[0-9A-Fa-f]$/;

export function requestIdFrom(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}

export async function createPolkuServer(
  deps: AppDependencies,
  schema: GraphQLSchema,
  counter: StatementCounter,
): Promise<PolkuServer> {
  const { config, logger, dataSource } = deps;
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is chosen by the client unless a known proxy set it: believing it blindly would
  // let an anonymous caller rotate its rate-limit key (and the logged address) at will.
  app.set('trust proxy', config.TRUSTED_PROXY_HOPS);
  const httpServer = http.createServer(
    {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      // Node checks both timeouts only this often (30 s by default): a quarter of the shorter one.
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(config.HTTP_HEADERS_TIMEOUT_MS / 4))),
    },
    app,
  );
  httpServer.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  const formatAnyError = createErrorFormatter({ logger, exposeInternals: config.NODE_ENV === 'development', hideSuggestions: config.isProduction });
  // Limit refusals keep their reason on both transports: the token limit is a parse error from graphql-js.
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === PERSISTED_QUERY_NOT_ALLOWED) return { message: formatted.message, extensions: { code: PERSISTED_QUERY_NOT_ALLOWED } };
    const result = formatAnyError(formatted, error);
    if (result.extensions?.code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(result.message)) {
      return { ...result, extensions: { ...result.extensions, reason: LimitReason.QUERY_LIMIT_EXCEEDED, details: { maximum: config.MAX_TOKENS } } };
    }
    return result;
  };
  const rateLimiter = new RateLimiter(config, dataSource, logger);
  // TRUSTED_DOCUMENTS=allow-list: only the manifest's documents run (loaded once; a missing file stops the start-up).
  const trustedDocuments = config.TRUSTED_DOCUMENTS === 'allow-list' ? TrustedDocumentStore.fromFile(config.trustedDocumentsFile) : undefined;
  if (trustedDocuments) logger.info({ documents: trustedDocuments.size, file: config.trustedDocumentsFile }, 'only trusted documents are accepted');
  // The same limits on both transports; introspection is off in production.
  const extraRules: ValidationRule[] = [...limitValidationRules(config), ...(config.isProduction ? [NoSchemaIntrospectionCustomRule] : [])];

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = requestIdFrom(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      // Health probes every few seconds would drown the log.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // One line per request: a GraphQL request's operation, error codes and statement count join it.
      customSuccessObject: (_req, res, line) => ({ ...line, ...(res as express.Response).locals?.graphql }),
      customErrorObject: (_req, res, _error, line) => ({ ...line, ...(res as express.Response).locals?.graphql }),
      // The path only: a query string (GET /graphql?query=…&variables=…) holds whatever the caller sent.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: describeError,
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      const pending = await dataSource.showMigrations();
      if (pending) {
        res.status(503).json({ status: 'unavailable', reason: 'pending migrations' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  /**
   * Writes what the request read or wrote to the access log before the answer leaves. If that
   * fails the data is withheld: no read of personal data goes unrecorded. Undefined when written,
   * else the error to answer with: SERVICE_UNAVAILABLE when the database cannot be reached.
   */
  const recordAccess = async (context: RequestContext, operationName: string | null | undefined): Promise<GraphQLFormattedError | undefined> => {
    if (!context.actor || !context.accessLog.size) return undefined;
    try {
      await deps.services.accessLog.flush(context.accessLog, {
        requestId: context.requestId,
        actor: context.actor,
        purpose: purposeOf(context.purposeHeader, operationName),
        operationName: operationName ?? null,
      });
      return undefined;
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        context.logger.warn({ err: error }, 'database unavailable: could not write the access log; response withheld');
        const { http: _http, ...extensions } = serviceUnavailable().extensions;
        return { message: 'The service is temporarily unavailable; retry later', extensions };
      }
      context.logger.error({ err: error }, 'could not write the access log; response withheld');
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  };

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.MAX_BODY_BYTES });
  // ws repeats the HTTP server's errors (a port in use); listen() reports them, ws must not rethrow them.
  wsServer.on('error', () => undefined);
  // The WebSocket path bypasses Apollo: context, loaders and error formatting are set up here too.
  const wsCleanup = useServer<{ authorization?: string; purpose?: string }, { requestId: string; actor?: Actor }>(
    {
      schema,
      // Browsers cannot set headers on WebSocket: the token comes in the connection_init payload.
      onConnect: async (ctx) => {
        try {
          ctx.extra.actor = await deps.tokens.actorFromAuthorizationHeader(ctx.connectionParams?.authorization);
          return true;
        } catch (error) {
          // 1013 "try again later": the token may be fine, its claims could not be confirmed.
          if (isDatabaseUnavailable(error)) ctx.extra.socket.close(1013, 'Service unavailable; retry later');
          return false;
        }
      },
      // Parsing, validation, limits and context are done here because this path bypasses Apollo, in
      // HTTP's order: trusted documents, rate limit, parse (token limit), validation (depth, aliases,
      // directives, introspection in production), variables, cost.
      onSubscribe: async (ctx, _id, payload) => {
        ctx.extra.requestId ??= requestIdFrom(ctx.extra.request);
        let query = payload.query;
        if (trustedDocuments) {
          const resolution = trustedDocuments.resolve(payload as typeof payload & { documentId?: unknown }, config.MAX_TOKENS);
          if ('error' in resolution) return [resolution.error];
          query = resolution.query;
        }
        try {
          await rateLimiter.consume(ctx.extra.actor ? `user:${ctx.extra.actor.userId}` : `ip:${ctx.extra.request.socket.remoteAddress}`);
        } catch (error) {
          return [error as GraphQLError];
        }
        let document: DocumentNode;
        try {
          document = parse(query, { maxTokens: config.MAX_TOKENS });
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Syntax error';
          return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, [...specifiedRules, ...extraRules]);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) {
          const message = payload.operationName ? `Unknown operation named "${payload.operationName}".` : 'Must provide operation name if query contains multiple operations.';
          return [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        }
        // As on HTTP: variables that do not fit the operation are BAD_USER_INPUT, not an internal error.
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 50 });
        if (variables.errors) return variables.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
        try {
          assertQueryCost(config, schema, document, payload.variables, payload.operationName);
        } catch (error) {
          return [error as GraphQLError];
        }
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createRequestContext(deps, ctx.extra.requestId, ctx.extra.actor, typeof ctx.connectionParams?.purpose === 'string' ? ctx.connectionParams.purpose : undefined),
        };
      },
      onNext: async (_ctx, _id, payload, args, result) => {
        const context = args.contextValue as RequestContext;
        const operationName = getOperationAST(args.document, payload.operationName ?? undefined)?.name?.value ?? null;
        const withheld = await recordAccess(context, operationName);
        const answer = withheld
          ? { errors: [withheld] }
          : result.errors
            ? { ...result, errors: result.errors.map((error: GraphQLError) => formatError(error.toJSON(), error)) }
            : result;
        context.logger.info({ transport: 'ws', operationName, errorCodes: answer.errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') }, 'graphql operation');
        return answer as never;
      },
      // Errors before execution are parse or validation failures, as on HTTP.
      onError: (ctx, _id, _payload, errors) => {
        const formatted = errors.map((error) =>
          formatError({ ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions } }, error),
        );
        logger.info({ requestId: ctx.extra.requestId, transport: 'ws', errorCodes: formatted.map((e) => e.extensions?.code) }, 'graphql operation');
        return formatted;
      },
    },
    wsServer,
  );

  // Where an HTTP request's operation is put for its request line (the WebSocket path logs its own).
  // Keyed by an object of the context: Apollo hands plugins a shallow copy of the context.
  const responseLocals = new WeakMap<object, Record<string, unknown>>();
  const requestLogPlugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          assertQueryCost(config, schema, document, request.variables, operationName);
        },
        async willSendResponse({ contextValue, operationName, errors, response }) {
          const withheld = await recordAccess(contextValue, operationName);
          if (withheld && response.body.kind === 'single') {
            response.body.singleResult = { errors: [withheld] } as never;
            response.http.status = 500;
          }
          // The database could not be reached: retryable, so 503 with Retry-After, never 200 as if it were a bug.
          if (response.body.kind === 'single' && response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
          }
          const operation = {
            operationName: operationName ?? null,
            sqlStatements: counter.current(),
            errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          };
          const locals = responseLocals.get(contextValue.accessLog);
          if (locals) locals.graphql = { ...operation, userId: contextValue.actor?.userId, role: contextValue.actor?.role };
          else contextValue.logger?.info(operation, 'graphql operation');
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    // With an allow-list the gate below resolves ids; Apollo's own APQ cache would let any client register documents.
    ...(trustedDocuments ? { persistedQueries: false as const } : {}),
    introspection: !config.isProduction,
    validationRules: extraRules,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    // One operation per HTTP request: batching would multiply every limit.
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM: Apollo's own handler raced it and left the drain hanging.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.NODE_ENV === 'development',
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      requestLogPlugin,
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  // Trusted documents on HTTP: an id becomes the stored document, a text must be in the manifest.
  const trustedDocumentsGate: RequestHandler = (req, res, next) => {
    if (!trustedDocuments) return next();
    const refuse = (error: GraphQLError) => {
      res.status(400).json({ errors: [{ message: error.message, extensions: { code: PERSISTED_QUERY_NOT_ALLOWED } }] });
    };
    if (req.method === 'POST') {
      const body: unknown = req.body;
      // Arrays (batches) and other shapes are refused by Apollo itself.
      if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
      const request = body as { query?: unknown; documentId?: unknown; extensions?: Record<string, unknown> };
      const resolution = trustedDocuments.resolve(request, config.MAX_TOKENS);
      if ('error' in resolution) return refuse(resolution.error);
      request.query = resolution.query;
      delete request.documentId;
      if (request.extensions && typeof request.extensions === 'object') delete request.extensions.persistedQuery;
      return next();
    }
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://localhost');
      // Nothing asked for (a browser opening the endpoint): Apollo answers that itself.
      if (!['query', 'documentId', 'extensions'].some((name) => url.searchParams.has(name))) return next();
      let extensions: Record<string, unknown> | undefined;
      try {
        const given = url.searchParams.get('extensions');
        extensions = given ? (JSON.parse(given) as Record<string, unknown>) : undefined;
      } catch {
        extensions = undefined;
      }
      const resolution = trustedDocuments.resolve(
        { query: url.searchParams.get('query') ?? undefined, documentId: url.searchParams.get('documentId') ?? undefined, extensions },
        config.MAX_TOKENS,
      );
      if ('error' in resolution) return refuse(resolution.error);
      url.searchParams.set('query', resolution.query);
      url.searchParams.delete('documentId');
      if (extensions && typeof extensions === 'object') {
        delete extensions.persistedQuery;
        url.searchParams.set('extensions', JSON.stringify(extensions));
      }
      req.url = `${url.pathname}${url.search}`;
    }
    return next();
  };

  app.use(
    '/graphql',
    (_req, _res, next) => counter.runInScope(next),
    express.json({ limit: config.MAX_BODY_BYTES }),
    trustedDocumentsGate,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        let actor: Actor | undefined;
        try {
          actor = await deps.tokens.actorFromAuthorizationHeader(req.headers.authorization);
        } catch (error) {
          // A token that was sent but is bad fails the whole request with 401, before any resolver.
          // Anything else (the database down while the token's claims are confirmed) is not the caller's fault.
          if (isDatabaseUnavailable(error)) throw serviceUnavailable();
          if (!(error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED)) throw error;
          throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        await rateLimiter.consume(actor ? `user:${actor.userId}` : `ip:${req.ip}`);
        const purpose = req.headers['x-purpose'];
        const context = createRequestContext(deps, (req as Request & { id: string }).id, actor, Array.isArray(purpose) ? purpose[0] : purpose);
        responseLocals.set(context.accessLog, res.locals);
        return context;
      },
    }),
  );

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Body parser failures: malformed JSON is 400, an oversized body 413 (GraphQL-over-HTTP).
  const bodyErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) req.log.error({ err: error }, 'unhandled HTTP error');
    const message = status === 413 ? 'Request body too large' : status === 400 ? 'Malformed JSON body' : status === 500 ? 'Internal server error' : 'Bad request';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
    });
  };
  app.use(bodyErrorHandler);

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    stop: async () => {
      // Drain plugins close the HTTP server (waiting for in-flight requests) and the WebSocket server.
      await apollo.stop();
    },
  };
}
