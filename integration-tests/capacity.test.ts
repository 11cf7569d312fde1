import { CompetenceRecord } from '../src/modules/competence/competence.entities';
import { CompetenceState } from '../src/modules/competence/competence-state';
import { Role } from '../src/platform/auth/actor';
import {
  CapacityAssessmentByIdDocument,
  CapacityAssessmentsDocument,
  CapacityChangeDocument,
  CapacityInstrumentByIdDocument,
  CapacityInstrumentsDocument,
  CreateCapacityInstrumentDocument,
  CreateCapacityInstrumentMutationVariables,
  RecordCapacityAssessmentDocument,
  TraineesWithCapacityAndCompetenceDocument,
} from './generated/graphql';
import { createStaffMember, insertStaffableTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

let server: TestServer;
let instrumentId: string;
let items: Record<string, string> = {};
let foreignItemId: string;
const text = (fi: string) => ({ fi, sv: fi, en: fi });
const fieldPaths = (extensions: Record<string, unknown> | undefined) => ((extensions?.fields as Array<{ path: string }>) ?? []).map((f) => f.path);

const meter = (version: number): CreateCapacityInstrumentMutationVariables['input'] => ({
  code: 'SIUN-TTK',
  version,
  name: text('Työ- ja toimintakyvyn mittaristo'),
  source: 'Siun sote / Karelia',
  dimensions: [
    {
      code: 'PHYSICAL',
      name: text('Fyysinen'),
      items: [
        { code: 'p1', text: text('Jaksaminen') },
        { code: 'p2', text: text('Liikkuminen') },
      ],
    },
    {
      code: 'SOCIAL',
      name: text('Sosiaalinen'),
      items: [
        { code: 's1', text: text('Yhteistyö') },
        { code: 's2', text: text('Vuorovaikutus') },
        { code: 's3', text: text('Ryhmä') },
      ],
    },
    { code: 'WORK_SKILLS', name: text('Työtaidot'), items: [{ code: 'w1', text: text('Työn laatu') }] },
  ],
});

async function assess(periodId: string, assessedOn: string, scores: Record<string, number>, client: GraphQLClient = server) {
  const data = await client.ok(RecordCapacityAssessmentDocument, {
    input: {
      periodId,
      instrumentId,
      assessedOn,
      summary: 'Arvio',
      scores: Object.entries(scores).map(([code, score]) => ({ itemId: items[code], score })),
    },
  });
  return data.recordCapacityAssessment.capacityAssessment;
}

beforeAll(async () => {
  server = await startTestServer();
  const created = await server.ok(CreateCapacityInstrumentDocument, { input: meter(1) });
  instrumentId = created.createCapacityInstrument.capacityInstrument.id;
  items = Object.fromEntries(
    created.createCapacityInstrument.capacityInstrument.dimensions.flatMap((d) => d.items.map((item) => [item.code, item.id])),
  );
  const other = await server.ok(CreateCapacityInstrumentDocument, {
    input: {
      code: 'OTHER',
      version: 1,
      name: text('Muu'),
      dimensions: [{ code: 'PHYSICAL', name: text('F'), items: [{ code: 'o1', text: text('o') }] }],
    },
  });
  foreignItemId = other.createCapacityInstrument.capacityInstrument.dimensions[0].items[0].id;
});

afterAll(async () => {
  await server?.stop();
});

describe('capacity instruments', () => {
  it('keeps dimensions and items in the given order', async () => {
    const { capacityInstrument } = await server.ok(CapacityInstrumentByIdDocument, { id: instrumentId });
    expect(capacityInstrument.dimensions.map((d) => [d.code, d.position, d.items.map((i) => i.code)])).toEqual([
      ['PHYSICAL', 0, ['p1', 'p2']],
      ['SOCIAL', 1, ['s1', 's2', 's3']],
      ['WORK_SKILLS', 2, ['w1']],
    ]);
  });

  it('adds versions but never rewrites an existing one', async () => {
    const same = await server.request(CreateCapacityInstrumentDocument, { input: { ...meter(1), dimensions: meter(1).dimensions.slice(0, 1) } });
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSTRUMENT_VERSION_NOT_NEW', details: { latestVersion: 1 } });
    expect(fieldPaths(same.errors?.[0].extensions)).toEqual(['input.version']);

    await server.ok(CreateCapacityInstrumentDocument, { input: { ...meter(2), dimensions: meter(2).dimensions.slice(0, 1) } });
    const { capacityInstruments } = await server.ok(CapacityInstrumentsDocument);
    const versions = capacityInstruments.filter((i) => i.code === 'SIUN-TTK');
    expect(versions.map((i) => [i.version, i.dimensions.length])).toEqual([
      [2, 1],
      [1, 3],
    ]);
    const coach = await server.as({ role: Role.COACH });
    const forbidden = await coach.request(CreateCapacityInstrumentDocument, { input: meter(3) });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('capacity assessments', () => {
  it('records scores in one go and reports dimension means', async () => {
    const coachId = await createStaffMember(server, 'COACH');
    const { period, trainee } = await insertStaffableTrainee(server, 1, { coachId });
    // Another coach sees this trainee only on the roster and may not assess them.
    const otherCoach = await server.as({ role: Role.COACH, staffId: await createStaffMember(server, 'COACH'), userId: 'coach-8' });
    const refused = await otherCoach.request(RecordCapacityAssessmentDocument, {
      input: { periodId: period.id, instrumentId, assessedOn: '2025-03-01', scores: [{ itemId: items.p1, score: 3 }] },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-7' });
    const assessment = await assess(period.id, '2025-03-01', { p1: 2, p2: 3, s1: 4, s2: 4, s3: 3 }, coach);
    expect(assessment).toMatchObject({ traineeId: trainee.id, periodId: period.id, assessorId: coach.userId, summary: 'Arvio' });
    expect(assessment.scores.map((s) => s.score)).toEqual([2, 3, 4, 4, 3]);
    expect(assessment.dimensionMeans).toEqual([
      { dimensionCode: 'PHYSICAL', mean: 2.5 },
      { dimensionCode: 'SOCIAL', mean: 3.67 },
    ]);
    const byId = await server.ok(CapacityAssessmentByIdDocument, { id: assessment.id });
    expect(byId.capacityAssessment.dimensionMeans).toEqual(assessment.dimensionMeans);
  });

  it('refuses scores outside 1–5 and items of another instrument, storing nothing', async () => {
    const { period } = await insertStaffableTrainee(server);
    const base = { periodId: period.id, instrumentId, assessedOn: '2025-03-01' };
    for (const score of [0, 6]) {
      const response = await server.request(RecordCapacityAssessmentDocument, {
        input: {
          ...base,
          scores: [
            { itemId: items.p1, score: 3 },
            { itemId: items.p2, score },
          ],
        },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SCORE_OUT_OF_RANGE' });
      expect(fieldPaths(response.errors?.[0].extensions)).toEqual(['input.scores[1].score']);
    }
    const foreign = await server.request(RecordCapacityAssessmentDocument, {
      input: {
        ...base,
        scores: [
          { itemId: items.p1, score: 3 },
          { itemId: foreignItemId, score: 3 },
        ],
      },
    });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ITEM_NOT_IN_INSTRUMENT' });
    expect(fieldPaths(foreign.errors?.[0].extensions)).toEqual(['input.scores[1].itemId']);
    const twice = await server.request(RecordCapacityAssessmentDocument, {
      input: {
        ...base,
        scores: [
          { itemId: items.p1, score: 3 },
          { itemId: items.p1, score: 4 },
        ],
      },
    });
    expect(twice.errors?.[0].extensions?.reason).toBe('DUPLICATE_ITEM_SCORE');

    expect((await server.ok(CapacityAssessmentsDocument, { periodId: period.id })).capacityAssessments).toEqual([]);
  });

  it('shows assessments only to coaching staff', async () => {
    const { period } = await insertStaffableTrainee(server);
    const partner = await server.as({ role: Role.PARTNER });
    const read = await partner.request(CapacityAssessmentsDocument, { periodId: period.id });
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const write = await (
      await server.as({ role: Role.UNIT_LEAD })
    ).request(RecordCapacityAssessmentDocument, {
      input: { periodId: period.id, instrumentId, assessedOn: '2025-03-01', scores: [{ itemId: items.p1, score: 3 }] },
    });
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('computes the change per dimension between two assessments of the same trainee', async () => {
    const { period } = await insertStaffableTrainee(server);
    const earlier = await assess(period.id, '2025-03-01', { p1: 2, p2: 3, s1: 4, s2: 4, s3: 3 });
    const later = await assess(period.id, '2025-06-01', { p1: 4, p2: 4, s1: 3, w1: 5 });
    const { capacityChange } = await server.ok(CapacityChangeDocument, { fromAssessmentId: earlier.id, toAssessmentId: later.id });
    expect(capacityChange).toEqual([
      { dimensionCode: 'PHYSICAL', from: 2.5, to: 4, change: 1.5 },
      { dimensionCode: 'SOCIAL', from: 3.67, to: 3, change: -0.67 },
      { dimensionCode: 'WORK_SKILLS', from: null, to: 5, change: null },
    ]);
    const history = await server.ok(CapacityAssessmentsDocument, { periodId: period.id });
    expect(history.capacityAssessments.map((a) => a.assessedOn)).toEqual(['2025-03-01', '2025-06-01']);
  });

  it('refuses to compare assessments of two trainees', async () => {
    const [{ period: a }, { period: b }] = [await insertStaffableTrainee(server), await insertStaffableTrainee(server)];
    const first = await assess(a.id, '2025-03-01', { p1: 3 });
    const second = await assess(b.id, '2025-03-02', { p1: 4 });
    const response = await server.request(CapacityChangeDocument, { fromAssessmentId: first.id, toAssessmentId: second.id });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DIFFERENT_TRAINEES' });
    expect(fieldPaths(response.errors?.[0].extensions)).toEqual(['toAssessmentId']);
  });
});

describe('trainee lists with capacity and competence', () => {
  const latestByTrainee = new Map<string, string>();
  const verifiedByTrainee = new Map<string, number>();

  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const { trainee, period } = await insertStaffableTrainee(server);
      // Recorded out of date order: the latest is the one with the latest assessedOn.
      const newest = await assess(period.id, `2025-05-${String(i + 1).padStart(2, '0')}`, { p1: 3 });
      await assess(period.id, '2025-01-15', { p1: 2 });
      latestByTrainee.set(trainee.id, newest.id);
      const verified = i % 3;
      verifiedByTrainee.set(trainee.id, verified);
      const rows = [CompetenceState.VERIFIED, CompetenceState.VERIFIED]
        .slice(0, verified)
        .concat(CompetenceState.DEMONSTRATED)
        .map((state, n) => ({
          traineeId: trainee.id,
          periodId: period.id,
          requirementId: null,
          qualificationExternalId: 'q',
          diaryNumber: 'd',
          unitExternalId: 'u',
          requirementCode: String(n),
          requirementText: 't',
          evidence: 'e',
          state,
        }));
      await server.app.dataSource.getRepository(CompetenceRecord).insert(rows);
    }
  });

  it('gives the latest assessment and the verified count per trainee', async () => {
    const data = await server.ok(TraineesWithCapacityAndCompetenceDocument, { first: 100 });
    const listed = data.trainees.edges.map((e) => e.node).filter((t) => latestByTrainee.has(t.id));
    expect(listed).toHaveLength(25);
    for (const trainee of listed) {
      expect(trainee.latestCapacityAssessment?.id).toBe(latestByTrainee.get(trainee.id));
      expect(trainee.verifiedCompetenceCount).toBe(verifiedByTrainee.get(trainee.id));
    }
  });

  it('uses the same statement count for 5 and 25 trainees', async () => {
    const small = await server.countStatements(() => server.ok(TraineesWithCapacityAndCompetenceDocument, { first: 5 }));
    const large = await server.countStatements(async () => {
      const data = await server.ok(TraineesWithCapacityAndCompetenceDocument, { first: 25 });
      expect(data.trainees.edges).toHaveLength(25);
    });
    expect(large).toBe(small);
  });
});
