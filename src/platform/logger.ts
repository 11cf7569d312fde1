import pino, { DestinationStream, Logger } from 'pino';

/**
 * Paths that may hold personal data are removed before a line is written. Resolvers never log
 * variables, but a mistake elsewhere must still not put an identity code in the logs.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'variables',
  '*.variables',
  'identityCode',
  '*.identityCode',
  'input',
  '*.input',
];

/** Fields of a PostgreSQL error that name things (never values): kept in the log. */
const sqlErrorNames = ['constraint', 'table', 'column', 'routine'] as const;

/** A PostgreSQL error (pg's DatabaseError, or TypeORM's QueryFailedError around one). */
function isSqlError(error: Record<string, unknown>): boolean {
  return (
    error.name === 'QueryFailedError' || (typeof error.severity === 'string' && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code))
  );
}

/** Quoted parts of a message are where values end up (`invalid input syntax for type uuid: "…"`). */
function withoutQuotedValues(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .slice(0, 300);
}

/**
 * How an error is written to the log: its type, code and stack frames, and a message that cannot
 * carry input. A PostgreSQL error's message, detail and `where` echo the values of the statement
 * (`invalid input syntax for type uuid: "131052-308T"`, `Key (email)=(…) already exists`) and
 * QueryFailedError carries the parameters, so an SQL error keeps only its SQLSTATE and the names
 * of the constraint, table and column; other messages lose their quoted parts. The first line of a
 * stack repeats the message, so only the frames are kept. The logger's `err` serializer, so it
 * holds for every `{ err }` logged anywhere.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error === null || typeof error !== 'object') return { message: withoutQuotedValues(String(error)) };
  const e = error as Record<string, unknown>;
  const driver = (e.driverError && typeof e.driverError === 'object' ? e.driverError : e) as Record<string, unknown>;
  const sql = isSqlError(e);
  const described: Record<string, unknown> = {
    type: e instanceof Error ? e.name : typeof e.type === 'string' ? e.type : 'Object',
    message: sql ? 'SQL statement failed' : withoutQuotedValues(typeof e.message === 'string' ? e.message : ''),
  };
  const code = driver.code ?? e.code;
  if (typeof code === 'string' || typeof code === 'number') described.code = code;
  if (sql) for (const name of sqlErrorNames) if (typeof driver[name] === 'string') described[name] = driver[name];
  if (typeof e.stack === 'string')
    described.stack = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n');
  return described;
}

/**
 * Readable lines for a person at a terminal: `npm start` or `npm run dev` in development. Log
 * collectors, pipes, files, tests and production get JSON. Undefined when pino-pretty (a
 * development dependency) is not installed.
 */
function terminalStream(): DestinationStream | undefined {
  const environment = process.env.NODE_ENV ?? 'development';
  if (!process.stdout.isTTY || environment === 'production' || environment === 'test') return undefined;
  let pretty: typeof import('pino-pretty');
  try {
    // A development dependency: required only when it is there (production installs leave it out).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pretty = require('pino-pretty') as typeof import('pino-pretty');
  } catch {
    return undefined;
  }
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'service,req,res,responseTime,operationName',
    singleLine: true,
    // A request is one line: `POST /graphql 200 12 ms TraineeOverview {"sqlStatements":8,…}`.
    messageFormat: (line, messageKey) => {
      const req = line.req as { method?: string; path?: string } | undefined;
      const res = line.res as { statusCode?: number } | undefined;
      if (!req || !res) return String(line[messageKey] ?? '');
      const operation = typeof line.operationName === 'string' ? ` ${line.operationName}` : '';
      return `${req.method} ${req.path} ${res.statusCode} ${line.responseTime} ms${operation}`;
    },
  });
}

/**
 * `destination`: where lines go (tests capture them to look for personal data). Without one, JSON
 * lines on stdout, or readable ones when stdout is a terminal outside production.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'polku' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: describeError },
  };
  const stream = destination ?? terminalStream();
  return stream ? pino(options, stream) : pino(options);
}

export type { Logger };
