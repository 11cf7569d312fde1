import { FormattedExecutionResult, GraphQLError, GraphQLFormattedError, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';

import type { Actor } from '../auth/actor';
import { isDatabaseUnavailable } from '../database/availability';
import { DomainError, ErrorCode } from '../errors';
import { OperationContext, operationContext } from '../graphql/operation-context';
import type { OperationPipeline } from '../graphql/pipeline';
import { requestIdFrom } from './request-identity';
import type { ServerOptions } from './server';

/** Stands in for the document graphql-ws would execute: the pipeline has already answered. */
const answeredDocument = parse('{ __typename }');

/**
 * graphql-ws framing around the pipeline. The caller is known from connection_init (browsers
 * cannot set headers on WebSocket); each operation is admitted, opened and run by the pipeline,
 * then graphql-ws sends the answer: request errors (parse, validation, limits) as an "error"
 * message, an executed operation as "next" + "complete".
 */
export function serveWebSocket<C extends OperationContext>(
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
  // A user deactivated (or whose role changed) is cut off at once: their open connections close.
  const open = new Map<string, Set<{ close(code: number, reason: string): void }>>();
  options.tokens.onUserChanged((userId) => {
    for (const socket of open.get(userId) ?? []) socket.close(4403, 'Forbidden');
    open.delete(userId);
  });
  return useServer<{ authorization?: string; purpose?: string; organisation?: string }, { actor?: Actor }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        try {
          const organisation = typeof ctx.connectionParams?.organisation === 'string' ? ctx.connectionParams.organisation : undefined;
          const actor = await options.tokens.actorFromAuthorizationHeader(ctx.connectionParams?.authorization, organisation);
          ctx.extra.actor = actor;
          if (actor) {
            const sockets = open.get(actor.userId) ?? new Set();
            sockets.add(ctx.extra.socket);
            open.set(actor.userId, sockets);
            ctx.extra.socket.once('close', () => open.get(actor.userId)?.delete(ctx.extra.socket));
          }
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
          if (actor) await options.tokens.reconfirm(actor);
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
          // The token's user was deactivated (or its unit removed) since the connection opened: the connection goes too.
          if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) {
            // After the error message has gone out.
            setImmediate(() => ctx.extra.socket.close(4403, 'Forbidden'));
            return refusal(requestId, [formatError(error.toJSON(), error)]);
          }
          const graphQLError = error instanceof GraphQLError ? error : new GraphQLError('Internal server error', { originalError: error as Error });
          return refusal(requestId, [formatError(graphQLError.toJSON(), graphQLError)]);
        }
        // The document is resolved: a persisted-query hash must not send Apollo looking for its own cache.
        const { persistedQuery: _resolved, ...extensions } = (payload.extensions ?? {}) as Record<string, unknown>;
        const result = await pipeline().run({ ...payload, query: admission.query, extensions }, context);
        // No data at all: the request itself was refused before execution.
        if (!('data' in result) || result.data === undefined)
          return (result.errors ?? []).map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        return { schema: options.schema, document: answeredDocument, contextValue: result };
      },
      execute: (args) => args.contextValue as FormattedExecutionResult as never,
      // The answer is already formatted by the pipeline: sent as it is.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult as never,
    },
    wsServer,
  );
}
