import { CoachingPeriod } from '../src/modules/coaching-period/coaching-period.entities';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { StaffMember } from '../src/modules/staff/staff.entity';
import { StaffService } from '../src/modules/staff/staff.service';
import { Role } from '../src/platform/auth/actor';
import { DomainError } from '../src/platform/errors';
import {
  CreateStaffMemberDocument,
  CreateTraineeDocument,
  StaffMemberByIdDocument,
  StaffMembersDocument,
  UpdateStaffCaseloadDocument,
} from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

function identityCode(n: number): string {
  const dd = String(1 + (n % 28)).padStart(2, '0');
  const nnn = String(200 + n).padStart(3, '0');
  const control = '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${dd}0185${nnn}`) % 31];
  return `${dd}0185-${nnn}${control}`;
}

let server: TestServer;
const traineeIds: string[] = [];

async function createStaff(name: string, role: 'COACH' | 'CAREER_AGENT', extra: Record<string, unknown> = {}) {
  const data = await server.ok(CreateStaffMemberDocument, { input: { name, role, ...extra } });
  return data.createStaffMember.staffMember;
}

async function addPeriods(count: number, phase: PeriodPhase, staff: { coachId?: string; careerAgentId?: string }) {
  const repository = server.app.dataSource.getRepository(CoachingPeriod);
  for (let i = 0; i < count; i++) {
    await repository.insert({
      traineeId: traineeIds[i % traineeIds.length],
      serviceForm: ServiceForm.TOWARDS_WORK_AND_EDUCATION,
      participationBasis: ParticipationBasis.WORK_TRIAL,
      daysPerWeek: 4,
      hoursPerDay: 6,
      startDate: '2025-01-01',
      phase,
      ...staff,
    });
  }
}

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 0; i < 14; i++) {
    const data = await server.ok(CreateTraineeDocument, { input: { firstName: `T${i}`, lastName: `T${i}`, identityCode: identityCode(i) } });
    traineeIds.push(data.createTrainee.trainee.id);
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('creating staff', () => {
  it('defaults the caseload to 8–12', async () => {
    const coach = await createStaff('Default Coach', 'COACH', { email: 'default.coach@example.org' });
    expect(coach).toMatchObject({ role: 'COACH', caseloadMin: 8, caseloadMax: 12, active: true, email: 'default.coach@example.org' });
  });

  it('refuses a minimum above the maximum on input.caseloadMax', async () => {
    const response = await server.request(CreateStaffMemberDocument, { input: { name: 'X', role: 'COACH', caseloadMin: 10, caseloadMax: 9 } });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_CASELOAD_RANGE',
      fields: [expect.objectContaining({ path: 'input.caseloadMax' })],
    });
  });

  it('refuses a duplicate email', async () => {
    await createStaff('First', 'COACH', { email: 'same@example.org' });
    const response = await server.request(CreateStaffMemberDocument, { input: { name: 'Second', role: 'CAREER_AGENT', email: 'Same@example.org' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_STAFF_EMAIL' });
  });

  it('is for admins only', async () => {
    const coach = await server.as({ role: Role.COACH });
    const response = await coach.request(CreateStaffMemberDocument, { input: { name: 'Y', role: 'COACH' } });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const update = await coach.request(UpdateStaffCaseloadDocument, { input: { staffId: traineeIds[0], caseloadMin: 1, caseloadMax: 2 } });
    expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('occupancy', () => {
  it('counts active periods of a coach, not ended or follow-up ones', async () => {
    const coach = await createStaff('Occupied Coach', 'COACH');
    await addPeriods(8, PeriodPhase.COACHING, { coachId: coach.id });
    await addPeriods(2, PeriodPhase.ENDED, { coachId: coach.id });
    await addPeriods(1, PeriodPhase.FOLLOW_UP, { coachId: coach.id });
    const data = await server.ok(StaffMemberByIdDocument, { id: coach.id });
    expect(data.staffMember.occupancy).toEqual({ activeTrainees: 8, min: 8, max: 12, ratio: 0.67, status: 'OK' });
  });

  it('counts career-agent periods for career agents', async () => {
    const agent = await createStaff('Agent', 'CAREER_AGENT', { caseloadMin: 2, caseloadMax: 4 });
    await addPeriods(5, PeriodPhase.CHECK_POINT, { careerAgentId: agent.id });
    const data = await server.ok(StaffMemberByIdDocument, { id: agent.id });
    expect(data.staffMember.occupancy).toEqual({ activeTrainees: 5, min: 2, max: 4, ratio: 1.25, status: 'OVER' });
  });

  it('is UNDER with nobody and follows a caseload change', async () => {
    const coach = await createStaff('New Coach', 'COACH');
    expect((await server.ok(StaffMemberByIdDocument, { id: coach.id })).staffMember.occupancy).toEqual({
      activeTrainees: 0,
      min: 8,
      max: 12,
      ratio: 0,
      status: 'UNDER',
    });
    await addPeriods(3, PeriodPhase.INITIAL_MAPPING, { coachId: coach.id });
    const data = await server.ok(UpdateStaffCaseloadDocument, { input: { staffId: coach.id, caseloadMin: 1, caseloadMax: 3 } });
    expect(data.updateStaffCaseload.staffMember.occupancy).toEqual({ activeTrainees: 3, min: 1, max: 3, ratio: 1, status: 'FULL' });
    const refused = await server.request(UpdateStaffCaseloadDocument, { input: { staffId: coach.id, caseloadMin: 5, caseloadMax: 3 } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CASELOAD_RANGE' });
  });

  it('loads the occupancy of a whole list in one statement', async () => {
    const before = await server.countStatements(() => server.ok(StaffMembersDocument, { role: 'CAREER_AGENT' }));
    const after = await server.countStatements(async () => {
      const data = await server.ok(StaffMembersDocument, {});
      expect(data.staffMembers.length).toBeGreaterThan(4);
    });
    expect(after).toBe(before);
    expect(after).toBe(2);
  });
});

describe('listing staff', () => {
  it('filters by role and hides inactive staff unless asked', async () => {
    const gone = await createStaff('Zz Retired', 'COACH');
    await server.app.dataSource.getRepository(StaffMember).update(gone.id, { active: false });
    const coaches = await server.ok(StaffMembersDocument, { role: 'COACH' });
    expect(coaches.staffMembers.every((s) => s.role === 'COACH')).toBe(true);
    expect(coaches.staffMembers.map((s) => s.id)).not.toContain(gone.id);
    const names = coaches.staffMembers.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    const all = await server.ok(StaffMembersDocument, { role: 'COACH', activeOnly: false });
    expect(all.staffMembers.map((s) => s.id)).toContain(gone.id);
  });

  it('answers an unknown id with NOT_FOUND', async () => {
    const response = await server.request(StaffMemberByIdDocument, { id: '00000000-0000-4000-8000-000000000000' });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('assertCanTake', () => {
  const attempt = async (staffId: string, overrideReason: string | null) => {
    const ds = server.app.dataSource;
    const service = new StaffService(ds);
    try {
      return { value: await ds.transaction((manager) => service.assertCanTake(manager, staffId, overrideReason)) };
    } catch (error) {
      return { error: error as DomainError };
    }
  };

  it('refuses a coach at the maximum with COACH_AT_CAPACITY unless an override reason is given', async () => {
    const coach = await createStaff('Full Coach', 'COACH', { caseloadMin: 1, caseloadMax: 2 });
    expect(await attempt(coach.id, null)).toEqual({ value: null });
    await addPeriods(2, PeriodPhase.COACHING, { coachId: coach.id });
    await addPeriods(3, PeriodPhase.ENDED, { coachId: coach.id });
    const refused = await attempt(coach.id, '  ');
    expect(refused.error).toBeInstanceOf(DomainError);
    expect(refused.error?.reason).toBe('COACH_AT_CAPACITY');
    expect(refused.error?.extensions.details).toEqual({ current: 2, max: 2 });
    expect(await attempt(coach.id, ' colleague on sick leave ')).toEqual({ value: 'colleague on sick leave' });
  });

  it('refuses unknown and inactive staff', async () => {
    expect((await attempt('00000000-0000-4000-8000-000000000000', null)).error?.extensions.code).toBe('NOT_FOUND');
    const gone = await createStaff('Inactive', 'COACH');
    await server.app.dataSource.getRepository(StaffMember).update(gone.id, { active: false });
    expect((await attempt(gone.id, null)).error?.reason).toBe('STAFF_INACTIVE');
  });

  it('locks the staff row so a concurrent assignment waits for the first to commit', async () => {
    const ds = server.app.dataSource;
    const coach = await createStaff('Locked Coach', 'COACH', { caseloadMin: 0, caseloadMax: 1 });
    const service = new StaffService(ds);
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = ds.transaction(async (manager) => {
      await service.assertCanTake(manager, coach.id, null);
      firstLocked();
      await firstHolds;
      await manager.insert(CoachingPeriod, {
        traineeId: traineeIds[0],
        serviceForm: ServiceForm.ASSESSMENT,
        participationBasis: ParticipationBasis.WORK_TRIAL,
        daysPerWeek: 4,
        hoursPerDay: 6,
        startDate: '2025-01-01',
        coachId: coach.id,
      });
      order.push('first committed');
    });
    await locked;
    const second = ds
      .transaction((manager) => service.assertCanTake(manager, coach.id, null))
      .then(
        () => order.push('second allowed'),
        (error: DomainError) => order.push(`second ${error.reason}`),
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first committed', 'second COACH_AT_CAPACITY']);
  });
});
