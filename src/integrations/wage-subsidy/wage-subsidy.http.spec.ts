import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { OutboundError } from '../shared/outbound-http';
import { eventually, startWebhookReceiver, testEndpoint } from '../simulator/test-support';
import { WageSubsidyHttpAdapter } from './wage-subsidy.http';
import type { InboundDecision, WageSubsidyApplicationMessage } from './wage-subsidy.port';
import { decisionIdFor, decisionRolls, NOT_STATUTORY, OUTCOME_SHARES, planDecision } from './wage-subsidy.rules';
import { RunningWageSubsidySimulator, startWageSubsidySimulator, WageSubsidySimulatorOptions } from './wage-subsidy.simulator';

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.stop();
});

const now = new Date('2026-03-02T10:00:00Z');

async function simulator(options: WageSubsidySimulatorOptions = {}): Promise<RunningWageSubsidySimulator> {
  const sim = await startWageSubsidySimulator({ seed: 21, decisionDelayMs: [0, 5], now: () => now, ...options });
  running.push(sim);
  return sim;
}

function adapterFor(url: string, overrides: Parameters<typeof testEndpoint>[1] = {}): WageSubsidyHttpAdapter {
  const adapter = new WageSubsidyHttpAdapter(testEndpoint(url, overrides));
  running.push({ stop: () => adapter.close() });
  return adapter;
}

const application = (applicationId: string, overrides: Partial<WageSubsidyApplicationMessage> = {}): WageSubsidyApplicationMessage => ({
  applicationId,
  employer: { name: 'Satakunnan Rakennuspalvelu Oy', businessId: '2345678-0', kind: 'PARTNER_COMPANY' },
  person: { identityCode: '131052-308T', firstName: 'Testi', lastName: 'Henkilö' },
  requestedTypeCode: 'PALKKATUKI_70',
  requestedPercent: 70,
  requestedStart: '2026-04-01',
  requestedEnd: '2026-12-31',
  hoursPerWeek: 37.5,
  monthlyPayCents: 250_000,
  submittedAt: '2026-03-01T12:00:00Z',
  ...overrides,
});

function idWithRoll(from: number, to: number): string {
  for (let i = 0; ; i++) {
    const [roll] = decisionRolls(`application-${i}`);
    if (roll >= from && roll < to) return `application-${i}`;
  }
}

async function fetchAll(adapter: WageSubsidyHttpAdapter, limit: number) {
  const pages: InboundDecision[][] = [];
  let cursor: string | null = null;
  for (;;) {
    const batch = await adapter.fetchDecisions(cursor, limit);
    if (!batch.decisions.length) return pages;
    pages.push(batch.decisions);
    cursor = batch.cursor ?? cursor;
  }
}

