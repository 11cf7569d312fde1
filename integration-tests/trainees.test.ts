import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

import { CoachingPeriod } from '../src/modules/coaching-period/coaching-period.entities';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { Placement } from '../src/modules/placement/placement.entity';
import { PlacementKind } from '../src/modules/placement/placement-rules';
import { StaffMember, StaffRole } from '../src/modules/staff/staff.entity';
import { Role } from '../src/platform/auth/actor';
import {
  CreateDepartmentDocument,
  CreateTraineeDocument,
  CreateWorkUnitDocument,
  ReceiveReferralDocument,
  TraineeByIdDocument,
  TraineeByIdentityCodeDocument,
  TraineesDocument,
  TraineeSetupEmploymentAreaDocument,
  type TraineesQuery,
  TraineesWithRelationsDocument,
  UpdateTraineeDocument,
} from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

/** A valid identity code for test person `n` (not a real person: individual numbers from 200 on). */
function identityCode(n: number, sign = '-'): string {
  const dd = String(1 + (n % 28)).padStart(2, '0');
  const mm = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const yy = String(70 + (n % 25)).padStart(2, '0');
  const nnn = String(200 + n).padStart(3, '0');
  const control = '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${dd}${mm}${yy}${nnn}`) % 31];
  return `${dd}${mm}${yy}${sign}${nnn}${control}`;
}

let server: TestServer;
const areaIds: string[] = [];
let workUnitId: string;
let coachId: string;
/** Trainees created for the list tests, by last name. */
const listed = new Map<string, string>();

async function createTrainee(n: number, overrides: Record<string, unknown> = {}) {
  const data = await server.ok(CreateTraineeDocument, {
    input: { firstName: `Person${n}`, lastName: `Other${n}`, identityCode: identityCode(n), ...overrides },
  });
  return data.createTrainee.trainee;
}

