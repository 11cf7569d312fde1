import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { PrivacyService, TraineeDataExport } from '../src/modules/privacy/privacy.service';
import { pseudonymFor } from '../src/modules/privacy/pseudonym';
import { RetentionService } from '../src/modules/privacy/retention.service';
import { policyProblems, RETENTION_POLICY, Treatment } from '../src/modules/privacy/retention-policy';
import { lastActivitySql, retentionCutoff } from '../src/modules/privacy/retention-rules';
import { describeTables } from '../src/modules/privacy/trainee-data-plan';
import { addMonths } from '../src/modules/shared/calendar';
import { Role } from '../src/platform/auth/actor';
import { PersonalDataCipher } from '../src/platform/crypto';
import { PrivacyAggregateFiguresDocument, PrivacyPeriodFiguresDocument, TraineeByIdentityCodeDocument } from './generated/graphql';
import { insertCoachingPeriod } from './support/fixtures';
import { GraphQLClient, startTestServer, TEST_TODAY, TestServer } from './support/test-server';

/**
 * Retention over the demo data with "today" moved ten years past the middle of the demo's closed
 * matters: about half of the closed trainees fall out of the retention period. Statistics over
 * GraphQL are the same before and after; trainees with an open period, an open referral or a
 * matter closed within the period are untouched; a second run changes nothing.
 */
let server: TestServer;
let privacy: PrivacyService;
let retention: RetentionService;
let today: string;
let cutoff: string;

interface TraineeFacts {
  id: string;
  open_period: boolean;
  open_referral: boolean;
  last_activity: string;
}
let facts: TraineeFacts[];
let eligible: string[];
let untouched: { openPeriod: string; openReferral: string | undefined; closedRecently: string };
/** Trainees who signed in to Polku themselves: one out of the retention period, one still coached. */
let signedIn: { old: GraphQLClient; current: GraphQLClient };

const figuresRange = { from: '2000-01-01', to: '2100-12-31' };
const year = Number(TEST_TODAY.slice(0, 4));

const query = (sql: string, params: unknown[] = []) => server.app.dataSource.query(sql, params);
/** The access log grows with every read (the test's own included), so it is left out of before/after comparisons. */
const withoutAccessLog = (e: TraineeDataExport): TraineeDataExport => ({
  ...e,
  tables: e.tables.filter((t) => t.table !== 'access_log_entry'),
  data: Object.fromEntries(Object.entries(e.data).filter(([table]) => table !== 'access_log_entry')),
});
const withoutGeneratedAt = (e: TraineeDataExport) => ({ ...withoutAccessLog(e), generatedAt: null });

/** Aggregates over everything, and the per-period figures of the periods retention touches. */
async function allFigures() {
  const periods: Array<{ id: string }> = await query('SELECT id FROM coaching_period WHERE trainee_id = ANY($1::uuid[]) ORDER BY id', [eligible]);
  const perPeriod: Record<string, unknown> = {};
  for (const { id } of periods) perPeriod[id] = await server.ok(PrivacyPeriodFiguresDocument, { periodId: id });
  return {
    whole: await server.ok(PrivacyAggregateFiguresDocument, { ...figuresRange, year }),
    lastHalfYear: await server.ok(PrivacyAggregateFiguresDocument, { from: addMonths(TEST_TODAY, -6), to: TEST_TODAY, year }),
    perPeriod,
  };
}