describe('WageSubsidyHttpAdapter ↔ simulator', () => {
  it('gets decisions only after the decision delay, decided by the rules on the day of the clock', async () => {
    // A delay no run outlasts, then "the authority decides now": nothing here depends on how busy the machine is.
    const sim = await simulator({ decisionDelayMs: [600_000, 600_000] });
    const adapter = adapterFor(sim.url);
    const apps = [
      application(idWithRoll(0, OUTCOME_SHARES.granted)),
      application(idWithRoll(OUTCOME_SHARES.partlyGranted, 1)),
      application('own-1', { requestedTypeCode: 'PORI_KUNTALISA' }),
    ];
    for (const app of apps) await adapter.submitApplication(app, `key-${app.applicationId}`);
    expect(await adapter.fetchDecisions(null, 10)).toEqual({ decisions: [], cursor: null });
    expect(sim.stats().applications).toMatchObject({ applied: 3, pending: 3 });
    expect(sim.decideNow()).toBe(3);
    expect(sim.stats().decisions.made).toBe(3);
    const { decisions } = await adapter.fetchDecisions(null, 10);
    expect(new Set(decisions.map((d) => d.applicationId))).toEqual(new Set(apps.map((a) => a.applicationId)));
    for (const decision of decisions) {
      const app = apps.find((a) => a.applicationId === decision.applicationId)!;
      expect(decision).toEqual({
        decisionId: decisionIdFor(app.applicationId),
        authority: 'Porin seudun työllisyysalue',
        ...planDecision(app, '2026-03-02'),
      });
    }
    const byApp = new Map(decisions.map((d) => [d.applicationId, d]));
    expect(byApp.get(apps[0].applicationId)).toMatchObject({ outcome: 'GRANTED', percent: 70, startDate: '2026-04-01', endDate: '2026-12-31' });
    expect(byApp.get(apps[1].applicationId)).toMatchObject({ outcome: 'DENIED', percent: null });
    expect(byApp.get('own-1')).toMatchObject({ outcome: 'DENIED', denialReason: NOT_STATUTORY });
    expect(new Set(decisions.map((d) => d.decisionId)).size).toBe(3);
    expect(decisions.every((d) => d.decidedOn === '2026-03-02')).toBe(true);
    expect(sim.stats().applications.pending).toBe(0);
  });

  it('takes an application once per key and once per application id', async () => {
    const sim = await simulator();
    const adapter = adapterFor(sim.url);
    const app = application('app-dedup');
    await adapter.submitApplication(app, 'k-1');
    await adapter.submitApplication(app, 'k-1');
    // The same application again under a new key (an outbox row written twice): a duplicate, not a second case.
    await adapter.submitApplication({ ...app, submittedAt: '2026-03-02T08:00:00Z' }, 'k-2');
    await expect(adapter.submitApplication({ ...app, requestedPercent: 50 }, 'k-1')).rejects.toMatchObject({ kind: 'rejected', status: 422 });
    await expect(adapter.submitApplication({ ...app, requestedPercent: 50 }, 'k-3')).rejects.toMatchObject({ kind: 'rejected', status: 409 });
    await expect(
      adapter.submitApplication(application('app-bad-code', { person: { ...app.person, identityCode: '131052-308A' } }), 'k-4'),
    ).rejects.toMatchObject({
      kind: 'rejected',
      status: 400,
    });
    expect(sim.stats().applications).toMatchObject({ received: 6, applied: 1, duplicates: 2, refused: 3 });
    await eventually(() => sim.stats().decisions.made === 1, 2_000, 'the decision');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.decisions()).toHaveLength(1);
  });

  it('serves decisions by cursor across pages, and the poller gets each once despite repeats and shuffled pages', async () => {
    const sim = await simulator({ decisionDelayMs: [60_000, 60_000] });
    const adapter = adapterFor(sim.url);
    for (let i = 0; i < 12; i++) await adapter.submitApplication(application(`app-${i}`), `key-${i}`);
    const decided = (await fetch(`${sim.url}/_sim/decide-now`, { method: 'POST' }).then((r) => r.json())) as { decided: number };
    expect(decided).toEqual({ decided: 12 });
    expect((await fetchAll(adapter, 5)).map((page) => page.length)).toEqual([5, 5, 2]);

    sim.setFaults({ duplicateRate: 0.4, outOfOrder: true });
    const pages = await fetchAll(adapter, 5);
    const ids = pages.flat().map((d) => d.decisionId);
    expect(new Set(ids)).toEqual(new Set(sim.decisions().map((d) => d.decisionId)));
    expect(ids.length).toBeGreaterThan(12);
    const stats = sim.stats().decisions;
    expect(stats).toMatchObject({ made: 12, fetched: 12 + ids.length, fetchedAgain: ids.length - 12, pushed: 0 });
    expect(stats.delivered).toBe(stats.fetched);
  });

  it('converges through errors and timeouts: each application decided exactly once', async () => {
    const sim = await simulator({ faults: { errorRate: 0.3, timeoutRate: 0.15, timeoutHoldMs: 600 } });
    const adapter = adapterFor(sim.url, { timeoutMs: 200, maxAttempts: 12 });
    for (let i = 0; i < 15; i++) await adapter.submitApplication(application(`app-${i}`), `key-${i}`);
    sim.setFaults({ errorRate: 0, timeoutRate: 0 });
    await eventually(() => sim.stats().decisions.made === 15, 3_000, 'fifteen decisions');
    const stats = sim.stats();
    expect(stats.applications).toMatchObject({ applied: 15, refused: 0 });
    // At least every write applied before its connection dropped came back as a duplicate (a busy machine may add more).
    expect(stats.applications.duplicates).toBeGreaterThanOrEqual(stats.faults.timeoutsApplied);
    expect(stats.faults.errors + stats.faults.timeouts).toBeGreaterThan(3);
    const decisions = (await fetchAll(adapter, 100)).flat();
    expect(new Set(decisions.map((d) => d.applicationId)).size).toBe(15);
    expect(decisions).toHaveLength(15);
  });

  it('pushes each decision to a webhook, signed and retried until 2xx', async () => {
    const receiver = await startWebhookReceiver('whsec_ws', [500, 200]);
    running.push(receiver);
    const sim = await simulator({ webhook: { url: receiver.url, secret: 'whsec_ws', retry: { initialMs: 5, maxMs: 10 } } });
    const adapter = adapterFor(sim.url);
    await adapter.submitApplication(application('app-push'), 'k-push');
    await eventually(() => receiver.accepted().length === 1, 3_000, 'the push');
    expect(receiver.pushes).toHaveLength(2);
    for (const push of receiver.pushes) expect(push.verification).toMatchObject({ ok: true });
    const [event] = receiver.accepted()[0].payload.events;
    expect(event).toMatchObject({ type: 'decision.made', data: sim.decisions()[0] });
    expect(event.id).toEqual(expect.any(String));
    await adapter.fetchDecisions(null, 10);
    expect(sim.stats().decisions).toMatchObject({ made: 1, pushed: 1, fetched: 1, delivered: 2 });
    expect(sim.stats().webhook).toMatchObject({ attempts: 2, failedAttempts: 1, deliveries: 1 });
  });

  it('goes through X-Road', async () => {
    const xRoad = { client: 'FI/MUN/0204819-8/Polku', service: 'FI/GOV/2769790-1/Palkkatuki/hakemukset' };
    const sim = await simulator({ xRoad: { service: xRoad.service } });
    const adapter = adapterFor(sim.url, { xRoad });
    await adapter.submitApplication(application('app-xroad'), 'k-xroad');
    await eventually(() => sim.stats().decisions.made === 1, 2_000, 'the decision');
    expect((await adapter.fetchDecisions(null, 5)).decisions).toHaveLength(1);
    expect(sim.stats().xRoadClients).toEqual([xRoad.client]);
  });
});

