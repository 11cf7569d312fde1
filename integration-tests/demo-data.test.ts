import 'reflect-metadata';

import type { DataSource } from 'typeorm';

import { modelEntities } from '../src/app/entities';
import { finnishTime } from '../src/demo/dates';
import { NEIGHBOUR_TRAINEE_COUNT } from '../src/demo/neighbours';
import { DEMO_TRAINEE_COUNT, isDatabaseEmpty, seedDemoData } from '../src/demo/seed';
import { SUBSIDISED_EMPLOYEE_COUNT, SUBSIDY_APPLICANT_COUNT } from '../src/demo/wage-subsidy';
import {
  AttendanceStatus,
  DEFAULT_EXPENSE_ALLOWANCE_BASES,
  DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY,
} from '../src/modules/attendance/expense-allowance';
import { AttendanceReportService } from '../src/modules/attendance/monthly-report.service';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../src/modules/coaching-period/period-phase';
import { CompetenceState } from '../src/modules/competence/competence-state';
import { FinalSummaryState } from '../src/modules/final-summary/final-summary-state';
import { Outbox } from '../src/modules/integration/outbox';
import { isValidBusinessId } from '../src/modules/organisation/business-id';
import { NATIONAL_SUBSIDY_TYPES } from '../src/modules/organisation/subsidy-types';
import { OutcomeCheckpoint } from '../src/modules/outcome/outcome';
import { PlacementKind } from '../src/modules/placement/placement-rules';
import { ReferralState } from '../src/modules/referral/referral-state';
import { todayInFinland } from '../src/modules/shared/calendar';
import { WorkField } from '../src/modules/task-catalogue/task.entity';
import { parseIdentityCode } from '../src/modules/trainee/identity-code';
import { DecisionOutcome, SubsidyApplicationState } from '../src/modules/wage-subsidy/subsidy-rules';
import { WorkOrderState } from '../src/modules/work-order/work-order-state';
import { fixedClock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config';
import { PersonalDataCipher } from '../src/platform/crypto';
import { createDataSource } from '../src/platform/database/data-source';
import { createLogger } from '../src/platform/logger';
import { createTestDatabase, TestDatabase } from './support/test-database';

const cipher = new PersonalDataCipher(loadConfig({ NODE_ENV: 'test' }).keyRing);
const databases: TestDatabase[] = [];
const dataSources: DataSource[] = [];

async function freshDataSource(): Promise<DataSource> {
  const database = await createTestDatabase();
  databases.push(database);
  const dataSource = createDataSource({ entities: modelEntities, url: database.url, logger: createLogger('silent'), poolSize: 2 });
  await dataSource.initialize();
  dataSources.push(dataSource);
  return dataSource;
}

let db: DataSource;
let counts: Record<string, number>;
let seedMillis: number;
/** The demo is seeded as of this instant: 14:10 in Finland, before some of the day's planned events. */
const asOf = new Date('2026-12-01T12:10:00Z');
const today = todayInFinland(asOf);
/** Every client of the demo's three organisations: the coaching environment's, the wage-subsidy cohort's and the neighbours'. */
const DEMO_TRAINEES = DEMO_TRAINEE_COUNT + SUBSIDISED_EMPLOYEE_COUNT + SUBSIDY_APPLICANT_COUNT + NEIGHBOUR_TRAINEE_COUNT;

beforeAll(async () => {
  db = await freshDataSource();
  expect(await isDatabaseEmpty(db)).toBe(true);
  const started = process.hrtime.bigint();
  counts = await seedDemoData(db, cipher, asOf);
  seedMillis = Number((process.hrtime.bigint() - started) / 1_000_000n);
});

afterAll(async () => {
  for (const dataSource of dataSources) await dataSource.destroy();
  for (const database of databases) await database.drop();
});

const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.query(sql, params);
const distinct = async (table: string, column: string) =>
  (await rows<{ value: string }>(`SELECT DISTINCT ${column}::text AS value FROM ${table}`)).map((r) => r.value).sort();

it('fills every table of the model, the join table included, quickly', async () => {
  const tables = await rows<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'",
  );
  // Platform tables (rate limits) and the access log hold runtime state, not demo data: the access
  // log fills with the newcomer's own first queries.
  const runtimeTables = ['access_log_entry'];
  const modelTables = new Set(
    db.entityMetadatas
      .filter((m) => m.isJunction || modelEntities.includes(m.target as Function))
      .map((m) => m.tableName)
      .filter((t) => !runtimeTables.includes(t)),
  );
  expect(modelTables.size).toBe(modelEntities.length + 1 - runtimeTables.length);
  expect(
    Object.keys(counts)
      .filter((t) => !runtimeTables.includes(t))
      .sort(),
  ).toEqual([...modelTables].sort());
  tables.splice(0, tables.length, ...tables.filter((t) => modelTables.has(t.table_name)));
  expect(tables.length).toBe(modelTables.size);
  for (const { table_name } of tables) {
    const [{ count }] = await rows<{ count: number }>(`SELECT count(*)::int AS count FROM "${table_name}"`);
    expect({ table: table_name, filled: count > 0 }).toEqual({ table: table_name, filled: true });
    expect(counts[table_name]).toBe(count);
  }
  expect(counts.trainee).toBe(DEMO_TRAINEES);

  console.log(`demo seed: ${seedMillis} ms`, counts);
});

