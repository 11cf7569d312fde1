import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { OutboundError } from '../shared/outbound-http';
import { testEndpoint } from '../simulator/test-support';
import { EMPLOYMENT_AREA_PATHS, EmploymentAreaHttpAdapter } from './employment-area.http';
import type { EmploymentAreaMessage, InboundReferral } from './employment-area.port';
import { EmploymentAreaSimulatorOptions, RunningEmploymentAreaSimulator, startEmploymentAreaSimulator } from './employment-area.simulator';

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.stop();
});

async function simulator(options: EmploymentAreaSimulatorOptions = {}): Promise<RunningEmploymentAreaSimulator> {
  const sim = await startEmploymentAreaSimulator({ seed: 11, ...options });
  running.push(sim);
  return sim;
}

function adapterFor(url: string, overrides: Parameters<typeof testEndpoint>[1] = {}): EmploymentAreaHttpAdapter {
  const adapter = new EmploymentAreaHttpAdapter(testEndpoint(url, overrides));
  running.push({ stop: () => adapter.close() });
  return adapter;
}

/** Reads everything newer, as a poller does: a null cursor means "nothing newer, keep yours". */
async function pollAll(adapter: EmploymentAreaHttpAdapter, limit: number, start: string | null = null) {
  const pages: InboundReferral[][] = [];
  let cursor = start;
  for (;;) {
    const batch = await adapter.fetchReferrals(cursor, limit);
    if (batch.referrals.length === 0) {
      expect(batch.cursor).toBeNull();
      return { pages, cursor };
    }
    pages.push(batch.referrals);
    if (batch.cursor) cursor = batch.cursor;
  }
}

const decidedAt = '2026-03-02T08:15:00.000Z';
type Of<K extends EmploymentAreaMessage['kind']> = Extract<EmploymentAreaMessage, { kind: K }>;
const messages = (referralExternalId: string): [Of<'REFERRAL_DECISION'>, Of<'ATTENDANCE_REPORT'>, Of<'FINAL_SUMMARY'>, Of<'OUTCOME'>] => [
  { kind: 'REFERRAL_DECISION', referralExternalId, accepted: true, reason: null, decidedAt },
  {
    kind: 'ATTENDANCE_REPORT',
    referralExternalId,
    periodId: 'period-1',
    month: '2026-03',
    version: 1,
    participationBasis: 'REHABILITATIVE_WORK',
    daysPresent: 12,
    daysAbsent: 2,
    expenseAllowanceCents: 13_200,
  },
  {
    kind: 'FINAL_SUMMARY',
    referralExternalId,
    periodId: 'period-1',
    summaryId: 'summary-1',
    caseManagerEmail: 'heidi.saarinen@pori.example',
    deliveredAt: decidedAt,
    sections: { workCapacity: 'Jaksaa kuusi tuntia päivässä.', nextSteps: null },
  },
  { kind: 'OUTCOME', referralExternalId, periodId: 'period-1', outcomeId: 'outcome-1', outcomeType: 'STUDYING', date: '2026-06-01' },
];

