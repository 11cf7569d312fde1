import 'reflect-metadata';

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { BENCH_IDENTITY_CODE_HASH_KEY, BENCH_IDENTITY_CODE_KEYS, BENCH_ISSUER, benchDatabaseName, BenchManifest, BenchUser } from '../bench/contract';
import { generateBenchData } from '../bench/generate';
import { parseIdentityCode } from '../src/modules/trainee/identity-code';
import { parseKeyRing, PersonalDataCipher } from '../src/platform/crypto';
import { databaseUrl, testDatabaseEnvironment, withAdminClient } from './support/test-database';

/**
 * The bench data generator at the tiny scale: it makes its own database (polku_bench_tiny) on the
 * test server, and what it leaves there must be data the service could have written: constraints
 * hold (else the load fails), identity codes decrypt with the bench keys, every row stays in its
 * organisation, the manifest's users can act with their scope rows, attendance falls on period days.
 */
const serverUrl = testDatabaseEnvironment().adminUrl;
const database = benchDatabaseName('tiny');
const folder = mkdtempSync(path.join(os.tmpdir(), 'polku-bench-'));
let manifest: BenchManifest;
let client: Client;

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await client.query(sql, params)).rows[0].count);

beforeAll(async () => {
  manifest = await generateBenchData({
    scale: 'tiny',
    serverUrl,
    manifestFile: path.join(folder, 'manifest.json'),
    asOf: new Date('2026-03-04T10:00:00Z'),
  });
  client = new Client({ connectionString: databaseUrl(serverUrl, database) });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  rmSync(folder, { recursive: true, force: true });
});

it('fills every table the benchmark reads, and the manifest counts them', async () => {
  const tables = [
    'organisation',
    'employment_area',
    'employment_area_organisation',
    'case_manager',
    'department',
    'work_unit',
    'partner_company',
    'task',
    'task_qualification_unit',
    'qualification',
    'qualification_unit',
    'competence_requirement',
    'capacity_instrument',
    'capacity_dimension_definition',
    'capacity_item',
    'staff_member',
    'trainee',
    'referral',
    'coaching_period',
    'check_point',
    'placement',
    'capacity_assessment',
    'capacity_score',
    'competence_record',
    'work_order',
    'work_order_assignment',
    'attendance_entry',
    'diary_entry',
    'outcome',
    'final_summary',
    'profile_consent',
    'access_log_entry',
    'app_user',
    'user_role',
    'user_change',
  ];
  for (const table of tables) {
    const rows = await count(`SELECT count(*) FROM "${table}"`);
    expect({ table, rows: rows > 0 }).toEqual({ table, rows: true });
    expect({ table, counted: manifest.counts[table] }).toEqual({ table, counted: rows });
  }
  const written = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as BenchManifest;
  expect(written).toEqual(manifest);
  expect(manifest.scale).toBe('tiny');
});

it('encrypts every identity code as the service does: it decrypts to a valid code whose hash matches', async () => {
  const cipher = new PersonalDataCipher(parseKeyRing(BENCH_IDENTITY_CODE_KEYS, BENCH_IDENTITY_CODE_HASH_KEY));
  const { rows } = await client.query<{
    identity_code_ciphertext: Buffer;
    identity_code_key_id: string;
    identity_code_hash: Buffer;
    birth_date: string;
    identity_code_temporary: boolean;
  }>('SELECT identity_code_ciphertext, identity_code_key_id, identity_code_hash, birth_date::text, identity_code_temporary FROM trainee');
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const code = cipher.decrypt(row.identity_code_ciphertext, row.identity_code_key_id);
    const parsed = parseIdentityCode(code);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) continue;
    expect(parsed.value.birthDate).toBe(row.birth_date);
    expect(parsed.value.temporary).toBe(row.identity_code_temporary);
    expect(cipher.hash(code).equals(row.identity_code_hash)).toBe(true);
  }
});

it("keeps every trainee's rows in their organisation: referral areas, periods' staff, placements' hosts", async () => {
  // The referral's employment area refers clients to the trainee's organisation.
  expect(
    await count(
      `SELECT count(*) FROM referral r JOIN trainee t ON t.id = r.trainee_id
       WHERE NOT EXISTS (SELECT 1 FROM employment_area_organisation l WHERE l.employment_area_id = r.employment_area_id AND l.organisation_id = t.organisation_id)`,
    ),
  ).toBe(0);
  expect(await count('SELECT count(*) FROM trainee t WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = t.id)')).toBe(0);
  expect(
    await count(
      `SELECT count(*) FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id JOIN referral r ON r.id = p.referral_id
       JOIN staff_member c ON c.id = p.coach_id LEFT JOIN staff_member a ON a.id = p.career_agent_id
       WHERE r.trainee_id <> p.trainee_id OR c.organisation_id <> t.organisation_id OR a.organisation_id <> t.organisation_id`,
    ),
  ).toBe(0);
  expect(
    await count(
      `SELECT count(*) FROM placement x JOIN coaching_period p ON p.id = x.period_id JOIN trainee t ON t.id = p.trainee_id
       LEFT JOIN work_unit u ON u.id = x.work_unit_id LEFT JOIN partner_company c ON c.id = x.partner_company_id
       WHERE x.trainee_id <> p.trainee_id OR coalesce(u.organisation_id, c.organisation_id) <> t.organisation_id
          OR x.start_date < p.start_date OR x.end_date > p.end_date`,
    ),
  ).toBe(0);
  expect(
    await count(
      `SELECT count(*) FROM profile_consent k JOIN trainee t ON t.id = k.trainee_id JOIN partner_company c ON c.id = k.partner_company_id
       WHERE c.organisation_id <> t.organisation_id`,
    ),
  ).toBe(0);
  expect(await count(`SELECT count(*) FROM profile_consent WHERE scope = 'ALL_PARTNERS'`)).toBeGreaterThan(0);
  expect(await count(`SELECT count(*) FROM profile_consent WHERE scope = 'ONE_COMPANY'`)).toBeGreaterThan(0);
  // Some people wait in intake with no period; the phases cover the lifecycle.
  expect(await count('SELECT count(*) FROM trainee t WHERE NOT EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id)')).toBeGreaterThan(
    0,
  );
  expect(await count('SELECT count(DISTINCT phase) FROM coaching_period')).toBe(6);
});