it('covers every state of every state machine, and every service form and basis', async () => {
  expect(await distinct('coaching_period', 'phase')).toEqual(Object.values(PeriodPhase).sort());
  expect(await distinct('referral', 'state')).toEqual(Object.values(ReferralState).sort());
  expect(await distinct('work_order', 'state')).toEqual(Object.values(WorkOrderState).sort());
  expect(await distinct('competence_record', 'state')).toEqual(Object.values(CompetenceState).sort());
  expect(await distinct('final_summary', 'state')).toEqual(Object.values(FinalSummaryState).sort());
  expect(await distinct('coaching_period', 'service_form')).toEqual(Object.values(ServiceForm).sort());
  expect(await distinct('coaching_period', 'participation_basis')).toEqual(Object.values(ParticipationBasis).sort());
  expect(await distinct('placement', 'kind')).toEqual(Object.values(PlacementKind).sort());
  expect(await distinct('outcome', 'checkpoint')).toEqual(Object.values(OutcomeCheckpoint).sort());
  expect(await distinct('task', 'field')).toEqual(Object.values(WorkField).sort());
  expect(await distinct('task', 'difficulty_level')).toEqual(['1', '2', '3']);
  // The staff's meter has the five dimensions; the Kykyviisari-like meter is the one self-assessment form.
  const dimensionsOf = async (selfAssessmentForm: boolean) =>
    (
      await rows<{ code: string }>(
        `SELECT DISTINCT d.code FROM capacity_dimension_definition d JOIN capacity_instrument i ON i.id = d.instrument_id WHERE i.self_assessment_form = $1`,
        [selfAssessmentForm],
      )
    )
      .map((r) => r.code)
      .sort();
  expect(await dimensionsOf(false)).toEqual(['COGNITIVE', 'PHYSICAL', 'PSYCHOLOGICAL', 'SOCIAL', 'WORK_SKILLS']);
  expect(await dimensionsOf(true)).toEqual(['HEALTH', 'WORK']);
  expect(await rows('SELECT code FROM capacity_instrument WHERE self_assessment_form')).toEqual([{ code: 'KYKYVIISARI' }]);
  expect(await distinct('attendance_entry', 'status')).toEqual(Object.values(AttendanceStatus).sort());
});

it('gives every rejected referral a reason and keeps one open referral per person and service', async () => {
  expect(await rows("SELECT id FROM referral WHERE state = 'REJECTED' AND coalesce(trim(rejection_reason), '') = ''")).toEqual([]);
  expect(
    await rows("SELECT trainee_id FROM referral WHERE state IN ('RECEIVED','ACCEPTED') GROUP BY trainee_id, service_form HAVING count(*) > 1"),
  ).toEqual([]);
  // Every period of a still-open referral is active, every closed one's has ended.
  expect(
    await rows(`SELECT p.id FROM coaching_period p JOIN referral r ON r.id = p.referral_id
                WHERE (r.state = 'ACCEPTED') <> (p.phase NOT IN ('ENDED','FOLLOW_UP'))`),
  ).toEqual([]);
});

