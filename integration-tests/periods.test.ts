import { ParticipationBasis, PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { Role } from '../src/platform/auth/actor';
import {
  AssignCoachDocument,
  ChangePeriodPhaseDocument,
  CoachingPeriodByIdDocument,
  CoachingPeriodsDocument,
  OpenCoachingPeriodDocument,
  type OpenCoachingPeriodInput,
  PeriodReferralStateDocument,
  UpdateCheckPointDocument,
  UpdatePeriodScheduleDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { createAcceptedReferral, createEmploymentArea, createStaffMember, insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

let server: TestServer;
let areaId: string;
let coachId: string;
let careerAgentId: string;
let coach: GraphQLClient;

function openInput(overrides: Partial<OpenCoachingPeriodInput> = {}): OpenCoachingPeriodInput {
  return { daysPerWeek: 4, hoursPerDay: 6, startDate: '2025-01-06', coachId, careerAgentId, goals: 'Towards work', ...overrides };
}

async function openFromReferral(basis = ParticipationBasis.CAREER_COACHING, overrides: Partial<OpenCoachingPeriodInput> = {}) {
  const { referralId, traineeId } = await createAcceptedReferral(server, areaId, { participationBasis: basis });
  const data = await server.ok(OpenCoachingPeriodDocument, { input: openInput({ referralId, ...overrides }) });
  return { period: data.openCoachingPeriod.coachingPeriod, referralId, traineeId };
}

beforeAll(async () => {
  server = await startTestServer();
  areaId = await createEmploymentArea(server);
  coachId = await createStaffMember(server, 'COACH', 100);
  careerAgentId = await createStaffMember(server, 'CAREER_AGENT', 100);
  coach = await server.as({ role: Role.COACH, staffId: coachId, userId: 'coach-user' });
});

afterAll(async () => {
  await server?.stop();
});

describe('the whole period path', () => {
  it('opens from an accepted referral and walks every phase with history, check point and referral closing', async () => {
    const { referralId, traineeId } = await createAcceptedReferral(server, areaId, { participationBasis: ParticipationBasis.WORK_TRIAL });
    const opened = await coach.ok(OpenCoachingPeriodDocument, { input: openInput({ referralId, plannedEndDate: '2025-06-30' }) });
    const period = opened.openCoachingPeriod.coachingPeriod;
    expect(period).toMatchObject({
      phase: 'INITIAL_MAPPING',
      traineeId,
      referralId,
      serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
      participationBasis: 'WORK_TRIAL',
      daysPerWeek: 4,
      hoursPerDay: 6,
      coachId,
      careerAgentId,
      caseloadOverrideReason: null,
    });

    const move = (to: PeriodPhase, extra: Record<string, unknown> = {}) =>
      coach.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to, note: `to ${to}`, ...extra } });
    await move(PeriodPhase.PRE_COACHING);
    await move(PeriodPhase.COACHING);
    const atCheckPoint = await move(PeriodPhase.CHECK_POINT, {
      checkPoint: { difficulty: 'Absences grew', reassessment: 'Mornings are hard', agreedActions: 'Start at 10' },
    });
    expect(atCheckPoint.changePeriodPhase.coachingPeriod.phase).toBe('CHECK_POINT');
    const [checkPoint] = atCheckPoint.changePeriodPhase.coachingPeriod.checkPoints!;
    expect(checkPoint).toMatchObject({
      difficulty: 'Absences grew',
      agreedActions: 'Start at 10',
      openedBy: await server.userIdOf('coach-user'),
      closedAt: null,
    });

    const updated = await coach.ok(UpdateCheckPointDocument, { input: { checkPointId: checkPoint.id, reassessment: 'Better after two weeks' } });
    expect(updated.updateCheckPoint.checkPoint).toMatchObject({ difficulty: 'Absences grew', reassessment: 'Better after two weeks' });

    const back = await move(PeriodPhase.COACHING);
    expect(back.changePeriodPhase.coachingPeriod.checkPoints![0].closedAt).not.toBeNull();

    const ended = await move(PeriodPhase.ENDED, { endDate: '2025-06-13' });
    expect(ended.changePeriodPhase.coachingPeriod).toMatchObject({ phase: 'ENDED', endDate: '2025-06-13' });
    const referral = await server.ok(PeriodReferralStateDocument, { id: referralId });
    expect(referral.referral.state).toBe('CLOSED');

    await move(PeriodPhase.FOLLOW_UP);

    const read = await server.ok(CoachingPeriodByIdDocument, { id: period.id });
    expect(read.coachingPeriod.phase).toBe('FOLLOW_UP');
    expect(read.coachingPeriod.coach?.id).toBe(coachId);
    expect(read.coachingPeriod.careerAgent?.id).toBe(careerAgentId);
    expect(read.coachingPeriod.trainee.currentPeriod?.id).toBe(period.id);
    expect(read.coachingPeriod.trainee.periods!.map((p) => p.id)).toEqual([period.id]);
    const history = read.coachingPeriod.history;
    expect(history!.map((h) => [h.fromState, h.toState])).toEqual([
      [null, 'INITIAL_MAPPING'],
      ['INITIAL_MAPPING', 'PRE_COACHING'],
      ['PRE_COACHING', 'COACHING'],
      ['COACHING', 'CHECK_POINT'],
      ['CHECK_POINT', 'COACHING'],
      ['COACHING', 'ENDED'],
      ['ENDED', 'FOLLOW_UP'],
    ]);
    const coachUser = await server.userIdOf('coach-user');
    expect(history!.every((h) => h.actorId === coachUser && h.actorRole === 'COACH')).toBe(true);
    expect(history![1].reason).toBe('to PRE_COACHING');
    const times = history!.map((h) => Date.parse(h.changedAt));
    expect(times.every((t) => Number.isFinite(t) && Math.abs(server.clock.now().getTime() - t) < 10 * 60_000)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('refuses an illegal transition and leaves phase and history unchanged', async () => {
    const { period } = await openFromReferral();
    for (const to of [PeriodPhase.CHECK_POINT, PeriodPhase.FOLLOW_UP]) {
      const response = await coach.request(ChangePeriodPhaseDocument, {
        input: { periodId: period.id, to, checkPoint: to === PeriodPhase.CHECK_POINT ? { difficulty: 'x' } : undefined },
      });
      expect(errorOf(response)).toMatchObject({
        code: 'CONFLICT',
        reason: 'ILLEGAL_PERIOD_PHASE_TRANSITION',
        details: { from: 'INITIAL_MAPPING', to },
      });
    }
    const read = await server.ok(CoachingPeriodByIdDocument, { id: period.id });
    expect(read.coachingPeriod.phase).toBe('INITIAL_MAPPING');
    expect(read.coachingPeriod.history).toHaveLength(1);
    expect(read.coachingPeriod.checkPoints).toHaveLength(0);
  });

  it('needs the check point details when entering CHECK_POINT', async () => {
    const { period } = await openFromReferral();
    await coach.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: PeriodPhase.COACHING } });
    const response = await coach.request(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: PeriodPhase.CHECK_POINT } });
    expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CHECK_POINT_REQUIRED' });
    expect(paths(errorOf(response))).toEqual(['input.checkPoint']);
    const empty = await coach.request(ChangePeriodPhaseDocument, {
      input: { periodId: period.id, to: PeriodPhase.CHECK_POINT, checkPoint: { difficulty: '' } },
    });
    expect(paths(errorOf(empty))).toEqual(['input.checkPoint.difficulty']);
  });

  it('refuses an end date before the start', async () => {
    const { period } = await openFromReferral();
    const response = await coach.request(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: PeriodPhase.ENDED, endDate: '2024-12-31' } });
    expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'END_BEFORE_START' });
    expect(paths(errorOf(response))).toEqual(['input.endDate']);
  });
});

