import crypto from 'node:crypto';

/**
 * Signed webhooks from outside systems (and their simulators): the sender puts
 * `Polku-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` on every
 * push. The timestamp is signed with the body, so a captured push cannot be replayed later than
 * the tolerance. While a secret is being rotated the sender signs with both (two `v1=` values) and
 * the receiver may hold both; one match is enough.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'Polku-Signature';

/** The default window, either way, between the sender's timestamp and the receiver's clock. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookSignatureProblem = 'MISSING' | 'MALFORMED' | 'BAD_SIGNATURE' | 'STALE';

export type WebhookVerification = { ok: true; timestamp: number } | { ok: false; reason: WebhookSignatureProblem };

export interface VerifyWebhookSignatureInput {
  /** The shared secret, or several while one is being rotated. */
  secret: string | readonly string[];
  /** The header as received: node gives `string | string[] | undefined`. */
  header: string | readonly string[] | null | undefined;
  /** The body exactly as received, before any JSON parsing. */
  rawBody: string | Buffer;
  nowSeconds: number;
  toleranceSeconds?: number;
}

const secretsOf = (secret: string | readonly string[]): string[] => (typeof secret === 'string' ? [secret] : [...secret]);

function hmac(secret: string, timestamp: string, rawBody: string | Buffer): Buffer {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** The header value for a push: one `v1=` per secret (two while rotating). */
export function signWebhook(secret: string | readonly string[], rawBody: string | Buffer, nowSeconds: number): string {
  const secrets = secretsOf(secret);
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) throw new Error('signWebhook needs a non-empty secret');
  const timestamp = String(Math.floor(nowSeconds));
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmac(s, timestamp, rawBody).toString('hex')}`)].join(',');
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/i;

/**
 * Checks a push: the header is there and well formed, one of its `v1=` signatures is the HMAC of
 * the timestamp and the raw body under one of the secrets (compared in constant time), and the
 * timestamp is within `toleranceSeconds` of now, in the past or the future. A signature is checked
 * before the time, so `STALE` means "genuine but too old (or too new)": a replay or a clock that is
 * off. Unknown keys (`v0=`, a future scheme) are ignored.
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): WebhookVerification {
  const { rawBody, nowSeconds, toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS } = input;
  const header = typeof input.header === 'string' ? input.header : Array.isArray(input.header) ? input.header.join(',') : '';
  if (header.trim() === '') return { ok: false, reason: 'MISSING' };

  let timestamp: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) return { ok: false, reason: 'MALFORMED' };
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !TIMESTAMP.test(value)) return { ok: false, reason: 'MALFORMED' };
      timestamp = value;
    } else if (key === 'v1') {
      if (!SIGNATURE.test(value)) return { ok: false, reason: 'MALFORMED' };
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'MALFORMED' };

  const secrets = secretsOf(input.secret).filter((s) => s.length > 0);
  if (secrets.length === 0) throw new Error('verifyWebhookSignature needs a non-empty secret');
  let matched = false;
  // Every pair is compared (no early exit), so the time taken does not say which one matched.
  for (const secret of secrets) {
    const expected = hmac(secret, timestamp, rawBody);
    for (const signature of signatures) if (crypto.timingSafeEqual(expected, signature)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'BAD_SIGNATURE' };

  const seconds = Number(timestamp);
  if (Math.abs(nowSeconds - seconds) > toleranceSeconds) return { ok: false, reason: 'STALE' };
  return { ok: true, timestamp: seconds };
}
