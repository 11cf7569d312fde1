import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { Role } from '../src/platform/auth/actor';
import { AdjustableClock } from '../src/platform/clock';
import {
  AddDiaryEntryDocument,
  ChangePeriodPhaseDocument,
  CreateDepartmentDocument,
  CreatePlacementDocument,
  CreateWorkUnitDocument,
  RecordAttendanceDocument,
  TraineesDocument,
} from './generated/graphql';
import { createStaffMember, insertCoachingPeriod } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * "Today" is the Finnish calendar day of the server's clock, whatever the hour in UTC and whatever
 * day of the week: the server is put just after and just before midnight in Finland (when UTC is
 * still on the previous day, or already on the next) and across a change to summer time.
 */
let server: TestServer;
let coach: GraphQLClient;
let coachId: string;
let unitId: string;
const clock = new AdjustableClock('2026-11-18T08:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ clock });
  coachId = await createStaffMember(server, 'COACH', 100);
  coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-user' });
  const department = await server.ok(CreateDepartmentDocument, {
    input: { code: 'KIVA', name: { fi: 'Kiinteistöt', sv: 'Fastigheter', en: 'Property' } },
  });
  unitId = (await server.ok(CreateWorkUnitDocument, { input: { departmentId: department.createDepartment.department.id, name: 'Kiinteistöhuolto' } }))
    .createWorkUnit.workUnit.id;
});

afterAll(async () => {
  await server?.stop();
});

const codeOf = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.reason ?? null;

describe.each([
  // Tuesday 1 Dec 2026 00:30 in Finland; UTC is still Monday 30 Nov.
  ['just after midnight in Finland', '2026-11-30T22:30:00Z', '2026-12-01'],
  // Tuesday 1 Dec 2026 23:50 in Finland; UTC is on the same day.
  ['just before midnight in Finland', '2026-12-01T21:50:00Z', '2026-12-01'],
  // Sunday 29 Mar 2026 00:10 in Finland (EET); the clocks go forward later that night.
  ['just after midnight on the day summer time starts', '2026-03-28T22:10:00Z', '2026-03-29'],
  // Sunday 25 Oct 2026 23:50 in Finland (EET again); UTC 21:50.
  ['just before midnight on the day summer time ends', '2026-10-25T21:50:00Z', '2026-10-25'],
])('%s (%s): today is %s', (_label, instant, today) => {
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  beforeAll(() => {
    clock.set(instant);
  });

  it('takes attendance and diary entries for today, never for tomorrow', async () => {
    const period = await insertCoachingPeriod(server, { startDate: '2026-01-05', coachId });
    expect(
      codeOf(
        await coach.request(RecordAttendanceDocument, { input: { date: today, entries: [{ periodId: period.id, status: 'PRESENT', hours: 6 }] } }),
      ),
    ).toBeNull();
    expect(
      codeOf(
        await coach.request(RecordAttendanceDocument, { input: { date: tomorrow, entries: [{ periodId: period.id, status: 'PRESENT', hours: 6 }] } }),
      ),
    ).toBe('FUTURE_DATE');
    const diary = await coach.ok(AddDiaryEntryDocument, { input: { periodId: period.id, kind: 'DAILY_LOG', text: 'Päivän kirjaus' } });
    expect(diary.addDiaryEntry.diaryEntry.date).toBe(today);
  });

  it('ends a period today, not tomorrow', async () => {
    const period = await insertCoachingPeriod(server, { startDate: '2026-01-05', coachId, phase: PeriodPhase.COACHING });
    const early = await server.request(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'ENDED', endDate: tomorrow } });
    expect(codeOf(early)).toBe('DATE_IN_FUTURE');
    const ended = await server.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: 'ENDED' } });
    expect(ended.changePeriodPhase.coachingPeriod.endDate).toBe(today);
  });

  it('counts a placement starting today as current in the unit, one starting tomorrow not yet', async () => {
    const startsToday = await insertCoachingPeriod(server, { startDate: '2026-01-05', coachId });
    const startsTomorrow = await insertCoachingPeriod(server, { startDate: '2026-01-05', coachId });
    await server.ok(CreatePlacementDocument, {
      input: { periodId: startsToday.id, kind: 'ON_THE_JOB_COACHING', workUnitId: unitId, startDate: today },
    });
    await server.ok(CreatePlacementDocument, {
      input: { periodId: startsTomorrow.id, kind: 'ON_THE_JOB_COACHING', workUnitId: unitId, startDate: tomorrow },
    });
    const listed = await server.ok(TraineesDocument, { filter: { workUnitId: unitId }, first: 100 });
    const ids = listed.trainees.edges.map((e) => e.node.id);
    expect(ids).toContain(startsToday.traineeId);
    expect(ids).not.toContain(startsTomorrow.traineeId);
  });
});