it('respects the legal limits and the caseload maximums', async () => {
  expect(
    await rows(
      `SELECT id FROM coaching_period WHERE
      (participation_basis = 'REHABILITATIVE_WORK' AND (days_per_week NOT BETWEEN 1 AND 4 OR hours_per_day NOT BETWEEN 4 AND 8))
      OR (participation_basis = 'WORK_TRIAL' AND (days_per_week > 5 OR hours_per_day NOT BETWEEN 4 AND 8
          OR planned_end_date > (start_date + interval '6 months')::date OR end_date > (start_date + interval '6 months')::date))
      OR (participation_basis IN ('REHABILITATIVE_WORK','WORK_TRIAL') AND planned_end_date IS NULL)
      OR (participation_basis = 'REHABILITATIVE_WORK' AND (planned_end_date < (start_date + interval '3 months')::date - 1
          OR planned_end_date > (start_date + interval '24 months')::date - 1 OR end_date > (start_date + interval '24 months')::date - 1))
      OR hours_per_day > 8
      OR (phase IN ('ENDED','FOLLOW_UP')) <> (end_date IS NOT NULL)
      OR end_date > $1::date`,
      [today],
    ),
  ).toEqual([]);
  // One person's WORK_TRIAL periods share the coaching environment's 6 months (184 days at most).
  expect(
    await rows(`SELECT trainee_id FROM coaching_period WHERE participation_basis = 'WORK_TRIAL'
                GROUP BY trainee_id HAVING sum(coalesce(end_date, planned_end_date) - start_date + 1) > 184`),
  ).toEqual([]);
  // Present days per ISO week within the legal weekly maximum of the basis (rehabilitative work 4, work trial 5).
  expect(
    await rows(`SELECT a.period_id FROM attendance_entry a JOIN coaching_period p ON p.id = a.period_id
                WHERE a.status = 'PRESENT' AND p.participation_basis IN ('REHABILITATIVE_WORK','WORK_TRIAL')
                GROUP BY a.period_id, p.participation_basis, date_trunc('week', a.date)
                HAVING count(*) > CASE p.participation_basis WHEN 'REHABILITATIVE_WORK' THEN 4 ELSE 5 END`),
  ).toEqual([]);
  const overloaded = await rows(`
    SELECT s.name, count(*) AS active, s.caseload_max FROM staff_member s
    JOIN coaching_period p ON p.coach_id = s.id OR p.career_agent_id = s.id
    WHERE p.phase NOT IN ('ENDED','FOLLOW_UP')
    GROUP BY s.id, s.name, s.caseload_max HAVING count(*) > s.caseload_max`);
  expect(overloaded).toEqual([]);
  // Inactive staff hold no active periods.
  expect(
    await rows(
      "SELECT p.id FROM coaching_period p JOIN staff_member s ON s.id = p.coach_id WHERE NOT s.active AND p.phase NOT IN ('ENDED','FOLLOW_UP')",
    ),
  ).toEqual([]);
});

it('never overlaps two placements of one trainee, keeps them in their period, and work trials within six months', async () => {
  expect(
    await rows(`SELECT a.id FROM placement a JOIN placement b ON a.trainee_id = b.trainee_id AND a.id < b.id
                WHERE daterange(a.start_date, a.end_date, '[]') && daterange(b.start_date, b.end_date, '[]')`),
  ).toEqual([]);
  expect(
    await rows(`SELECT pl.id, pl.kind, pl.start_date, pl.end_date, p.start_date AS period_start, p.end_date AS period_end, p.planned_end_date, p.participation_basis
                FROM placement pl JOIN coaching_period p ON p.id = pl.period_id
                WHERE pl.start_date < p.start_date OR pl.trainee_id <> p.trainee_id
                   OR coalesce(pl.end_date, 'infinity') > coalesce(p.end_date, p.planned_end_date, 'infinity')
                   OR (pl.kind = 'WORK_TRIAL' AND (pl.end_date IS NULL OR pl.end_date >= (pl.start_date + interval '6 months')::date))
                   OR (p.participation_basis = 'REHABILITATIVE_WORK' AND pl.partner_company_id IS NOT NULL
                       AND NOT (SELECT is_non_profit FROM partner_company c WHERE c.id = pl.partner_company_id))`),
  ).toEqual([]);
});

