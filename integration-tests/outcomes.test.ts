import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { followUpDueDate, OutcomeCheckpoint } from '../src/modules/outcome/outcome';
import { addDays, addMonths } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import {
  CorrectOutcomeDocument,
  FollowUpsDueDocument,
  OutcomesOfPeriodDocument,
  OutcomeStatisticsDocument,
  type OutcomeType,
  RecordOutcomeDocument,
} from './generated/graphql';
import { insertCoachingPeriod } from './support/fixtures';
import { startTestServer, TEST_TODAY, TestServer } from './support/test-server';

let server: TestServer;
const today = TEST_TODAY;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const ended = (endDate: string, phase = PeriodPhase.ENDED) => insertCoachingPeriod(server, { phase, startDate: addMonths(endDate, -6), endDate });

function record(periodId: string, checkpoint: OutcomeCheckpoint, type: OutcomeType, observedOn: string) {
  return server.request(RecordOutcomeDocument, { input: { periodId, checkpoint, type, observedOn } });
}

describe('recordOutcome', () => {
  it.each([PeriodPhase.INITIAL_MAPPING, PeriodPhase.COACHING, PeriodPhase.CHECK_POINT])(
    'refuses a period in phase %s with PERIOD_NOT_ENDED',
    async (phase) => {
      const period = await insertCoachingPeriod(server, { phase });
      const response = await record(period.id, OutcomeCheckpoint.AT_END, 'STUDYING', today);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_NOT_ENDED', details: { phase } });
    },
  );

  it('records the outcome at the end once; a second one is refused and a correction is allowed', async () => {
    const period = await ended(addDays(today, -3));
    const first = await record(period.id, OutcomeCheckpoint.AT_END, 'WORK_TRIAL', today);
    expect(first.data?.recordOutcome.outcome).toMatchObject({
      periodId: period.id,
      traineeId: period.traineeId,
      type: 'WORK_TRIAL',
      recordedBy: server.userId,
    });

    const second = await record(period.id, OutcomeCheckpoint.AT_END, 'STUDYING', today);
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OUTCOME_ALREADY_RECORDED', details: { checkpoint: 'AT_END' } });

    const id = first.data!.recordOutcome.outcome.id;
    const corrected = await server.ok(CorrectOutcomeDocument, { input: { id, type: 'EMPLOYED_WAGE_SUBSIDY', note: 'Palkkatuki alkoi' } });
    expect(corrected.correctOutcome.outcome).toMatchObject({ id, type: 'EMPLOYED_WAGE_SUBSIDY', note: 'Palkkatuki alkoi', observedOn: today });
    const outcomes = await server.ok(OutcomesOfPeriodDocument, { periodId: period.id });
    expect(outcomes.outcomes.map((o) => [o.checkpoint, o.type])).toEqual([['AT_END', 'EMPLOYED_WAGE_SUBSIDY']]);
  });

  it('refuses a follow-up before its due date with FOLLOW_UP_NOT_DUE and the due date', async () => {
    const endDate = addMonths(today, -2);
    const period = await ended(endDate, PeriodPhase.FOLLOW_UP);
    const dueDate = followUpDueDate(endDate, OutcomeCheckpoint.FOLLOW_UP_3_MONTHS);
    const response = await record(period.id, OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, 'STUDYING', today);
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'FOLLOW_UP_NOT_DUE',
      details: { dueDate, checkpoint: 'FOLLOW_UP_3_MONTHS' },
      fields: [expect.objectContaining({ path: 'input.observedOn' })],
    });
  });

  it('accepts a follow-up on its due date, in checkpoint order', async () => {
    const endDate = addMonths(today, -6);
    const period = await ended(endDate);
    for (const checkpoint of [OutcomeCheckpoint.FOLLOW_UP_6_MONTHS, OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, OutcomeCheckpoint.AT_END]) {
      const response = await record(period.id, checkpoint, 'EMPLOYED_OPEN_MARKET', followUpDueDate(endDate, checkpoint));
      expect(response.errors).toBeUndefined();
    }
    const outcomes = await server.ok(OutcomesOfPeriodDocument, { periodId: period.id });
    expect(outcomes.outcomes.map((o) => o.checkpoint)).toEqual(['AT_END', 'FOLLOW_UP_3_MONTHS', 'FOLLOW_UP_6_MONTHS']);
  });

  it('refuses an observation date in the future, naming input.observedOn', async () => {
    const period = await ended(addDays(today, -1));
    const response = await record(period.id, OutcomeCheckpoint.AT_END, 'STUDYING', addDays(today, 1));
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DATE_IN_FUTURE',
      fields: [expect.objectContaining({ path: 'input.observedOn' })],
    });
  });

  it('answers unknown ids with NOT_FOUND and refuses roles that may not record', async () => {
    const unknown = await record('00000000-0000-4000-8000-000000000000', OutcomeCheckpoint.AT_END, 'STUDYING', today);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const missing = await server.request(CorrectOutcomeDocument, { input: { id: '00000000-0000-4000-8000-000000000000', type: 'STUDYING' } });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const period = await ended(addDays(today, -1));
    const analyst = await server.as({ role: Role.ANALYST });
    const refused = await analyst.request(RecordOutcomeDocument, {
      input: { periodId: period.id, checkpoint: 'AT_END', type: 'STUDYING', observedOn: today },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.ok(OutcomesOfPeriodDocument, { periodId: period.id })).outcomes).toEqual([]);
  });
});

