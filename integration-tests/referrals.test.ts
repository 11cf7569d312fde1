import { CoachingPeriod } from '../src/modules/coaching-period/coaching-period.entities';
import { ParticipationBasis, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { HistoryService } from '../src/modules/history/history.service';
import { Outbox } from '../src/modules/integration/outbox';
import { ReferralService } from '../src/modules/referral/referral.service';
import { TraineeService } from '../src/modules/trainee/trainee.service';
import { Role } from '../src/platform/auth/actor';
import { PersonalDataCipher } from '../src/platform/crypto';
import { DomainError } from '../src/platform/errors';
import {
  AcceptReferralDocument,
  CreateTraineeDocument,
  ReceiveReferralDocument,
  type ReceiveReferralInput,
  ReferralByIdDocument,
  ReferralsDocument,
  ReferralSetupCaseManagerDocument,
  ReferralSetupEmploymentAreaDocument,
  type ReferralsQuery,
  ReferralsWithRelationsDocument,
  RejectReferralDocument,
  ReopenReferralDocument,
} from './generated/graphql';
import { createStaffMember, insertCoachingPeriod } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

function identityCode(n: number): string {
  const dd = String(1 + (n % 28)).padStart(2, '0');
  const nnn = String(200 + n).padStart(3, '0');
  const control = '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${dd}0390${nnn}`) % 31];
  return `${dd}0390-${nnn}${control}`;
}

let server: TestServer;
let areaId: string;
let otherAreaId: string;
let caseManagerId: string;
let externalCounter = 0;
let personCounter = 0;

async function newTraineeId(): Promise<string> {
  const n = ++personCounter;
  const data = await server.ok(CreateTraineeDocument, { input: { firstName: `P${n}`, lastName: `P${n}`, identityCode: identityCode(n) } });
  return data.createTrainee.trainee.id;
}

function referralInput(traineeId: string, extra: Partial<ReceiveReferralInput> = {}): ReceiveReferralInput {
  return {
    employmentAreaId: areaId,
    externalId: `EXT-${++externalCounter}`,
    traineeId,
    serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
    participationBasis: 'WORK_TRIAL',
    ...extra,
  };
}

async function receive(traineeId: string, extra: Partial<ReceiveReferralInput> = {}) {
  return (await server.ok(ReceiveReferralDocument, { input: referralInput(traineeId, extra) })).receiveReferral.referral;
}

function services() {
  const ds = server.app.dataSource;
  return new ReferralService(
    ds,
    new HistoryService(ds, server.clock),
    new TraineeService(ds, server.config, server.clock),
    server.clock,
    new Outbox(new PersonalDataCipher(server.config.keyRing)),
  );
}

beforeAll(async () => {
  server = await startTestServer();
  areaId = (await server.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Pori', municipalityCodes: ['609'] } })).createEmploymentArea
    .employmentArea.id;
  otherAreaId = (await server.ok(ReferralSetupEmploymentAreaDocument, { input: { name: 'Joensuu', municipalityCodes: ['167'] } }))
    .createEmploymentArea.employmentArea.id;
  caseManagerId = (await server.ok(ReferralSetupCaseManagerDocument, { input: { employmentAreaId: areaId, name: 'Case Manager' } })).createCaseManager
    .caseManager.id;
});

afterAll(async () => {
  await server?.stop();
});

describe('receiving a referral', () => {
  it('creates a new trainee in the same transaction and records the first history entry', async () => {
    const caseManager = await server.as({ role: Role.CASE_MANAGER, userId: 'cm-1', areaId });
    const response = await caseManager.request(ReceiveReferralDocument, {
      input: {
        employmentAreaId: areaId,
        externalId: 'NEW-1',
        caseManagerId,
        newTrainee: { firstName: 'Liisa', lastName: 'Uusi', identityCode: '131052-308T' },
        serviceForm: 'ASSESSMENT',
        participationBasis: 'REHABILITATIVE_WORK',
        background: 'Returning from rehabilitation',
      },
    });
    expect(response.errors).toBeUndefined();
    const referral = response.data!.receiveReferral.referral;
    expect(referral).toMatchObject({
      state: 'RECEIVED',
      serviceForm: 'ASSESSMENT',
      trainee: { firstName: 'Liisa', birthYear: 1952, identityCodeTemporary: false },
      employmentArea: { id: areaId, name: 'Pori' },
      caseManager: { id: caseManagerId, name: 'Case Manager' },
      history: [{ fromState: null, toState: 'RECEIVED', actorId: caseManager.userId, actorRole: 'CASE_MANAGER', reason: null }],
    });
    expect(JSON.stringify(response)).not.toContain('131052');
  });

  it('rolls the new trainee back when the referral is refused', async () => {
    await receive(await newTraineeId(), { externalId: 'TAKEN-1' });
    const response = await server.request(ReceiveReferralDocument, {
      input: {
        ...referralInput(''),
        traineeId: null,
        externalId: 'TAKEN-1',
        newTrainee: { firstName: 'A', lastName: 'B', identityCode: '010101-123N' },
      },
    });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_EXTERNAL_ID' });
    const [{ count }] = await server.app.dataSource.query(`SELECT count(*)::int AS count FROM trainee WHERE first_name = 'A' AND last_name = 'B'`);
    expect(count).toBe(0);
  });

  it('names the nested identity code when it is invalid or already registered', async () => {
    const invalid = await server.request(ReceiveReferralDocument, {
      input: { ...referralInput(''), traineeId: null, newTrainee: { firstName: 'A', lastName: 'B', identityCode: '131052-308U' } },
    });
    expect(invalid.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_IDENTITY_CODE',
      fields: [expect.objectContaining({ path: 'input.newTrainee.identityCode' })],
    });
    const duplicate = await server.request(ReceiveReferralDocument, {
      input: { ...referralInput(''), traineeId: null, newTrainee: { firstName: 'A', lastName: 'B', identityCode: '131052-308T' } },
    });
    expect(duplicate.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'DUPLICATE_IDENTITY_CODE',
      fields: [expect.objectContaining({ path: 'input.newTrainee.identityCode' })],
    });
  });

  it('needs exactly one of traineeId and newTrainee', async () => {
    const traineeId = await newTraineeId();
    for (const input of [
      { ...referralInput(traineeId), traineeId: null },
      { ...referralInput(traineeId), newTrainee: { firstName: 'A', lastName: 'B', identityCode: '311280-999J' } },
    ]) {
      const response = await server.request(ReceiveReferralDocument, { input });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TRAINEE_REQUIRED' });
    }
  });

  it('refuses a duplicate external id in the same area, allows it in another', async () => {
    await receive(await newTraineeId(), { externalId: 'DUP-EXT' });
    const response = await server.request(ReceiveReferralDocument, { input: referralInput(await newTraineeId(), { externalId: 'DUP-EXT' }) });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'DUPLICATE_EXTERNAL_ID',
      fields: [expect.objectContaining({ path: 'input.externalId' })],
    });
    const other = await receive(await newTraineeId(), { externalId: 'DUP-EXT', employmentAreaId: otherAreaId });
    expect(other.employmentArea.id).toBe(otherAreaId);
  });

  it('refuses a second open referral of the same trainee to the same service form', async () => {
    const traineeId = await newTraineeId();
    await receive(traineeId);
    const response = await server.request(ReceiveReferralDocument, { input: referralInput(traineeId) });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_REFERRAL' });
    // Another service form is a different matter.
    expect((await receive(traineeId, { serviceForm: 'IMMIGRANT_COACHING' })).state).toBe('RECEIVED');
  });

  it('lets exactly one of several concurrent duplicate referrals through', async () => {
    const traineeId = await newTraineeId();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => server.request(ReceiveReferralDocument, { input: referralInput(traineeId, { serviceForm: 'ASSESSMENT' }) })),
    );
    expect(responses.filter((r) => !r.errors)).toHaveLength(1);
    for (const refused of responses.filter((r) => r.errors)) {
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_REFERRAL' });
    }
  });

  it('refuses a case manager of another area and unknown areas', async () => {
    const traineeId = await newTraineeId();
    const wrongArea = await server.request(ReceiveReferralDocument, {
      input: referralInput(traineeId, { employmentAreaId: otherAreaId, caseManagerId }),
    });
    expect(wrongArea.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CASE_MANAGER_NOT_IN_AREA' });
    const unknown = await server.request(ReceiveReferralDocument, {
      input: referralInput(traineeId, { employmentAreaId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('is refused to coaches', async () => {
    const coach = await server.as({ role: Role.COACH });
    const response = await coach.request(ReceiveReferralDocument, { input: referralInput(await newTraineeId()) });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('deciding on a referral', () => {
  it('requires a reason to reject, on input.reason', async () => {
    const referral = await receive(await newTraineeId());
    for (const reason of [undefined, '   ']) {
      const response = await server.request(RejectReferralDocument, { input: { referralId: referral.id, reason } });
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'REJECTION_REASON_REQUIRED',
        fields: [expect.objectContaining({ path: 'input.reason' })],
      });
    }
    const unchanged = await server.ok(ReferralByIdDocument, { id: referral.id });
    expect(unchanged.referral.state).toBe('RECEIVED');
    expect(unchanged.referral.history).toHaveLength(1);
  });

  it('refuses accepting a rejected referral', async () => {
    const referral = await receive(await newTraineeId());
    await server.ok(RejectReferralDocument, { input: { referralId: referral.id, reason: 'Needs a health assessment first' } });
    const response = await server.request(AcceptReferralDocument, { input: { referralId: referral.id } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_REFERRAL_TRANSITION' });
  });

  it('reopens a rejected referral keeping the whole history in order', async () => {
    // A coach working the intake queue: the trainee has no period yet, so every coach sees it in FULL.
    const coach = await server.as({ role: Role.COACH, staffId: await createStaffMember(server, 'COACH'), userId: 'coach-1' });
    const traineeId = await newTraineeId();
    const referral = await receive(traineeId);
    const rejected = await coach.ok(RejectReferralDocument, { input: { referralId: referral.id, reason: '  Needs a health assessment first ' } });
    expect(rejected.rejectReferral.referral).toMatchObject({ state: 'REJECTED', rejectionReason: 'Needs a health assessment first' });
    expect(rejected.rejectReferral.referral.decidedAt).not.toBeNull();
    const reopened = await coach.ok(ReopenReferralDocument, { input: { referralId: referral.id, reason: 'Assessment done' } });
    expect(reopened.reopenReferral.referral).toMatchObject({ state: 'RECEIVED', rejectionReason: null, decidedAt: null });
    await coach.ok(AcceptReferralDocument, { input: { referralId: referral.id } });
    const data = await server.ok(ReferralByIdDocument, { id: referral.id });
    expect(data.referral.state).toBe('ACCEPTED');
    expect(data.referral.history.map((h) => [h.fromState, h.toState, h.reason])).toEqual([
      [null, 'RECEIVED', null],
      ['RECEIVED', 'REJECTED', 'Needs a health assessment first'],
      ['REJECTED', 'RECEIVED', 'Assessment done'],
      ['RECEIVED', 'ACCEPTED', null],
    ]);
    const coachUser = await server.userIdOf('coach-1');
    expect(data.referral.history.slice(1).every((h) => h.actorId === coachUser && h.actorRole === 'COACH')).toBe(true);
    const times = data.referral.history.map((h) => Date.parse(h.changedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Once another coach coaches the trainee, this coach sees only the roster: no background.
    await insertCoachingPeriod(server, { traineeId, coachId: await createStaffMember(server, 'COACH') });
    const notTheirs = await coach.request(ReferralByIdDocument, { id: referral.id });
    expect(notTheirs.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toContainEqual(['referral.background', 'FORBIDDEN']);
  });

  it('refuses reopening a rejected referral while another open one exists for the same service', async () => {
    const traineeId = await newTraineeId();
    const first = await receive(traineeId);
    await server.ok(RejectReferralDocument, { input: { referralId: first.id, reason: 'Wrong service' } });
    await receive(traineeId);
    const response = await server.request(ReopenReferralDocument, { input: { referralId: first.id } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_REFERRAL' });
  });

  it('reopens an accepted referral only while no coaching period exists for it', async () => {
    const traineeId = await newTraineeId();
    const free = await receive(traineeId);
    await server.ok(AcceptReferralDocument, { input: { referralId: free.id } });
    expect((await server.ok(ReopenReferralDocument, { input: { referralId: free.id } })).reopenReferral.referral.state).toBe('RECEIVED');

    await server.ok(AcceptReferralDocument, { input: { referralId: free.id } });
    await server.app.dataSource.getRepository(CoachingPeriod).insert({
      traineeId,
      referralId: free.id,
      serviceForm: ServiceForm.TOWARDS_WORK_AND_EDUCATION,
      participationBasis: ParticipationBasis.WORK_TRIAL,
      daysPerWeek: 4,
      hoursPerDay: 6,
      startDate: '2025-01-01',
    });
    const response = await server.request(ReopenReferralDocument, { input: { referralId: free.id } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'REFERRAL_HAS_PERIOD' });
    expect((await server.ok(ReferralByIdDocument, { id: free.id })).referral.state).toBe('ACCEPTED');
  });

  it('closes an accepted referral for the period service, after which a new referral may come', async () => {
    const traineeId = await newTraineeId();
    const referral = await receive(traineeId);
    const service = services();
    const ds = server.app.dataSource;
    const actor = { userId: 'coach-2', role: Role.COACH };
    await expect(ds.transaction((m) => service.closeForPeriod(m, referral.id, actor))).rejects.toMatchObject({
      reason: 'ILLEGAL_REFERRAL_TRANSITION',
    });
    await server.ok(AcceptReferralDocument, { input: { referralId: referral.id } });
    const closed = await ds.transaction((m) => service.closeForPeriod(m, referral.id, actor));
    expect(closed.state).toBe('CLOSED');
    const data = await server.ok(ReferralByIdDocument, { id: referral.id });
    expect(data.referral.history.map((h) => h.toState)).toEqual(['RECEIVED', 'ACCEPTED', 'CLOSED']);
    expect(data.referral.history[2]).toMatchObject({ fromState: 'ACCEPTED', actorId: 'coach-2' });
    expect((await receive(traineeId)).state).toBe('RECEIVED');
    const reopen = await server.request(ReopenReferralDocument, { input: { referralId: referral.id } });
    expect(reopen.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_REFERRAL_TRANSITION' });
  });

  it('answers an unknown referral with NOT_FOUND and refuses partner users', async () => {
    const response = await server.request(AcceptReferralDocument, { input: { referralId: '00000000-0000-4000-8000-000000000000' } });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await expect(services().closeForPeriod(server.app.dataSource.manager, 'nope', undefined)).rejects.toBeInstanceOf(DomainError);
    const partner = await server.as({ role: Role.PARTNER });
    const refused = await partner.request(AcceptReferralDocument, { input: { referralId: '00000000-0000-4000-8000-000000000000' } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('referral list', () => {
  it('lists newest first, filters and pages', async () => {
    const traineeId = await newTraineeId();
    const ids: string[] = [];
    for (const serviceForm of ['TOWARDS_WORK_AND_EDUCATION', 'ASSESSMENT', 'IMMIGRANT_COACHING', 'COACHING_EMPLOYMENT'] as const) {
      ids.push((await receive(traineeId, { serviceForm })).id);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await server.ok(AcceptReferralDocument, { input: { referralId: ids[1] } });

    const mine = await server.ok(ReferralsDocument, { filter: { traineeId } });
    expect(mine.referrals.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    expect(mine.referrals.totalCount).toBe(4);
    const accepted = await server.ok(ReferralsDocument, { filter: { traineeId, state: 'ACCEPTED' } });
    expect(accepted.referrals.edges.map((e) => e.node.id)).toEqual([ids[1]]);
    const byForm = await server.ok(ReferralsDocument, { filter: { traineeId, serviceForm: 'IMMIGRANT_COACHING' } });
    expect(byForm.referrals.edges.map((e) => e.node.id)).toEqual([ids[2]]);
    const otherArea = await server.ok(ReferralsDocument, { filter: { employmentAreaId: otherAreaId } });
    expect(otherArea.referrals.edges.every((e) => e.node.externalId === 'DUP-EXT')).toBe(true);
    expect(otherArea.referrals.totalCount).toBe(1);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: ReferralsQuery = await server.ok(ReferralsDocument, { first: 3, after });
      seen.push(...page.referrals.edges.map((e) => e.node.receivedAt));
      after = page.referrals.pageInfo.hasNextPage ? page.referrals.pageInfo.endCursor : null;
    } while (after);
    const total = (await server.ok(ReferralsDocument, { first: 1 })).referrals.totalCount;
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('loads trainee, area, case manager and history of a page without N+1', async () => {
    const small = await server.countStatements(() => server.ok(ReferralsWithRelationsDocument, { first: 2 }));
    const large = await server.countStatements(async () => {
      const data = await server.ok(ReferralsWithRelationsDocument, { first: 15 });
      expect(data.referrals.edges.length).toBe(15);
    });
    expect(large).toBe(small);
    // the page, trainees, areas, case managers (if any), history, and where the trainees stand for the caller
    expect(large).toBeLessThanOrEqual(6);
  });
});