it('gives every work trial a written agreement signed before its first present day, and most ended trials the organiser’s feedback', async () => {
  // Every WORK_TRIAL period has its own agreement, every WORK_TRIAL placement one with its unit or company.
  expect(
    await rows(`SELECT p.id FROM coaching_period p WHERE p.participation_basis = 'WORK_TRIAL'
                  AND NOT EXISTS (SELECT 1 FROM work_trial_agreement a WHERE a.period_id = p.id AND a.placement_id IS NULL)`),
  ).toEqual([]);
  expect(
    await rows(`SELECT pl.id FROM placement pl WHERE pl.kind = 'WORK_TRIAL' AND NOT EXISTS (
                  SELECT 1 FROM work_trial_agreement a WHERE a.placement_id = pl.id
                    AND a.work_unit_id IS NOT DISTINCT FROM pl.work_unit_id AND a.partner_company_id IS NOT DISTINCT FROM pl.partner_company_id)`),
  ).toEqual([]);
  // A present day of a work trial lies in a fully signed agreement for the same organiser, signed on or before it.
  expect(
    await rows(`SELECT e.id FROM attendance_entry e JOIN coaching_period p ON p.id = e.period_id
                LEFT JOIN placement wt ON wt.period_id = p.id AND wt.kind = 'WORK_TRIAL' AND e.date BETWEEN wt.start_date AND coalesce(wt.end_date, 'infinity')
                WHERE e.status = 'PRESENT' AND (p.participation_basis = 'WORK_TRIAL' OR wt.id IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM work_trial_agreement a WHERE a.period_id = p.id
                    AND a.placement_id IS NOT DISTINCT FROM wt.id AND e.date BETWEEN a.start_date AND a.end_date
                    AND a.participant_signed_on <= e.date AND a.authority_signed_on <= e.date AND a.organiser_signed_on <= e.date)`),
  ).toEqual([]);
  const [{ attended }] = await rows<{ attended: number }>(`SELECT count(DISTINCT e.period_id)::int AS attended FROM attendance_entry e
    JOIN coaching_period p ON p.id = e.period_id WHERE p.participation_basis = 'WORK_TRIAL' AND e.status = 'PRESENT'`);
  expect(attended).toBeGreaterThan(3);
  // Agreements keep to their period or placement and the legal schedule; feedback comes when the trial has ended.
  expect(
    await rows(
      `SELECT a.id FROM work_trial_agreement a JOIN coaching_period p ON p.id = a.period_id LEFT JOIN placement pl ON pl.id = a.placement_id
                WHERE a.trainee_id <> p.trainee_id OR a.start_date < coalesce(pl.start_date, p.start_date)
                   OR a.end_date > coalesce(pl.end_date, p.planned_end_date) OR a.days_per_week > 5 OR a.hours_per_day NOT BETWEEN 4 AND 8
                   OR greatest(a.participant_signed_on, a.authority_signed_on, a.organiser_signed_on) > $1::date`,
      [today],
    ),
  ).toEqual([]);
  expect(
    await rows(
      `SELECT f.id FROM work_trial_feedback f JOIN work_trial_agreement a ON a.id = f.agreement_id JOIN coaching_period p ON p.id = a.period_id
                WHERE f.given_on < least(a.end_date, coalesce(p.end_date, a.end_date)) OR f.given_on > $1::date OR f.trainee_id <> a.trainee_id`,
      [today],
    ),
  ).toEqual([]);
  const [{ due, missing }] = await rows<{ due: number; missing: number }>(
    `
    SELECT count(*)::int AS due, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM work_trial_feedback f WHERE f.agreement_id = a.id))::int AS missing
    FROM work_trial_agreement a JOIN coaching_period p ON p.id = a.period_id
    WHERE a.authority_signed_on IS NOT NULL AND (p.end_date IS NOT NULL OR a.end_date < $1::date)`,
    [today],
  );
  expect(due).toBeGreaterThan(5);
  expect(missing).toBeGreaterThanOrEqual(1);
  expect(missing).toBeLessThanOrEqual(2);
});

it('staffs work orders within each trainee’s level and without double booking', async () => {
  expect(
    await rows(`SELECT a.id FROM work_order_assignment a JOIN work_order o ON o.id = a.work_order_id
                JOIN task t ON t.id = o.task_id JOIN trainee tr ON tr.id = a.trainee_id
                WHERE tr.work_level < t.difficulty_level OR a.start_date <> o.start_date OR a.end_date <> o.end_date
                   OR o.state NOT IN ('SCHEDULED','IN_PROGRESS','COMPLETED')`),
  ).toEqual([]);
  expect(
    await rows(`SELECT a.id FROM work_order_assignment a JOIN work_order_assignment b ON a.trainee_id = b.trainee_id AND a.id < b.id
                WHERE daterange(a.start_date, a.end_date, '[]') && daterange(b.start_date, b.end_date, '[]')`),
  ).toEqual([]);
  expect(
    await rows(
      "SELECT id FROM work_order WHERE state IN ('SCHEDULED','IN_PROGRESS','COMPLETED') AND NOT EXISTS (SELECT 1 FROM work_order_assignment a WHERE a.work_order_id = work_order.id)",
    ),
  ).toEqual([]);
  expect(
    await rows(
      "SELECT id FROM work_order WHERE (state = 'DECLINED') <> (decline_reason IS NOT NULL) OR (state = 'COMPLETED') <> (unit_rating IS NOT NULL)",
    ),
  ).toEqual([]);
});

it('records attendance only on past weekdays of the period, with hours or an absence reason', async () => {
  expect(
    await rows(
      `SELECT a.id FROM attendance_entry a JOIN coaching_period p ON p.id = a.period_id
                WHERE extract(isodow FROM a.date) > 5 OR a.date >= $1::date OR a.date < p.start_date
                   OR a.date > coalesce(p.end_date, $1::date) OR a.trainee_id <> p.trainee_id
                   OR (a.status = 'PRESENT' AND (a.hours <= 0 OR a.hours > p.hours_per_day OR a.absence_reason IS NOT NULL))
                   OR (a.status = 'ABSENT' AND (a.absence_reason IS NULL OR a.hours IS NOT NULL))`,
      [today],
    ),
  ).toEqual([]);
  // Roughly the agreed days a week: never more entries in an ISO week than days_per_week.
  expect(
    await rows(`SELECT a.period_id FROM attendance_entry a JOIN coaching_period p ON p.id = a.period_id
                GROUP BY a.period_id, p.days_per_week, date_trunc('week', a.date) HAVING count(*) > p.days_per_week`),
  ).toEqual([]);
  const [{ active, attended }] = await rows<{ active: number; attended: number }>(
    `
    SELECT count(*)::int AS active, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM attendance_entry a WHERE a.period_id = p.id))::int AS attended
    FROM coaching_period p WHERE p.phase NOT IN ('ENDED','FOLLOW_UP') AND p.start_date < $1::date - 7`,
    [today],
  );
  expect(attended).toBe(active);
});

