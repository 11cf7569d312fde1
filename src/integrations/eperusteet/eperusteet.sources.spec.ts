import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { OutboundHttp } from '../shared/outbound-http';
import { createQualificationSource, eperusteetSettingsFrom } from './eperusteet.config';
import { EPERUSTEET_FIXTURES, FixtureQualificationSource } from './eperusteet.fixture';
import { EPerusteetHttpSource } from './eperusteet.http';
import { QualificationSourceError } from './eperusteet.port';

const fixtureText = (name: string) => fs.readFileSync(path.join(EPERUSTEET_FIXTURES, name), 'utf8');

/** ePerusteet under /eperusteet-service, answering from `routes` (path and query → status and body); it records the URLs asked. */
async function fakeEPerusteet(routes: Record<string, { status: number; body?: string }>) {
  const seen: Array<{ url: string; accept?: string }> = [];
  const server = http.createServer((request, response) => {
    seen.push({ url: request.url!, accept: request.headers.accept });
    const route = routes[request.url!] ?? { status: 404, body: '{"syy":"ei-loydy"}' };
    response.writeHead(route.status, { 'content-type': 'application/json;charset=UTF-8' });
    response.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eperusteet-service`;
  const client = new OutboundHttp({
    baseUrl,
    timeoutMs: 2000,
    maxAttempts: 2,
    backoff: { initialMs: 1, maxMs: 5 },
    breaker: { consecutiveFailures: 50, halfOpenAfterMs: 60_000 },
  });
  cleanups.push(async () => {
    client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { seen, baseUrl, client };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<QualificationSourceError> {
  const error = await promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QualificationSourceError);
  return error as QualificationSourceError;
}

describe('EPerusteetHttpSource', () => {
  const list = '/eperusteet-service/api/external/perusteet?koulutustyyppi=koulutustyyppi_1&tyyppi=normaali&sivu=';

  it('lists the published qualifications page by page and fetches one from the external API', async () => {
    const second = JSON.stringify({
      content: [{ id: 4179214, nimi: { fi: 'Kasvatus- ja ohjausalan perustutkinto' }, diaarinumero: 'OPH-2639-2017' }],
      totalPages: 2,
      last: true,
    });
    const firstPage = JSON.parse(fixtureText('perusteet.json')) as Record<string, unknown>;
    const api = await fakeEPerusteet({
      [`${list}0&sivukoko=3`]: { status: 200, body: JSON.stringify({ ...firstPage, totalPages: 2, last: false, size: 3 }) },
      [`${list}1&sivukoko=3`]: { status: 200, body: second },
      '/eperusteet-service/api/external/peruste/3397336': { status: 200, body: fixtureText('peruste-3397336.json') },
    });
    const source = new EPerusteetHttpSource(api.client, api.baseUrl, { pageSize: 3 });
    expect((await source.listQualifications()).map((q) => q.externalId)).toEqual(['3397336', '3689879', '3886019', '4179214']);
    const qualification = await source.fetchQualification('3397336');
    expect(qualification).toMatchObject({ externalId: '3397336', diaryNumber: 'OPH-2660-2017' });
    expect(qualification.units).toHaveLength(4);
    expect(api.seen).toEqual([
      { url: `${list}0&sivukoko=3`, accept: 'application/json' },
      { url: `${list}1&sivukoko=3`, accept: 'application/json' },
      { url: '/eperusteet-service/api/external/peruste/3397336', accept: 'application/json' },
    ]);
    expect(source.description).toBe(`ePerusteet at ${api.baseUrl}`);
  });

  it('lists the configured ids without asking, and names the education types it is given', async () => {
    const api = await fakeEPerusteet({
      '/eperusteet-service/api/external/perusteet?koulutustyyppi=koulutustyyppi_1&koulutustyyppi=koulutustyyppi_11&tyyppi=normaali&sivu=0&sivukoko=100':
        {
          status: 200,
          body: JSON.stringify({ content: [], totalPages: 0, last: true }),
        },
    });
    const configured = new EPerusteetHttpSource(api.client, api.baseUrl, { qualificationIds: ['3397336', '3886019'] });
    expect(await configured.listQualifications()).toEqual([
      { externalId: '3397336', diaryNumber: null, name: null },
      { externalId: '3886019', diaryNumber: null, name: null },
    ]);
    expect(api.seen).toEqual([]);
    const typed = new EPerusteetHttpSource(api.client, api.baseUrl, { educationTypes: ['koulutustyyppi_1', 'koulutustyyppi_11'] });
    expect(await typed.listQualifications()).toEqual([]);
    expect(api.seen).toHaveLength(1);
  });

  it('tells a missing qualification from an unreachable service and from an answer that is not one', async () => {
    const api = await fakeEPerusteet({
      '/eperusteet-service/api/external/peruste/1': { status: 503 },
      '/eperusteet-service/api/external/peruste/2': { status: 200, body: '<html>huoltokatko</html>' },
      '/eperusteet-service/api/external/peruste/3': { status: 200, body: fixtureText('peruste-3689879.json') },
      '/eperusteet-service/api/external/peruste/4': { status: 204 },
    });
    const source = new EPerusteetHttpSource(api.client, api.baseUrl);
    expect(await rejection(source.fetchQualification('9'))).toMatchObject({ kind: 'not-found', message: 'ePerusteet peruste 9 was not found' });
    expect(await rejection(source.fetchQualification('1'))).toMatchObject({ kind: 'unavailable' });
    expect(await rejection(source.fetchQualification('2'))).toMatchObject({ kind: 'malformed' });
    expect(await rejection(source.fetchQualification('3'))).toMatchObject({
      kind: 'malformed',
      message: 'ePerusteet peruste 3: the answer describes peruste 3689879',
    });
    expect(await rejection(source.fetchQualification('4'))).toMatchObject({ kind: 'not-found' });
    const before = api.seen.length;
    // Not an id the API routes: nothing is sent.
    expect(await rejection(source.fetchQualification('../perusteet'))).toMatchObject({ kind: 'not-found' });
    expect(api.seen).toHaveLength(before);
    // The 503 was tried twice (maxAttempts 2).
    expect(api.seen.filter((s) => s.url.endsWith('/peruste/1'))).toHaveLength(2);
  });
});

describe('FixtureQualificationSource', () => {
  it('reads the API answers from files, a later folder standing in for an earlier one', async () => {
    const first = new FixtureQualificationSource([EPERUSTEET_FIXTURES]);
    const layered = new FixtureQualificationSource([EPERUSTEET_FIXTURES, path.join(EPERUSTEET_FIXTURES, 'v2')]);
    expect((await layered.listQualifications()).map((q) => q.externalId)).toEqual(['3397336', '3689879', '3886019']);
    expect((await first.fetchQualification('3397336')).units).toHaveLength(4);
    expect((await layered.fetchQualification('3397336')).units).toHaveLength(3);
    expect((await layered.fetchQualification('3689879')).externalId).toBe('3689879');
    expect(await rejection(layered.fetchQualification('1234'))).toMatchObject({ kind: 'not-found' });
    expect(
      await rejection(new FixtureQualificationSource([path.join(EPERUSTEET_FIXTURES, 'malformed')]).fetchQualification('3886019')),
    ).toMatchObject({
      kind: 'malformed',
    });
  });

  it('refuses a file that is not JSON', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-eperusteet-'));
    cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
    fs.writeFileSync(path.join(folder, 'peruste-5.json'), '{ "id": 5, ');
    expect(await rejection(new FixtureQualificationSource([folder]).fetchQualification('5'))).toMatchObject({
      kind: 'malformed',
      message: 'ePerusteet peruste 5: peruste-5.json is not JSON',
    });
  });
});

describe('eperusteetSettingsFrom', () => {
  it('reads the EPERUSTEET_ variables with their defaults and names a bad one', () => {
    expect(eperusteetSettingsFrom({ NODE_ENV: 'test', EPERUSTEET_QUALIFICATIONS: '' })).toEqual({
      EPERUSTEET_URL: 'https://eperusteet.opintopolku.fi/eperusteet-service',
      EPERUSTEET_TIMEOUT_MS: 60_000,
    });
    expect(eperusteetSettingsFrom({ EPERUSTEET_QUALIFICATIONS: '3397336, 3886019', EPERUSTEET_EDUCATION_TYPES: 'koulutustyyppi_11' })).toMatchObject({
      EPERUSTEET_QUALIFICATIONS: ['3397336', '3886019'],
      EPERUSTEET_EDUCATION_TYPES: ['koulutustyyppi_11'],
    });
    expect(() => eperusteetSettingsFrom({ EPERUSTEET_QUALIFICATIONS: '3397336,kiinteistö' })).toThrow(
      /EPERUSTEET_QUALIFICATIONS\.1: comma-separated ePerusteet peruste ids/,
    );
    expect(() => eperusteetSettingsFrom({ EPERUSTEET_URL: 'not a url' })).toThrow(/EPERUSTEET_URL/);
  });

  it('makes the fixture source when EPERUSTEET_FIXTURES is set, else the API source', () => {
    const fixtures = createQualificationSource(eperusteetSettingsFrom({ EPERUSTEET_FIXTURES: EPERUSTEET_FIXTURES }));
    expect(fixtures.source).toBeInstanceOf(FixtureQualificationSource);
    const api = createQualificationSource(eperusteetSettingsFrom({}));
    expect(api.source).toBeInstanceOf(EPerusteetHttpSource);
    api.close();
  });
});