describe('EmploymentAreaHttpAdapter ↔ simulator', () => {
  it('reads referrals by cursor across page boundaries, then gets an empty page with a null cursor', async () => {
    const sim = await simulator({ initialReferrals: 23 });
    const adapter = adapterFor(sim.url);
    const { pages, cursor } = await pollAll(adapter, 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(sim.referrals());
    // Newer referrals continue from the kept cursor.
    sim.generateReferrals(4);
    const more = await pollAll(adapter, 10, cursor);
    expect(more.pages.flat().map((r) => r.externalId)).toEqual(
      sim
        .referrals()
        .slice(23)
        .map((r) => r.externalId),
    );
    expect(sim.stats().referrals).toMatchObject({ total: 27, served: 27, servedAgain: 0 });
  });

  it('sends each kind of message to its endpoint, applied once per idempotency key', async () => {
    const sim = await simulator({ initialReferrals: 1 });
    const adapter = adapterFor(sim.url);
    const [referral] = sim.referrals();
    for (const [index, message] of messages(referral.externalId).entries()) await adapter.send(message, `key-${index}`);
    // The same messages again with the same keys: a retry after a lost answer.
    for (const [index, message] of messages(referral.externalId).entries()) await adapter.send(message, `key-${index}`);
    const stats = sim.stats();
    for (const kind of ['REFERRAL_DECISION', 'ATTENDANCE_REPORT', 'FINAL_SUMMARY', 'OUTCOME'] as const) {
      expect(stats.messages[kind]).toEqual({ received: 2, applied: 1, duplicates: 1, refused: 0 });
    }
    expect(stats.decidedReferralIds).toEqual([referral.externalId]);
    expect(stats.attendanceReports).toEqual([{ periodId: 'period-1', month: '2026-03', version: 1 }]);
    expect(stats.finalSummaryIds).toEqual(['summary-1']);
    expect(stats.outcomeIds).toEqual(['outcome-1']);
    // A correction is a higher version of the same month.
    await adapter.send({ ...messages(referral.externalId)[1], version: 2, daysAbsent: 3 }, 'key-v2');
    expect(sim.stats().attendanceReports).toHaveLength(2);
  });

  it('refuses a reused key with another body, and messages the system cannot take, as rejected (not retried)', async () => {
    const sim = await simulator({ initialReferrals: 1 });
    const adapter = adapterFor(sim.url);
    const [decision, report] = messages(sim.referrals()[0].externalId);
    await adapter.send(report, 'same-key');
    const reuse = await adapter.send({ ...report, daysPresent: 13 }, 'same-key').catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(OutboundError);
    expect(reuse).toMatchObject({ kind: 'rejected', status: 422 });
    // The same key on another endpoint is a reuse too.
    await expect(adapter.send(decision, 'same-key')).rejects.toMatchObject({ kind: 'rejected', status: 422 });
    await expect(adapter.send({ ...decision, referralExternalId: 'no-such-referral' }, 'k-unknown')).rejects.toMatchObject({
      kind: 'rejected',
      status: 404,
    });
    await adapter.send(decision, 'k-decision');
    await expect(adapter.send({ ...decision, accepted: false, reason: 'muutti' }, 'k-second-decision')).rejects.toMatchObject({
      kind: 'rejected',
      status: 409,
    });
    await expect(adapter.send({ ...report, month: '2026-13' }, 'k-bad')).rejects.toMatchObject({ kind: 'rejected', status: 400 });
    expect(sim.stats().messages.ATTENDANCE_REPORT).toEqual({ received: 3, applied: 1, duplicates: 0, refused: 2 });
    expect(sim.stats().messages.REFERRAL_DECISION).toEqual({ received: 4, applied: 1, duplicates: 0, refused: 3 });
  });

  it('converges through 30 % server errors with retries: every message applied exactly once', async () => {
    const sim = await simulator({ initialReferrals: 1, faults: { errorRate: 0.3 } });
    const adapter = adapterFor(sim.url, { maxAttempts: 10 });
    const referrals = await pollAll(adapter, 5).then((r) => r.pages.flat());
    expect(referrals).toHaveLength(1);
    for (let i = 0; i < 40; i++) {
      await adapter.send({ ...messages('x')[3], outcomeId: `outcome-${i}` }, `key-${i}`);
    }
    const stats = sim.stats();
    expect(stats.outcomeIds).toHaveLength(40);
    expect(stats.messages.OUTCOME).toMatchObject({ applied: 40, duplicates: 0, refused: 0 });
    expect(stats.faults.errors).toBeGreaterThan(5);
  });

  it('survives timeouts: a write the system applied before dropping the connection is a duplicate on retry, never applied twice', async () => {
    const sim = await simulator({ initialReferrals: 12, faults: { timeoutRate: 0.3, timeoutHoldMs: 600 } });
    const adapter = adapterFor(sim.url, { timeoutMs: 200, maxAttempts: 12 });
    const referrals = await pollAll(adapter, 5).then((r) => r.pages.flat());
    expect(referrals.map((r) => r.externalId)).toEqual(sim.referrals().map((r) => r.externalId));
    for (let i = 0; i < 20; i++) {
      await adapter.send({ ...messages('x')[3], outcomeId: `outcome-${i}` }, `key-${i}`);
    }
    const stats = sim.stats();
    expect(stats.outcomeIds).toHaveLength(20);
    expect(stats.faults.timeouts).toBeGreaterThan(3);
    expect(stats.faults.timeoutsApplied).toBeGreaterThan(0);
    // Each write applied before its connection dropped came back as a retry with the same key.
    expect(stats.messages.OUTCOME).toMatchObject({ applied: 20 });
    expect(stats.messages.OUTCOME.duplicates).toBeGreaterThanOrEqual(stats.faults.timeoutsApplied);
  });

  it('gets every referral despite duplicates and shuffled pages, once the poller drops repeats by externalId', async () => {
    const sim = await simulator({ initialReferrals: 50, faults: { duplicateRate: 0.3, outOfOrder: true } });
    const { pages } = await pollAll(adapterFor(sim.url), 7);
    const served = pages.flat();
    const distinct = new Map(served.map((r) => [r.externalId, r]));
    expect([...distinct.values()].sort((a, b) => a.externalId.localeCompare(b.externalId))).toEqual(sim.referrals());
    const stats = sim.stats().referrals;
    expect(stats.servedAgain).toBeGreaterThan(0);
    expect(served).toHaveLength(50 + stats.servedAgain);
    const sorted = (page: InboundReferral[]) => page.every((r, i) => i === 0 || page[i - 1].externalId < r.externalId);
    expect(pages.some((page) => !sorted(page))).toBe(true);
  });

  it('goes through an X-Road security server: /r1/{service}/… with the X-Road-Client header', async () => {
    const xRoad = { client: 'FI/MUN/0204819-8/Polku', service: 'FI/MUN/0204819-8/PoriTyollisyysalue/asiakastiedot' };
    const sim = await simulator({ initialReferrals: 3, xRoad: { service: xRoad.service } });
    const adapter = adapterFor(sim.url, { xRoad });
    expect((await pollAll(adapter, 2)).pages.flat()).toHaveLength(3);
    await adapter.send(messages(sim.referrals()[0].externalId)[0], 'k-xroad');
    expect(sim.stats().xRoadClients).toEqual([xRoad.client]);
    expect(sim.stats().messages.REFERRAL_DECISION.applied).toBe(1);
    // Straight to the system, past the security server, is not how it is reached.
    await expect(adapterFor(sim.url).fetchReferrals(null, 1)).rejects.toMatchObject({ kind: 'rejected', status: 404 });
    const noClient = await fetch(`${sim.url}/r1/${xRoad.service}/referrals`);
    expect(noClient.status).toBe(400);
  });

  it('calls a malformed answer unavailable, naming the field but never the personal data in it', async () => {
    const sim = await simulator();
    const good = sim.generateReferrals(1)[0];
    sim.addReferral({ ...good, externalId: 'broken-1', person: { ...good.person, firstName: 42 as unknown as string } });
    const failure = await adapterFor(sim.url)
      .fetchReferrals(null, 10)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OutboundError);
    expect(failure).toMatchObject({ kind: 'unavailable', status: 200 });
    const message = (failure as Error).message;
    expect(message).toContain('referrals.1.person.firstName');
    expect(message).not.toContain(good.person.identityCode);
    expect(message).not.toContain(good.person.lastName);
  });

  it('drops fields it does not know instead of passing them on', async () => {
    const sim = await simulator();
    const good = sim.generateReferrals(1)[0];
    sim.addReferral({ ...good, externalId: 'extra-1', unexpected: { nested: true } } as InboundReferral);
    const batch = await adapterFor(sim.url).fetchReferrals(null, 10);
    expect(batch.referrals[1]).not.toHaveProperty('unexpected');
    expect(batch.referrals[1]).toEqual({ ...good, externalId: 'extra-1' });
  });

  it('treats a redirect as unavailable and a 2xx write with an odd body as delivered', async () => {
    const server = http.createServer((request, response) => {
      request.resume();
      if (request.method === 'GET' && request.url?.startsWith(`/${EMPLOYMENT_AREA_PATHS.referrals}?limit=5&after=abc`)) {
        response.writeHead(302, { location: '/elsewhere' }).end();
      } else if (request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const adapter = adapterFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { maxAttempts: 1 });
    await expect(adapter.fetchReferrals('abc', 5)).rejects.toMatchObject({ kind: 'unavailable', status: 302 });
    await expect(adapter.fetchReferrals(null, 5)).rejects.toMatchObject({
      kind: 'unavailable',
      status: 200,
      message: expect.stringContaining('not JSON'),
    });
    await expect(adapter.send(messages('r-1')[0], 'k-odd')).resolves.toBeUndefined();
  });
});