it('stores identity codes encrypted, valid and matching the birth date; business IDs valid', async () => {
  const trainees = await rows<{
    identity_code_ciphertext: Buffer;
    identity_code_key_id: string;
    identity_code_hash: Buffer;
    birth_date: string;
    identity_code_temporary: boolean;
    immigrant_background: boolean;
    finnish_level: string | null;
  }>(
    'SELECT identity_code_ciphertext, identity_code_key_id, identity_code_hash, birth_date, identity_code_temporary, immigrant_background, finnish_level FROM trainee',
  );
  for (const trainee of trainees) {
    const code = cipher.decrypt(trainee.identity_code_ciphertext, trainee.identity_code_key_id);
    const parsed = parseIdentityCode(code, { today });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) continue;
    expect(parsed.value.birthDate).toBe(trainee.birth_date);
    expect(parsed.value.temporary).toBe(trainee.identity_code_temporary);
    expect(cipher.hash(code).equals(trainee.identity_code_hash)).toBe(true);
    if (trainee.immigrant_background) expect(trainee.finnish_level).not.toBeNull();
  }
  expect(trainees.filter((t) => t.identity_code_temporary).length).toBeGreaterThanOrEqual(2);
  const immigrantShare = trainees.filter((t) => t.immigrant_background).length / trainees.length;
  expect(immigrantShare).toBeGreaterThan(0.3);
  expect(immigrantShare).toBeLessThan(0.4);
  for (const { business_id } of await rows<{ business_id: string }>('SELECT business_id FROM partner_company'))
    expect(isValidBusinessId(business_id)).toBe(true);
});

it('copies the requirement into each competence record and links tasks to qualification units', async () => {
  expect(
    await rows(`SELECT c.id FROM competence_record c JOIN competence_requirement r ON r.id = c.requirement_id
                JOIN qualification_unit u ON u.id = r.unit_id JOIN qualification q ON q.id = u.qualification_id
                WHERE c.requirement_code <> r.code OR c.requirement_text <> r.text OR c.unit_external_id <> u.external_id
                   OR c.qualification_external_id <> q.external_id OR c.diary_number <> q.diary_number
                   OR (c.state = 'PRACTISING') <> (c.demonstrated_at IS NULL) OR (c.state = 'VERIFIED') <> (c.verified_at IS NOT NULL)`),
  ).toEqual([]);
  expect(await rows('SELECT id FROM task WHERE NOT EXISTS (SELECT 1 FROM task_qualification_unit l WHERE l.task_id = task.id)')).toEqual([]);
  expect(
    await rows(
      `SELECT a.id FROM capacity_assessment a WHERE (SELECT count(*) FROM capacity_score s WHERE s.assessment_id = a.id)
         <> (SELECT count(*) FROM capacity_item i JOIN capacity_dimension_definition d ON d.id = i.dimension_id WHERE d.instrument_id = a.instrument_id)`,
    ),
  ).toEqual([]);
});

it('ends periods with a summary and outcomes; about 70 % end up employed or studying', async () => {
  expect(
    await rows(
      'SELECT p.id FROM coaching_period p WHERE p.end_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM final_summary f WHERE f.period_id = p.id)',
    ),
  ).toEqual([]);
  expect(
    await rows(
      "SELECT p.id FROM coaching_period p WHERE p.end_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.period_id = p.id AND o.checkpoint = 'AT_END')",
    ),
  ).toEqual([]);
  expect(
    await rows(
      'SELECT o.id FROM outcome o JOIN coaching_period p ON p.id = o.period_id WHERE p.end_date IS NULL OR o.observed_on > $1::date OR o.observed_on < p.end_date',
      [today],
    ),
  ).toEqual([]);
  const [{ share }] = await rows<{ share: number }>(`
    SELECT avg(CASE WHEN type IN ('EMPLOYED_OPEN_MARKET','EMPLOYED_WAGE_SUBSIDY','STUDYING') THEN 1 ELSE 0 END)::float AS share
    FROM (SELECT DISTINCT ON (period_id) type FROM outcome ORDER BY period_id, observed_on DESC) latest`);
  expect(share).toBeGreaterThan(0.55);
  expect(share).toBeLessThan(0.85);
});