describe('followUpsDue', () => {
  // Periods of 2010: due dates far before those of the other tests' periods.
  let endOfAugust: string; // ENDED 2010-08-31: 3 months due 2010-11-30, 6 months due 2011-02-28
  let midMay: string; // FOLLOW_UP 2010-05-15: due 2010-08-15 and 2010-11-15

  beforeAll(async () => {
    endOfAugust = (await ended('2010-08-31')).id;
    midMay = (await ended('2010-05-15', PeriodPhase.FOLLOW_UP)).id;
    await insertCoachingPeriod(server, { phase: PeriodPhase.COACHING, startDate: '2010-01-01' });
  });

  const due = async (before: string) =>
    (await server.ok(FollowUpsDueDocument, { before, first: 100 })).followUpsDue.edges.map((e) => [
      e.node.period.id,
      e.node.checkpoint,
      e.node.dueDate,
    ]);

  it('lists missing follow-ups whose due date is on or before the given day, oldest first', async () => {
    expect(await due('2010-08-14')).toEqual([]);
    expect(await due('2010-08-15')).toEqual([[midMay, 'FOLLOW_UP_3_MONTHS', '2010-08-15']]);
    expect(await due('2010-11-29')).toEqual([
      [midMay, 'FOLLOW_UP_3_MONTHS', '2010-08-15'],
      [midMay, 'FOLLOW_UP_6_MONTHS', '2010-11-15'],
    ]);
    // 31 August + 3 months is the last day of November, + 6 months the last day of February.
    expect(await due('2010-11-30')).toHaveLength(3);
    expect((await due('2010-11-30'))[2]).toEqual([endOfAugust, 'FOLLOW_UP_3_MONTHS', '2010-11-30']);
    expect(await due('2011-02-27')).toHaveLength(3);
    expect((await due('2011-02-28'))[3]).toEqual([endOfAugust, 'FOLLOW_UP_6_MONTHS', '2011-02-28']);
  });

  it('drops a follow-up once recorded and refuses one observed a day early', async () => {
    const early = await record(endOfAugust, OutcomeCheckpoint.FOLLOW_UP_6_MONTHS, 'STUDYING', '2011-02-27');
    expect(early.errors?.[0].extensions).toMatchObject({ reason: 'FOLLOW_UP_NOT_DUE', details: { dueDate: '2011-02-28' } });
    expect((await record(midMay, OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, 'STUDYING', '2010-08-20')).errors).toBeUndefined();
    expect(await due('2010-11-30')).toEqual([
      [midMay, 'FOLLOW_UP_6_MONTHS', '2010-11-15'],
      [endOfAugust, 'FOLLOW_UP_3_MONTHS', '2010-11-30'],
    ]);
  });

  it('pages with a total count and carries the trainee', async () => {
    const firstPage = await server.ok(FollowUpsDueDocument, { before: '2011-02-28', first: 2 });
    expect(firstPage.followUpsDue.totalCount).toBe(3);
    expect(firstPage.followUpsDue.pageInfo.hasNextPage).toBe(true);
    const secondPage = await server.ok(FollowUpsDueDocument, { before: '2011-02-28', first: 2, after: firstPage.followUpsDue.pageInfo.endCursor });
    expect(secondPage.followUpsDue.edges.map((e) => [e.node.period.id, e.node.checkpoint])).toEqual([[endOfAugust, 'FOLLOW_UP_6_MONTHS']]);
    expect(secondPage.followUpsDue.pageInfo.hasNextPage).toBe(false);
    expect(secondPage.followUpsDue.edges[0].node.trainee.firstName).toBe('Testi');
    const forged = await server.request(FollowUpsDueDocument, { before: '2011-02-28', first: 2, after: 'bogus' });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('reads a page with nested period, trainee, summary and outcomes in a constant number of statements', async () => {
    for (let i = 0; i < 15; i++) await ended(addDays('2015-01-01', i));
    const small = await server.countStatements(() => server.ok(FollowUpsDueDocument, { before: '2016-12-31', first: 3 }));
    const large = await server.countStatements(async () => {
      const data = await server.ok(FollowUpsDueDocument, { before: '2016-12-31', first: 15 });
      expect(data.followUpsDue.edges).toHaveLength(15);
    });
    expect(large).toBe(small);
    // 5 reads, where the rows' trainees stand for the caller (the organisation boundary) and the access-log insert.
    expect(small).toBeLessThanOrEqual(7);
  });
});

describe('outcomeStatistics', () => {
  it('computes the employed-or-studying share of periods that ended in the range', async () => {
    const types: Array<OutcomeType | null> = ['EMPLOYED_OPEN_MARKET', 'EMPLOYED_WAGE_SUBSIDY', 'STUDYING', 'STUDYING', 'WORK_TRIAL', null];
    const endDates = ['2012-01-01', '2012-03-15', '2012-06-30', '2012-09-01', '2012-12-31', '2012-07-07'];
    for (const [i, type] of types.entries()) {
      const period = await ended(endDates[i], i === 1 ? PeriodPhase.FOLLOW_UP : PeriodPhase.ENDED);
      if (type) expect((await record(period.id, OutcomeCheckpoint.AT_END, type, endDates[i])).errors).toBeUndefined();
      // A later follow-up outcome must not change the end-of-period figures.
      if (type === 'WORK_TRIAL')
        expect((await record(period.id, OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, 'EMPLOYED_OPEN_MARKET', '2013-03-31')).errors).toBeUndefined();
    }
    // Just outside the range on both sides, and one still running.
    for (const endDate of ['2011-12-31', '2013-01-01']) {
      const outside = await ended(endDate);
      await record(outside.id, OutcomeCheckpoint.AT_END, 'EMPLOYED_OPEN_MARKET', endDate);
    }

    const { outcomeStatistics: stats } = await server.ok(OutcomeStatisticsDocument, { from: '2012-01-01', to: '2012-12-31' });
    expect(stats).toMatchObject({ periodsEnded: 6, withOutcome: 5, employedOrStudying: 4 });
    expect(stats.share).toBe(4 / 6);
    const counts = Object.fromEntries(stats.byType.map((t) => [t.type, t.count]));
    expect(counts).toEqual({
      EMPLOYED_OPEN_MARKET: 1,
      EMPLOYED_WAGE_SUBSIDY: 1,
      STUDYING: 2,
      WORK_TRIAL: 1,
      OTHER_SERVICE: 0,
      REHABILITATION: 0,
      PENSION_ASSESSMENT: 0,
      DROPPED_OUT: 0,
      UNKNOWN: 0,
    });
  });

  it('gives a null share when no period ended and refuses a reversed range on `to`', async () => {
    const empty = await server.ok(OutcomeStatisticsDocument, { from: '1999-01-01', to: '1999-12-31' });
    expect(empty.outcomeStatistics).toMatchObject({ periodsEnded: 0, share: null });
    const reversed = await server.request(OutcomeStatisticsDocument, { from: '2012-12-31', to: '2012-01-01' });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'to' })] });
  });
});
