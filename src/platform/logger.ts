import pino, { Logger } from 'pino';

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

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'polku' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}

export type { Logger };