it('records the history of every stateful object, ending in its current state', async () => {
  const subjects: Array<[string, string, string]> = [
    ['Referral', 'referral', 'state'],
    ['CoachingPeriod', 'coaching_period', 'phase'],
    ['WorkOrder', 'work_order', 'state'],
    ['CompetenceRecord', 'competence_record', 'state'],
    ['FinalSummary', 'final_summary', 'state'],
    // Who holds a period: the last assignment names the current coach / career agent.
    ['CoachingPeriodCoach', 'coaching_period', 'coach_id'],
    ['CoachingPeriodCareerAgent', 'coaching_period', 'career_agent_id'],
    ['SubsidyApplication', 'subsidy_application', 'state'],
  ];
  for (const [subjectType, table, column] of subjects) {
    const mismatched = await rows(
      `SELECT t.id FROM ${table} t LEFT JOIN LATERAL (
         SELECT to_state FROM state_change c WHERE c.subject_type = $1 AND c.subject_id = t.id ORDER BY changed_at DESC LIMIT 1) last ON true
       WHERE last.to_state IS DISTINCT FROM t.${column}::text`,
      [subjectType],
    );
    expect({ subjectType, mismatched }).toEqual({ subjectType, mismatched: [] });
  }
  expect(await brokenChains(db)).toEqual([]);
  // Hand-overs carry who and why.
  const handovers = await rows<{ actor_id: string | null; reason: string | null }>(
    `SELECT actor_id, reason FROM state_change WHERE subject_type = 'CoachingPeriodCoach' AND from_state IS NOT NULL`,
  );
  expect(handovers.length).toBeGreaterThan(0);
  expect(handovers.every((h) => h.actor_id && h.reason)).toBe(true);
});

it('puts about 150 people in wage-subsidised jobs in the city’s units, each within what the employment area decided', async () => {
  // Employed today, each on an application of their own with its unit as the employer.
  const [{ employed }] = await rows<{ employed: number }>(
    `SELECT count(DISTINCT trainee_id)::int AS employed FROM placement WHERE subsidy_application_id IS NOT NULL AND start_date <= $1::date AND end_date >= $1::date`,
    [today],
  );
  expect(employed).toBe(SUBSIDISED_EMPLOYEE_COUNT);
  // The rules of assertSubsidisedEmployment: an EMPLOYMENT of the application's trainee and employer, not before the
  // decision, within the decided period, with an end.
  expect(
    await rows(`SELECT pl.id FROM placement pl JOIN subsidy_application a ON a.id = pl.subsidy_application_id
                LEFT JOIN subsidy_decision d ON d.application_id = a.id
                WHERE pl.kind <> 'EMPLOYMENT' OR pl.trainee_id <> a.trainee_id OR pl.period_id <> a.period_id
                   OR pl.work_unit_id IS DISTINCT FROM a.work_unit_id OR pl.partner_company_id IS DISTINCT FROM a.partner_company_id
                   OR d.id IS NULL OR d.outcome = 'DENIED' OR pl.start_date < d.decided_on
                   OR pl.start_date NOT BETWEEN d.start_date AND d.end_date OR pl.end_date IS NULL OR pl.end_date > d.end_date`),
  ).toEqual([]);
  expect(await distinct('subsidy_application', 'state')).toEqual(Object.values(SubsidyApplicationState).sort());
  expect(await distinct('subsidy_decision', 'outcome')).toEqual(Object.values(DecisionOutcome).sort());
  expect(await distinct('subsidy_decision', 'authority')).toEqual(['Porin seudun työllisyysalue']);
  // A decision only for a submitted application; a denial says why and grants nothing; a grant names a statutory type.
  expect(
    await rows(`SELECT a.id FROM subsidy_application a LEFT JOIN subsidy_decision d ON d.application_id = a.id
                WHERE (a.state = 'DECIDED') <> (d.id IS NOT NULL) OR (a.state <> 'DRAFT' AND a.submitted_at IS NULL AND a.state <> 'WITHDRAWN')
                   OR (a.state = 'WITHDRAWN') <> (a.withdrawal_reason IS NOT NULL) OR d.received_at < a.submitted_at OR d.decided_on < a.submitted_at::date
                   OR a.requested_end < a.requested_start OR a.trainee_id <> d.trainee_id`),
  ).toEqual([]);
  expect(
    await rows(`SELECT id FROM subsidy_decision WHERE (outcome = 'DENIED') <> (start_date IS NULL)
                  OR (outcome = 'DENIED' AND (coalesce(denial_reason, '') = '' OR percent IS NOT NULL OR monthly_cap_cents IS NOT NULL))
                  OR (outcome <> 'DENIED' AND (monthly_cap_cents <> 140000 OR subsidy_type_code NOT IN (${NATIONAL_SUBSIDY_TYPES.map((t) => `'${t.code}'`).join(', ')})))`),
  ).toEqual([]);
  for (const type of NATIONAL_SUBSIDY_TYPES) {
    expect(await rows('SELECT id FROM subsidy_decision WHERE subsidy_type_code = $1 AND percent <> $2', [type.code, type.percent])).toEqual([]);
    expect(
      await rows('SELECT id FROM subsidy_application WHERE requested_type_code = $1 AND requested_percent <> $2', [type.code, type.percent]),
    ).toEqual([]);
  }
  // Positions from units of several departments, some tailored; a filled one was taken by an application naming it.
  const [positions] = await rows<{ departments: number; tailored: number; states: number }>(
    `SELECT count(DISTINCT u.department_id)::int AS departments, count(*) FILTER (WHERE p.tailored)::int AS tailored, count(DISTINCT p.state)::int AS states
       FROM subsidised_position p JOIN work_unit u ON u.id = p.work_unit_id`,
  );
  expect(positions.departments).toBeGreaterThanOrEqual(4);
  expect(positions.tailored).toBeGreaterThanOrEqual(2);
  expect(positions.states).toBe(3);
  expect(
    await rows(`SELECT p.id FROM subsidised_position p WHERE p.state = 'FILLED' AND NOT EXISTS (
                  SELECT 1 FROM subsidy_application a JOIN placement pl ON pl.subsidy_application_id = a.id WHERE a.position_id = p.id)`),
  ).toEqual([]);
});