describe('WageSubsidyHttpAdapter, on answers it cannot trust', () => {
  async function serving(body: unknown) {
    const server = http.createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    return adapterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const decision: InboundDecision = {
    decisionId: 'PT-1',
    applicationId: 'app-1',
    authority: 'Porin seudun työllisyysalue',
    outcome: 'GRANTED',
    percent: 50,
    subsidyTypeCode: 'PALKKATUKI_50',
    startDate: '2026-04-01',
    endDate: '2026-09-30',
    monthlyCapCents: 140_000,
    denialReason: null,
    decidedOn: '2026-03-02',
  };

  it('calls a grant without a period, or an unknown outcome, unavailable', async () => {
    for (const bad of [
      { ...decision, endDate: null },
      { ...decision, outcome: 'MAYBE' },
      { ...decision, endDate: '2026-03-01' },
      { decisions: 'none' },
    ]) {
      const adapter = await serving('decisions' in bad ? bad : { decisions: [bad], cursor: 'c1' });
      const failure = await adapter.fetchDecisions(null, 10).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(OutboundError);
      expect(failure).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('malformed answer') });
    }
  });

  it('passes nothing granted on from a denial', async () => {
    const adapter = await serving({ decisions: [{ ...decision, outcome: 'DENIED', denialReason: 'no', monthlyCapCents: 0 }], cursor: 'c1' });
    expect(await adapter.fetchDecisions(null, 10)).toEqual({
      decisions: [
        {
          ...decision,
          outcome: 'DENIED',
          denialReason: 'no',
          percent: null,
          subsidyTypeCode: null,
          startDate: null,
          endDate: null,
          monthlyCapCents: null,
        },
      ],
      cursor: 'c1',
    });
  });
});
