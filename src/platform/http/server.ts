import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { FormattedExecutionResult, GraphQLError, GraphQLFormattedError, GraphQLSchema, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { pinoHttp } from 'pino-http';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { TokenVerifier } from '../auth/tokens';
import type { AppConfig } from '../config';
import { isDatabaseUnavailable } from '../database/availability';
import type { StatementCounter } from '../database/query-counter';
import { DomainError, ErrorCode, serviceUnavailable } from '../errors';
import { operationContext, OperationContext } from '../graphql/operation-context';
import { createOperationPipeline, OperationExecutor, OperationPipeline, pipelineErrorFormatter } from '../graphql/pipeline';
import { PERSISTED_QUERY_NOT_ALLOWED } from '../graphql/trusted-documents';
import { describeError, Logger } from '../logger';
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

export interface ServerOptions<C extends OperationContext> {
  config: AppConfig;
  logger: Logger;
  /** For readiness checks and the rate-limit counters. */
  dataSource: DataSource;
  counter: StatementCounter;
  schema: GraphQLSchema;
  tokens: TokenVerifier;
  /** The request context of one operation (the composition root adds loaders and the access bookkeeping). */
  createContext: (base: OperationContext) => C;
  /** Runs before an answer leaves, on both transports (the access log). */
  beforeResponse?: (context: C, operationName: string | null) => Promise<void>;
  executor?: OperationExecutor;
}

/**
 * HTTP (express + Apollo Server) and WebSocket (graphql-ws) on one port. Both hand every operation
 * to the same pipeline (src/platform/graphql/pipeline.ts); what is left here is what differs
 * between the transports: how a request arrives, who the caller is, and how the answer is framed.
 */
export async function createPolkuServer<C extends OperationContext>(options: ServerOptions<C>): Promise<PolkuServer> {
  const { config, logger, dataSource, counter } = options;
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
  const formatError = pipelineErrorFormatter(config, logger);

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

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.MAX_BODY_BYTES });
  let pipeline: OperationPipeline<C> | undefined;
  const wsCleanup = serveWebSocket(wsServer, () => pipeline!, options, formatError);

  pipeline = createOperationPipeline<C>({
    schema: options.schema,
    config,
    logger,
    counter,
    rateLimiter: new RateLimiter(config, dataSource, logger),
    createContext: options.createContext,
    beforeResponse: options.beforeResponse,
    executor: options.executor,
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
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await pipeline.start();
  const admitted = pipeline;

  app.use(
    '/graphql',
    (_req, _res, next) => counter.runInScope(next),
    express.json({ limit: config.MAX_BODY_BYTES }),
    trustedDocumentsGate(admitted),
    expressMiddleware(admitted.apollo, {
      context: async ({ req }) => {
        let actor: Actor | undefined;
        try {
          actor = await options.tokens.actorFromAuthorizationHeader(req.headers.authorization);
        } catch (error) {
          throw authenticationFailure(error);
        }
        const purpose = req.headers['x-purpose'];
        return admitted.open(
          operationContext({
            logger,
            requestId: (req as Request & { id: string }).id,
            actor,
            transport: 'http',
            purposeHeader: Array.isArray(purpose) ? purpose[0] : purpose,
          }),
          actor ? `user:${actor.userId}` : `ip:${req.ip}`,
        );
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
      await admitted.stop();
    },
  };
}

/**
 * A token that was sent but is bad fails the whole request with 401 before any resolver; the
 * database down while the token's claims are confirmed is not the caller's fault (503).
 */
function authenticationFailure(error: unknown): unknown {
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  if (!(error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED)) return error;
  return new GraphQLError(error.message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Trusted documents on HTTP: an id becomes the stored document, a text must be in the manifest. */
function trustedDocumentsGate(pipeline: Pick<OperationPipeline<OperationContext>, 'admit' | 'trustedDocuments'>): RequestHandler {
  return (req, res, next) => {
    if (!pipeline.trustedDocuments) return next();
    const refuse = (error: GraphQLError) => {
      res.status(400).json({ errors: [{ message: error.message, extensions: { code: PERSISTED_QUERY_NOT_ALLOWED } }] });
    };
    if (req.method === 'POST') {
      const body: unknown = req.body;
      // Arrays (batches) and other shapes are refused by Apollo itself.
      if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
      const request = body as { query?: string; documentId?: string; extensions?: Record<string, unknown> };
      const resolution = pipeline.admit(request);
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
      const resolution = pipeline.admit({ query: url.searchParams.get('query') ?? undefined, documentId: url.searchParams.get('documentId') ?? undefined, extensions });
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
}

/** Stands in for the document graphql-ws would execute: the pipeline has already answered. */
const answeredDocument = parse('{ __typename }');

/**
 * graphql-ws framing around the pipeline. The caller is known from connection_init (browsers
 * cannot set headers on WebSocket); each operation is admitted, opened and run by the pipeline,
 * then graphql-ws sends the answer: request errors (parse, validation, limits) as an "error"
 * message, an executed operation as "next" + "complete".
 */
function serveWebSocket<C extends OperationContext>(
  wsServer: WebSocketServer,
  pipeline: () => OperationPipeline<C>,
  options: ServerOptions<C>,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  const { logger } = options;
  const refusal = (requestId: string, errors: readonly GraphQLFormattedError[]) => {
    logger.info({ requestId, transport: 'ws', errorCodes: errors.map((e) => e.extensions?.code) }, 'graphql operation');
    return errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
  };
  return useServer<{ authorization?: string; purpose?: string }, { actor?: Actor }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.actor = await options.tokens.actorFromAuthorizationHeader(ctx.connectionParams?.authorization);
          return true;
        } catch (error) {
          // 1013 "try again later": the token may be fine, its claims could not be confirmed.
          if (isDatabaseUnavailable(error)) ctx.extra.socket.close(1013, 'Service unavailable; retry later');
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const requestId = requestIdFrom(ctx.extra.request);
        const admission = pipeline().admit(payload as typeof payload & { documentId?: string });
        if ('error' in admission) return refusal(requestId, [formatError(admission.error.toJSON(), admission.error)]);
        const actor = ctx.extra.actor;
        let context: C;
        try {
          context = await pipeline().open(
            operationContext({
              logger,
              requestId,
              actor,
              transport: 'ws',
              purposeHeader: typeof ctx.connectionParams?.purpose === 'string' ? ctx.connectionParams.purpose : undefined,
            }),
            actor ? `user:${actor.userId}` : `ip:${ctx.extra.request.socket.remoteAddress}`,
          );
        } catch (error) {
          const graphQLError = error instanceof GraphQLError ? error : new GraphQLError('Internal server error', { originalError: error as Error });
          return refusal(requestId, [formatError(graphQLError.toJSON(), graphQLError)]);
        }
        // The document is resolved: a persisted-query hash must not send Apollo looking for its own cache.
        const { persistedQuery: _resolved, ...extensions } = (payload.extensions ?? {}) as Record<string, unknown>;
        const result = await pipeline().run({ ...payload, query: admission.query, extensions }, context);
        // No data at all: the request itself was refused before execution.
        if (!('data' in result) || result.data === undefined) return (result.errors ?? []).map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        return { schema: options.schema, document: answeredDocument, contextValue: result };
      },
      execute: (args) => args.contextValue as FormattedExecutionResult as never,
      // The answer is already formatted by the pipeline: sent as it is.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult as never,
    },
    wsServer,
  );
}
