import type { Client } from 'pg';

import { BENCH_ISSUER, type BenchManifest, type BenchScale, type BenchUser } from './contract';

/**
 * DEVELOPMENT AND TESTS ONLY, not the data generator (bench/generate.ts is). Makes a manifest for
 * a database that already holds some data (the demo seed, or a test's rows): links bench
 * identities at BENCH_ISSUER to the rows that are there (every organisation's ADMINs, every coach
 * with periods, every partner company) and reads the manifest's lists from SQL. Idempotent.
 */
export async function manifestFromDatabase(
  client: Client,
  scale: BenchScale,
  options: { adminsPerOrganisation?: number; today?: string } = {},
): Promise<BenchManifest> {
  const link = async (subject: string, organisationId: string, role: string, column?: string, rowId?: string) => {
    const [{ id }] = (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (issuer, subject) VALUES ($1, $2) ON CONFLICT (issuer, subject) DO UPDATE SET issuer = EXCLUDED.issuer RETURNING id`,
        [BENCH_ISSUER, subject],
      )
    ).rows;
    await client.query(
      `INSERT INTO user_role (user_id, organisation_id, role, display_name${column ? `, ${column}` : ''}, source)
       SELECT $1, $2, $3, $4${column ? ', $5' : ''}, 'LINKED' WHERE NOT EXISTS (SELECT 1 FROM user_role WHERE user_id = $1 AND organisation_id = $2)`,
      [id, organisationId, role, subject, ...(column ? [rowId] : [])],
    );
  };
  const users: BenchManifest['users'] = {
    ADMIN: [],
    COACH: [],
    CAREER_AGENT: [],
    CASE_MANAGER: [],
    UNIT_LEAD: [],
    PARTNER: [],
    ANALYST: [],
    TRAINEE: [],
  };
  const organisations = (await client.query<{ id: string }>(`SELECT id FROM organisation ORDER BY created_at, id`)).rows;
  for (const [o, { id }] of organisations.entries()) {
    for (let n = 1; n <= (options.adminsPerOrganisation ?? 3); n++) {
      const user: BenchUser = { subject: `bench-admin-${o + 1}-${n}`, organisationId: id };
      await link(user.subject, id, 'ADMIN');
      users.ADMIN.push(user);
    }
  }
  const coaches = (
    await client.query<{ id: string; organisation_id: string }>(
      `SELECT s.id, s.organisation_id FROM staff_member s WHERE s.role = 'COACH' AND s.active AND EXISTS (SELECT 1 FROM coaching_period p WHERE p.coach_id = s.id) ORDER BY s.id`,
    )
  ).rows;
  for (const coach of coaches) {
    const user: BenchUser = { subject: `bench-coach-${coach.id}`, organisationId: coach.organisation_id, staffMemberId: coach.id };
    await link(user.subject, coach.organisation_id, 'COACH', 'staff_member_id', coach.id);
    users.COACH.push(user);
  }
  const companies = (await client.query<{ id: string; organisation_id: string }>(`SELECT id, organisation_id FROM partner_company ORDER BY id`)).rows;
  for (const company of companies) {
    const user: BenchUser = { subject: `bench-partner-${company.id}`, organisationId: company.organisation_id, partnerCompanyId: company.id };
    await link(user.subject, company.organisation_id, 'PARTNER', 'partner_company_id', company.id);
    users.PARTNER.push(user);
  }
  const today = options.today ?? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const attendanceTargets = (
    await client.query<{ periodId: string; coach_id: string }>(
      `SELECT p.id AS "periodId", p.coach_id FROM coaching_period p
        WHERE p.coach_id IN (SELECT id FROM staff_member WHERE role = 'COACH' AND active) AND p.phase NOT IN ('ENDED', 'FOLLOW_UP') AND p.start_date <= $1::date ORDER BY p.id`,
      [today],
    )
  ).rows.map((row) => ({ periodId: row.periodId, coachSubject: `bench-coach-${row.coach_id}` }));
  const qualificationUnitCodes = (
    await client.query<{ code: string }>(
      `SELECT unit_external_id AS code FROM competence_record WHERE state = 'VERIFIED' AND unit_external_id IS NOT NULL
        GROUP BY unit_external_id ORDER BY count(*) DESC, unit_external_id LIMIT 10`,
    )
  ).rows.map((row) => row.code);
  const accessLogTrainees = (
    await client.query<{ traineeId: string; organisationId: string }>(
      `SELECT t.id AS "traineeId", t.organisation_id AS "organisationId" FROM trainee t
         LEFT JOIN access_log_entry e ON e.trainee_id = t.id GROUP BY t.id ORDER BY count(e.id) DESC, t.id LIMIT 20`,
    )
  ).rows;
  const counts: Record<string, number> = {};
  for (const table of [
    'organisation',
    'trainee',
    'coaching_period',
    'staff_member',
    'competence_record',
    'profile_consent',
    'access_log_entry',
    'attendance_entry',
  ]) {
    counts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return { scale, generatedAt: new Date().toISOString(), counts, users, qualificationUnitCodes, attendanceTargets, accessLogTrainees };
}
