import { Writable } from 'node:stream';

import { buildSchema, execute, ExecutionArgs, GraphQLError } from 'graphql';

import { loadConfig } from '../config';
import { StatementCounter } from '../database/query-counter';
import { serviceUnavailable } from '../errors';
import { createLogger } from '../logger';
import type { RateLimiter } from '../rate-limit';
import { OperationContext, operationContext } from './operation-context';
import { createOperationPipeline, PipelineOptions } from './pipeline';

/**
 * The pipeline on its own, as a transport other than HTTP uses it (`admit`, `open`, `run`): the
 * steps every transport gets, each shown to act.
 */
const schema = buildSchema(`
  type Query { hello(name: String): String, deep: Deep, fails: String }
  type Deep { deep: Deep, leaf: String }
`);
schema.getQueryType()!.getFields().hello.resolve = (_root, args: { name?: string }) => `Hei ${args.name ?? 'maailma'}`;
schema.getQueryType()!.getFields().fails.resolve = () => {
  throw serviceUnavailable();
};

interface Setup {
  lines: Array<Record<string, unknown>>;
  limited: string[];
  executed: ExecutionArgs[];
}

function pipelineWith(overrides: Partial<PipelineOptions<OperationContext>> = {}, env: Record<string, string> = {}) {
  const setup: Setup = { lines: [], limited: [], executed: [] };
  const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (setup.lines.push(JSON.parse(String(chunk))), done()) }));
  const rateLimiter = { consume: async (key: string) => void setup.limited.push(key) } as unknown as RateLimiter;
  const pipeline = createOperationPipeline<OperationContext>({
    schema,
    config: loadConfig({ NODE_ENV: 'test', MAX_QUERY_DEPTH: '4', ...env }),
    logger,
    counter: new StatementCounter(),
    rateLimiter,
    createContext: (base) => base,
    executor: (args) => {
      setup.executed.push(args);
      return execute(args);
    },
    ...overrides,
  });
  const context = () => operationContext({ logger, requestId: 'r1', transport: 'ws' });
  return { pipeline, setup, context, logger };
}

describe('the operation pipeline', () => {
  it('runs an operation through the configured executor and logs one line for it', async () => {
    const { pipeline, setup, context } = pipelineWith();
    await pipeline.start();
    try {
      const result = await pipeline.run({ query: 'query Greeting($n: String) { hello(name: $n) }', variables: { n: 'Anna' } }, context());
      expect(result).toEqual({ data: { hello: 'Hei Anna' } });
      expect(setup.executed).toHaveLength(1);
      expect(setup.lines.filter((l) => l.msg === 'graphql operation')).toEqual([
        expect.objectContaining({ requestId: 'r1', transport: 'ws', operationName: 'Greeting', sqlStatements: 0 }),
      ]);
    } finally {
      await pipeline.stop();
    }
  });

  it('refuses before execution what breaks a limit, with the shared formatter', async () => {
    const { pipeline, setup, context } = pipelineWith();
    await pipeline.start();
    try {
      const tooDeep = await pipeline.run({ query: '{ deep { deep { deep { deep { deep { leaf } } } } } }' }, context());
      expect(tooDeep.errors?.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([['GRAPHQL_VALIDATION_FAILED', 'QUERY_LIMIT_EXCEEDED']]);
      const unknownName = await pipeline.run({ query: 'query A { hello }', operationName: 'B' }, context());
      expect(unknownName.errors?.map((e) => e.extensions?.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
      expect(setup.executed).toHaveLength(1);
      expect(setup.lines.filter((l) => l.msg === 'graphql operation').map((l) => l.errorCodes)).toEqual([
        ['GRAPHQL_VALIDATION_FAILED'],
        ['OPERATION_RESOLUTION_FAILURE'],
      ]);
    } finally {
      await pipeline.stop();
    }
  });

  it('counts an operation against the rate limit when it is opened, and builds its context', async () => {
    const { pipeline, setup, context } = pipelineWith({ createContext: (base) => ({ ...base, requestId: `${base.requestId}+` }) });
    const opened = await pipeline.open(context(), 'user:anna');
    expect(setup.limited).toEqual(['user:anna']);
    expect(opened.requestId).toBe('r1+');
  });

  it('withholds the answer when the hook before it fails: SERVICE_UNAVAILABLE for an unreachable database, else an internal error', async () => {
    const hooks = [
      async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
      async () => {
        throw new Error('a bug');
      },
    ];
    const codes: unknown[] = [];
    for (const beforeResponse of hooks) {
      const { pipeline, context } = pipelineWith({ beforeResponse });
      await pipeline.start();
      try {
        const result = await pipeline.run({ query: '{ hello }' }, context());
        expect(result.data).toBeUndefined();
        codes.push(result.errors?.map((e) => e.extensions?.code));
      } finally {
        await pipeline.stop();
      }
    }
    expect(codes).toEqual([['SERVICE_UNAVAILABLE'], ['INTERNAL_SERVER_ERROR']]);
  });

  it('answers an unreachable database during execution as SERVICE_UNAVAILABLE, retryable', async () => {
    const { pipeline, context } = pipelineWith();
    await pipeline.start();
    try {
      const result = await pipeline.run({ query: '{ fails }' }, context());
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    } finally {
      await pipeline.stop();
    }
  });

  it('admits only trusted documents when the allow-list is on', () => {
    const open = pipelineWith().pipeline;
    expect(open.admit({ query: '{ hello }' })).toEqual({ query: '{ hello }' });
    const closed = pipelineWith({}, { TRUSTED_DOCUMENTS: 'allow-list' }).pipeline;
    const refused = closed.admit({ query: '{ hello }' });
    expect('error' in refused && refused.error).toBeInstanceOf(GraphQLError);
  });
  it('exposes the statement count of an operation in x-polku-statements only when BENCH_EXPOSE_STATEMENTS is on', async () => {
    for (const [flag, expected] of [
      ['true', '2'],
      ['false', undefined],
    ] as const) {
      const counter = new StatementCounter();
      // The hook before the answer (the access log) counts too: one statement here, one in it.
      const { pipeline, context } = pipelineWith({ counter, beforeResponse: async () => counter.record() }, { BENCH_EXPOSE_STATEMENTS: flag });
      await pipeline.start();
      try {
        const response = await counter.runInScope(() => {
          counter.record();
          return pipeline.apollo.executeOperation({ query: '{ hello }' }, { contextValue: context() });
        });
        expect(response.http.headers.get('x-polku-statements')).toBe(expected);
      } finally {
        await pipeline.stop();
      }
    }
  });
});
