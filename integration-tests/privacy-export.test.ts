import { randomUUID } from 'node:crypto';

import { PrivacyService, TraineeDataExport } from '../src/modules/privacy/privacy.service';
import { describeTables, POLYMORPHIC_REFERENCES } from '../src/modules/privacy/trainee-data-plan';
import { assertIdentityCode } from '../src/modules/trainee/identity-code';
import { Role } from '../src/platform/auth/actor';
import { PersonalDataCipher } from '../src/platform/crypto';
import { TraineeDataExportDocument } from './generated/graphql';
import { startTestServer, TestServer } from './support/test-server';

/**
 * Right of access over HTTP with the demo data: the export holds every row about the trainee, from
 * every table the model links to a trainee, and nothing that is not about them.
 */
let server: TestServer;
let privacy: PrivacyService;
const exported = new Map<string, TraineeDataExport>();

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true });
  privacy = new PrivacyService(server.app.dataSource, server.config, server.clock);
  const trainees: Array<{ id: string }> = await server.app.dataSource.query('SELECT id FROM trainee ORDER BY id');
  for (const { id } of trainees) exported.set(id, await privacy.exportTraineeData(id));
});

afterAll(async () => {
  await server?.stop();
});

/** What a whole coaching lifecycle leaves behind. */
const LIFECYCLE_TABLES = [
  'trainee',
  'referral',
  'coaching_period',
  'attendance_entry',
  'diary_entry',
  'placement',
  'capacity_assessment',
  'capacity_score',
  'competence_record',
  'work_order_assignment',
  'state_change',
];

/** The demo trainee whose export touches the most lifecycle tables, then the most tables, then the most rows. */
function richestTrainee(): TraineeDataExport {
  const score = (e: TraineeDataExport) =>
    e.tables.filter((t) => t.rows > 0 && LIFECYCLE_TABLES.includes(t.table)).length * 1e9 +
    e.tables.filter((t) => t.rows > 0).length * 1e6 +
    e.tables.reduce((s, t) => s + t.rows, 0);
  return [...exported.values()].sort((a, b) => score(b) - score(a))[0];
}

const rowsOf = async (sql: string, params: unknown[] = []) => server.app.dataSource.query(sql, params);

