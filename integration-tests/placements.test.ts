import { ParticipationBasis, PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { Role } from '../src/platform/auth/actor';
import {
  CreateDepartmentDocument,
  CreatePartnerCompanyDocument,
  CreatePlacementDocument,
  type CreatePlacementInput,
  CreateWorkUnitDocument,
  EndPlacementDocument,
  OpenCoachingPeriodDocument,
  PlacementByIdDocument,
  PlacementsDocument,
  TraineeByIdDocument,
  TraineePlacementsDocument,
  UpdatePlacementDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { businessId, insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

let server: TestServer;
let unitA: string;
let unitB: string;
let unitC: string;
let companyA: string;

/** An ongoing career-coaching period opened through the API for a fresh trainee. */
async function openPeriod(startDate = '2024-01-01', plannedEndDate: string | null = '2026-06-30') {
  const trainee = await insertTrainee(server);
  const data = await server.ok(OpenCoachingPeriodDocument, {
    input: {
      traineeId: trainee.id,
      serviceForm: 'TOWARDS_WORK_AND_EDUCATION',
      participationBasis: 'CAREER_COACHING',
      daysPerWeek: 5,
      hoursPerDay: 6,
      startDate,
      plannedEndDate,
    },
  });
  return data.openCoachingPeriod.coachingPeriod;
}

const place = (input: CreatePlacementInput) => server.request(CreatePlacementDocument, { input });

beforeAll(async () => {
  server = await startTestServer();
  const department = await server.ok(CreateDepartmentDocument, { input: { code: 'TEKN', name: { fi: 'Tekninen', sv: 'Teknisk', en: 'Technical' } } });
  const departmentId = department.createDepartment.department.id;
  const unit = async (name: string) => (await server.ok(CreateWorkUnitDocument, { input: { departmentId, name } })).createWorkUnit.workUnit.id;
  [unitA, unitB, unitC] = [await unit('Kiinteistöhuolto'), await unit('Ruokapalvelut'), await unit('Varasto')];
  companyA = (await server.ok(CreatePartnerCompanyDocument, { input: { name: 'Porin Puu Oy', businessId: businessId(1234567) } }))
    .createPartnerCompany.partnerCompany.id;
});

afterAll(async () => {
  await server?.stop();
});

describe('creating placements', () => {
  it('stores a placement and shows it on the period and the trainee', async () => {
    const period = await openPeriod();
    const created = await server.ok(CreatePlacementDocument, {
      input: {
        periodId: period.id,
        kind: 'ON_THE_JOB_COACHING',
        partnerCompanyId: companyA,
        startDate: '2024-02-01',
        endDate: '2024-03-31',
        supervisorName: 'Supervisor',
        notes: 'Sawmill',
      },
    });
    const placement = created.createPlacement.placement;
    expect(placement).toMatchObject({
      periodId: period.id,
      traineeId: period.traineeId,
      partnerCompanyId: companyA,
      workUnitId: null,
      endDate: '2024-03-31',
    });
    const later = await server.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitA, startDate: '2024-04-01' },
    });

    const read = await server.ok(PlacementByIdDocument, { id: placement.id });
    expect(read.placement.partnerCompany?.name).toBe('Porin Puu Oy');
    expect(read.placement.workUnit).toBeNull();
    const nested = await server.ok(TraineePlacementsDocument, { id: period.id });
    expect(nested.coachingPeriod.placements!.map((p) => p.id)).toEqual([later.createPlacement.placement.id, placement.id]);
    expect(nested.coachingPeriod.trainee.placements!.map((p) => p.id)).toEqual([later.createPlacement.placement.id, placement.id]);
    // The open-ended one from April 2024 covers today.
    expect(nested.coachingPeriod.trainee.currentPlacement?.id).toBe(later.createPlacement.placement.id);
  });

  it('records who let the unit or company see the person, in the period’s staffing history', async () => {
    const period = await openPeriod();
    const lead = await server.as({ role: Role.UNIT_LEAD, unitId: unitC });
    const leadSees = async () => {
      const answer = await lead.request(TraineeByIdDocument, { id: period.traineeId });
      return answer.data?.trainee ? 'SEEN' : answer.errors?.[0]?.extensions?.code;
    };
    expect(await leadSees()).toBe('NOT_FOUND');

    const placed = await server.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitC, startDate: '2024-05-01', endDate: '2024-05-31' },
    });
    expect(await leadSees()).toBe('SEEN');
    const rows = await server.sql<Record<string, string | null>>(
      `SELECT from_state, to_state, actor_id, actor_role, reason FROM state_change WHERE subject_type = 'CoachingPeriodWorkplace' AND subject_id = $1`,
      [period.id],
    );
    expect(rows).toEqual([
      {
        from_state: null,
        to_state: `WorkUnit:${unitC}`,
        actor_id: server.userId,
        actor_role: 'ADMIN',
        reason: `placement ${placed.createPlacement.placement.id} (WORK_TRIAL) from 2024-05-01`,
      },
    ]);
  });

  it('needs exactly one host: a work unit or a partner company', async () => {
    const period = await openPeriod();
    for (const hosts of [{ workUnitId: unitA, partnerCompanyId: companyA }, {}]) {
      const response = await place({ periodId: period.id, kind: 'PRE_COACHING', startDate: '2024-02-01', ...hosts });
      expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ONE_HOST_REQUIRED' });
      expect(paths(errorOf(response))).toEqual(['input.workUnitId', 'input.partnerCompanyId']);
    }
  });

  it('refuses overlapping placements of one trainee, even touching on one day', async () => {
    const period = await openPeriod();
    const first = await server.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitA, startDate: '2024-02-01', endDate: '2024-02-29' },
    });
    const response = await place({ periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitB, startDate: '2024-02-29', endDate: '2024-03-31' });
    expect(errorOf(response)).toMatchObject({
      code: 'CONFLICT',
      reason: 'PLACEMENT_OVERLAP',
      details: { overlappingPlacementId: first.createPlacement.placement.id },
    });
    const ok = await place({ periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitB, startDate: '2024-03-01', endDate: '2024-03-31' });
    expect(ok.errors).toBeUndefined();
  });

  it('keeps placements within the period dates', async () => {
    const period = await openPeriod('2024-01-01', '2024-12-31');
    const early = await place({ periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitA, startDate: '2023-12-31', endDate: '2024-01-31' });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OUTSIDE_PERIOD' });
    expect(paths(errorOf(early))).toEqual(['input.startDate']);
    const late = await place({ periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitA, startDate: '2024-12-01', endDate: '2025-01-31' });
    expect(paths(errorOf(late))).toEqual(['input.endDate']);
    const backwards = await place({ periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitA, startDate: '2024-05-01', endDate: '2024-04-01' });
    expect(errorOf(backwards)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'END_BEFORE_START' });
  });
});

