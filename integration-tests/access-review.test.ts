import { Role } from '../src/platform/auth/actor';
import { signDevelopmentToken } from '../src/platform/auth/tokens';
import { AccessReviewDocument, AccessReviewQuery, TraineeByIdDocument, TraineesDocument } from './generated/graphql';
import { businessId, createStaffMember, insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * The data-protection officer's access review: every user role of the organisation, what it lets
 * the user see as counts of trainees per view (computed with the permission matrix's own scope
 * SQL and checked here against what the same users' lists return), the last access, deactivated
 * roles apart, and the identity-provider groups that grant roles here. Another organisation's users
 * and trainees never appear; no trainee's name does either.
 */
let server: TestServer;
const ORGANISATION_BUSINESS_ID = businessId(4_998_000);
const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

type Entry = AccessReviewQuery['accessReview']['activeRoles'][number];
let review: AccessReviewQuery['accessReview'];
const bySubject = (subject: string): Entry => {
  const entry = [...review.activeRoles, ...review.deactivatedRoles].find((e) => e.subject === subject);
  if (!entry) throw new Error(`no entry for ${subject}`);
  return entry;
};

const ids = { coachA: '', coachB: '', areaId: '', unitId: '', companyId: '', other: '' };
const lastNames: string[] = [];
let caseManager: GraphQLClient;
let unitLead: GraphQLClient;
let coachA: GraphQLClient;

async function trainee(lastName: string, organisationId?: string) {
  const row = await insertTrainee(server, { lastName, organisationId });
  lastNames.push(lastName);
  return row.id;
}

beforeAll(async () => {
  server = await startTestServer({
    env: {
      RATE_LIMIT_PER_MINUTE: '0',
      AUTH_GROUP_ROLES: JSON.stringify([
        { group: 'dpo-analysts', organisation: ORGANISATION_BUSINESS_ID, role: 'ANALYST' },
        { group: 'dpo-admins', organisation: ORGANISATION_BUSINESS_ID.toLowerCase(), role: 'ADMIN', issuer: 'https://login.example' },
        { group: 'elsewhere', organisation: businessId(4_997_000), role: 'ANALYST' },
        { group: 'operators', role: 'PLATFORM_OPERATOR' },
      ]),
    },
  });
  await sql(`UPDATE organisation SET business_id = $1 WHERE id = $2`, [ORGANISATION_BUSINESS_ID, server.organisationId]);
  ids.coachA = await createStaffMember(server, 'COACH');
  ids.coachB = await createStaffMember(server, 'COACH');
  // Only coach A processes the intake queue.
  await sql(`UPDATE organisation SET intake_staff_ids = $1 WHERE id = $2`, [[ids.coachA], server.organisationId]);

  // Coach A: 3 trainees; coach B: 2; one in intake (no period).
  const ofA = [await trainee('Aaltonen'), await trainee('Björklund'), await trainee('Castrén')];
  const ofB = [await trainee('Dahlberg'), await trainee('Eskola')];
  await trainee('Forsman');
  for (const id of ofA) await insertCoachingPeriod(server, { traineeId: id, coachId: ids.coachA });
  for (const id of ofB) await insertCoachingPeriod(server, { traineeId: id, coachId: ids.coachB });

  caseManager = await server.as({ role: Role.CASE_MANAGER, userId: 'dpo-case-manager' });
  [{ id: ids.areaId }] = await sql<{ id: string }>(`SELECT employment_area_id AS id FROM user_role WHERE employment_area_id IS NOT NULL`);
  await sql(`UPDATE trainee SET employment_area_id = $1 WHERE id = ANY($2::uuid[])`, [ids.areaId, [ofA[0], ofB[0]]]);
  await sql(`UPDATE employment_area SET name = 'Porin seudun työllisyysalue' WHERE id = $1`, [ids.areaId]);

  unitLead = await server.as({ role: Role.UNIT_LEAD, userId: 'dpo-unit-lead' });
  [{ id: ids.unitId }] = await sql<{ id: string }>(`SELECT work_unit_id AS id FROM user_role WHERE work_unit_id IS NOT NULL`);
  await sql(`UPDATE work_unit SET name = 'Satakunnan Museo' WHERE id = $1`, [ids.unitId]);
  const [placed] = await sql<{ id: string }>(`SELECT id FROM coaching_period WHERE trainee_id = $1`, [ofB[1]]);
  await sql(`INSERT INTO placement (period_id, trainee_id, kind, work_unit_id, start_date) VALUES ($1, $2, 'WORK_TRIAL', $3, '2025-02-01')`, [
    placed.id,
    ofB[1],
    ids.unitId,
  ]);

  await server.as({ role: Role.PARTNER, userId: 'dpo-partner' });
  [{ id: ids.companyId }] = await sql<{ id: string }>(`SELECT partner_company_id AS id FROM user_role WHERE partner_company_id IS NOT NULL`);
  await sql(`UPDATE partner_company SET name = 'Porin Kiinteistöhuolto Oy' WHERE id = $1`, [ids.companyId]);
  await sql(
    `INSERT INTO profile_consent (trainee_id, scope, partner_company_id, given_by, given_at) VALUES ($1, 'ALL_PARTNERS', NULL, 'x', now()), ($2, 'ONE_COMPANY', $3, 'x', now())`,
    [ofA[1], ofA[2], ids.companyId],
  );

  coachA = await server.as({ role: Role.COACH, userId: 'dpo-coach-a', staffId: ids.coachA });
  await server.as({ role: Role.COACH, userId: 'dpo-coach-b', staffId: ids.coachB });
  await server.as({ role: Role.ANALYST, userId: 'dpo-analyst' });
  await server.as({ role: Role.TRAINEE, userId: 'dpo-trainee', traineeId: ofA[0] });
  // A coach who has left: deactivated by an ADMIN.
  const gone = await server.as({ role: Role.COACH, userId: 'dpo-gone', staffId: ids.coachB });
  await sql(`UPDATE user_role SET active = false, deactivated_at = '2026-10-01T09:00:00Z' WHERE user_id = $1`, [gone.userId]);

  // A user whose role comes from a group: recorded at their first sign-in.
  const token = await signDevelopmentToken(server.config, { subject: 'dpo-group-analyst', groups: ['dpo-analysts'] });
  const me = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { role } }' }),
  });
  expect(((await me.json()) as { data: unknown }).data).toEqual({ me: { role: 'ANALYST' } });

  // Coach A reads one of their trainees: the access log has their last access.
  await coachA.ok(TraineeByIdDocument, { id: ofA[0] });

  // Another organisation: its users and trainees are not this one's.
  ids.other = await server.createOrganisation('Rauman kaupunki');
  await trainee('Gustafsson', ids.other);
  await server.as({ role: Role.ADMIN, userId: 'dpo-other-admin', organisationId: ids.other });

  review = (await server.ok(AccessReviewDocument)).accessReview;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('accessReview', () => {
  it('lists every role of the organisation and none of another', () => {
    expect(review.organisationId).toBe(server.organisationId);
    expect(review.traineesInOrganisation).toBe(6);
    const subjects = review.activeRoles.map((e) => e.subject).sort();
    expect(subjects).toEqual(
      [
        'dpo-analyst',
        'dpo-case-manager',
        'dpo-coach-a',
        'dpo-coach-b',
        'dpo-group-analyst',
        'dpo-partner',
        'dpo-trainee',
        'dpo-unit-lead',
        'test-admin',
      ].sort(),
    );
    expect(review.deactivatedRoles.map((e) => e.subject)).toEqual(['dpo-gone']);
    expect(JSON.stringify(review)).not.toContain('dpo-other-admin');
    expect(bySubject('dpo-coach-a')).toMatchObject({
      issuer: server.config.AUTH_ISSUER,
      role: 'COACH',
      source: 'LINKED',
      active: true,
      effective: true,
    });
  });

  it('counts what each role sees in FULL, as ROSTER and in the UNIT view, with the scope in words', () => {
    const counts = (subject: string) => {
      const { full, roster, unit } = bySubject(subject);
      return { full, roster, unit };
    };
    expect(counts('test-admin')).toEqual({ full: 6, roster: 0, unit: 0 });
    // Coach A: 3 of their own + the intake queue of 1; the other 2 as roster.
    expect(counts('dpo-coach-a')).toEqual({ full: 4, roster: 2, unit: 0 });
    // Coach B does not process intake: 2 in full, 4 as roster.
    expect(counts('dpo-coach-b')).toEqual({ full: 2, roster: 4, unit: 0 });
    expect(counts('dpo-case-manager')).toEqual({ full: 2, roster: 0, unit: 0 });
    expect(counts('dpo-unit-lead')).toEqual({ full: 0, roster: 0, unit: 1 });
    expect(counts('dpo-trainee')).toEqual({ full: 1, roster: 0, unit: 0 });
    for (const subject of ['dpo-partner', 'dpo-analyst', 'dpo-group-analyst']) expect(counts(subject)).toEqual({ full: 0, roster: 0, unit: 0 });

    expect(bySubject('test-admin').scope).toBe('administrator: the whole organisation (6 trainees)');
    expect(bySubject('dpo-coach-a').scope).toMatch(
      /^coach COACH \d+: own caseload \(3 trainees\) \+ intake queue \(1 trainee\); others as roster \(2 trainees\)$/,
    );
    expect(bySubject('dpo-coach-b').scope).toMatch(/: own caseload \(2 trainees\); others as roster \(4 trainees\)$/);
    expect(bySubject('dpo-case-manager').scope).toBe('case manager of Porin seudun työllisyysalue (2 trainees)');
    expect(bySubject('dpo-unit-lead').scope).toBe('unit lead of Satakunnan Museo (1 trainee working there, unit view)');
    expect(bySubject('dpo-partner').scope).toBe('partner Porin Kiinteistöhuolto Oy: consented profiles (2 profiles), no trainee records');
    expect(bySubject('dpo-analyst').scope).toBe('analyst: aggregates of the organisation only, no personal data');
  });

  it('agrees with what the same users’ lists return', async () => {
    const asCaseManager = await caseManager.ok(TraineesDocument, { first: 100 });
    expect(asCaseManager.trainees.totalCount).toBe(bySubject('dpo-case-manager').full);
    const asUnitLead = await unitLead.ok(TraineesDocument, { first: 100 });
    expect(asUnitLead.trainees.totalCount).toBe(bySubject('dpo-unit-lead').unit);
    const mine = await coachA.ok(TraineesDocument, { first: 100, filter: { mine: true } });
    expect(mine.trainees.totalCount).toBe(3);
  });

  it('shows deactivated roles apart, seeing nothing now, and the last access and since of each', () => {
    const gone = bySubject('dpo-gone');
    expect(gone).toMatchObject({ active: false, effective: false, full: 0, roster: 0, unit: 0, deactivatedAt: '2026-10-01T09:00:00.000Z' });
    expect(gone.scope).toMatch(/^coach /);
    expect(bySubject('dpo-coach-a').lastAccessAt).not.toBeNull();
    expect(bySubject('dpo-coach-b').lastAccessAt).toBeNull();
    for (const entry of review.activeRoles) expect(Number.isNaN(Date.parse(entry.since))).toBe(false);
  });

  it('lists the group mappings of this organisation only, in precedence order, with the users recorded through them', () => {
    expect(review.groupMappings).toEqual([
      { group: 'dpo-analysts', role: 'ANALYST', issuer: null, organisation: ORGANISATION_BUSINESS_ID, precedence: 1, recordedUsers: 1 },
      {
        group: 'dpo-admins',
        role: 'ADMIN',
        issuer: 'https://login.example',
        organisation: ORGANISATION_BUSINESS_ID.toLowerCase(),
        precedence: 2,
        recordedUsers: 0,
      },
    ]);
    expect(bySubject('dpo-group-analyst')).toMatchObject({ source: 'GROUP', groupName: 'dpo-analysts', role: 'ANALYST' });
  });

  it('holds no trainee’s name, only counts', () => {
    const text = JSON.stringify(review);
    for (const name of lastNames) expect(text).not.toContain(name);
  });

  it('is the ADMIN’s alone, and another organisation’s ADMIN gets their own', async () => {
    for (const role of [Role.COACH, Role.ANALYST, Role.CASE_MANAGER, Role.PARTNER]) {
      const answer = await (await server.as({ role, userId: `dpo-refused-${role}` })).request(AccessReviewDocument);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    }
    const other = await server.as({ role: Role.ADMIN, userId: 'dpo-other-admin', organisationId: ids.other });
    const theirs = (await other.ok(AccessReviewDocument)).accessReview;
    expect(theirs).toMatchObject({ organisationId: ids.other, traineesInOrganisation: 1, groupMappings: [] });
    expect(theirs.activeRoles.map((e) => e.subject)).toEqual(['dpo-other-admin']);
  });

  it('takes the same number of statements for 10 users as for 40', async () => {
    const before = await server.countStatements(() => server.ok(AccessReviewDocument));
    for (let i = 0; i < 30; i++) {
      const staffId = await createStaffMember(server, 'COACH');
      await insertCoachingPeriod(server, { traineeId: await trainee(`Lisä ${i}`), coachId: staffId });
      await server.as({ role: Role.COACH, userId: `dpo-extra-${i}`, staffId });
    }
    const after = await server.countStatements(() => server.ok(AccessReviewDocument));
    const grown = (await server.ok(AccessReviewDocument)).accessReview;
    expect(grown.activeRoles.length).toBeGreaterThanOrEqual(review.activeRoles.length + 30);
    expect(after).toBe(before);
    process.stdout.write(`access review: ${before} statements for ${review.activeRoles.length} roles, ${after} for ${grown.activeRoles.length}\n`);
  });
});
