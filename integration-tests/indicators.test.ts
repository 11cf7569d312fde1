import { Role } from '../src/platform/auth/actor';
import { CreateIndicatorDocument, IndicatorsDocument, RecordIndicatorMeasurementDocument, SetIndicatorTargetDocument } from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
let share: string; // higher is better, target 70
let waiting: string; // lower is better

beforeAll(async () => {
  server = await startTestServer();
  share = (
    await server.ok(CreateIndicatorDocument, {
      input: {
        code: 'EMPLOYED_OR_STUDYING_SHARE',
        name: { fi: 'Työllistyneet tai opiskelemaan', sv: 'Sysselsatta eller studerande', en: 'Employed or studying' },
        unit: 'PERCENT',
        baselineValue: 52.5,
        baselineYear: 2024,
      },
    })
  ).createIndicator.indicator.id;
  waiting = (
    await server.ok(CreateIndicatorDocument, {
      input: { code: 'WAITING_DAYS', name: { fi: 'Odotuspäivät', sv: 'Väntedagar', en: 'Waiting days' }, unit: 'COUNT', higherIsBetter: false },
    })
  ).createIndicator.indicator.id;
});

afterAll(async () => {
  await server?.stop();
});

const measure = (indicatorId: string, measuredOn: string, value: number) =>
  server.ok(RecordIndicatorMeasurementDocument, { input: { indicatorId, measuredOn, value } });

it('upserts one target per year', async () => {
  await server.ok(SetIndicatorTargetDocument, { input: { indicatorId: share, year: 2028, value: 70 } });
  await server.ok(SetIndicatorTargetDocument, { input: { indicatorId: share, year: 2026, value: 60 } });
  const again = await server.ok(SetIndicatorTargetDocument, { input: { indicatorId: share, year: 2026, value: 65 } });
  expect(again.setIndicatorTarget.indicator.targets).toEqual([
    { year: 2026, value: 65 },
    { year: 2028, value: 70 },
  ]);
  await server.ok(SetIndicatorTargetDocument, { input: { indicatorId: waiting, year: 2026, value: 14 } });
});

it('lists measurements in a range, the latest one and progress against the year target', async () => {
  await measure(share, '2025-12-31', 58);
  await measure(share, '2026-06-30', 66.25);
  await measure(share, '2027-01-31', 50);
  await measure(waiting, '2026-03-31', 20);
  await measure(waiting, '2026-09-30', 12);

  const data = await server.ok(IndicatorsDocument, { from: '2026-01-01', to: '2026-12-31', year: 2026 });
  const [first, second] = data.indicators;
  expect(first.code).toBe('EMPLOYED_OR_STUDYING_SHARE');
  expect(first.measurements).toEqual([{ measuredOn: '2026-06-30', value: 66.25 }]);
  expect(first.latestMeasurement).toEqual({ measuredOn: '2027-01-31', value: 50 });
  // Latest up to the end of 2026 is 66.25 ≥ 65: on track although 2027 fell.
  expect(first.progress).toEqual({
    year: 2026,
    target: 65,
    latest: 66.25,
    latestMeasuredOn: '2026-06-30',
    baseline: 52.5,
    baselineYear: 2024,
    onTrack: true,
  });
  // Lower is better: 12 ≤ 14.
  expect(second.progress).toMatchObject({ target: 14, latest: 12, onTrack: true, baseline: null });

  const later = await server.ok(IndicatorsDocument, { year: 2028 });
  expect(later.indicators[0].progress).toMatchObject({ target: 70, latest: 50, onTrack: false });
  expect(later.indicators[1].progress).toMatchObject({ target: null, latest: 12, onTrack: null });
  expect(later.indicators[0].measurements).toHaveLength(3);
});

it('refuses a duplicate code and a malformed one, naming input.code', async () => {
  const duplicate = await server.request(CreateIndicatorDocument, {
    input: { code: 'WAITING_DAYS', name: { fi: 'x', sv: 'x', en: 'x' }, unit: 'COUNT' },
  });
  expect(duplicate.errors?.[0].extensions).toMatchObject({
    code: 'CONFLICT',
    reason: 'INDICATOR_CODE_EXISTS',
    fields: [expect.objectContaining({ path: 'input.code' })],
  });
  const malformed = await server.request(CreateIndicatorDocument, {
    input: { code: 'bad code', name: { fi: 'x', sv: 'x', en: 'x' }, unit: 'COUNT' },
  });
  expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.code' })] });
});

it('answers an unknown indicator with NOT_FOUND', async () => {
  const response = await server.request(SetIndicatorTargetDocument, {
    input: { indicatorId: '00000000-0000-4000-8000-000000000000', year: 2026, value: 1 },
  });
  expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

it('lets an analyst read but not write', async () => {
  const analyst = await server.as({ role: Role.ANALYST });
  const read = await analyst.ok(IndicatorsDocument, { year: 2026 });
  expect(read.indicators).toHaveLength(2);
  const write = await analyst.request(RecordIndicatorMeasurementDocument, { input: { indicatorId: share, measuredOn: '2026-07-01', value: 99 } });
  expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const target = await analyst.request(SetIndicatorTargetDocument, { input: { indicatorId: share, year: 2026, value: 1 } });
  expect(target.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const after = await server.ok(IndicatorsDocument, { year: 2026 });
  expect(after.indicators[0].progress.target).toBe(65);
  expect(after.indicators[0].latestMeasurement?.value).toBe(50);
});

it('loads the nested fields of all indicators in a constant number of statements', async () => {
  const few = await server.countStatements(() => server.ok(IndicatorsDocument, { year: 2026 }));
  for (let i = 0; i < 10; i++) {
    const id = (await server.ok(CreateIndicatorDocument, { input: { code: `EXTRA_${i}`, name: { fi: 'x', sv: 'x', en: 'x' }, unit: 'RATIO' } }))
      .createIndicator.indicator.id;
    await measure(id, '2026-01-01', i);
  }
  const many = await server.countStatements(() => server.ok(IndicatorsDocument, { year: 2026 }));
  expect(many).toBe(few);
});