describe('work trial limits', () => {
  it('allows 6 months with one organiser and refuses more', async () => {
    const period = await openPeriod();
    const six = await place({ periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitA, startDate: '2024-01-01', endDate: '2024-06-30' });
    expect(six.errors).toBeUndefined();
    const more = await place({ periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitA, startDate: '2024-07-01', endDate: '2024-07-31' });
    expect(errorOf(more)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT', details: { usedMonths: 6, limitMonths: 6 } });
    const noEnd = await place({ periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitB, startDate: '2024-07-01' });
    expect(errorOf(noEnd)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WORK_TRIAL_END_REQUIRED' });
  });

  it('allows 12 months in total over organisers and refuses more', async () => {
    const period = await openPeriod();
    await server.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitA, startDate: '2024-01-01', endDate: '2024-06-30' },
    });
    await server.ok(CreatePlacementDocument, {
      input: { periodId: period.id, kind: 'WORK_TRIAL', partnerCompanyId: companyA, startDate: '2024-07-01', endDate: '2024-12-31' },
    });
    const more = await place({ periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitC, startDate: '2025-01-01', endDate: '2025-01-31' });
    expect(errorOf(more)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_TOTAL_LIMIT', details: { usedMonths: 12, limitMonths: 12 } });
    // Other kinds of placement are not work trials and are not limited.
    const coaching = await place({
      periodId: period.id,
      kind: 'ON_THE_JOB_COACHING',
      workUnitId: unitC,
      startDate: '2025-01-01',
      endDate: '2025-01-31',
    });
    expect(coaching.errors).toBeUndefined();
  });

  it('counts an earlier work-trial period in the coaching environment itself', async () => {
    const trainee = await insertTrainee(server);
    await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      participationBasis: ParticipationBasis.WORK_TRIAL,
      phase: PeriodPhase.ENDED,
      startDate: '2023-01-01',
      endDate: '2023-09-30',
    });
    const current = await insertCoachingPeriod(server, { traineeId: trainee.id, startDate: '2024-01-01' });
    const over = await place({ periodId: current.id, kind: 'WORK_TRIAL', workUnitId: unitA, startDate: '2024-01-01', endDate: '2024-04-30' });
    expect(errorOf(over)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_TOTAL_LIMIT', details: { usedMonths: 9 } });
    const fits = await place({ periodId: current.id, kind: 'WORK_TRIAL', workUnitId: unitA, startDate: '2024-01-01', endDate: '2024-03-31' });
    expect(fits.errors).toBeUndefined();
  });
});