describe('opening refusals', () => {
  it('refuses a second period for one referral', async () => {
    const { referralId } = await openFromReferral();
    const response = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId }) });
    expect(errorOf(response)).toMatchObject({ code: 'CONFLICT', reason: 'REFERRAL_ALREADY_HAS_PERIOD' });
  });

  it('refuses a referral that is not accepted', async () => {
    const { referralId } = await createAcceptedReferral(server, areaId, { accept: false });
    const response = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId }) });
    expect(errorOf(response)).toMatchObject({ code: 'CONFLICT', reason: 'REFERRAL_NOT_ACCEPTED', details: { state: 'RECEIVED' } });
  });

  it('refuses a second active period of one trainee', async () => {
    const { traineeId } = await openFromReferral();
    const response = await server.request(OpenCoachingPeriodDocument, {
      input: openInput({ traineeId, serviceForm: 'ASSESSMENT', participationBasis: 'CAREER_COACHING' }),
    });
    expect(errorOf(response)).toMatchObject({ code: 'CONFLICT', reason: 'ACTIVE_PERIOD_EXISTS' });
  });

  it('lets only ADMIN open without a referral, and then needs trainee, form and basis', async () => {
    const trainee = await insertTrainee(server);
    const forbidden = await coach.request(OpenCoachingPeriodDocument, {
      input: openInput({ traineeId: trainee.id, serviceForm: 'ASSESSMENT', participationBasis: 'CAREER_COACHING' }),
    });
    expect(errorOf(forbidden)?.code).toBe('FORBIDDEN');
    const missing = await server.request(OpenCoachingPeriodDocument, {
      input: openInput({ traineeId: trainee.id, participationBasis: 'CAREER_COACHING' }),
    });
    expect(paths(errorOf(missing))).toEqual(['input.serviceForm']);
    const ok = await server.ok(OpenCoachingPeriodDocument, {
      input: openInput({ traineeId: trainee.id, serviceForm: 'ASSESSMENT', participationBasis: 'CAREER_COACHING' }),
    });
    expect(ok.openCoachingPeriod.coachingPeriod).toMatchObject({ traineeId: trainee.id, referralId: null, serviceForm: 'ASSESSMENT' });
  });

  it('applies the rehabilitative work limits: at most 4 days, 4–8 hours, 3–24 months', async () => {
    const { referralId } = await createAcceptedReferral(server, areaId, { participationBasis: ParticipationBasis.REHABILITATIVE_WORK });
    const days = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId, daysPerWeek: 5 }) });
    expect(errorOf(days)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DAYS_PER_WEEK_OUT_OF_RANGE' });
    expect(paths(errorOf(days))).toEqual(['input.daysPerWeek']);
    const hours = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId, hoursPerDay: 9 }) });
    expect(errorOf(hours)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOURS_PER_DAY_OUT_OF_RANGE' });
    expect(paths(errorOf(hours))).toEqual(['input.hoursPerDay']);
    const short = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId, plannedEndDate: '2025-03-01' }) });
    expect(errorOf(short)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE' });
    expect(paths(errorOf(short))).toEqual(['input.plannedEndDate']);
    const ok = await coach.ok(OpenCoachingPeriodDocument, {
      input: openInput({ referralId, daysPerWeek: 4, hoursPerDay: 8, plannedEndDate: '2025-07-05' }),
    });
    expect(ok.openCoachingPeriod.coachingPeriod.participationBasis).toBe('REHABILITATIVE_WORK');
  });

  it('needs the coach and career agent to have the right staff role', async () => {
    const { referralId } = await createAcceptedReferral(server, areaId);
    const wrongCoach = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId, coachId: careerAgentId }) });
    expect(errorOf(wrongCoach)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_COACH' });
    expect(paths(errorOf(wrongCoach))).toEqual(['input.coachId']);
    const wrongAgent = await coach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId, careerAgentId: coachId }) });
    expect(paths(errorOf(wrongAgent))).toEqual(['input.careerAgentId']);
    const unknown = await coach.request(OpenCoachingPeriodDocument, {
      input: openInput({ referralId, coachId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(paths(errorOf(unknown))).toEqual(['input.coachId']);
  });
});