it('gives every manifest user an active role in their organisation with its scope row there', async () => {
  const scopeOf: Record<string, { column: string; key: keyof BenchUser; table: string; organisationColumn?: string }> = {
    COACH: { column: 'staff_member_id', key: 'staffMemberId', table: 'staff_member' },
    CAREER_AGENT: { column: 'staff_member_id', key: 'staffMemberId', table: 'staff_member' },
    UNIT_LEAD: { column: 'work_unit_id', key: 'workUnitId', table: 'work_unit' },
    PARTNER: { column: 'partner_company_id', key: 'partnerCompanyId', table: 'partner_company' },
    TRAINEE: { column: 'trainee_id', key: 'traineeId', table: 'trainee' },
    CASE_MANAGER: { column: 'employment_area_id', key: 'employmentAreaId', table: 'employment_area' },
  };
  let checked = 0;
  for (const [role, users] of Object.entries(manifest.users)) {
    expect({ role, some: users.length > 0 }).toEqual({ role, some: true });
    for (const user of users) {
      const { rows } = await client.query(
        `SELECT ur.* FROM app_user u JOIN user_role ur ON ur.user_id = u.id
         WHERE u.issuer = $1 AND u.subject = $2 AND ur.organisation_id = $3 AND ur.role = $4 AND ur.active AND ur.source = 'LINKED'`,
        [BENCH_ISSUER, user.subject, user.organisationId, role],
      );
      expect({ subject: user.subject, roles: rows.length }).toEqual({ subject: user.subject, roles: 1 });
      const scope = scopeOf[role];
      if (!scope) continue;
      const id = user[scope.key];
      expect({ subject: user.subject, scope: rows[0][scope.column] }).toEqual({ subject: user.subject, scope: id });
      const inOrganisation =
        scope.table === 'employment_area'
          ? await count('SELECT count(*) FROM employment_area_organisation WHERE employment_area_id = $1 AND organisation_id = $2', [
              id,
              user.organisationId,
            ])
          : await count(`SELECT count(*) FROM "${scope.table}" WHERE id = $1 AND organisation_id = $2`, [id, user.organisationId]);
      expect({ subject: user.subject, inOrganisation }).toEqual({ subject: user.subject, inOrganisation: 1 });
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
  // Every role has its history row (user_change is append-only: LINKED when the bench was set up).
  expect(await count('SELECT count(*) FROM user_role r WHERE NOT EXISTS (SELECT 1 FROM user_change c WHERE c.user_id = r.user_id)')).toBe(0);
});

it('records attendance only on the working days of a period, by its coach, within its days a week', async () => {
  expect(
    await count(
      `SELECT count(*) FROM attendance_entry a JOIN coaching_period p ON p.id = a.period_id
       WHERE a.trainee_id <> p.trainee_id OR a.date < p.start_date OR a.date > coalesce(p.end_date, $1::date)
          OR extract(isodow FROM a.date) > p.days_per_week`,
      [manifest.generatedAt.slice(0, 10)],
    ),
  ).toBe(0);
  expect(
    await count(
      `SELECT count(*) FROM attendance_entry a JOIN coaching_period p ON p.id = a.period_id JOIN user_role r ON r.staff_member_id = p.coach_id
       WHERE a.recorded_by <> r.user_id::text`,
    ),
  ).toBe(0);
});

it('fills the manifest for the scenarios: attendance targets, qualification unit codes, access-log trainees', async () => {
  expect(manifest.attendanceTargets.length).toBeGreaterThan(0);
  for (const target of manifest.attendanceTargets) {
    const rows = await count(
      `SELECT count(*) FROM coaching_period p JOIN user_role r ON r.staff_member_id = p.coach_id AND r.role = 'COACH' JOIN app_user u ON u.id = r.user_id
       WHERE p.id = $1 AND p.phase = 'COACHING' AND p.end_date IS NULL AND u.subject = $2`,
      [target.periodId, target.coachSubject],
    );
    expect({ target, rows }).toEqual({ target, rows: 1 });
  }
  expect(manifest.qualificationUnitCodes.length).toBeGreaterThan(0);
  expect(
    await count(`SELECT count(*) FROM competence_record WHERE state = 'VERIFIED' AND unit_external_id = $1`, [manifest.qualificationUnitCodes[0]]),
  ).toBeGreaterThan(0);
  expect(manifest.accessLogTrainees.length).toBeGreaterThan(0);
  for (const { traineeId, organisationId } of manifest.accessLogTrainees) {
    expect(await count('SELECT count(*) FROM trainee WHERE id = $1 AND organisation_id = $2', [traineeId, organisationId])).toBe(1);
    expect(await count('SELECT count(*) FROM access_log_entry WHERE trainee_id = $1', [traineeId])).toBeGreaterThan(2);
  }
  // Access-log rows name a Polku user (UserRole.userId), as the service writes them.
  expect(await count('SELECT count(*) FROM access_log_entry l WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.id::text = l.user_id)')).toBe(0);
});