describe('changing placements', () => {
  it('updates dates and supervisor with the same checks, excluding itself', async () => {
    const period = await openPeriod();
    const a = (
      await server.ok(CreatePlacementDocument, {
        input: { periodId: period.id, kind: 'PRE_COACHING', workUnitId: unitA, startDate: '2024-02-01', endDate: '2024-02-29' },
      })
    ).createPlacement.placement;
    const b = (
      await server.ok(CreatePlacementDocument, {
        input: { periodId: period.id, kind: 'WORK_TRIAL', workUnitId: unitB, startDate: '2024-03-01', endDate: '2024-04-30' },
      })
    ).createPlacement.placement;

    const moved = await server.ok(UpdatePlacementDocument, {
      input: { placementId: a.id, startDate: '2024-01-15', supervisorName: 'New lead', supervisorContact: '040 123' },
    });
    expect(moved.updatePlacement.placement).toMatchObject({
      startDate: '2024-01-15',
      endDate: '2024-02-29',
      supervisorName: 'New lead',
      supervisorContact: '040 123',
    });

    const overlap = await server.request(UpdatePlacementDocument, { input: { placementId: a.id, endDate: '2024-03-05' } });
    expect(errorOf(overlap)).toMatchObject({ code: 'CONFLICT', reason: 'PLACEMENT_OVERLAP', details: { overlappingPlacementId: b.id } });

    const tooLong = await server.request(UpdatePlacementDocument, { input: { placementId: b.id, endDate: '2024-09-30' } });
    expect(errorOf(tooLong)).toMatchObject({ code: 'CONFLICT', reason: 'WORK_TRIAL_ORGANISER_LIMIT' });

    const ended = await server.ok(EndPlacementDocument, { input: { placementId: b.id, endDate: '2024-04-15' } });
    expect(ended.endPlacement.placement.endDate).toBe('2024-04-15');
    const before = await server.request(EndPlacementDocument, { input: { placementId: b.id, endDate: '2024-02-01' } });
    expect(errorOf(before)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'END_BEFORE_START' });
  });
});

describe('placements list', () => {
  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const period = await insertCoachingPeriod(server, { startDate: '2025-01-01' });
      await server.ok(CreatePlacementDocument, {
        input: {
          periodId: period.id,
          kind: 'ON_THE_JOB_COACHING',
          ...(i % 5 === 0 ? { partnerCompanyId: companyA } : { workUnitId: unitC }),
          startDate: `2025-03-${String(i + 1).padStart(2, '0')}`,
          endDate: '2025-05-31',
        },
      });
    }
  });

  it('filters by host and by day', async () => {
    const byUnit = await server.ok(PlacementsDocument, { first: 100, filter: { workUnitId: unitC, activeOn: '2025-04-01' } });
    expect(byUnit.placements.totalCount).toBe(20);
    expect(byUnit.placements.edges.every((e) => e.node.workUnit?.id === unitC && e.node.workUnit.name === 'Varasto')).toBe(true);
    const onDay = await server.ok(PlacementsDocument, { first: 100, filter: { workUnitId: unitC, activeOn: '2025-03-10' } });
    expect(onDay.placements.edges.map((e) => e.node.startDate).every((d) => String(d) <= '2025-03-10')).toBe(true);
    expect(onDay.placements.totalCount).toBe(8);
    const byCompany = await server.ok(PlacementsDocument, { first: 100, filter: { partnerCompanyId: companyA, activeOn: '2025-04-01' } });
    expect(byCompany.placements.totalCount).toBe(5);
    expect(byCompany.placements.edges[0].node.partnerCompany?.name).toBe('Porin Puu Oy');
  });

  it('costs the same number of statements for 5 and 25 rows with nested fields', async () => {
    const filter = { activeOn: '2025-04-01' };
    const five = await server.countStatements(() => server.ok(PlacementsDocument, { first: 5, filter }));
    const twentyFive = await server.countStatements(() => server.ok(PlacementsDocument, { first: 25, filter }));
    expect(twentyFive).toBe(five);
    expect(five).toBeLessThanOrEqual(10);
    process.stdout.write(`placements statements: first 5 → ${five}, first 25 → ${twentyFive}\n`);
  });
});