describe('traineeDataExport', () => {
  it('gives an ADMIN every row about the trainee, with the identity code decrypted and generatedAt', async () => {
    const expected = richestTrainee();
    const before = server.clock.now().getTime();
    const { traineeDataExport: result } = await server.ok(TraineeDataExportDocument, { traineeId: expected.traineeId });
    expect(result).not.toBeNull();
    expect(result!.traineeId).toBe(expected.traineeId);
    expect(Date.parse(result!.generatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(result!.tables).toEqual(expected.tables);
    expect(result!.data).toEqual(JSON.parse(JSON.stringify(expected.data)));

    // The richest demo trainee has rows in the whole lifecycle.
    const nonEmpty = result!.tables.filter((t) => t.rows > 0).map((t) => t.table);
    expect(nonEmpty).toEqual(expect.arrayContaining(LIFECYCLE_TABLES));

    const data = result!.data as Record<string, Array<Record<string, unknown>>>;
    const [trainee] = data.trainee;
    const [stored] = await rowsOf('SELECT identity_code_ciphertext, identity_code_key_id, first_name FROM trainee WHERE id = $1', [
      expected.traineeId,
    ]);
    const code = new PersonalDataCipher(server.config.keyRing).decrypt(stored.identity_code_ciphertext, stored.identity_code_key_id);
    expect(trainee.identityCode).toBe(code);
    expect(() => assertIdentityCode(trainee.identityCode as string)).not.toThrow();
    expect(trainee).toMatchObject({ id: expected.traineeId, firstName: stored.first_name });
    // Field names, not column names; the ciphertext, key id and hash never leave the database.
    expect(Object.keys(trainee)).toEqual(expect.arrayContaining(['firstName', 'lastName', 'birthDate', 'createdAt', 'pseudonymisedAt']));
    for (const secret of ['identityCodeCiphertext', 'identityCodeHash', 'identityCodeKeyId', 'identity_code_ciphertext']) {
      expect(trainee).not.toHaveProperty(secret);
    }
    const periods = data.coaching_period;
    expect(periods.every((p) => p.traineeId === expected.traineeId)).toBe(true);
    if (process.env.POLKU_PRINT_MEASUREMENTS) {
      process.stdout.write(
        `export of ${expected.traineeId}: ${JSON.stringify(result).length} bytes of JSON, ${result!.tables.reduce((s, t) => s + t.rows, 0)} rows\n`,
      );
    }
  });

  it('covers every table with a foreign key (or a trainee_id / period_id column) to a trainee or a coaching period', async () => {
    const exportedTables = new Set(richestTrainee().tables.map((t) => t.table));
    const tables = describeTables(server.app.dataSource);
    const mustBeExported = tables.filter(
      (t) =>
        t.foreignKeys.some((fk) => fk.referencedTable === 'trainee' || fk.referencedTable === 'coaching_period') ||
        t.columns.some((c) => /(^|_)(trainee|period)_id$/.test(c.name)),
    );
    expect(mustBeExported.length).toBeGreaterThanOrEqual(12);
    const missing = mustBeExported.map((t) => t.tableName).filter((name) => !exportedTables.has(name));
    expect(missing).toEqual([]);
    for (const reference of POLYMORPHIC_REFERENCES) expect(exportedTables).toContain(reference.table);
  });

  it('over all demo trainees, exports each row of every trainee table exactly once and nothing of other trainees', async () => {
    const all = [...exported.values()];
    const tableNames = all[0].tables.map((t) => t.table);
    for (const table of tableNames) {
      const ids = all.flatMap((e) => (e.data[table] as Array<{ id: string }>).map((row) => row.id));
      expect(new Set(ids).size).toBe(ids.length);
      const expected =
        table === 'state_change'
          ? // The history of work orders is about the order, not about a trainee.
            (await rowsOf(`SELECT count(*)::int AS n FROM state_change WHERE subject_type <> 'WorkOrder'`))[0].n
          : table === 'user_role'
            ? // Only a trainee's own user role is about a trainee; staff users are not.
              (await rowsOf(`SELECT count(*)::int AS n FROM user_role WHERE trainee_id IS NOT NULL`))[0].n
            : (await rowsOf(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
      expect({ table, rows: ids.length }).toEqual({ table, rows: expected });
    }
    // Every row with a trainee id belongs to the trainee it is exported for.
    for (const e of all) {
      for (const [table, rows] of Object.entries(e.data)) {
        for (const row of rows as Array<Record<string, unknown>>) {
          if ('traineeId' in row) expect({ table, traineeId: row.traineeId }).toEqual({ table, traineeId: e.traineeId });
        }
      }
    }
  });

  it.each([Role.COACH, Role.CAREER_AGENT, Role.CASE_MANAGER, Role.UNIT_LEAD, Role.PARTNER, Role.ANALYST])(
    'refuses %s with FORBIDDEN',
    async (role) => {
      const client = await server.as({ role, userId: `privacy-${role}` });
      const response = await client.request(TraineeDataExportDocument, { traineeId: richestTrainee().traineeId });
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(response.data?.traineeDataExport ?? null).toBeNull();
    },
  );

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const anonymous = await server.as(null);
    const response = await anonymous.request(TraineeDataExportDocument, { traineeId: richestTrainee().traineeId });
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for an unknown trainee id and BAD_USER_INPUT (INVALID_ID) for a malformed one', async () => {
    const unknown = await server.request(TraineeDataExportDocument, { traineeId: randomUUID() });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(unknown.data?.traineeDataExport).toBeNull();
    const malformed = await server.request(TraineeDataExportDocument, { traineeId: 'not-a-uuid' });
    expect(malformed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_ID',
      fields: [expect.objectContaining({ path: 'traineeId' })],
    });
    expect(malformed.data?.traineeDataExport).toBeNull();
  });
});