beforeAll(async () => {
  server = await startTestServer({ seedDemoData: true });
  privacy = new PrivacyService(server.app.dataSource, server.config, server.clock);
  retention = new RetentionService(server.app.dataSource, server.config.RETENTION_YEARS, server.clock);
  // The clients of the demo's main organisation, whose ADMIN the test acts as (the neighbours' matters are all open).
  facts = await query(
    `
    SELECT t.id,
      EXISTS (SELECT 1 FROM coaching_period p WHERE p.trainee_id = t.id AND (p.end_date IS NULL OR p.phase NOT IN ('ENDED', 'FOLLOW_UP'))) AS open_period,
      EXISTS (SELECT 1 FROM referral r WHERE r.trainee_id = t.id AND r.state IN ('RECEIVED', 'ACCEPTED')) AS open_referral,
      ${lastActivitySql('t')}::text AS last_activity
    FROM trainee t WHERE t.organisation_id = $1 ORDER BY t.id`,
    [server.organisationId],
  );
  const closed = facts.filter((f) => !f.open_period && !f.open_referral).sort((a, b) => a.last_activity.localeCompare(b.last_activity));
  // The cut-off at the middle closed matter: those before it are out of the retention period.
  cutoff = closed[Math.floor(closed.length / 2)].last_activity;
  today = addMonths(cutoff, 12 * server.config.RETENTION_YEARS);
  eligible = closed.filter((f) => f.last_activity < cutoff).map((f) => f.id);
  untouched = {
    openPeriod: facts.find((f) => f.open_period)!.id,
    openReferral: facts.find((f) => !f.open_period && f.open_referral)?.id,
    closedRecently: closed.at(-1)!.id,
  };
  signedIn = {
    old: await server.as({ role: Role.TRAINEE, userId: 'retention-trainee-old', traineeId: eligible[0] }),
    current: await server.as({ role: Role.TRAINEE, userId: 'retention-trainee-current', traineeId: untouched.openPeriod }),
  };
});

afterAll(async () => {
  await server?.stop();
});