describe('coach caseload', () => {
  it('refuses a coach at capacity unless a reason is given, when opening and when assigning', async () => {
    const tightCoachId = await createStaffMember(server, 'COACH', 1);
    // The coach at capacity opens one more period for themselves: afterwards the period is theirs,
    // so they see it in FULL, override reason included.
    const tightCoach = await server.as({ role: Role.COACH, staffId: tightCoachId, userId: 'tight-coach-user' });
    const first = await openFromReferral(ParticipationBasis.CAREER_COACHING, { coachId: tightCoachId });
    expect(first.period.caseloadOverrideReason).toBeNull();

    const { referralId } = await createAcceptedReferral(server, areaId);
    const refused = await tightCoach.request(OpenCoachingPeriodDocument, { input: openInput({ referralId, coachId: tightCoachId }) });
    expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', reason: 'COACH_AT_CAPACITY', details: { current: 1, max: 1 } });
    const blank = await tightCoach.request(OpenCoachingPeriodDocument, {
      input: openInput({ referralId, coachId: tightCoachId, caseloadOverrideReason: '  ' }),
    });
    expect(errorOf(blank)?.reason).toBe('COACH_AT_CAPACITY');
    const overridden = await tightCoach.ok(OpenCoachingPeriodDocument, {
      input: openInput({ referralId, coachId: tightCoachId, caseloadOverrideReason: ' Finnish-speaking group ' }),
    });
    expect(overridden.openCoachingPeriod.coachingPeriod.caseloadOverrideReason).toBe('Finnish-speaking group');

    const { period: other } = await openFromReferral();
    // The period's own coach hands it over.
    const assignRefused = await coach.request(AssignCoachDocument, {
      input: { periodId: other.id, coachId: tightCoachId, reason: 'Sick leave cover' },
    });
    expect(errorOf(assignRefused)).toMatchObject({ code: 'CONFLICT', reason: 'COACH_AT_CAPACITY' });
    const unchanged = await server.ok(CoachingPeriodByIdDocument, { id: other.id });
    expect(unchanged.coachingPeriod.coachId).toBe(coachId);
    // Once handed over the period is no longer the old coach's: the payload shows them the roster view only.
    const handedOver = await coach.request(AssignCoachDocument, {
      input: { periodId: other.id, coachId: tightCoachId, reason: 'Sick leave cover', caseloadOverrideReason: 'Cover for sick leave' },
    });
    expect(handedOver.errors?.map((e) => e.extensions?.reason)).toContain('VIEW_TOO_NARROW');
    const nowTheirs = await tightCoach.ok(CoachingPeriodByIdDocument, { id: other.id });
    expect(nowTheirs.coachingPeriod).toMatchObject({ coachId: tightCoachId, caseloadOverrideReason: 'Cover for sick leave' });
  });

  it('frees a place when a period ends', async () => {
    const tightCoachId = await createStaffMember(server, 'COACH', 1);
    const tightCoach = await server.as({ role: Role.COACH, staffId: tightCoachId, userId: 'tight-coach-user' });
    const { period } = await openFromReferral(ParticipationBasis.CAREER_COACHING, { coachId: tightCoachId });
    // Only the period's own coach (or career agent) may end it; another coach sees it as a roster entry.
    const notTheirs = await coach.request(ChangePeriodPhaseDocument, {
      input: { periodId: period.id, to: PeriodPhase.ENDED, endDate: '2025-02-01' },
    });
    expect(errorOf(notTheirs)?.code).toBe('FORBIDDEN');
    await tightCoach.ok(ChangePeriodPhaseDocument, { input: { periodId: period.id, to: PeriodPhase.ENDED, endDate: '2025-02-01' } });
    const next = await openFromReferral(ParticipationBasis.CAREER_COACHING, { coachId: tightCoachId });
    expect(next.period.coachId).toBe(tightCoachId);
  });
});

