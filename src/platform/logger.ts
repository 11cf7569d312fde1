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

/** `destination`: where lines go (stdout unless given; tests capture them to look for personal data). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'polku' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
