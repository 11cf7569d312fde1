import http from 'node:http';

import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { ErrorRequestHandler, Request } from 'express';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';

import type { Actor } from '../auth/actor';
import type { TokenVerifier } from '../auth/tokens';
import type { AppConfig } from '../config';
import { isDatabaseUnavailable } from '../database/availability';
import type { StatementCounter } from '../database/query-counter';
import { DomainError, ErrorCode, serviceUnavailable } from '../errors';
import { OperationContext, operationContext } from '../graphql/operation-context';
import { createOperationPipeline, OperationExecutor, OperationPipeline, pipelineErrorFormatter } from '../graphql/pipeline';
import { describeError, Logger } from '../logger';
import { RateLimiter } from '../rate-limit';
import { DevTokenOptions, devTokenRouter } from './dev-tokens';
import { healthRoutes } from './health';
import { queryEditorRouter } from './query-editor';
import { loggedPath, requestIdFrom } from './request-identity';
import { trustedDocumentsGate } from './trusted-documents-gate';
import { serveWebSocket } from './websocket';

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
  /** Routes besides GraphQL that the composition root mounts (webhooks of outside systems); each parses its own body. */
  routers?: express.RequestHandler[];
  /** Outside production: the personas the query editor offers and how to check them (dev-tokens.ts). */
  personas?: Pick<DevTokenOptions, 'personas' | 'problemsOf' | 'identityOf'>;
}

export interface PolkuServer {
  httpServer: http.Server;
  /** Resolves with the bound port once listening. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests, lets in-flight ones finish, closes WebSocket connections. */
  stop(): Promise<void>;
}

/**
 * HTTP (express + Apollo Server) and WebSocket (graphql-ws, websocket.ts) on one port. Both hand
 * every operation to the same pipeline (src/platform/graphql/pipeline.ts); what is left here is what
 * differs between the transports: how a request arrives, who the caller is, and how the answer is
 * framed.
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
  app.use(healthRoutes(dataSource, logger));
  for (const router of options.routers ?? []) app.use(router);

  // The WebSocket server is disposed by the pipeline's drain, so each needs the other.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.MAX_BODY_BYTES });
  // ws repeats the HTTP server's errors (a port in use); listen() reports them, ws must not rethrow them.
  wsServer.on('error', () => undefined);
  // eslint-disable-next-line prefer-const -- assigned after serveWebSocket, which reads it only once operations arrive
  let pipeline: OperationPipeline<C> | undefined;
  const webSocket = serveWebSocket(wsServer, () => pipeline!, options, pipelineErrorFormatter(config, logger));
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
      { serverWillStart: async () => ({ drainServer: async () => webSocket.dispose() }) },
      // The query editor is Polku's own (query-editor.ts), served without a CDN; Apollo's landing page stays off.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  const started = pipeline;
  await started.start();

  // Outside production: the query editor (GET /graphql from a browser) and persona tokens (/dev/*).
  app.use(queryEditorRouter(config));
  if (options.personas) app.use(devTokenRouter({ config, logger, ...options.personas }));

  app.use(
    '/graphql',
    (_req, _res, next) => counter.runInScope(next),
    express.json({ limit: config.MAX_BODY_BYTES }),
    trustedDocumentsGate(started),
    expressMiddleware(started.apollo, {
      context: async ({ req, res }) => {
        let actor: Actor | undefined;
        try {
          actor = await options.tokens.actorFromAuthorizationHeader(req.headers.authorization, organisationHeader(req.headers[ORGANISATION_HEADER]));
        } catch (error) {
          throw authenticationFailure(error);
        }
        const purpose = req.headers['x-purpose'];
        return started.open(
          operationContext({
            logger,
            requestId: (req as Request & { id: string }).id,
            actor,
            transport: 'http',
            purposeHeader: Array.isArray(purpose) ? purpose[0] : purpose,
            // The operation joins the request's own log line (one line per request).
            report: (operation) => {
              res.locals.graphql = { ...operation, userId: actor?.userId, role: actor?.role };
            },
          }),
          actor ? `user:${actor.userId}` : `ip:${req.ip}`,
        );
      },
    }),
  );

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
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
    // Drain plugins close the HTTP server (waiting for in-flight requests) and the WebSocket server.
    stop: () => started.stop(),
  };
}

/** Picks the organisation for a user who acts in several (its id, or `platform` for the platform role). */
export const ORGANISATION_HEADER = 'x-polku-organisation';

function organisationHeader(value: string | string[] | undefined): string | undefined {
  const given = Array.isArray(value) ? value[0] : value;
  return given?.trim() || undefined;
}

/**
 * Failures outside the GraphQL pipeline (body parsing, the extra routers such as webhooks): malformed
 * JSON is 400, an oversized body 413 (GraphQL-over-HTTP), an unreachable database 503 with
 * Retry-After so that a sender retries instead of taking it for a bug.
 */
const bodyErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (isDatabaseUnavailable(error)) {
    req.log.warn({ err: error }, 'database unavailable');
    // The same error GraphQL answers with; its status and headers go on the response, not in the body.
    const unavailable = serviceUnavailable();
    const { http: answer, ...extensions } = unavailable.extensions as { http: { status: number; headers: Map<string, string> } };
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.status(answer.status).json({ errors: [{ message: unavailable.message, extensions }] });
    return;
  }
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) req.log.error({ err: error }, 'unhandled HTTP error');
  const message =
    status === 413 ? 'Request body too large' : status === 400 ? 'Malformed JSON body' : status === 500 ? 'Internal server error' : 'Bad request';
  res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
};

/**
 * A token that was sent but is bad fails the whole request with 401 before any resolver; the
 * database down while the token's claims are confirmed is not the caller's fault (503).
 */
function authenticationFailure(error: unknown): unknown {
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  if (!(error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED)) return error;
  return new GraphQLError(error.message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}