describe('schedule changes', () => {
  it('checks days and hours against the basis', async () => {
    const { period } = await openFromReferral(ParticipationBasis.REHABILITATIVE_WORK, {
      daysPerWeek: 3,
      hoursPerDay: 5,
      plannedEndDate: '2025-12-31',
    });
    const refused = await coach.request(UpdatePeriodScheduleDocument, { input: { periodId: period.id, daysPerWeek: 5, hoursPerDay: 9 } });
    expect(errorOf(refused)?.code).toBe('BAD_USER_INPUT');
    expect(paths(errorOf(refused))).toEqual(['input.daysPerWeek', 'input.hoursPerDay']);
    const ok = await coach.ok(UpdatePeriodScheduleDocument, { input: { periodId: period.id, daysPerWeek: 4, hoursPerDay: 7.5 } });
    expect(ok.updatePeriodSchedule.coachingPeriod).toMatchObject({ daysPerWeek: 4, hoursPerDay: 7.5 });
  });
});

describe('coachingPeriods list', () => {
  let listCoachId: string;

  beforeAll(async () => {
    listCoachId = await createStaffMember(server, 'COACH', 100);
    for (let i = 0; i < 25; i++) {
      await insertCoachingPeriod(server, {
        coachId: listCoachId,
        startDate: `2025-02-${String(i + 1).padStart(2, '0')}`,
        participationBasis: i % 2 ? ParticipationBasis.WORK_TRIAL : ParticipationBasis.CAREER_COACHING,
        phase: i % 5 === 0 ? PeriodPhase.ENDED : PeriodPhase.COACHING,
      });
    }
  });

  it('filters and pages newest first with a total count', async () => {
    const all = await server.ok(CoachingPeriodsDocument, { first: 10, filter: { coachId: listCoachId } });
    expect(all.coachingPeriods.totalCount).toBe(25);
    expect(all.coachingPeriods.edges[0].node.startDate).toBe('2025-02-25');
    const next = await server.ok(CoachingPeriodsDocument, {
      first: 20,
      after: all.coachingPeriods.pageInfo.endCursor,
      filter: { coachId: listCoachId },
    });
    expect(next.coachingPeriods.edges).toHaveLength(15);
    expect(next.coachingPeriods.edges[0].node.startDate).toBe('2025-02-15');
    const trials = await server.ok(CoachingPeriodsDocument, {
      first: 100,
      filter: { coachId: listCoachId, participationBasis: 'WORK_TRIAL', phase: 'COACHING' },
    });
    expect(trials.coachingPeriods.totalCount).toBe(10);
    expect(trials.coachingPeriods.edges.every((e) => e.node.participationBasis === 'WORK_TRIAL' && e.node.phase === 'COACHING')).toBe(true);
  });

  it('costs the same number of statements for 5 and 25 rows with nested fields', async () => {
    const five = await server.countStatements(() => server.ok(CoachingPeriodsDocument, { first: 5, filter: { coachId: listCoachId } }));
    const twentyFive = await server.countStatements(() => server.ok(CoachingPeriodsDocument, { first: 25, filter: { coachId: listCoachId } }));
    expect(twentyFive).toBe(five);
    // 11 reads and the access-log insert, plus one for the work-trial agreements behind `warnings` and `workTrialAgreements`.
    // … and one for where the periods' trainees stand for the caller (the organisation boundary).
    expect(five).toBeLessThanOrEqual(14);
    process.stdout.write(`coachingPeriods statements: first 5 → ${five}, first 25 → ${twentyFive}\n`);
  });
});