it('keeps the integration layer’s state: sealed messages sent and waiting, dead letters, what was received, and the monthly reports', async () => {
  const messages = await rows<{
    kind: string;
    subject_id: string;
    idempotency_key: string;
    payload_ciphertext: Buffer;
    payload_key_id: string;
    status: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date | null;
    delivered_at: Date | null;
  }>('SELECT * FROM outbox_message');
  for (const message of messages) {
    const payload = JSON.parse(cipher.decrypt(message.payload_ciphertext, message.payload_key_id));
    if (message.kind === 'SUBSIDY_APPLICATION') {
      expect(payload.applicationId).toBe(message.subject_id);
      expect(message.idempotency_key).toBe(`subsidy-application:${message.subject_id}`);
    } else {
      expect(payload.kind).toBe(message.kind);
    }
    expect({ status: message.status, delivered: message.delivered_at !== null, due: message.next_attempt_at !== null }).toEqual({
      status: message.status,
      delivered: message.status === 'DELIVERED',
      due: message.status === 'PENDING',
    });
    if (message.status === 'FAILED') expect([message.attempts, message.last_error]).toEqual([10, expect.stringMatching(/^POST .*: HTTP 503$/)]);
    if (message.status === 'DELIVERED') expect(message.last_error).toBeNull();
  }
  expect(new Set(messages.map((m) => `${m.kind} ${m.status}`))).toEqual(
    new Set([
      'REFERRAL_DECISION DELIVERED',
      'REFERRAL_DECISION FAILED',
      'SUBSIDY_APPLICATION DELIVERED',
      'SUBSIDY_APPLICATION PENDING',
      'ATTENDANCE_REPORT DELIVERED',
    ]),
  );
  // Every application submitted within the 90 days the sweep keeps delivered messages has its message.
  expect(
    await rows(
      `SELECT a.id FROM subsidy_application a WHERE a.submitted_at > $1::timestamptz - interval '89 days'
                  AND NOT EXISTS (SELECT 1 FROM outbox_message m WHERE m.idempotency_key = 'subsidy-application:' || a.id)`,
      [asOf],
    ),
  ).toEqual([]);
  // Received once or twice and applied, by the id in the sending system.
  expect(
    await rows(`SELECT d.id FROM subsidy_decision d WHERE NOT EXISTS (SELECT 1 FROM inbound_message i
                  WHERE i.system = 'WAGE_SUBSIDY' AND i.kind = 'DECISION' AND i.external_id = d.authority || ':' || d.decision_id AND i.subject_id = d.id)`),
  ).toEqual([]);
  expect(
    await rows(`SELECT i.id FROM inbound_message i LEFT JOIN referral r ON r.id = i.subject_id
                WHERE i.result <> 'APPLIED' OR i.deliveries NOT IN (1, 2)
                   OR (i.kind = 'REFERRAL' AND i.external_id <> r.employment_area_id || ':' || r.external_id)`),
  ).toEqual([]);
  expect(await rows<{ system: string }>('SELECT system FROM integration_cursor ORDER BY system')).toEqual([
    { system: 'EMPLOYMENT_AREA' },
    { system: 'WAGE_SUBSIDY' },
  ]);
  // The monthly reports: of rehabilitative work and work trials, each with its message, a correction among them, and
  // exactly what the nightly job counts from the attendance (run now, it finds nothing to send).
  expect(await distinct('attendance_report r JOIN coaching_period p ON p.id = r.period_id', 'p.participation_basis')).toEqual([
    'REHABILITATIVE_WORK',
    'WORK_TRIAL',
  ]);
  expect(await rows(`SELECT id FROM attendance_report WHERE version = 2`)).toHaveLength(1);
  expect(
    await rows(`SELECT r.id FROM attendance_report r WHERE NOT EXISTS (SELECT 1 FROM outbox_message m
                  WHERE m.subject_id = r.id AND m.idempotency_key = 'attendance-report:' || r.period_id || ':' || r.month || ':v' || r.version)`),
  ).toEqual([]);
  const rules = { ratePerDayCents: DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY, bases: new Set(DEFAULT_EXPENSE_ALLOWANCE_BASES) };
  const job = new AttendanceReportService(db, rules, new Outbox(cipher), fixedClock(asOf));
  expect(await job.run()).toEqual({ reports: 0, corrections: 0 });
});