describe('retention', () => {
  it('the demo gives both sides of the cut-off', () => {
    expect(retentionCutoff(today, server.config.RETENTION_YEARS)).toBe(cutoff);
    expect(server.config.RETENTION_YEARS).toBe(10);
    expect(eligible.length).toBeGreaterThanOrEqual(10);
    expect(facts.filter((f) => f.open_period).length).toBeGreaterThanOrEqual(10);
    expect(untouched.closedRecently).toBeDefined();
  });

  it('the retention policy classifies every table about a trainee and every text column in them', () => {
    expect(policyProblems(privacy.exportPlan())).toEqual([]);
  });

  it('a dry run counts and changes nothing', async () => {
    const report = await retention.run({ dryRun: true, today });
    expect(report).toMatchObject({ dryRun: true, cutoff, trainees: eligible.length, batches: 0 });
    const [{ n }] = await query('SELECT count(*)::int AS n FROM trainee WHERE pseudonymised_at IS NOT NULL');
    expect(n).toBe(0);
  });

  it('pseudonymises exactly the trainees whose matter closed before the cut-off, keeping every statistic and every other trainee as it was', async () => {
    const cipher = new PersonalDataCipher(server.config.keyRing);
    const codes = new Map<string, string>();
    for (const row of await query('SELECT id, identity_code_ciphertext, identity_code_key_id FROM trainee')) {
      codes.set(row.id, cipher.decrypt(row.identity_code_ciphertext, row.identity_code_key_id));
    }
    const figuresBefore = await allFigures();
    const exportsBefore = new Map<string, TraineeDataExport>();
    for (const { id } of facts) exportsBefore.set(id, await privacy.exportTraineeData(id));
    const feedbackBefore: Array<{ id: string; unit_feedback: string | null; all_eligible: boolean }> = await query(
      `SELECT w.id, w.unit_feedback,
         EXISTS (SELECT 1 FROM work_order_assignment a WHERE a.work_order_id = w.id)
         AND NOT EXISTS (SELECT 1 FROM work_order_assignment a WHERE a.work_order_id = w.id AND NOT (a.trainee_id = ANY($1::uuid[]))) AS all_eligible
       FROM work_order w ORDER BY w.id`,
      [eligible],
    );

    const started = performance.now();
    const report = await retention.run({ today, batchSize: 4 });
    if (process.env.POLKU_PRINT_MEASUREMENTS) {
      process.stdout.write(
        `retention: ${report.trainees} trainees in ${report.batches} batches, ${Math.round(performance.now() - started)} ms; rows ${JSON.stringify(report.rowsByTable)}\n`,
      );
    }
    expect(report).toMatchObject({
      dryRun: false,
      cutoff,
      trainees: eligible.length,
      batches: Math.ceil(eligible.length / 4),
      remaining: 0,
      aborted: false,
    });

    // Statistics and indicator figures over GraphQL: identical.
    expect(await allFigures()).toEqual(figuresBefore);

    const pseudonymised: Array<{ id: string }> = await query('SELECT id FROM trainee WHERE pseudonymised_at IS NOT NULL ORDER BY id');
    expect(pseudonymised.map((r) => r.id)).toEqual([...eligible].sort());

    // Untouched: every row of everyone else, byte for byte (the export reads them all).
    for (const { id } of facts.filter((f) => !eligible.includes(f.id))) {
      expect(withoutGeneratedAt(await privacy.exportTraineeData(id))).toEqual(withoutGeneratedAt(exportsBefore.get(id)!));
    }
    for (const id of [untouched.openPeriod, untouched.closedRecently, untouched.openReferral].filter(Boolean) as string[]) {
      expect((await server.ok(TraineeByIdentityCodeDocument, { identityCode: codes.get(id)! })).traineeByIdentityCode?.id).toBe(id);
    }

    // Pseudonymised: each column as the policy says, everything else as it was.
    const columnsOf = new Map(describeTables(server.app.dataSource).map((t) => [t.tableName, t.columns]));
    for (const id of eligible) {
      const before = withoutAccessLog(exportsBefore.get(id)!);
      const after = withoutAccessLog(await privacy.exportTraineeData(id));
      expect(after.tables).toEqual(before.tables);
      for (const [table, rows] of Object.entries(after.data)) {
        const policy = RETENTION_POLICY[table] ?? {};
        const properties = new Map(columnsOf.get(table)!.map((c) => [c.property, c.name]));
        rows.forEach((row, index) => {
          const old = before.data[table][index];
          for (const [property, value] of Object.entries(row)) {
            const column = properties.get(property) ?? property;
            const where = `${table}.${column}`;
            if (['updated_at', 'pseudonymised_at'].includes(column)) continue;
            if (column === 'identityCode') {
              expect({ where, value }).toEqual({ where, value: null });
              continue;
            }
            const expected = (() => {
              switch (policy[column] ?? Treatment.KEEP) {
                case Treatment.KEEP:
                  return old[property];
                case Treatment.NULL:
                  return null;
                case Treatment.EMPTY_TEXT:
                  return '';
                case Treatment.EMPTY_ARRAY:
                  return [];
                case Treatment.PSEUDONYM_FIRST:
                  return 'Pseudonym';
                case Treatment.PSEUDONYM_LAST:
                  return pseudonymFor(id).lastName;
                case Treatment.YEAR_ONLY:
                  return `${String(old[property]).slice(0, 4)}-01-01`;
                case Treatment.LOCAL_ID:
                  return `pseudonymised:${row.id}`;
              }
            })();
            expect({ where, value }).toEqual({ where, value: expected });
          }
        });
      }
      const [trainee] = await query(
        'SELECT identity_code_ciphertext, identity_code_key_id, identity_code_hash, email, phone, pseudonymised_at FROM trainee WHERE id = $1',
        [id],
      );
      expect(trainee).toMatchObject({
        identity_code_ciphertext: null,
        identity_code_key_id: null,
        identity_code_hash: null,
        email: null,
        phone: null,
      });
      expect(trainee.pseudonymised_at).toBeInstanceOf(Date);
      expect((await server.ok(TraineeByIdentityCodeDocument, { identityCode: codes.get(id)! })).traineeByIdentityCode).toBeNull();
    }

    // The unit's feedback on a work order goes only when everyone on the order is pseudonymised.
    const feedbackAfter: Array<{ id: string; unit_feedback: string | null }> = await query('SELECT id, unit_feedback FROM work_order ORDER BY id');
    expect(feedbackBefore.some((w) => w.unit_feedback && w.all_eligible) || feedbackBefore.every((w) => !w.all_eligible)).toBe(true);
    feedbackAfter.forEach((w, i) => {
      const before = feedbackBefore[i];
      expect({ id: w.id, feedback: w.unit_feedback }).toEqual({ id: before.id, feedback: before.all_eligible ? null : before.unit_feedback });
    });
  });

  it('forgets the identity a pseudonymised trainee signed in with: the token is refused, the role and its history stay', async () => {
    const me = async (client: GraphQLClient) => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
        body: JSON.stringify({ query: '{ me { role } }' }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      return body.errors?.[0]?.extensions?.code ?? JSON.stringify(body.data);
    };
    const [old] = await query('SELECT u.id, u.subject, r.role, r.trainee_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.id = $1', [
      signedIn.old.userId,
    ]);
    expect(old).toEqual({ id: signedIn.old.userId, subject: `pseudonymised:${signedIn.old.userId}`, role: 'TRAINEE', trainee_id: eligible[0] });
    expect(await me(signedIn.old)).toBe('UNAUTHENTICATED');
    const [current] = await query('SELECT subject FROM app_user WHERE id = $1', [signedIn.current.userId]);
    expect(current.subject).toBe('retention-trainee-current');
    expect(await me(signedIn.current)).toBe(JSON.stringify({ me: { role: 'TRAINEE' } }));
  });

  it('is idempotent: a second run finds no one and changes no row', async () => {
    // A digest of every row of every table about trainees.
    const snapshot = async () => {
      const digests: Record<string, string> = {};
      for (const { table } of privacy.exportPlan()) {
        const [{ digest }] = await query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS digest FROM "${table.tableName}" x`);
        digests[table.tableName] = digest;
      }
      return digests;
    };
    const before = await snapshot();
    expect(Object.keys(before)).toContain('capacity_score');
    const report = await retention.run({ today });
    expect(report).toMatchObject({ trainees: 0, batches: 0, remaining: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('with the real date, nothing in the demo is old enough', async () => {
    const report = await retention.run({ dryRun: true });
    expect(report.trainees).toBe(0);
  });

  it('clears a work order’s feedback only once no one on it is identifiable; two runs at once share the work', async () => {
    const oldEnd = addMonths(cutoff, -12);
    const oldTrainees = [];
    for (let i = 0; i < 9; i++) {
      const period = await insertCoachingPeriod(server, { phase: PeriodPhase.ENDED, startDate: addMonths(oldEnd, -6), endDate: oldEnd });
      oldTrainees.push(period.traineeId);
    }
    const current = await insertCoachingPeriod(server, { phase: PeriodPhase.COACHING, startDate: TEST_TODAY });
    const [{ work_unit_id, task_id }] = await query('SELECT work_unit_id, task_id FROM work_order LIMIT 1');
    const order = async (traineeIds: string[]) => {
      const [{ id }] = await query(
        `INSERT INTO work_order (work_unit_id, task_id, place, start_date, end_date, workers_needed, state, unit_feedback, unit_rating, confirmed_hours)
         VALUES ($1, $2, 'Varasto', $3, $3, 2, 'COMPLETED', 'Matti teki hyvää työtä', 5, 12.5) RETURNING id`,
        [work_unit_id, task_id, oldEnd],
      );
      for (const traineeId of traineeIds) {
        await query('INSERT INTO work_order_assignment (work_order_id, trainee_id, start_date, end_date) VALUES ($1, $2, $3, $3)', [
          id,
          traineeId,
          oldEnd,
        ]);
      }
      return id as string;
    };
    const onlyOld = await order([oldTrainees[0], oldTrainees[1]]);
    const mixed = await order([oldTrainees[2], current.traineeId]);

    const [a, b] = await Promise.all([retention.run({ today, batchSize: 2 }), retention.run({ today, batchSize: 2 })]);
    expect(a.trainees + b.trainees).toBe(9);
    const [{ n }] = await query('SELECT count(*)::int AS n FROM trainee WHERE id = ANY($1::uuid[]) AND pseudonymised_at IS NOT NULL', [oldTrainees]);
    expect(n).toBe(9);

    const orders: Array<{ id: string; unit_feedback: string | null; unit_rating: number; confirmed_hours: number }> = await query(
      'SELECT id, unit_feedback, unit_rating, confirmed_hours FROM work_order WHERE id = ANY($1::uuid[])',
      [[onlyOld, mixed]],
    );
    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(byId.get(onlyOld)).toMatchObject({ unit_feedback: null, unit_rating: 5, confirmed_hours: 12.5 });
    expect(byId.get(mixed)).toMatchObject({ unit_feedback: 'Matti teki hyvää työtä', unit_rating: 5 });
    const [open] = await query('SELECT pseudonymised_at, first_name FROM trainee WHERE id = $1', [current.traineeId]);
    expect(open).toEqual({ pseudonymised_at: null, first_name: 'Testi' });
  });
});
