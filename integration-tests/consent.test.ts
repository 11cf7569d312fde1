import { Role } from '../src/platform/auth/actor';
import {
  CompetenceProfileDocument,
  CompetenceProfileIdsDocument,
  CompetenceProfilesDocument,
  CompetenceProfilesQuery,
  GiveProfileConsentDocument,
  TraineeProfileConsentsDocument,
  WithdrawProfileConsentDocument,
} from './generated/graphql';
import { codes } from './support/errors';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * Consent to show a trainee's competence profile to partner companies, and the profiles partners
 * see, over HTTP on the demo data: who gives and withdraws consent (and when), which profiles a
 * partner sees (consented to all partners or to its own company, nothing else), that a withdrawal
 * hides the profile from the very next request, who may not query profiles at all, and that a
 * page of profiles costs the same number of SQL statements for 5, 50 and 100 profiles.
 */
let server: TestServer;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => server.sql<T>(text, params);

async function one<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
  const [row] = await sql<T>(text, params);
  if (!row) throw new Error(`demo data has no row for: ${text}`);
  return row;
}

/** The partner company whose view is tested, and another one with one-company consents it must not see. */
let companyId: string;
let otherCompanyId: string;
let partner: GraphQLClient;
let otherPartner: GraphQLClient;

/** Trainees a partner of `company` may see: an active consent to all partners or to that company. */
async function visibleTrainees(company: string): Promise<Set<string>> {
  const rows = await sql<{ trainee_id: string }>(
    `SELECT DISTINCT c.trainee_id FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id
      WHERE c.withdrawn_at IS NULL AND t.pseudonymised_at IS NULL AND (c.scope = 'ALL_PARTNERS' OR c.partner_company_id = $1)
        AND t.organisation_id = $2`,
    [company, server.organisationId],
  );
  return new Set(rows.map((r) => r.trainee_id));
}

