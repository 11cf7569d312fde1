import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { OutboundEndpoint, OutboundError, OutboundHttp } from './outbound-http';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local server answering from a script of (status, body, delay) in turn; it records what it was sent. */
async function scriptedServer(script: Array<{ status: number; body?: unknown; delayMs?: number }>, tls?: https.ServerOptions) {
  const seen: Seen[] = [];
  const handler: http.RequestListener = (request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      const step = script[Math.min(seen.length - 1, script.length - 1)];
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(step.status, { 'content-type': 'application/json' });
        response.end(step.body === undefined ? '' : JSON.stringify(step.body));
      }, step.delayMs ?? 0);
    });
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    seen,
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const endpoint = (baseUrl: string, overrides: Partial<OutboundEndpoint> = {}): OutboundEndpoint => ({
  baseUrl,
  // Generous: a loaded CI machine must not turn a slow first attempt into a retry (tests of time limits set their own).
  timeoutMs: 5000,
  maxAttempts: 3,
  backoff: { initialMs: 5, maxMs: 20 },
  breaker: { consecutiveFailures: 10, halfOpenAfterMs: 60_000 },
  ...overrides,
});

const clients: OutboundHttp[] = [];
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function clientFor(config: OutboundEndpoint): OutboundHttp {
  const client = new OutboundHttp(config);
  clients.push(client);
  return client;
}

async function serve(script: Parameters<typeof scriptedServer>[0], tls?: https.ServerOptions) {
  const server = await scriptedServer(script, tls);
  servers.push(server);
  return server;
}

describe('OutboundHttp', () => {
  it('retries what the server cannot do now, with the same idempotency key, through the X-Road path and headers', async () => {
    const server = await serve([{ status: 503 }, { status: 429 }, { status: 201, body: { id: 'r-1' } }]);
    const client = clientFor(endpoint(server.url, { xRoad: { client: 'FI/MUN/0204819-8/Polku', service: 'FI/GOV/0245437-2/TE/referrals' } }));
    const answer = await client.request<{ id: string }>('POST', 'v1/acceptances', { body: { referral: 'x' }, idempotencyKey: 'key-1' });
    expect(answer).toEqual({ status: 201, body: { id: 'r-1' } });
    expect(server.seen).toHaveLength(3);
    for (const request of server.seen) {
      expect(request.url).toBe('/r1/FI/GOV/0245437-2/TE/referrals/v1/acceptances');
      expect(request.headers['x-road-client']).toBe('FI/MUN/0204819-8/Polku');
      expect(request.headers['idempotency-key']).toBe('key-1');
      expect(JSON.parse(request.body)).toEqual({ referral: 'x' });
    }
  });

  it('does not repeat a request the server refused as wrong (4xx), and says so', async () => {
    const server = await serve([{ status: 422, body: { error: 'bad' } }]);
    const failure = await clientFor(endpoint(server.url))
      .request('POST', 'v1/reports', { body: {}, idempotencyKey: 'k' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundError);
    expect(failure).toMatchObject({ kind: 'rejected', status: 422 });
    expect(server.seen).toHaveLength(1);
  });

  it('abandons an attempt that takes longer than the timeout, tries again, and gives up as unavailable', async () => {
    const server = await serve([{ status: 200, body: {}, delayMs: 1_000 }]);
    const failure = await clientFor(endpoint(server.url, { timeoutMs: 50 }))
      .request('GET', 'v1/decisions')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'unavailable' });
    expect(server.seen).toHaveLength(3);
  });

  it('opens the circuit after failures in a row and then fails at once without calling', async () => {
    const server = await serve([{ status: 500 }]);
    const client = clientFor(endpoint(server.url, { maxAttempts: 1, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } }));
    for (let i = 0; i < 3; i++) await expect(client.request('GET', 'v1/x')).rejects.toMatchObject({ kind: 'unavailable', status: 500 });
    expect(client.circuit).toBe('open');
    await expect(client.request('GET', 'v1/x')).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('circuit open') });
    expect(server.seen).toHaveLength(3);
  });

  it('refuses a write without an idempotency key before sending anything', async () => {
    const server = await serve([{ status: 200, body: {} }]);
    await expect(clientFor(endpoint(server.url)).request('POST', 'v1/x', { body: {} })).rejects.toThrow(/idempotency key/);
    expect(server.seen).toHaveLength(0);
  });

  it('presents its client certificate to a security server that requires one (mutual TLS)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-mtls-'));
    const file = (name: string) => path.join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    // A private CA, the security server's certificate for 127.0.0.1 and Polku's client certificate, all signed by it.
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Test CA', '-keyout', file('ca.key'), '-out', file('ca.crt'));
    for (const [name, subject] of [
      ['server', '/CN=127.0.0.1'],
      ['client', '/CN=Polku'],
    ]) {
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
      fs.writeFileSync(file(`${name}.ext`), name === 'server' ? 'subjectAltName=IP:127.0.0.1\n' : 'extendedKeyUsage=clientAuth\n');
      openssl(
        'x509',
        '-req',
        '-in',
        file(`${name}.csr`),
        '-CA',
        file('ca.crt'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-days',
        '1',
        '-extfile',
        file(`${name}.ext`),
        '-out',
        file(`${name}.crt`),
      );
    }
    const read = (name: string) => fs.readFileSync(file(name), 'utf8');
    const server = await serve([{ status: 200, body: { ok: true } }], {
      key: read('server.key'),
      cert: read('server.crt'),
      ca: read('ca.crt'),
      requestCert: true,
      rejectUnauthorized: true,
    });
    const tls = { cert: read('client.crt'), key: read('client.key'), ca: read('ca.crt') };
    await expect(clientFor(endpoint(server.url, { tls })).request('GET', 'v1/ping')).resolves.toEqual({ status: 200, body: { ok: true } });
    // Without the client certificate the handshake is refused, and that is "unavailable", not a crash.
    await expect(
      clientFor(endpoint(server.url, { tls: { ...tls, cert: '', key: '' }, maxAttempts: 1 })).request('GET', 'v1/ping'),
    ).rejects.toMatchObject({
      kind: 'unavailable',
    });
    expect(server.seen).toHaveLength(1);
  });
});
