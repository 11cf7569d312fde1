import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { FinalSummary } from '../src/modules/final-summary/final-summary.entity';
import { parseIdentityCode } from '../src/modules/trainee/identity-code';
import { Role } from '../src/platform/auth/actor';
import {
  FinaliseFinalSummaryDocument,
  FinalSummaryOfPeriodDocument,
  StartFinalSummaryDocument,
  UpdateFinalSummaryDocument,
} from './generated/graphql';
import { createStaffMember, insertCoachingPeriod, nextIdentityCode } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function startSummary(phase = PeriodPhase.COACHING, coachId: string | null = null) {
  const period = await insertCoachingPeriod(server, { phase, coachId });
  const data = await server.ok(StartFinalSummaryDocument, { input: { periodId: period.id } });
  return { period, summary: data.startFinalSummary.finalSummary };
}

it('fixtures make valid identity codes', () => {
  for (let i = 0; i < 50; i++) expect(parseIdentityCode(nextIdentityCode()).ok).toBe(true);
});

describe('startFinalSummary', () => {
  it.each([PeriodPhase.COACHING, PeriodPhase.CHECK_POINT, PeriodPhase.ENDED])('starts a DRAFT in phase %s and records the history', async (phase) => {
    const { period, summary } = await startSummary(phase);
    expect(summary).toMatchObject({ periodId: period.id, state: 'DRAFT', recommendations: [], finalisedAt: null });
    const read = await server.ok(FinalSummaryOfPeriodDocument, { periodId: period.id });
    expect(read.finalSummary?.history).toEqual([{ fromState: null, toState: 'DRAFT', actorId: server.userId, actorRole: 'ADMIN' }]);
  });

  it.each([PeriodPhase.INITIAL_MAPPING, PeriodPhase.PRE_COACHING, PeriodPhase.FOLLOW_UP])(
    'refuses phase %s with PERIOD_NOT_READY_FOR_SUMMARY',
    async (phase) => {
      const period = await insertCoachingPeriod(server, { phase });
      const response = await server.request(StartFinalSummaryDocument, { input: { periodId: period.id } });
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'PERIOD_NOT_READY_FOR_SUMMARY',
        details: { phase },
      });
      expect(await server.app.dataSource.getRepository(FinalSummary).countBy({ periodId: period.id })).toBe(0);
    },
  );

  it('refuses a second summary for the same period with FINAL_SUMMARY_EXISTS', async () => {
    const { period } = await startSummary();
    const response = await server.request(StartFinalSummaryDocument, { input: { periodId: period.id } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'FINAL_SUMMARY_EXISTS' });
  });

  it('answers an unknown period with NOT_FOUND and a malformed id with BAD_USER_INPUT on input.periodId', async () => {
    const unknown = await server.request(StartFinalSummaryDocument, { input: { periodId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.request(StartFinalSummaryDocument, { input: { periodId: 'x' } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ path: 'input.periodId' })]);
  });

  it('lets coaches and career agents start one but not unit leads', async () => {
    const [coachId, careerAgentId] = [await createStaffMember(server, 'COACH'), await createStaffMember(server, 'CAREER_AGENT')];
    const period = await insertCoachingPeriod(server, { coachId });
    const unitLead = await server.as({ role: Role.UNIT_LEAD });
    const refused = await unitLead.request(StartFinalSummaryDocument, { input: { periodId: period.id } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A coach who is not this period's coach sees it only on the roster.
    const otherCoach = await server.as({ role: Role.COACH, staffId: await createStaffMember(server, 'COACH') });
    const notTheirs = await otherCoach.request(StartFinalSummaryDocument, { input: { periodId: period.id } });
    expect(notTheirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const coach = await server.as({ role: Role.COACH, staffId: coachId });
    const started = await coach.ok(StartFinalSummaryDocument, { input: { periodId: period.id } });
    expect(started.startFinalSummary.finalSummary.state).toBe('DRAFT');

    const agentsPeriod = await insertCoachingPeriod(server, { coachId, careerAgentId });
    const careerAgent = await server.as({ role: Role.CAREER_AGENT, staffId: careerAgentId });
    const byAgent = await careerAgent.ok(StartFinalSummaryDocument, { input: { periodId: agentsPeriod.id } });
    expect(byAgent.startFinalSummary.finalSummary.state).toBe('DRAFT');
  });
});

describe('updating and finalising', () => {
  it('updates only the given fields', async () => {
    const { summary } = await startSummary();
    await server.ok(UpdateFinalSummaryDocument, {
      input: { id: summary.id, capacityStatement: 'Jaksaa 6 h päivässä', recommendations: ['Terveystarkastus'] },
    });
    const data = await server.ok(UpdateFinalSummaryDocument, { input: { id: summary.id, unitRepresentative: 'Tilapalvelut' } });
    expect(data.updateFinalSummary.finalSummary).toMatchObject({
      capacityStatement: 'Jaksaa 6 h päivässä',
      recommendations: ['Terveystarkastus'],
      unitRepresentative: 'Tilapalvelut',
      continuationPlan: null,
    });
  });

  it('takes long texts up to their own limit of 20 000 characters (above the platform default of 10 000), and refuses more on the path', async () => {
    const { summary } = await startSummary();
    const long = 'Työkyky '.repeat(2500);
    expect(long.length).toBe(20_000);
    const data = await server.ok(UpdateFinalSummaryDocument, { input: { id: summary.id, capacityStatement: long, continuationPlan: long } });
    expect(data.updateFinalSummary.finalSummary.capacityStatement).toHaveLength(20_000);
    const tooLong = await server.request(UpdateFinalSummaryDocument, { input: { id: summary.id, competenceSummary: `${long}x` } });
    expect(tooLong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'STRING_TOO_LONG',
      fields: [expect.objectContaining({ path: 'input.competenceSummary' })],
    });
  });

  it('refuses to finalise without capacity statement and continuation plan, naming each missing field', async () => {
    const { summary } = await startSummary();
    const both = await server.request(FinaliseFinalSummaryDocument, { input: { id: summary.id } });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FINAL_SUMMARY_INCOMPLETE' });
    expect(both.errors?.[0].extensions?.details).toEqual({ missingFields: ['capacityStatement', 'continuationPlan'] });
    expect((both.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(['input.id', 'input.id']);

    await server.ok(UpdateFinalSummaryDocument, { input: { id: summary.id, capacityStatement: 'Hyvä', continuationPlan: '   ' } });
    const blankPlan = await server.request(FinaliseFinalSummaryDocument, { input: { id: summary.id } });
    expect(blankPlan.errors?.[0].extensions?.details).toEqual({ missingFields: ['continuationPlan'] });
    const stored = await server.app.dataSource.getRepository(FinalSummary).findOneByOrFail({ id: summary.id });
    expect(stored.state).toBe('DRAFT');
  });

  it('finalises once; afterwards the summary is read-only and unchanged', async () => {
    const coachId = await createStaffMember(server, 'COACH');
    const { period, summary } = await startSummary(PeriodPhase.ENDED, coachId);
    const content = {
      capacityStatement: 'Työkyky riittää kevyisiin tehtäviin',
      competenceSummary: 'Kiinteistönhoidon perusteet',
      recommendations: ['Terveystarkastus', 'Ammatillinen koulutus'],
      continuationPlan: 'Työkokeilu kiinteistöhuollossa',
      unitRepresentative: 'Tilapalvelut',
    };
    await server.ok(UpdateFinalSummaryDocument, { input: { id: summary.id, ...content } });
    const coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-1' });
    const finalised = await coach.ok(FinaliseFinalSummaryDocument, { input: { id: summary.id } });
    expect(finalised.finaliseFinalSummary.finalSummary).toMatchObject({ ...content, state: 'FINAL', finalisedBy: coach.userId });
    expect(finalised.finaliseFinalSummary.finalSummary.finalisedAt).toEqual(expect.any(String));

    const update = await server.request(UpdateFinalSummaryDocument, { input: { id: summary.id, continuationPlan: 'Muutettu' } });
    expect(update.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'FINAL_SUMMARY_IS_FINAL' });
    const again = await server.request(FinaliseFinalSummaryDocument, { input: { id: summary.id } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'FINAL_SUMMARY_IS_FINAL' });

    const read = await server.ok(FinalSummaryOfPeriodDocument, { periodId: period.id });
    expect(read.finalSummary).toMatchObject({ ...content, state: 'FINAL' });
    expect(read.finalSummary?.history.map((h) => [h.fromState, h.toState, h.actorId])).toEqual([
      [null, 'DRAFT', server.userId],
      ['DRAFT', 'FINAL', await server.userIdOf('coach-1')],
    ]);
  });

  it('answers an unknown summary with NOT_FOUND and a period without one with null', async () => {
    const update = await server.request(UpdateFinalSummaryDocument, {
      input: { id: '00000000-0000-4000-8000-000000000000', competenceSummary: 'x' },
    });
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const period = await insertCoachingPeriod(server);
    expect((await server.ok(FinalSummaryOfPeriodDocument, { periodId: period.id })).finalSummary).toBeNull();
  });
});
