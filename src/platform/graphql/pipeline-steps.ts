import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';

import type { AppConfig } from '../config';
import { isDatabaseUnavailable } from '../database/availability';
import type { StatementCounter } from '../database/query-counter';
import { ErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, serviceUnavailable } from '../errors';
import { assertQueryCost } from './limits';
import type { OperationContext } from './operation-context';

/**
 * The steps of the operation pipeline that run inside Apollo Server's request pipeline, each a
 * small plugin with its own test. Because HTTP and WebSocket both run Apollo's pipeline, every step
 * holds on both transports by construction.
 */

/** Cost: `first: n` multiplies what is under it; over MAX_QUERY_COST is refused before execution. */
export function queryCostStep(config: AppConfig, schema: GraphQLSchema): ApolloServerPlugin<OperationContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          assertQueryCost(config, schema, document, request.variables, operationName);
        },
      };
    },
  };
}

type FinishedOperation<C extends OperationContext> = GraphQLRequestContextWillSendResponse<C>;

/**
 * Runs the domain's hook before an answer leaves (the access log). If the hook fails, the data is
 * withheld: no read of personal data goes unrecorded. An unreachable database answers
 * SERVICE_UNAVAILABLE (retryable), anything else an internal error.
 */
export async function recordBeforeResponse<C extends OperationContext>(
  { contextValue, operationName, response }: FinishedOperation<C>,
  hook: (context: C, operationName: string | null) => Promise<void>,
): Promise<void> {
  if (response.body.kind !== 'single') return;
  let withheld: GraphQLFormattedError;
  try {
    await hook(contextValue, operationName ?? null);
    return;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      contextValue.logger.warn({ err: error }, 'database unavailable before the answer could be recorded; response withheld');
      const { http: _http, ...extensions } = serviceUnavailable().extensions;
      withheld = { message: 'The service is temporarily unavailable; retry later', extensions };
    } else {
      contextValue.logger.error({ err: error }, 'could not record the answer; response withheld');
      withheld = { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  }
  response.body.singleResult = { errors: [withheld] };
  response.http.status = 500;
}

/** An unreachable database is retryable: HTTP 503 with Retry-After, never 200 as if it were a bug. */
export function markServiceUnavailable({ response }: FinishedOperation<OperationContext>): void {
  if (response.body.kind !== 'single') return;
  if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
}

/**
 * One log line per operation, on every transport (on HTTP it joins the request's line): its name,
 * the error codes and the SQL statement count; never variables, literals or answers (they hold
 * personal data).
 */
export function logOperation({ contextValue, operationName, response }: FinishedOperation<OperationContext>, counter: StatementCounter): void {
  const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
  const operation = {
    transport: contextValue.transport,
    operationName: operationName ?? null,
    sqlStatements: counter.current(),
    errorCodes: errors?.map((e) => e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR),
  };
  if (contextValue.report) contextValue.report(operation);
  else contextValue.logger.info(operation, 'graphql operation');
}

/** The response header of BENCH_EXPOSE_STATEMENTS. */
export const STATEMENTS_HEADER = 'x-polku-statements';

/**
 * The last steps, in this order (Apollo runs the listeners of one hook concurrently, so the order
 * lives here): record, then the status of what is finally answered, then the log line of it.
 */
export function finishOperationStep<C extends OperationContext>(options: {
  beforeResponse?: (context: C, operationName: string | null) => Promise<void>;
  counter: StatementCounter;
  /** BENCH_EXPOSE_STATEMENTS: the operation's SQL statement count (the access-log insert included) in `x-polku-statements`. */
  exposeStatements?: boolean;
}): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(operation) {
          if (options.beforeResponse) await recordBeforeResponse(operation, options.beforeResponse);
          markServiceUnavailable(operation);
          if (options.exposeStatements) operation.response.http.headers.set(STATEMENTS_HEADER, String(options.counter.current() ?? 0));
          logOperation(operation, options.counter);
        },
      };
    },
  };
}
