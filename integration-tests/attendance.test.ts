import { ParticipationBasis, PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { addDays } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import {
  AddDiaryEntryDocument,
  AttendanceDocument,
  AttendanceSummaryDocument,
  ChangePeriodPhaseDocument,
  DiaryEntriesDocument,
  OpenCoachingPeriodDocument,
  PeriodAttendanceDocument,
  RecordAttendanceDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { createStaffMember, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TEST_TODAY, TestServer } from './support/test-server';

let server: TestServer;
/** The coach of every period these tests open. */
let coachId: string;
let coach: GraphQLClient;

/**
 * Opened through the API on Monday 6 Jan 2025, coached by `coach`: career coaching open-ended,
 * rehabilitative work (fixed-term by law) planned to the end of 2025.
 */
async function openPeriod(basis: 'CAREER_COACHING' | 'REHABILITATIVE_WORK' = 'CAREER_COACHING', daysPerWeek = 4, hoursPerDay = 6) {
  const trainee = await insertTrainee(server);
  const plannedEndDate = basis === 'REHABILITATIVE_WORK' ? '2025-12-31' : null;
  const data = await server.ok(OpenCoachingPeriodDocument, {
    input: {
      traineeId: trainee.id,
      serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
      participationBasis: basis,
      daysPerWeek,
      hoursPerDay,
      startDate: '2025-01-06',
      plannedEndDate,
      coachId,
    },
  });
  return data.openCoachingPeriod.coachingPeriod;
}

async function daysOf(periodId: string) {
  return (await server.ok(AttendanceDocument, { periodId })).attendance.map((a) => ({ date: a.date, status: a.status }));
}

beforeAll(async () => {
  server = await startTestServer();
  coachId = await createStaffMember(server, 'COACH', 100);
  coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-user' });
});

afterAll(async () => {
  await server?.stop();
});

describe('recording a day', () => {
  it('stores the whole group in one call and replaces a day when it is entered again', async () => {
    const [a, b, c] = [await openPeriod(), await openPeriod(), await openPeriod('REHABILITATIVE_WORK', 3)];
    const recorded = await coach.ok(RecordAttendanceDocument, {
      input: {
        date: '2025-03-03',
        entries: [
          { periodId: a.id, status: 'PRESENT', hours: 6 },
          { periodId: b.id, status: 'ABSENT', absenceReason: 'ILLNESS', note: 'Called in' },
          { periodId: c.id, status: 'PRESENT', hours: 4 },
        ],
      },
    });
    expect(recorded.recordAttendance.entries).toMatchObject([
      {
        periodId: a.id,
        traineeId: a.traineeId,
        date: '2025-03-03',
        status: 'PRESENT',
        hours: 6,
        absenceReason: null,
        recordedBy: await server.userIdOf('coach-user'),
      },
      { periodId: b.id, status: 'ABSENT', hours: null, absenceReason: 'ILLNESS', note: 'Called in' },
      { periodId: c.id, status: 'PRESENT', hours: 4 },
    ]);

    await coach.ok(RecordAttendanceDocument, {
      input: { date: '2025-03-03', entries: [{ periodId: a.id, status: 'ABSENT', absenceReason: 'AUTHORISED' }] },
    });
    expect(await daysOf(a.id)).toEqual([{ date: '2025-03-03', status: 'ABSENT' }]);
    expect(await daysOf(b.id)).toEqual([{ date: '2025-03-03', status: 'ABSENT' }]);
  });

  it('checks the coach’s view of the people once, for one person as for five (the write changes no one’s scope)', async () => {
    const periods = [await openPeriod(), await openPeriod(), await openPeriod(), await openPeriod(), await openPeriod()];
    // The caller's first request looks the user up (then cached): not part of what a write costs.
    await coach.ok(RecordAttendanceDocument, { input: { date: '2025-03-10', entries: [{ periodId: periods[0].id, status: 'PRESENT', hours: 6 }] } });
    const one = await server.countStatements(() =>
      coach.ok(RecordAttendanceDocument, { input: { date: '2025-03-11', entries: [{ periodId: periods[0].id, status: 'PRESENT', hours: 6 }] } }),
    );
    const five = await server.countStatements(() =>
      coach.ok(RecordAttendanceDocument, {
        input: { date: '2025-03-12', entries: periods.map((p) => ({ periodId: p.id, status: 'PRESENT' as const, hours: 6 })) },
      }),
    );
    expect(five).toBe(one);
    // The periods' owners with the coach's view of their people (one statement, before the write);
    // BEGIN, the locked periods, work-trial placements and agreements, the week's days present, the
    // upsert returning what it stored, COMMIT; the access-log insert. No second access check after it.
    expect(one).toBeLessThanOrEqual(9);
    // A list of absences reads no work-trial agreement and counts no week.
    const absent = await server.countStatements(() =>
      coach.ok(RecordAttendanceDocument, {
        input: {
          date: '2025-03-13',
          entries: periods.map((p) => ({ periodId: p.id, status: 'ABSENT' as const, absenceReason: 'ILLNESS' as const })),
        },
      }),
    );
    expect(absent).toBeLessThanOrEqual(6);
    process.stdout.write(`recordAttendance statements: 1 entry → ${one}, 5 entries → ${five}, 5 absences → ${absent}\n`);
  });

  it('writes nothing when one entry of the list is bad', async () => {
    const [a, b, c] = [await openPeriod(), await openPeriod(), await openPeriod()];
    const good = [
      { periodId: a.id, status: 'PRESENT' as const, hours: 6 },
      { periodId: b.id, status: 'PRESENT' as const, hours: 5 },
    ];

    const badRule = await coach.request(RecordAttendanceDocument, {
      input: { date: '2025-03-04', entries: [...good, { periodId: c.id, status: 'PRESENT', hours: 9 }] },
    });
    expect(errorOf(badRule)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ATTENDANCE_HOURS' });
    expect(paths(errorOf(badRule))).toEqual(['input.entries[2].hours']);

    const noReason = await coach.request(RecordAttendanceDocument, {
      input: { date: '2025-03-04', entries: [...good, { periodId: c.id, status: 'ABSENT' }] },
    });
    expect(paths(errorOf(noReason))).toEqual(['input.entries[2].absenceReason']);

    // Passes the entry rule but not the period's agreed 6 hours: found inside the transaction.
    const overSchedule = await coach.request(RecordAttendanceDocument, {
      input: { date: '2025-03-04', entries: [...good, { periodId: c.id, status: 'PRESENT', hours: 7 }] },
    });
    expect(errorOf(overSchedule)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOURS_ABOVE_SCHEDULE' });
    expect(paths(errorOf(overSchedule))).toEqual(['input.entries[2].hours']);

    const duplicate = await coach.request(RecordAttendanceDocument, { input: { date: '2025-03-04', entries: [...good, { ...good[0] }] } });
    expect(paths(errorOf(duplicate))).toEqual(['input.entries[2].periodId']);

    for (const period of [a, b, c]) expect(await daysOf(period.id)).toEqual([]);
  });

  it('refuses future days, days outside the period and ended periods', async () => {
    const period = await openPeriod();
    const tomorrow = addDays(TEST_TODAY, 1);
    const future = await coach.request(RecordAttendanceDocument, {
      input: { date: tomorrow, entries: [{ periodId: period.id, status: 'PRESENT', hours: 6 }] },
    });
    expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUTURE_DATE' });
    expect(paths(errorOf(future))).toEqual(['input.date']);

    const before = await coach.request(RecordAttendanceDocument, {
      input: { date: '2025-01-03', entries: [{ periodId: period.id, status: 'PRESENT', hours: 6 }] },
    });
    expect(errorOf(before)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DATE_OUTSIDE_PERIOD' });
    expect(paths(errorOf(before))).toEqual(['input.entries[0].periodId']);

    await server.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: PeriodPhase.ENDED, endDate: '2025-02-28' } });
    const ended = await coach.request(RecordAttendanceDocument, {
      input: { date: '2025-02-27', entries: [{ periodId: period.id, status: 'PRESENT', hours: 6 }] },
    });
    expect(errorOf(ended)).toMatchObject({ code: 'CONFLICT', reason: 'PERIOD_NOT_ACTIVE' });
    expect(await daysOf(period.id)).toEqual([]);
  });
});

describe('rehabilitative work weekly days', () => {
  it('allows no more present days in an ISO week than agreed', async () => {
    const period = await openPeriod('REHABILITATIVE_WORK', 2);
    const other = await openPeriod();
    const present = (date: string) => ({ date, entries: [{ periodId: period.id, status: 'PRESENT' as const, hours: 5 }] });
    await coach.ok(RecordAttendanceDocument, { input: present('2025-03-10') }); // Monday
    await coach.ok(RecordAttendanceDocument, { input: present('2025-03-11') });

    const third = await coach.request(RecordAttendanceDocument, {
      input: {
        date: '2025-03-12',
        entries: [
          { periodId: other.id, status: 'PRESENT', hours: 6 },
          { periodId: period.id, status: 'PRESENT', hours: 5 },
        ],
      },
    });
    expect(errorOf(third)).toMatchObject({
      code: 'CONFLICT',
      reason: 'WEEKLY_DAYS_EXCEEDED',
      details: { entryIndex: 1, daysPerWeek: 2, legalMaxDaysPerWeek: 4, weekStart: '2025-03-10', presentDays: 2 },
    });
    expect(await daysOf(other.id)).toEqual([]);

    await coach.ok(RecordAttendanceDocument, {
      input: { date: '2025-03-12', entries: [{ periodId: period.id, status: 'ABSENT', absenceReason: 'OTHER' }] },
    });
    await coach.ok(RecordAttendanceDocument, { input: present('2025-03-11') }); // correcting a counted day
    await coach.ok(RecordAttendanceDocument, { input: present('2025-03-17') }); // next week
    expect((await daysOf(period.id)).map((d) => d.date)).toEqual(['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-17']);
  });
});

describe('summary and expense allowance', () => {
  it('pays 9 € for each present day and summarises absences and hours', async () => {
    const period = await openPeriod('REHABILITATIVE_WORK', 4, 6);
    const days: Array<[string, 'PRESENT' | 'ABSENT', number | null, 'ILLNESS' | 'UNAUTHORISED' | null]> = [
      ['2025-04-07', 'PRESENT', 6, null],
      ['2025-04-08', 'PRESENT', 4.5, null],
      ['2025-04-09', 'ABSENT', null, 'ILLNESS'],
      ['2025-04-10', 'ABSENT', null, 'ILLNESS'],
      ['2025-04-14', 'PRESENT', 5, null],
      ['2025-04-15', 'ABSENT', null, 'UNAUTHORISED'],
    ];
    for (const [date, status, hours, absenceReason] of days) {
      await coach.ok(RecordAttendanceDocument, { input: { date, entries: [{ periodId: period.id, status, hours, absenceReason }] } });
    }
    const summary = await server.ok(AttendanceSummaryDocument, { periodId: period.id });
    expect(summary.attendanceSummary).toEqual({
      periodId: period.id,
      presentDays: 3,
      absentDays: 3,
      absencesByReason: [
        { reason: 'ILLNESS', days: 2 },
        { reason: 'UNAUTHORISED', days: 1 },
      ],
      hours: 15.5,
      expenseAllowance: { basisEarnsAllowance: true, eligibleDays: 3, amountCents: 2700, ratePerDayCents: 900 },
    });

    const field = await server.ok(PeriodAttendanceDocument, { id: period.id, from: '2025-04-08', to: '2025-04-10' });
    expect(field.coachingPeriod.expenseAllowance).toEqual({ basisEarnsAllowance: true, eligibleDays: 3, amountCents: 3 * 900, ratePerDayCents: 900 });
    expect(field.coachingPeriod.attendance!.map((a) => a.date)).toEqual(['2025-04-08', '2025-04-09', '2025-04-10']);
  });

  it('answers an unknown period with NOT_FOUND', async () => {
    const response = await server.request(AttendanceSummaryDocument, { periodId: '00000000-0000-4000-8000-000000000000' });
    expect(errorOf(response)?.code).toBe('NOT_FOUND');
  });
});

describe('diary', () => {
  it('adds daily logs and learning diaries and lists them newest first', async () => {
    const period = await openPeriod(ParticipationBasis.CAREER_COACHING);
    const log = await coach.ok(AddDiaryEntryDocument, {
      input: { periodId: period.id, kind: 'DAILY_LOG', date: '2025-02-03', text: 'Learned the floor machine', tasksDone: ['Floor care'] },
    });
    expect(log.addDiaryEntry.diaryEntry).toMatchObject({
      kind: 'DAILY_LOG',
      date: '2025-02-03',
      authorId: await server.userIdOf('coach-user'),
      tasksDone: ['Floor care'],
      workOrderId: null,
    });
    await coach.ok(AddDiaryEntryDocument, { input: { periodId: period.id, kind: 'LEARNING_DIARY', date: '2025-02-04', text: 'I did well' } });
    await coach.ok(AddDiaryEntryDocument, { input: { periodId: period.id, kind: 'DAILY_LOG', text: 'Today' } });

    const page = await server.ok(DiaryEntriesDocument, { periodId: period.id, first: 2 });
    expect(page.diaryEntries.totalCount).toBe(3);
    expect(page.diaryEntries.edges.map((e) => e.node.date)).toEqual([TEST_TODAY, '2025-02-04']);
    const rest = await server.ok(DiaryEntriesDocument, { periodId: period.id, first: 2, after: page.diaryEntries.pageInfo.endCursor });
    expect(rest.diaryEntries.edges.map((e) => e.node.text)).toEqual(['Learned the floor machine']);

    const future = await coach.request(AddDiaryEntryDocument, {
      input: { periodId: period.id, kind: 'DAILY_LOG', date: addDays(TEST_TODAY, 2), text: 'x' },
    });
    expect(paths(errorOf(future))).toEqual(['input.date']);
    const unknownOrder = await coach.request(AddDiaryEntryDocument, {
      input: { periodId: period.id, kind: 'DAILY_LOG', text: 'x', workOrderId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(errorOf(unknownOrder)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REFERENCE_NOT_FOUND' });
    expect(paths(errorOf(unknownOrder))).toEqual(['input.workOrderId']);
    const empty = await coach.request(AddDiaryEntryDocument, { input: { periodId: period.id, kind: 'DAILY_LOG', text: '' } });
    expect(paths(errorOf(empty))).toEqual(['input.text']);

    // A coach who is not this trainee's coach may not write in their diary.
    const otherCoach = await server.as({ role: Role.COACH, staffId: await createStaffMember(server, 'COACH'), userId: 'other-coach' });
    const notTheirs = await otherCoach.request(AddDiaryEntryDocument, { input: { periodId: period.id, kind: 'DAILY_LOG', text: 'x' } });
    expect(errorOf(notTheirs)?.code).toBe('FORBIDDEN');
    expect((await server.ok(DiaryEntriesDocument, { periodId: period.id, first: 10 })).diaryEntries.totalCount).toBe(3);
  });
});