it('is not loaded twice: the database is no longer empty and a second run changes nothing', async () => {
  expect(await isDatabaseEmpty(db)).toBe(false);
  await expect(seedDemoData(db, cipher, asOf)).rejects.toThrow();
  const [{ count }] = await rows<{ count: number }>('SELECT count(*)::int AS count FROM trainee');
  expect(count).toBe(counts.trainee);
});

it('produces the same data on every run', async () => {
  const other = await freshDataSource();
  const again = await seedDemoData(other, cipher, asOf);
  expect(again).toEqual(counts);
  const fingerprint = (dataSource: DataSource) =>
    dataSource.query(`SELECT md5(string_agg(t.id || t.first_name || t.last_name || t.birth_date || coalesce(p.phase::text, '-'), ',' ORDER BY t.id, p.start_date)) AS hash
                      FROM trainee t LEFT JOIN coaching_period p ON p.trainee_id = t.id`);
  expect(await fingerprint(other)).toEqual(await fingerprint(db));
});

it.each(['2027-01-04', '2028-02-29', '2026-07-01'])('seeds cleanly when today is %s', async (day) => {
  const dataSource = await freshDataSource();
  const result = await seedDemoData(dataSource, cipher, finnishTime(day, 10));
  expect(result.trainee).toBe(DEMO_TRAINEES);
  expect((await dataSource.query('SELECT count(DISTINCT phase)::int AS n FROM coaching_period'))[0].n).toBe(6);
});

/** Columns that hold a plan (when a session is to start, when a message is tried next), not when something was recorded. */
const plannedInstants = new Set(['group_session.starts_at', 'outbox_message.next_attempt_at']);
/** Date columns that say when something happened, so they cannot lie after the seed's day. */
const recordedDays = [
  'attendance_entry.date',
  'diary_entry.date',
  'capacity_assessment.assessed_on',
  'outcome.observed_on',
  'indicator_measurement.measured_on',
  'work_trial_agreement.participant_signed_on',
  'work_trial_agreement.authority_signed_on',
  'work_trial_agreement.organiser_signed_on',
  'work_trial_feedback.given_on',
  'subsidy_decision.decided_on',
];

/** Every recorded instant and day of the seeded database that lies after `at`, by column. */
async function datedAfter(dataSource: DataSource, at: Date): Promise<string[]> {
  const columns: Array<{ table_name: string; column_name: string }> = await dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'timestamp with time zone' ORDER BY table_name, column_name`,
  );
  const late: string[] = [];
  for (const { table_name, column_name } of columns) {
    if (plannedInstants.has(`${table_name}.${column_name}`)) continue;
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}" > $1`, [at]);
    if (n > 0) late.push(`${table_name}.${column_name}: ${n}`);
  }
  for (const column of recordedDays) {
    const [table, name] = column.split('.');
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${name}" > $1::date`, [todayInFinland(at)]);
    if (n > 0) late.push(`${column}: ${n}`);
  }
  return late;
}

/** Each transition starts from the state the previous one reached: the log reads as one chain per object. */
function brokenChains(dataSource: DataSource): Promise<unknown[]> {
  return dataSource.query(`SELECT subject_type, subject_id FROM (
                             SELECT subject_type, subject_id, from_state, lag(to_state) OVER (PARTITION BY subject_type, subject_id ORDER BY changed_at, id) AS previous
                             FROM state_change) chain
                           WHERE from_state IS DISTINCT FROM previous`);
}

describe('nothing is dated after the instant the demo is seeded as of', () => {
  it("holds for the main seed (14:10 in Finland, before some of the day's office-hour events)", async () => {
    expect(await datedAfter(db, asOf)).toEqual([]);
  });

  it.each([
    ['just after midnight in Finland', '2026-12-01T22:05:00Z'],
    ['just before midnight in Finland', '2026-12-02T21:55:00Z'],
    ['at 08:00 on a Monday', '2026-11-30T06:00:00Z'],
    ['just after midnight on the day summer time starts', '2026-03-28T22:05:00Z'],
    ['just before midnight on the day summer time starts', '2026-03-29T20:55:00Z'],
    ['just after midnight on the day summer time ends', '2026-10-24T21:05:00Z'],
    ['just before midnight on the day summer time ends', '2026-10-25T21:55:00Z'],
  ])('holds %s (%s)', async (_label, instant) => {
    const at = new Date(instant);
    const dataSource = await freshDataSource();
    await seedDemoData(dataSource, cipher, at);
    expect(await datedAfter(dataSource, at)).toEqual([]);
    expect(await brokenChains(dataSource)).toEqual([]);
    await dataSource.destroy();
    dataSources.splice(dataSources.indexOf(dataSource), 1);
  });
});