/** Every profile a client sees, walking the pages. */
async function allProfiles(client: GraphQLClient, first = 100): Promise<CompetenceProfilesQuery['competenceProfiles']['edges'][number]['node'][]> {
  const nodes: CompetenceProfilesQuery['competenceProfiles']['edges'][number]['node'][] = [];
  let after: string | null = null;
  for (;;) {
    const page: CompetenceProfilesQuery = await client.ok(CompetenceProfilesDocument, { first, after });
    nodes.push(...page.competenceProfiles.edges.map((e) => e.node));
    if (!page.competenceProfiles.pageInfo.hasNextPage) return nodes;
    after = page.competenceProfiles.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  // A company with one-company consents, while another company has one-company consents of people
  // this company may not see (no consent to all partners, none to this company).
  ({ id: companyId } = await one<{ id: string }>(
    `SELECT c.partner_company_id AS id FROM profile_consent c
      WHERE c.scope = 'ONE_COMPANY' AND c.withdrawn_at IS NULL
        AND EXISTS (SELECT 1 FROM profile_consent o WHERE o.scope = 'ONE_COMPANY' AND o.withdrawn_at IS NULL AND o.partner_company_id <> c.partner_company_id
                      AND NOT EXISTS (SELECT 1 FROM profile_consent v WHERE v.trainee_id = o.trainee_id AND v.withdrawn_at IS NULL
                                        AND (v.scope = 'ALL_PARTNERS' OR v.partner_company_id = c.partner_company_id)))
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  ));
  ({ id: otherCompanyId } = await one<{ id: string }>(
    `SELECT o.partner_company_id AS id FROM profile_consent o
      WHERE o.scope = 'ONE_COMPANY' AND o.withdrawn_at IS NULL AND o.partner_company_id <> $1
        AND NOT EXISTS (SELECT 1 FROM profile_consent v WHERE v.trainee_id = o.trainee_id AND v.withdrawn_at IS NULL AND (v.scope = 'ALL_PARTNERS' OR v.partner_company_id = $1))
      ORDER BY 1 LIMIT 1`,
    [companyId],
  ));
  partner = await server.as({ role: Role.PARTNER, userId: 'partner-user', companyId });
  otherPartner = await server.as({ role: Role.PARTNER, userId: 'other-partner-user', companyId: otherCompanyId });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('demo consents', () => {
  it('cover a realistic share of trainees, both scopes, several companies, withdrawals and re-consents', async () => {
    const [facts] = await sql<Record<string, number>>(`
      SELECT count(DISTINCT trainee_id)::int AS trainees,
             count(*) FILTER (WHERE withdrawn_at IS NULL AND scope = 'ALL_PARTNERS')::int AS active_all,
             count(*) FILTER (WHERE withdrawn_at IS NULL AND scope = 'ONE_COMPANY')::int AS active_one,
             count(DISTINCT partner_company_id) FILTER (WHERE withdrawn_at IS NULL)::int AS companies,
             count(*) FILTER (WHERE withdrawn_at IS NOT NULL)::int AS withdrawn,
             (SELECT count(*)::int FROM (SELECT trainee_id FROM profile_consent WHERE withdrawn_at IS NULL GROUP BY trainee_id HAVING count(*) > 1) both_scopes) AS with_both,
             (SELECT count(*)::int FROM profile_consent a JOIN profile_consent b ON a.trainee_id = b.trainee_id AND a.withdrawn_at IS NOT NULL AND b.given_at > a.withdrawn_at) AS reconsented
        FROM profile_consent`);
    expect(facts.trainees).toBeGreaterThan(20);
    expect(facts.trainees).toBeLessThan(80);
    expect(facts.active_all).toBeGreaterThan(10);
    expect(facts.active_one).toBeGreaterThan(3);
    expect(facts.companies).toBeGreaterThanOrEqual(2);
    expect(facts.withdrawn).toBeGreaterThan(2);
    expect(facts.with_both).toBeGreaterThan(0);
    expect(facts.reconsented).toBeGreaterThan(0);
    // Who gave and withdrew is a staff user; nothing is given before coaching or in the future.
    expect(
      await sql(`SELECT id FROM profile_consent WHERE given_by NOT LIKE '%@%' OR given_at > $1 OR withdrawn_at > $1`, [server.clock.now()]),
    ).toEqual([]);
    expect(
      await sql(
        `SELECT c.id FROM profile_consent c WHERE NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = c.trainee_id AND p.phase NOT IN ('INITIAL_MAPPING', 'PRE_COACHING'))`,
      ),
    ).toEqual([]);
    // Profile ids are never trainee ids.
    expect(await sql(`SELECT c.id FROM profile_consent c JOIN trainee t ON t.id = c.profile_id`)).toEqual([]);
  });
});

describe('giving and withdrawing consent', () => {
  let traineeId: string;
  let coach: GraphQLClient;
  let agent: GraphQLClient;

  beforeAll(async () => {
    const row = await one<{ trainee_id: string; coach_id: string; career_agent_id: string }>(
      `SELECT p.trainee_id, p.coach_id, p.career_agent_id FROM coaching_period p
        WHERE p.coach_id IS NOT NULL AND p.career_agent_id IS NOT NULL AND p.phase = 'COACHING'
          AND NOT EXISTS (SELECT 1 FROM profile_consent c WHERE c.trainee_id = p.trainee_id)
          AND p.trainee_id IN (SELECT t.id FROM trainee t WHERE t.organisation_id = '${server.organisationId}')
        ORDER BY p.trainee_id LIMIT 1`,
    );
    traineeId = row.trainee_id;
    coach = await server.as({ role: Role.COACH, userId: 'coach-of-trainee@pori.example', staffId: row.coach_id });
    agent = await server.as({ role: Role.CAREER_AGENT, userId: 'agent-of-trainee@pori.example', staffId: row.career_agent_id });
  });

  it('records who gave the consent and when, refuses a second active one for the same target, and allows one per company besides', async () => {
    const before = server.clock.now().getTime();
    const given = (await coach.ok(GiveProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS', note: 'Allekirjoitettu lomake.' } }))
      .giveProfileConsent.profileConsent;
    const after = server.clock.now().getTime();
    expect(given).toMatchObject({
      traineeId,
      scope: 'ALL_PARTNERS',
      partnerCompanyId: null,
      partnerCompany: null,
      givenBy: coach.userId,
      withdrawnAt: null,
      withdrawnBy: null,
      note: 'Allekirjoitettu lomake.',
      active: true,
    });
    expect(Date.parse(given.givenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(given.givenAt)).toBeLessThanOrEqual(after + 1000);

    const again = await agent.request(GiveProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS' } });
    expect(codes(again)).toEqual([['CONFLICT', 'CONSENT_ALREADY_GIVEN']]);

    const company = (await agent.ok(GiveProfileConsentDocument, { input: { traineeId, scope: 'ONE_COMPANY', partnerCompanyId: companyId } }))
      .giveProfileConsent.profileConsent;
    expect(company).toMatchObject({
      scope: 'ONE_COMPANY',
      partnerCompanyId: companyId,
      partnerCompany: { id: companyId },
      givenBy: agent.userId,
      active: true,
    });

    const listed = (await coach.ok(TraineeProfileConsentsDocument, { id: traineeId })).trainee.profileConsents;
    expect(listed!.map((c) => c.id)).toEqual([company.id, given.id]);
  });

  it('refuses a company for ALL_PARTNERS, none for ONE_COMPANY and an unknown company', async () => {
    expect(codes(await coach.request(GiveProfileConsentDocument, { input: { traineeId, scope: 'ONE_COMPANY' } }))).toEqual([
      ['BAD_USER_INPUT', 'PARTNER_COMPANY_REQUIRED'],
    ]);
    expect(
      codes(await coach.request(GiveProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS', partnerCompanyId: companyId } })),
    ).toEqual([['BAD_USER_INPUT', 'PARTNER_COMPANY_NOT_ALLOWED']]);
    expect(
      codes(
        await coach.request(GiveProfileConsentDocument, {
          input: { traineeId, scope: 'ONE_COMPANY', partnerCompanyId: '7b0e4a39-6f41-4c53-9e4e-2f4f2f0b1c11' },
        }),
      ),
    ).toEqual([['BAD_USER_INPUT', 'REFERENCE_NOT_FOUND']]);
    expect(
      codes(await coach.request(WithdrawProfileConsentDocument, { input: { traineeId, scope: 'ONE_COMPANY', partnerCompanyId: otherCompanyId } })),
    ).toEqual([['CONFLICT', 'NO_ACTIVE_CONSENT']]);
  });

  it('records who withdrew and when; the other consent stays; a new consent gets a new profile id', async () => {
    const [{ profile_id: firstProfileId }] = await sql<{ profile_id: string }>(
      `SELECT profile_id FROM profile_consent WHERE trainee_id = $1 AND scope = 'ALL_PARTNERS'`,
      [traineeId],
    );
    const before = server.clock.now().getTime();
    const withdrawn = (await agent.ok(WithdrawProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS', note: 'Peruttu puhelimessa.' } }))
      .withdrawProfileConsent.profileConsent;
    expect(withdrawn).toMatchObject({
      scope: 'ALL_PARTNERS',
      givenBy: coach.userId,
      withdrawnBy: agent.userId,
      note: 'Peruttu puhelimessa.',
      active: false,
    });
    expect(Date.parse(withdrawn.withdrawnAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(withdrawn.withdrawnAt!)).toBeGreaterThanOrEqual(Date.parse(withdrawn.givenAt));

    expect(codes(await coach.request(WithdrawProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS' } }))).toEqual([
      ['CONFLICT', 'NO_ACTIVE_CONSENT'],
    ]);
    const consents = (await coach.ok(TraineeProfileConsentsDocument, { id: traineeId })).trainee.profileConsents;
    expect(consents!.map((c) => [c.scope, c.active])).toEqual([
      ['ONE_COMPANY', true],
      ['ALL_PARTNERS', false],
    ]);

    const renewed = (await coach.ok(GiveProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS' } })).giveProfileConsent.profileConsent;
    expect(renewed.id).not.toBe(withdrawn.id);
    const profileIds = await sql<{ profile_id: string }>(`SELECT profile_id FROM profile_consent WHERE trainee_id = $1`, [traineeId]);
    expect(new Set(profileIds.map((r) => r.profile_id)).size).toBe(3);
    expect(profileIds.map((r) => r.profile_id)).toContain(firstProfileId);
    expect(profileIds.map((r) => r.profile_id)).not.toContain(traineeId);
  });

  it('keeps at most one active consent per trainee and target in the database itself', async () => {
    const insert = (scope: string, company: string | null) =>
      sql(`INSERT INTO profile_consent (trainee_id, scope, partner_company_id, given_at, given_by) VALUES ($1, $2, $3, now(), 'sql')`, [
        traineeId,
        scope,
        company,
      ]);
    await expect(insert('ALL_PARTNERS', null)).rejects.toMatchObject({ code: '23505', constraint: 'profile_consent_one_active_for_all_partners' });
    await expect(insert('ONE_COMPANY', companyId)).rejects.toMatchObject({ code: '23505', constraint: 'profile_consent_one_active_per_company' });
    await expect(insert('ONE_COMPANY', null)).rejects.toMatchObject({ code: '23514' });
  });

  it('lets only coaching staff with the FULL view give or withdraw: another coach is FORBIDDEN, other roles too', async () => {
    const { id: otherCoachId } = await one<{ id: string }>(
      `SELECT s.id FROM staff_member s WHERE s.role = 'COACH' AND s.active AND NOT EXISTS (
         SELECT 1 FROM coaching_period p WHERE p.trainee_id = $1 AND (p.coach_id = s.id OR p.career_agent_id = s.id)) ORDER BY s.id LIMIT 1`,
      [traineeId],
    );
    const otherCoach = await server.as({ role: Role.COACH, userId: 'other-coach@pori.example', staffId: otherCoachId });
    const give = { input: { traineeId, scope: 'ONE_COMPANY' as const, partnerCompanyId: otherCompanyId } };
    expect(codes(await otherCoach.request(GiveProfileConsentDocument, give))).toEqual([['FORBIDDEN', 'VIEW_TOO_NARROW']]);
    expect(codes(await otherCoach.request(WithdrawProfileConsentDocument, { input: { traineeId, scope: 'ALL_PARTNERS' } }))).toEqual([
      ['FORBIDDEN', 'VIEW_TOO_NARROW'],
    ]);
    // The roster view does not include the consents either.
    const roster = await otherCoach.request(TraineeProfileConsentsDocument, { id: traineeId });
    expect(codes(roster)).toEqual([['FORBIDDEN', 'VIEW_TOO_NARROW']]);

    const { employment_area_id: areaId } = await one<{ employment_area_id: string }>(`SELECT employment_area_id FROM trainee WHERE id = $1`, [
      traineeId,
    ]);
    for (const actor of [
      { role: Role.CASE_MANAGER, userId: 'cm', areaId },
      { role: Role.UNIT_LEAD, userId: 'lead' },
      { role: Role.PARTNER, userId: 'partner', companyId: otherCompanyId },
      { role: Role.ANALYST, userId: 'analyst' },
    ]) {
      const client = await server.as(actor);
      expect([actor.role, codes(await client.request(GiveProfileConsentDocument, give))]).toEqual([actor.role, [['FORBIDDEN', 'ROLE_NOT_ALLOWED']]]);
    }
    expect(await sql(`SELECT id FROM profile_consent WHERE trainee_id = $1 AND partner_company_id = $2`, [traineeId, otherCompanyId])).toEqual([]);
  });
});

describe('what a partner sees', () => {
  it('exactly the profiles consented to all partners or to its own company, one per person, and nothing of other companies’ consents', async () => {
    const expected = await visibleTrainees(companyId);
    const profiles = await allProfiles(partner, 7);
    const consents = new Map(
      (
        await sql<{ profile_id: string; trainee_id: string; scope: string; partner_company_id: string | null; withdrawn_at: Date | null }>(
          'SELECT profile_id, trainee_id, scope, partner_company_id, withdrawn_at FROM profile_consent',
        )
      ).map((c) => [c.profile_id, c]),
    );
    const seen = profiles.map((p) => consents.get(p.id));
    expect(seen.every((c) => c && c.withdrawn_at === null && (c.scope === 'ALL_PARTNERS' || c.partner_company_id === companyId))).toBe(true);
    const traineesSeen = seen.map((c) => c!.trainee_id);
    expect(new Set(traineesSeen).size).toBe(traineesSeen.length);
    expect(new Set(traineesSeen)).toEqual(expected);
    expect((await partner.ok(CompetenceProfileIdsDocument, { first: 1 })).competenceProfiles.totalCount).toBe(expected.size);
    // One page of 100 gives the same set as pages of 7.
    expect(new Set((await allProfiles(partner, 100)).map((p) => p.id))).toEqual(new Set(profiles.map((p) => p.id)));

    // Someone consenting only to the other company is invisible here, in the list and by id.
    const hidden = await sql<{ profile_id: string; trainee_id: string }>(
      `SELECT profile_id, trainee_id FROM profile_consent WHERE withdrawn_at IS NULL AND scope = 'ONE_COMPANY' AND partner_company_id = $1`,
      [otherCompanyId],
    );
    const hiddenHere = hidden.filter((h) => !expected.has(h.trainee_id));
    expect(hiddenHere.length).toBeGreaterThan(0);
    for (const { profile_id, trainee_id } of hiddenHere) {
      expect(traineesSeen).not.toContain(trainee_id);
      expect(codes(await partner.request(CompetenceProfileDocument, { id: profile_id }))).toEqual([['NOT_FOUND', undefined]]);
      // … while the company it was given to sees it.
      expect((await otherPartner.ok(CompetenceProfileDocument, { id: profile_id })).competenceProfile.id).toBe(profile_id);
    }
    // A company-specific profile id of someone this company sees anyway is still only the other company's.
    for (const { profile_id } of hidden.filter((h) => expected.has(h.trainee_id))) {
      expect(codes(await partner.request(CompetenceProfileDocument, { id: profile_id }))).toEqual([['NOT_FOUND', undefined]]);
    }
    // Withdrawn consents, trainee ids and malformed ids are not profiles.
    const { profile_id: withdrawnProfile, trainee_id: someTrainee } = await one<{ profile_id: string; trainee_id: string }>(
      `SELECT profile_id, trainee_id FROM profile_consent WHERE withdrawn_at IS NOT NULL ORDER BY id LIMIT 1`,
    );
    for (const id of [withdrawnProfile, someTrainee, ...traineesSeen.slice(0, 3)]) {
      expect([id, codes(await partner.request(CompetenceProfileDocument, { id }))]).toEqual([id, [['NOT_FOUND', undefined]]]);
    }
    expect(codes(await partner.request(CompetenceProfileDocument, { id: 'not-an-id' }))).toEqual([['BAD_USER_INPUT', 'INVALID_ID']]);
  });

  it('shows the first name and last initial, level, languages, work fields and verified competences only', async () => {
    const profiles = await allProfiles(partner);
    const owner = new Map(
      (await sql<{ profile_id: string; trainee_id: string }>('SELECT profile_id, trainee_id FROM profile_consent')).map((r) => [
        r.profile_id,
        r.trainee_id,
      ]),
    );
    let withCompetences = 0;
    for (const profile of profiles) {
      const traineeId = owner.get(profile.id)!;
      const trainee = await one<{ first_name: string; last_name: string; work_level: number; languages: string[]; finnish_level: string | null }>(
        'SELECT first_name, last_name, work_level, languages, finnish_level FROM trainee WHERE id = $1',
        [traineeId],
      );
      expect(profile.displayName).toBe(`${trainee.first_name} ${trainee.last_name[0]}.`);
      expect(profile.displayName).not.toContain(trainee.last_name);
      expect(profile).toMatchObject({ workLevel: trainee.work_level, languages: trainee.languages, finnishLevel: trainee.finnish_level });
      const verified = await sql<{ requirement_code: string; requirement_text: string; unit_external_id: string }>(
        `SELECT DISTINCT qualification_external_id, unit_external_id, requirement_code, requirement_text FROM competence_record WHERE trainee_id = $1 AND state = 'VERIFIED'`,
        [traineeId],
      );
      expect(profile.verifiedCompetences.map((c) => `${c.unitCode}/${c.requirementCode}`).sort()).toEqual(
        verified.map((v) => `${v.unit_external_id}/${v.requirement_code}`).sort(),
      );
      expect(
        profile.verifiedCompetences.every((c) => c.qualificationName?.fi && c.unitName?.fi && /^\d{4}-\d{2}-\d{2}$/.test(String(c.verifiedOn))),
      ).toBe(true);
      if (verified.length) withCompetences++;
      // Exactly the profile's fields: nothing else about the person travels.
      expect(Object.keys(profile).sort()).toEqual([
        'displayName',
        'finnishLevel',
        'id',
        'languages',
        'taskFields',
        'verifiedCompetences',
        'workLevel',
      ]);
    }
    expect(withCompetences).toBeGreaterThan(3);
    expect(profiles.filter((p) => p.taskFields.length > 0).length).toBeGreaterThan(3);

    // Each read is a disclosure to the company: the trainee's access log names the partner user and the fields.
    const logged = await sql<{ trainee_id: string; fields: string[] }>(
      `SELECT trainee_id, fields FROM access_log_entry WHERE user_id = $1 AND role = 'PARTNER' AND kind = 'READ' ORDER BY at DESC`,
      [partner.userId],
    );
    expect(new Set(logged.map((l) => l.trainee_id))).toEqual(new Set(profiles.map((p) => owner.get(p.id))));
    const latest = logged.find((l) => l.trainee_id === owner.get(profiles[0].id))!;
    expect(latest.fields).toEqual(
      expect.arrayContaining(['CompetenceProfile.displayName', 'CompetenceProfile.verifiedCompetences', 'CompetenceProfile.taskFields']),
    );
  });

  it('filters by work field, qualification unit and minimum level', async () => {
    const all = await allProfiles(partner);
    const owner = new Map(
      (await sql<{ profile_id: string; trainee_id: string }>('SELECT profile_id, trainee_id FROM profile_consent')).map((r) => [
        r.profile_id,
        r.trainee_id,
      ]),
    );

    const field = all.flatMap((p) => p.taskFields)[0];
    const byField = (await partner.ok(CompetenceProfilesDocument, { first: 100, filter: { field } })).competenceProfiles;
    expect(byField.edges.map((e) => e.node.id).sort()).toEqual(
      all
        .filter((p) => p.taskFields.includes(field))
        .map((p) => p.id)
        .sort(),
    );
    expect(byField.totalCount).toBe(byField.edges.length);
    expect(byField.edges.length).toBeLessThan(all.length);

    const unitCode = all.flatMap((p) => p.verifiedCompetences)[0].unitCode;
    const byUnit = (await partner.ok(CompetenceProfilesDocument, { first: 100, filter: { qualificationUnitCode: unitCode } })).competenceProfiles;
    expect(byUnit.edges.map((e) => e.node.id).sort()).toEqual(
      all
        .filter((p) => p.verifiedCompetences.some((c) => c.unitCode === unitCode))
        .map((p) => p.id)
        .sort(),
    );
    expect(byUnit.edges.length).toBeGreaterThan(0);

    // The workforce search: verified in every one of two units, living in one employment area.
    // The pair of units most profiles have both of.
    const pairCount = new Map<string, number>();
    for (const profile of all) {
      const units = [...new Set(profile.verifiedCompetences.map((c) => c.unitCode))].sort();
      for (const a of units) for (const b of units) if (a < b) pairCount.set(`${a}|${b}`, (pairCount.get(`${a}|${b}`) ?? 0) + 1);
    }
    const [first, second] = [...pairCount].sort((a, b) => b[1] - a[1])[0][0].split('|');
    const hasBoth = (p: (typeof all)[number]) => [first, second].every((code) => p.verifiedCompetences.some((c) => c.unitCode === code));
    const byUnits = (await partner.ok(CompetenceProfilesDocument, { first: 100, filter: { qualificationUnitCodes: [first, second] } }))
      .competenceProfiles;
    expect(byUnits.edges.map((e) => e.node.id).sort()).toEqual(
      all
        .filter(hasBoth)
        .map((p) => p.id)
        .sort(),
    );
    expect(byUnits.edges.length).toBeGreaterThan(0);
    expect(byUnits.edges.length).toBeLessThan(all.length);
    const areaOf = new Map(
      (await sql<{ id: string; area: string | null }>('SELECT id, employment_area_id AS area FROM trainee')).map((r) => [r.id, r.area]),
    );
    const areaCounts = new Map<string, number>();
    for (const p of all) {
      const area = areaOf.get(owner.get(p.id)!);
      if (area) areaCounts.set(area, (areaCounts.get(area) ?? 0) + 1);
    }
    const [smallerArea] = [...areaCounts].sort((a, b) => a[1] - b[1])[0];
    const inArea = (
      await partner.ok(CompetenceProfilesDocument, { first: 100, filter: { qualificationUnitCodes: [first, second], employmentAreaId: smallerArea } })
    ).competenceProfiles;
    expect(inArea.edges.map((e) => e.node.id).sort()).toEqual(
      all
        .filter((p) => hasBoth(p) && areaOf.get(owner.get(p.id)!) === smallerArea)
        .map((p) => p.id)
        .sort(),
    );
    expect(inArea.totalCount).toBe(inArea.edges.length);
    expect(codes(await partner.request(CompetenceProfilesDocument, { first: 10, filter: { employmentAreaId: 'not-an-id' } }))[0][0]).toBe(
      'BAD_USER_INPUT',
    );

    const byLevel = (await partner.ok(CompetenceProfilesDocument, { first: 100, filter: { minimumWorkLevel: 2 } })).competenceProfiles;
    expect(byLevel.edges.map((e) => e.node.id).sort()).toEqual(
      all
        .filter((p) => p.workLevel >= 2)
        .map((p) => p.id)
        .sort(),
    );
    expect(byLevel.edges.length).toBeLessThan(all.length);

    const combined = (await partner.ok(CompetenceProfilesDocument, { first: 100, filter: { field, minimumWorkLevel: 2 } })).competenceProfiles;
    expect(combined.edges.every((e) => e.node.workLevel >= 2 && e.node.taskFields.includes(field))).toBe(true);
    expect(codes(await partner.request(CompetenceProfilesDocument, { first: 100, filter: { minimumWorkLevel: 4 } }))).toEqual([
      ['BAD_USER_INPUT', 'INVALID_INPUT'],
    ]);
    expect(codes(await partner.request(CompetenceProfilesDocument, { first: 10, after: 'bm90LWEtY3Vyc29y' }))).toEqual([
      ['BAD_USER_INPUT', 'INVALID_CURSOR'],
    ]);
    expect(owner.size).toBeGreaterThan(0);
  });

  it('drops a profile from the very next request after the consent is withdrawn, in the list and by id', async () => {
    // Someone this company sees through a consent to all partners only.
    const row = await one<{ trainee_id: string; profile_id: string; coach_id: string }>(
      `SELECT c.trainee_id, c.profile_id, p.coach_id FROM profile_consent c
         JOIN LATERAL (SELECT coach_id FROM coaching_period WHERE trainee_id = c.trainee_id AND coach_id IS NOT NULL ORDER BY start_date DESC LIMIT 1) p ON true
        WHERE c.scope = 'ALL_PARTNERS' AND c.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM profile_consent o WHERE o.trainee_id = c.trainee_id AND o.withdrawn_at IS NULL AND o.id <> c.id)
        ORDER BY c.trainee_id LIMIT 1`,
    );
    const listedIds = async (client: GraphQLClient) => (await allProfiles(client)).map((p) => p.id);
    const before = await partner.ok(CompetenceProfileIdsDocument, { first: 1 });
    expect(await listedIds(partner)).toContain(row.profile_id);
    expect(await listedIds(otherPartner)).toContain(row.profile_id);
    expect((await partner.ok(CompetenceProfileDocument, { id: row.profile_id })).competenceProfile.id).toBe(row.profile_id);

    const coach = await server.as({ role: Role.COACH, userId: 'withdrawing-coach@pori.example', staffId: row.coach_id });
    await coach.ok(WithdrawProfileConsentDocument, { input: { traineeId: row.trainee_id, scope: 'ALL_PARTNERS' } });

    // The very next requests, by both companies.
    expect(codes(await partner.request(CompetenceProfileDocument, { id: row.profile_id }))).toEqual([['NOT_FOUND', undefined]]);
    expect(await listedIds(partner)).not.toContain(row.profile_id);
    expect(codes(await otherPartner.request(CompetenceProfileDocument, { id: row.profile_id }))).toEqual([['NOT_FOUND', undefined]]);
    expect(await listedIds(otherPartner)).not.toContain(row.profile_id);
    expect((await partner.ok(CompetenceProfileIdsDocument, { first: 1 })).competenceProfiles.totalCount).toBe(
      before.competenceProfiles.totalCount - 1,
    );
  });

  it('is refused to every role but PARTNER and ADMIN; a partner token without a company is not accepted', async () => {
    const anyProfile = (
      await one<{ profile_id: string }>(
        `SELECT profile_id FROM profile_consent WHERE withdrawn_at IS NULL AND scope = 'ALL_PARTNERS' ORDER BY id LIMIT 1`,
      )
    ).profile_id;
    const staffOf = async (role: string) =>
      (await one<{ id: string }>(`SELECT id FROM staff_member WHERE role = $1 AND active ORDER BY id LIMIT 1`, [role])).id;
    const unitId = (await one<{ id: string }>(`SELECT id FROM work_unit ORDER BY id LIMIT 1`)).id;
    const areaId = (await one<{ id: string }>(`SELECT id FROM employment_area ORDER BY id LIMIT 1`)).id;
    for (const actor of [
      { role: Role.ANALYST, userId: 'analyst' },
      { role: Role.UNIT_LEAD, userId: 'lead', unitId },
      { role: Role.COACH, userId: 'coach', staffId: await staffOf('COACH') },
      { role: Role.CAREER_AGENT, userId: 'agent', staffId: await staffOf('CAREER_AGENT') },
      { role: Role.CASE_MANAGER, userId: 'cm', areaId },
    ]) {
      const client = await server.as(actor);
      expect([actor.role, codes(await client.request(CompetenceProfilesDocument, { first: 5 }))]).toEqual([
        actor.role,
        [['FORBIDDEN', 'ROLE_NOT_ALLOWED']],
      ]);
      expect([actor.role, codes(await client.request(CompetenceProfileDocument, { id: anyProfile }))]).toEqual([
        actor.role,
        [['FORBIDDEN', 'ROLE_NOT_ALLOWED']],
      ]);
    }
    const anonymous = await server.as(null);
    expect(codes(await anonymous.request(CompetenceProfilesDocument, { first: 5 }))).toEqual([['UNAUTHENTICATED', undefined]]);

    // An identity that is no user of Polku (no role, so no company) is not let in at all.
    const noCompany = await server.as({ role: Role.PARTNER, userId: 'partner-without-company' }, { noUser: true });
    expect(codes(await noCompany.request(CompetenceProfileIdsDocument, { first: 5 }))).toEqual([['UNAUTHENTICATED', undefined]]);
    expect(codes(await noCompany.request(CompetenceProfileDocument, { id: anyProfile }))).toEqual([['UNAUTHENTICATED', undefined]]);

    // ADMIN sees every person of the organisation with an active consent, once.
    const admin = await allProfiles(server);
    const consenting = await sql(
      `SELECT DISTINCT c.trainee_id FROM profile_consent c JOIN trainee t ON t.id = c.trainee_id WHERE c.withdrawn_at IS NULL AND t.organisation_id = '${server.organisationId}'`,
    );
    expect(admin.length).toBe(consenting.length);
  });
});

describe('statements', () => {
  it('issues the same number of SQL statements for a page of 5, 50 and 100 profiles', async () => {
    // Enough consenting people for a page of 100: the remaining trainees consent to all partners.
    const without = await sql<{ id: string }>(
      `SELECT t.id FROM trainee t WHERE NOT EXISTS (SELECT 1 FROM profile_consent c WHERE c.trainee_id = t.id AND c.withdrawn_at IS NULL AND c.scope = 'ALL_PARTNERS')
          AND t.organisation_id = '${server.organisationId}' ORDER BY t.id`,
    );
    for (const { id } of without)
      await server.ok(GiveProfileConsentDocument, { input: { traineeId: id, scope: 'ALL_PARTNERS', note: 'statement count' } });

    const counts: Record<number, number> = {};
    const pages: Record<number, CompetenceProfilesQuery> = {};
    for (const first of [5, 50, 100]) {
      counts[first] = await server.countStatements(async () => {
        pages[first] = await partner.ok(CompetenceProfilesDocument, { first });
      });
    }
    expect(pages[5].competenceProfiles.edges).toHaveLength(5);
    expect(pages[50].competenceProfiles.edges).toHaveLength(50);
    expect(pages[100].competenceProfiles.edges).toHaveLength(100);
    const nodes = pages[100].competenceProfiles.edges.map((e) => e.node);
    // The count means something only if the relations were really resolved for many rows.
    expect(nodes.filter((p) => p.verifiedCompetences.length > 0).length).toBeGreaterThan(10);
    expect(nodes.filter((p) => p.taskFields.length > 0).length).toBeGreaterThan(10);
    expect(counts[50]).toBe(counts[5]);
    expect(counts[100]).toBe(counts[5]);
    // Page + count + verified competences + task fields + the access log entry (the rate limit is off here).
    expect(counts[5]).toBeLessThanOrEqual(8);
    process.stdout.write(`competence profiles: ${counts[5]} statements for 5, ${counts[50]} for 50, ${counts[100]} for 100 profiles\n`);
  });
});