async function addPeriod(traineeId: string, startDate: string, values: Partial<CoachingPeriod>) {
  const result = await server.app.dataSource.getRepository(CoachingPeriod).insert({
    traineeId,
    serviceForm: ServiceForm.TOWARDS_WORK_AND_EDUCATION,
    participationBasis: ParticipationBasis.WORK_TRIAL,
    daysPerWeek: 4,
    hoursPerDay: 6,
    startDate,
    phase: PeriodPhase.COACHING,
    ...values,
  });
  return result.identifiers[0].id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const name of ['Pori', 'Joensuu']) {
    const data = await server.ok(TraineeSetupEmploymentAreaDocument, { input: { name, municipalityCodes: ['609'] } });
    areaIds.push(data.createEmploymentArea.employmentArea.id);
  }
  const department = await server.ok(CreateDepartmentDocument, { input: { code: 'TECH', name: { fi: 'T', sv: 'T', en: 'T' } } });
  const unit = await server.ok(CreateWorkUnitDocument, { input: { departmentId: department.createDepartment.department.id, name: 'Park care' } });
  workUnitId = unit.createWorkUnit.workUnit.id;
  const coach = await server.app.dataSource
    .getRepository(StaffMember)
    .save({ organisationId: server.organisationId, name: 'Coach', role: StaffRole.COACH });
  coachId = coach.id;

  // 31 trainees for the list tests: 30 named LastNN and one Virtanen.
  for (let i = 0; i <= 30; i++) {
    const trainee = await createTrainee(100 + i, {
      firstName: i === 3 ? 'Aino' : `First${i}`,
      lastName: i === 3 ? 'Virtanen' : `Last${String(i).padStart(2, '0')}`,
      employmentAreaId: areaIds[i % 2],
      immigrantBackground: i % 3 === 0,
    });
    listed.set(trainee.lastName, trainee.id);
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('creating a trainee', () => {
  it('stores the trainee and exposes only the birth year and the temporary flag of the identity code', async () => {
    const code = '010594Y9021';
    const response = await server.request(CreateTraineeDocument, {
      input: {
        firstName: 'Matti',
        lastName: 'Meikäläinen',
        identityCode: code,
        languages: ['fi', 'ar'],
        finnishLevel: 'B1',
        immigrantBackground: true,
        email: 'matti@example.org',
        municipalityCode: '609',
        employmentAreaId: areaIds[0],
      },
    });
    expect(response.errors).toBeUndefined();
    const trainee = response.data!.createTrainee.trainee;
    expect(trainee).toMatchObject({
      firstName: 'Matti',
      birthYear: 1994,
      identityCodeTemporary: true,
      languages: ['fi', 'ar'],
      finnishLevel: 'B1',
      workLevel: 1,
      employmentArea: { id: areaIds[0], name: 'Pori' },
    });
    expect(JSON.stringify(response)).not.toContain('010594');

    const byId = await server.request(TraineeByIdDocument, { id: trainee.id });
    expect(byId.data?.trainee.birthYear).toBe(1994);
    expect(JSON.stringify(byId)).not.toContain('010594');
  });

  it('never stores the identity code in plain text', async () => {
    const code = identityCode(7);
    await createTrainee(7);
    const rows: Array<Record<string, unknown>> = await server.app.dataSource.query('SELECT * FROM trainee');
    expect(rows.length).toBeGreaterThan(30);
    const needles = [Buffer.from(code), Buffer.from(code.slice(0, 6)), Buffer.from(code.slice(7))];
    for (const row of rows) {
      for (const value of Object.values(row)) {
        const bytes = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value ?? null));
        for (const needle of needles) expect(bytes.includes(needle)).toBe(false);
      }
    }
    const [dump] = await server.app.dataSource.query(`SELECT string_agg(t::text, '|') AS text FROM trainee t`);
    expect(dump.text).not.toContain(code);
    expect(dump.text).not.toContain(Buffer.from(code).toString('hex'));
  });

  it('refuses an invalid identity code on input.identityCode without echoing it', async () => {
    const response = await server.request(CreateTraineeDocument, {
      input: { firstName: 'A', lastName: 'B', identityCode: '131052-308U' },
    });
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_IDENTITY_CODE',
      fields: [expect.objectContaining({ path: 'input.identityCode' })],
    });
    expect(JSON.stringify(response)).not.toContain('131052');
  });

  it('refuses the same identity code twice, also when typed in lower case', async () => {
    await server.ok(CreateTraineeDocument, { input: { firstName: 'A', lastName: 'B', identityCode: '290200A002C' } });
    for (const again of ['290200A002C', ' 290200a002c ']) {
      const response = await server.request(CreateTraineeDocument, { input: { firstName: 'C', lastName: 'D', identityCode: again } });
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'DUPLICATE_IDENTITY_CODE',
        fields: [expect.objectContaining({ path: 'input.identityCode' })],
      });
      expect(JSON.stringify(response)).not.toContain('290200');
    }
  });

  it('keeps codes that differ only by the century sign apart', async () => {
    const dash = await createTrainee(50, { identityCode: '010594-9032' });
    const letter = await createTrainee(51, { identityCode: '010594Y9032' });
    expect(dash.id).not.toBe(letter.id);
  });

  it('names failing fields of ordinary validation', async () => {
    const response = await server.request(CreateTraineeDocument, {
      input: { firstName: '', lastName: 'B', identityCode: identityCode(60), municipalityCode: '12', languages: ['finnish'] },
    });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (response.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['input.firstName', 'input.municipalityCode', 'input.languages']));
  });

  it('lets coaching staff create trainees but not partner users', async () => {
    const coach = await server.as({ role: Role.COACH, staffId: coachId });
    expect(
      (await coach.request(CreateTraineeDocument, { input: { firstName: 'A', lastName: 'B', identityCode: identityCode(61) } })).errors,
    ).toBeUndefined();
    const partner = await server.as({ role: Role.PARTNER });
    const refused = await partner.request(CreateTraineeDocument, { input: { firstName: 'A', lastName: 'B', identityCode: identityCode(62) } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('has no identity code field at all', async () => {
    const document = parse('query { trainees(first: 1) { edges { node { id identityCode } } } }') as TypedDocumentNode<
      unknown,
      Record<string, never>
    >;
    const response = await server.request(document, {});
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('updating a trainee', () => {
  it('changes contact details, languages, Finnish level and work level; keeps what is omitted', async () => {
    const trainee = await createTrainee(70, { email: 'old@example.org', phone: '040 123' });
    const data = await server.ok(UpdateTraineeDocument, {
      input: { traineeId: trainee.id, email: 'new@example.org', languages: ['fi', 'so'], finnishLevel: 'A2', workLevel: 3 },
    });
    expect(data.updateTrainee.trainee).toMatchObject({
      email: 'new@example.org',
      phone: '040 123',
      languages: ['fi', 'so'],
      finnishLevel: 'A2',
      workLevel: 3,
    });
    const cleared = await server.ok(UpdateTraineeDocument, { input: { traineeId: trainee.id, phone: null } });
    expect(cleared.updateTrainee.trainee).toMatchObject({ phone: null, email: 'new@example.org' });
  });

  it('refuses a work level outside 1–3 on input.workLevel', async () => {
    const trainee = await createTrainee(71);
    const response = await server.request(UpdateTraineeDocument, { input: { traineeId: trainee.id, workLevel: 4 } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((response.errors?.[0].extensions?.fields as Array<{ path: string }>).map((f) => f.path)).toContain('input.workLevel');
  });

  it('answers an unknown trainee with NOT_FOUND', async () => {
    const response = await server.request(UpdateTraineeDocument, { input: { traineeId: '00000000-0000-4000-8000-000000000000', workLevel: 2 } });
    expect(response.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('look-up by identity code', () => {
  it('finds the trainee by the keyed hash, in any letter case', async () => {
    const trainee = await createTrainee(80);
    for (const code of [identityCode(80), ` ${identityCode(80).toLowerCase()} `]) {
      const data = await server.ok(TraineeByIdentityCodeDocument, { identityCode: code });
      expect(data.traineeByIdentityCode?.id).toBe(trainee.id);
    }
  });

  it('answers null for a valid code of nobody, BAD_USER_INPUT for an invalid one', async () => {
    expect((await server.ok(TraineeByIdentityCodeDocument, { identityCode: identityCode(81) })).traineeByIdentityCode).toBeNull();
    const invalid = await server.request(TraineeByIdentityCodeDocument, { identityCode: '131052-308U' });
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_IDENTITY_CODE' });
  });

  it('is refused to partner and unit users', async () => {
    for (const role of [Role.PARTNER, Role.UNIT_LEAD, Role.ANALYST]) {
      const client = await server.as({ role });
      const response = await client.request(TraineeByIdentityCodeDocument, { identityCode: identityCode(80) });
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('trainee list', () => {
  const names = (data: { trainees: { edges: Array<{ node: { lastName: string } }> } }) => data.trainees.edges.map((e) => e.node.lastName);
  const listedFilter = { nameSearch: 'last' };

  it('pages by last name, first name with stable cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: TraineesQuery = await server.ok(TraineesDocument, { filter: listedFilter, first: 7, after });
      expect(data.trainees.totalCount).toBe(30);
      seen.push(...names(data));
      after = data.trainees.pageInfo.hasNextPage ? data.trainees.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(30);
    expect(pages).toBe(5);
  });

  it('searches first and last names case-insensitively, also as "first last"', async () => {
    expect(names(await server.ok(TraineesDocument, { filter: { nameSearch: 'VIRTA' } }))).toEqual(['Virtanen']);
    expect(names(await server.ok(TraineesDocument, { filter: { nameSearch: 'aino' } }))).toEqual(['Virtanen']);
    expect(names(await server.ok(TraineesDocument, { filter: { nameSearch: 'Aino Virt' } }))).toEqual(['Virtanen']);
    expect(names(await server.ok(TraineesDocument, { filter: { nameSearch: '%' } }))).toEqual([]);
  });

  it('filters by employment area and immigrant background', async () => {
    const area = await server.ok(TraineesDocument, { filter: { ...listedFilter, employmentAreaId: areaIds[1] }, first: 100 });
    expect(names(area)).toEqual([
      'Last01',
      'Last05',
      'Last07',
      'Last09',
      'Last11',
      'Last13',
      'Last15',
      'Last17',
      'Last19',
      'Last21',
      'Last23',
      'Last25',
      'Last27',
      'Last29',
    ]);
    const immigrants = await server.ok(TraineesDocument, { filter: { ...listedFilter, immigrantBackground: true }, first: 100 });
    expect(names(immigrants)).toEqual(['Last00', 'Last06', 'Last09', 'Last12', 'Last15', 'Last18', 'Last21', 'Last24', 'Last27', 'Last30']);
  });

  it('filters phase, service form, basis and coach on the latest period only', async () => {
    const a = listed.get('Last10')!;
    const b = listed.get('Last11')!;
    const c = listed.get('Last12')!;
    // a: an ended assessment period, then a current coaching one with the coach.
    await addPeriod(a, '2024-01-01', {
      phase: PeriodPhase.ENDED,
      serviceForm: ServiceForm.ASSESSMENT,
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
      endDate: '2024-06-30',
    });
    await addPeriod(a, '2025-01-01', { phase: PeriodPhase.COACHING, coachId });
    // b: a current assessment period, after an old coaching period with the coach.
    await addPeriod(b, '2023-01-01', { phase: PeriodPhase.COACHING, coachId });
    await addPeriod(b, '2025-02-01', {
      phase: PeriodPhase.PRE_COACHING,
      serviceForm: ServiceForm.ASSESSMENT,
      participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
    });
    // c: two periods starting the same day; the larger id counts as the latest.
    const first = await addPeriod(c, '2025-03-01', { phase: PeriodPhase.CHECK_POINT });
    const second = await addPeriod(c, '2025-03-01', { phase: PeriodPhase.INITIAL_MAPPING });
    const latestOfC = first > second ? PeriodPhase.CHECK_POINT : PeriodPhase.INITIAL_MAPPING;

    const query = async (filter: Record<string, unknown>) => names(await server.ok(TraineesDocument, { filter, first: 100 }));
    expect(await query({ phase: 'COACHING' })).toEqual(['Last10']);
    expect(await query({ phase: 'ENDED' })).toEqual([]);
    expect(await query({ serviceForm: 'ASSESSMENT' })).toEqual(['Last11']);
    expect(await query({ participationBasis: 'REHABILITATIVE_WORK' })).toEqual(['Last11']);
    expect(await query({ participationBasis: 'WORK_TRIAL' })).toEqual(['Last10', 'Last12']);
    expect(await query({ coachId })).toEqual(['Last10']);
    expect(await query({ coachId, phase: 'COACHING', serviceForm: 'TOWARDS_WORK_AND_EDUCATION' })).toEqual(['Last10']);
    expect(await query({ coachId, phase: 'PRE_COACHING' })).toEqual([]);
    expect(await query({ phase: latestOfC })).toEqual(['Last12']);
    expect(await query({ phase: latestOfC === PeriodPhase.CHECK_POINT ? 'INITIAL_MAPPING' : 'CHECK_POINT' })).toEqual([]);
  });

  it('filters by a current placement in a work unit', async () => {
    const ds = server.app.dataSource;
    const today = server.today();
    const place = async (lastName: string, startDate: string, endDate: string | null) => {
      const traineeId = listed.get(lastName)!;
      const periodId = await addPeriod(traineeId, '2020-01-01', { phase: PeriodPhase.COACHING });
      await ds.getRepository(Placement).insert({ traineeId, periodId, kind: PlacementKind.WORK_TRIAL, workUnitId, startDate, endDate });
    };
    await place('Last20', '2020-01-01', null); // open-ended: current
    await place('Last21', '2020-01-01', today); // ends today: still current
    await place('Last22', '2020-01-01', '2020-12-31'); // ended
    await place('Last23', '2999-01-01', null); // not started
    const data = await server.ok(TraineesDocument, { filter: { workUnitId }, first: 100 });
    expect(names(data)).toEqual(['Last20', 'Last21']);
  });

  it('refuses a malformed filter id on the filter path', async () => {
    const response = await server.request(TraineesDocument, { filter: { coachId: 'nope' } });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('loads employment areas and referrals of a page with the same number of statements for 10 and 30 trainees', async () => {
    for (const lastName of ['Last00', 'Last01', 'Last02', 'Last04', 'Last05']) {
      await server.ok(ReceiveReferralDocument, {
        input: {
          employmentAreaId: areaIds[0],
          externalId: `ext-${lastName}`,
          traineeId: listed.get(lastName)!,
          serviceForm: 'ASSESSMENT',
          participationBasis: 'WORK_TRIAL',
        },
      });
    }
    const small = await server.countStatements(async () => {
      const data = await server.ok(TraineesWithRelationsDocument, { filter: listedFilter, first: 10 });
      expect(data.trainees.edges).toHaveLength(10);
      expect(data.trainees.edges[0].node.referrals).toHaveLength(1);
      expect(data.trainees.edges[0].node.employmentArea?.id).toBe(areaIds[0]);
    });
    const large = await server.countStatements(async () => {
      const data = await server.ok(TraineesWithRelationsDocument, { filter: listedFilter, first: 30 });
      expect(data.trainees.edges).toHaveLength(30);
    });
    expect(large).toBe(small);
    expect(small).toBe(4); // the page, employment areas, referrals, the access-log insert
  });
});
