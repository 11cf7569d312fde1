import crypto from 'node:crypto';

import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test_1';
const body = JSON.stringify({ events: [{ id: 'e-1', type: 'decision.made', data: { decisionId: 'd-1' } }] });
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('signs as t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> and verifies what it signed', () => {
    const header = signWebhook(secret, body, now);
    const expected = crypto.createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(header).toBe(`t=${now},v1=${expected}`);
    expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now })).toEqual({ ok: true, timestamp: now });
    expect(verifyWebhookSignature({ secret, header, rawBody: Buffer.from(body), nowSeconds: now + 299 })).toEqual({ ok: true, timestamp: now });
  });

  it('refuses a tampered body, a wrong secret and a timestamp changed after signing', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhookSignature({ secret, header, rawBody: body.replace('d-1', 'd-2'), nowSeconds: now })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(verifyWebhookSignature({ secret: 'whsec_other', header, rawBody: body, nowSeconds: now })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const moved = header.replace(`t=${now}`, `t=${now + 1}`);
    expect(verifyWebhookSignature({ secret, header: moved, rawBody: body, nowSeconds: now })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('calls a genuine push outside the tolerance STALE, in the past and in the future', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now + 301 })).toEqual({ ok: false, reason: 'STALE' });
    expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now - 301 })).toEqual({ ok: false, reason: 'STALE' });
    expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now - 300 })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now + 20, toleranceSeconds: 10 })).toEqual({
      ok: false,
      reason: 'STALE',
    });
  });

  it('tells a missing header from a malformed one', () => {
    for (const header of [undefined, null, '', '  ', []]) {
      expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now })).toEqual({ ok: false, reason: 'MISSING' });
    }
    const v1 = signWebhook(secret, body, now).split(',')[1];
    for (const header of [
      v1, // no timestamp
      `t=${now}`, // no signature
      `t=abc,${v1}`,
      `t=${now},t=${now},${v1}`,
      `t=${now},v1=xyz`,
      `t=${now},v1=${'a'.repeat(63)}`,
      `t=${now},${v1},garbage`,
      'sha256=deadbeef',
    ]) {
      expect(verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now })).toEqual({ ok: false, reason: 'MALFORMED' });
    }
  });

  it('accepts any of several v1 signatures and any of several secrets (rotation), and ignores other schemes', () => {
    const rotating = signWebhook(['whsec_old', 'whsec_new'], body, now);
    expect(rotating.split(',')).toHaveLength(3);
    expect(verifyWebhookSignature({ secret: 'whsec_new', header: rotating, rawBody: body, nowSeconds: now })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ secret: 'whsec_old', header: rotating, rawBody: body, nowSeconds: now })).toMatchObject({ ok: true });
    const single = signWebhook('whsec_old', body, now);
    expect(verifyWebhookSignature({ secret: ['whsec_new', 'whsec_old'], header: single, rawBody: body, nowSeconds: now })).toMatchObject({
      ok: true,
    });
    const withV0 = `${single.split(',')[0]}, v0=whatever ,${single.split(',')[1]}`;
    expect(verifyWebhookSignature({ secret: 'whsec_old', header: withV0, rawBody: body, nowSeconds: now })).toMatchObject({ ok: true });
    // Node hands a repeated header over as an array.
    expect(verifyWebhookSignature({ secret: 'whsec_old', header: single.split(','), rawBody: body, nowSeconds: now })).toMatchObject({ ok: true });
  });

  it('refuses to sign or verify with an empty secret', () => {
    expect(() => signWebhook('', body, now)).toThrow(/secret/);
    expect(() => signWebhook([], body, now)).toThrow(/secret/);
    expect(() => verifyWebhookSignature({ secret: '', header: signWebhook(secret, body, now), rawBody: body, nowSeconds: now })).toThrow(/secret/);
  });
});
