import { Writable } from 'node:stream';

import { ParticipationBasis, ServiceForm } from '../../modules/coaching-period/period-phase';
import { parseIdentityCode } from '../../modules/trainee/identity-code';
import { createLogger } from '../../platform/logger';
import { verifyWebhookSignature } from '../shared/webhook-signature';
import { eventually, startWebhookReceiver } from '../simulator/test-support';
import type { InboundReferral } from './employment-area.port';
import { EmploymentAreaSimulatorOptions, startEmploymentAreaSimulator } from './employment-area.simulator';

const running: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.stop();
});

async function simulator(options: EmploymentAreaSimulatorOptions = {}) {
  const sim = await startEmploymentAreaSimulator({ seed: 5, ...options });
  running.push(sim);
  return sim;
}

const withoutSentAt = ({ sentAt: _sentAt, ...rest }: InboundReferral) => rest;

describe('employment area simulator', () => {
  it('makes referrals that look real: valid identity codes, Finnish names, the area municipalities, the coaching service forms', async () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const sim = await simulator({ now: () => now });
    const referrals = sim.generateReferrals(300);
    const codes = referrals.map((r) => parseIdentityCode(r.person.identityCode, { today: '2026-03-02' }));
    expect(codes.every((c) => c.ok)).toBe(true);
    const signs = new Set(referrals.map((r) => r.person.identityCode[6]));
    expect(signs).toContain('-');
    expect(signs).toContain('A');
    const birthYears = codes.map((c) => (c.ok ? Number(c.value.birthDate.slice(0, 4)) : 0));
    expect(Math.min(...birthYears)).toBeGreaterThanOrEqual(2026 - 66);
    expect(Math.max(...birthYears)).toBeLessThanOrEqual(2026 - 18);
    expect(new Set(referrals.map((r) => r.person.identityCode)).size).toBe(300);
    expect(new Set(referrals.map((r) => r.externalId)).size).toBe(300);
    expect(new Set(referrals.map((r) => r.serviceForm))).toEqual(
      new Set([ServiceForm.TOWARDS_WORK_AND_EDUCATION, ServiceForm.ASSESSMENT, ServiceForm.IMMIGRANT_COACHING]),
    );
    expect(new Set(referrals.map((r) => r.participationBasis))).toEqual(
      new Set([ParticipationBasis.REHABILITATIVE_WORK, ParticipationBasis.WORK_TRIAL, ParticipationBasis.CAREER_COACHING]),
    );
    expect(referrals.every((r) => /^\d{3}$/.test(r.person.municipalityCode ?? ''))).toBe(true);
    expect(referrals.filter((r) => r.person.municipalityCode === '609').length).toBeGreaterThan(150);
    expect(referrals.some((r) => /[äöå]/i.test(`${r.person.firstName}${r.person.lastName}`))).toBe(true);
    expect(referrals.every((r) => r.sentAt === now.toISOString())).toBe(true);
    expect(referrals.filter((r) => r.caseManagerEmail?.endsWith('@pori.example')).length).toBeGreaterThan(240);
  });

  it('makes the same referrals from the same seed, however they are asked for', async () => {
    const a = await simulator({ seed: 99, initialReferrals: 5 });
    a.generateReferrals(3);
    const b = await simulator({ seed: 99 });
    for (let i = 0; i < 8; i++) b.generateReferrals(1);
    expect(b.referrals().map(withoutSentAt)).toEqual(a.referrals().map(withoutSentAt));
    const c = await simulator({ seed: 100, initialReferrals: 8 });
    expect(c.referrals().map((r) => r.person.identityCode)).not.toEqual(a.referrals().map((r) => r.person.identityCode));
  });

  it('answers the control endpoints: make referrals, change faults, show stats', async () => {
    const sim = await simulator();
    const made = await fetch(`${sim.url}/_sim/referrals`, {
      method: 'POST',
      body: JSON.stringify({ count: 4 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(made.status).toBe(201);
    const body = (await made.json()) as { generated: number; externalIds: string[] };
    expect(body.generated).toBe(4);
    expect(JSON.stringify(body)).not.toContain(sim.referrals()[0].person.lastName);
    const faults = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ errorRate: 0.25, latencyMs: [1, 3], outOfOrder: true }),
    });
    expect(await faults.json()).toMatchObject({ errorRate: 0.25, latencyMs: [1, 3], outOfOrderRate: 1, timeoutRate: 0 });
    expect(sim.faults().errorRate).toBe(0.25);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 2 }) })).status).toBe(400);
    expect(
      (await fetch(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ reset: true }) }).then((r) => r.json())) as object,
    ).toMatchObject({
      errorRate: 0,
      outOfOrderRate: 0,
    });
    const stats = (await fetch(`${sim.url}/_sim/stats`).then((r) => r.json())) as { referrals: { total: number } };
    expect(stats.referrals.total).toBe(4);
    expect((await fetch(`${sim.url}/referrals`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${sim.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${sim.url}/referrals?after=not-a-cursor`)).status).toBe(400);
    expect((await fetch(`${sim.url}/referrals?limit=0`)).status).toBe(400);
    expect((await fetch(`${sim.url}/outcomes`, { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('pushes new referrals to a webhook, signed, retrying until the receiver answers 2xx', async () => {
    const receiver = await startWebhookReceiver('whsec_ea', [503, 500, 200]);
    running.push(receiver);
    const sim = await simulator({ webhook: { url: receiver.url, secret: 'whsec_ea', retry: { initialMs: 5, maxMs: 20 } } });
    const made = sim.generateReferrals(3);
    await sim.webhookIdle();
    expect(receiver.pushes.map((p) => p.status)).toEqual([503, 500, 200]);
    for (const push of receiver.pushes) expect(push.verification).toMatchObject({ ok: true });
    // Every attempt is signed anew.
    expect(new Set(receiver.pushes.map((p) => p.signature)).size).toBe(3);
    const events = receiver.accepted()[0].payload.events;
    expect(events.map((e) => e.type)).toEqual(['referral.created', 'referral.created', 'referral.created']);
    expect(events.map((e) => e.data)).toEqual(made);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(sim.stats().webhook).toMatchObject({ deliveries: 1, eventsDelivered: 3, attempts: 3, failedAttempts: 2, pending: 0 });
    expect(sim.stats().referrals.pushed).toBe(3);
  });

  it('sends a push twice under the duplicate fault: a fresh signature and a later timestamp, the same event ids', async () => {
    const receiver = await startWebhookReceiver(['whsec_new']);
    running.push(receiver);
    const sim = await simulator({ webhook: { url: receiver.url, secret: ['whsec_old', 'whsec_new'] }, faults: { duplicateRate: 1 } });
    sim.generateReferrals(2);
    await sim.webhookIdle();
    await eventually(() => receiver.pushes.length === 2, 2_000, 'the repeat push');
    const [first, second] = receiver.pushes;
    expect(second.payload.events.map((e) => e.id)).toEqual(first.payload.events.map((e) => e.id));
    expect(second.signature).not.toBe(first.signature);
    const stamp = (p: typeof first) => Number(/t=(\d+)/.exec(p.signature ?? '')![1]);
    expect(stamp(second)).toBeGreaterThan(stamp(first));
    // Signed with both secrets while rotating: either one verifies.
    for (const secret of ['whsec_old', 'whsec_new'])
      expect(verifyWebhookSignature({ secret, header: first.signature, rawBody: first.rawBody, nowSeconds: stamp(first) })).toMatchObject({
        ok: true,
      });
    expect(sim.stats().webhook).toMatchObject({ deliveries: 2, eventsDelivered: 4, pending: 0 });
  });

  it('reorders pushes under the out-of-order fault', async () => {
    const receiver = await startWebhookReceiver('s');
    running.push(receiver);
    const sim = await simulator({
      seed: 3,
      webhook: { url: receiver.url, secret: 's', maxBatch: 1, batchWindowMs: 1 },
      faults: { outOfOrder: true },
    });
    const made = sim.generateReferrals(12);
    await sim.webhookIdle();
    const order = receiver.pushes.map((p) => (p.payload.events[0].data as InboundReferral).externalId);
    expect([...order].sort()).toEqual(made.map((r) => r.externalId));
    expect(order).not.toEqual(made.map((r) => r.externalId));
  });

  it('makes referrals on a timer when asked to', async () => {
    const sim = await simulator({ autoGenerate: { everyMs: 15, batch: 2 } });
    await eventually(() => sim.referrals().length >= 6, 2_000, 'six referrals');
    expect(sim.referrals().length % 2).toBe(0);
  });

  it('logs counts and ids, never names or identity codes', async () => {
    let log = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        log += String(chunk);
        done();
      },
    });
    const receiver = await startWebhookReceiver('s', [500, 200]);
    running.push(receiver);
    const sim = await simulator({
      logger: createLogger('debug', sink),
      initialReferrals: 20,
      webhook: { url: receiver.url, secret: 's', retry: { initialMs: 1, maxMs: 5 } },
    });
    await sim.webhookIdle();
    await fetch(`${sim.url}/referrals?limit=50`);
    await sim.stop();
    expect(log).toContain('referrals generated');
    expect(log).toContain('webhook push refused');
    for (const referral of sim.referrals()) {
      expect(log).not.toContain(referral.person.identityCode);
      expect(log).not.toContain(referral.person.lastName);
    }
  });
});
