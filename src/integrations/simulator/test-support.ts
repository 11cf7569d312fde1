import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { OutboundEndpoint } from '../shared/outbound-http';
import { verifyWebhookSignature, WebhookVerification } from '../shared/webhook-signature';
import type { WebhookPayload } from './webhook-pusher';

/** For specs: an endpoint with short timeouts and quick retries. */
export const testEndpoint = (baseUrl: string, overrides: Partial<OutboundEndpoint> = {}): OutboundEndpoint => ({
  baseUrl,
  // Generous: on a loaded CI machine a slow first attempt must not become a retry the counts would show.
  timeoutMs: 5_000,
  maxAttempts: 3,
  backoff: { initialMs: 2, maxMs: 10 },
  breaker: { consecutiveFailures: 50, halfOpenAfterMs: 1_000 },
  ...overrides,
});

export interface ReceivedPush {
  status: number;
  signature: string | undefined;
  rawBody: string;
  payload: WebhookPayload;
  verification: WebhookVerification;
}

/**
 * For specs: a webhook receiver that verifies each push and answers from `statuses` in turn
 * (the last one repeats; default 200).
 */
export async function startWebhookReceiver(secret: string | string[], statuses: number[] = [200]) {
  const pushes: ReceivedPush[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const signature = request.headers['polku-signature'] as string | undefined;
      const status = statuses[Math.min(pushes.length, statuses.length - 1)];
      const verification = verifyWebhookSignature({ secret, header: signature, rawBody, nowSeconds: Math.floor(Date.now() / 1000) });
      pushes.push({ status, signature, rawBody, payload: JSON.parse(rawBody) as WebhookPayload, verification });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    pushes,
    /** Pushes answered 2xx. */
    accepted: () => pushes.filter((p) => p.status >= 200 && p.status < 300),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Waits until `condition` holds, checking every few ms; fails after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
