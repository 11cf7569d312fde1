import { ParticipationBasis, PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { pseudonymFor } from '../src/modules/privacy/pseudonym';
import { RetentionService } from '../src/modules/privacy/retention.service';
import { Role } from '../src/platform/auth/actor';
import {
  AttendanceSummaryDocument,
  CorrectOutcomeDocument,
  PeriodAttendanceDocument,
  RecordOutcomeDocument,
  UpdateOrganisationSettingsDocument,
} from './generated/graphql';
import { errorOf, paths } from './support/errors';
import { insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { GraphQLClient, startTestServer, TestServer } from './support/test-server';

/**
 * Each organisation's settings apply to its own data only: two organisations, one with its own
 * expense-allowance rate, retention period and subsidy types, the other on the deployment's
 * defaults (EXPENSE_ALLOWANCE_CENTS_PER_DAY 900, RETENTION_YEARS 10) with subsidy types of its own.
 */
let server: TestServer;
let other: string;
let adminA: GraphQLClient;
let adminB: GraphQLClient;

const kuntalisa = { code: 'PORIN_KUNTALISA', name: { fi: 'Porin kuntalisä', sv: 'Björneborgs kommuntillägg', en: 'Pori supplement' }, maxMonths: 12 };
const raumalisa = { code: 'RAUMAN_LISA', name: { fi: 'Rauman lisä', sv: 'Raumo tillägg', en: 'Rauma supplement' }, percent: 20 };

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  other = await server.createOrganisation('Rauman kaupunki');
  adminA = server;
  adminB = await server.as({ role: Role.ADMIN, userId: 'settings-admin-b', organisationId: other });
  const a = await adminA.ok(UpdateOrganisationSettingsDocument, {
    input: { expenseAllowanceCentsPerDay: 1200, retentionYears: 3, subsidyTypes: [kuntalisa] },
  });
  expect(a.updateOrganisationSettings.organisation.settings).toMatchObject({ expenseAllowanceCentsPerDay: 1200, retentionYears: 3 });
  const b = await adminB.ok(UpdateOrganisationSettingsDocument, { input: { subsidyTypes: [raumalisa] } });
  expect(b.updateOrganisationSettings.organisation.settings).toMatchObject({ expenseAllowanceCentsPerDay: 900, retentionYears: 10 });
  expect(b.updateOrganisationSettings.organisation.settings.availableSubsidyTypes.map((t) => t.code)).toEqual([
    'PALKKATUKI_50',
    'PALKKATUKI_70',
    'PALKKATUKI_100',
    'TYOLLISTAMISTUKI_55',
    'RAUMAN_LISA',
  ]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function periodWithDays(organisationId: string, dates: string[]) {
  const trainee = await insertTrainee(server, { organisationId });
  const period = await insertCoachingPeriod(server, {
    traineeId: trainee.id,
    participationBasis: ParticipationBasis.REHABILITATIVE_WORK,
    startDate: '2026-10-05',
    plannedEndDate: '2026-12-31',
  });
  for (const date of dates) {
    await server.sql(`INSERT INTO attendance_entry (period_id, trainee_id, date, status, hours) VALUES ($1, $2, $3, 'PRESENT', 6)`, [
      period.id,
      trainee.id,
      date,
    ]);
  }
  return period.id;
}

describe('the expense allowance rate', () => {
  it('pays each organisation’s periods at its own rate, the default where it has none', async () => {
    const days = ['2026-10-06', '2026-10-07', '2026-10-08'];
    const inA = await periodWithDays(server.organisationId, days);
    const inB = await periodWithDays(other, days);

    const summaryA = (await adminA.ok(AttendanceSummaryDocument, { periodId: inA })).attendanceSummary.expenseAllowance;
    const summaryB = (await adminB.ok(AttendanceSummaryDocument, { periodId: inB })).attendanceSummary.expenseAllowance;
    expect(summaryA).toEqual({ basisEarnsAllowance: true, eligibleDays: 3, ratePerDayCents: 1200, amountCents: 3600 });
    expect(summaryB).toEqual({ basisEarnsAllowance: true, eligibleDays: 3, ratePerDayCents: 900, amountCents: 2700 });

    // The period's own field (batched through a loader) agrees.
    expect((await adminA.ok(PeriodAttendanceDocument, { id: inA })).coachingPeriod.expenseAllowance).toEqual(summaryA);
    expect((await adminB.ok(PeriodAttendanceDocument, { id: inB })).coachingPeriod.expenseAllowance).toEqual(summaryB);

    // Another organisation's period is not found, whatever its rate.
    expect(errorOf(await adminA.request(AttendanceSummaryDocument, { periodId: inB }))).toMatchObject({ code: 'NOT_FOUND' });

    // Back to the default: A's periods follow; B's never moved.
    await adminA.ok(UpdateOrganisationSettingsDocument, { input: { expenseAllowanceCentsPerDay: null } });
    expect((await adminA.ok(AttendanceSummaryDocument, { periodId: inA })).attendanceSummary.expenseAllowance.amountCents).toBe(2700);
    await adminA.ok(UpdateOrganisationSettingsDocument, { input: { expenseAllowanceCentsPerDay: 1200 } });
  });
});

describe('the retention period', () => {
  it('pseudonymises each organisation’s trainees after its own period', async () => {
    // Matters closed 5 years and 12 years before the test's today (2026-11-18), in each organisation.
    const closedOn = async (organisationId: string, endDate: string) => {
      const trainee = await insertTrainee(server, { organisationId, lastName: `Suljettu ${endDate}` });
      await insertCoachingPeriod(server, { traineeId: trainee.id, phase: PeriodPhase.ENDED, startDate: '2010-01-04', endDate });
      return trainee.id;
    };
    const a5 = await closedOn(server.organisationId, '2021-06-30');
    const a2 = await closedOn(server.organisationId, '2024-06-28');
    const b5 = await closedOn(other, '2021-06-30');
    const b12 = await closedOn(other, '2014-06-30');

    const retention = new RetentionService(server.app.dataSource, server.config.RETENTION_YEARS, server.clock);
    const dry = await retention.run({ dryRun: true });
    expect(dry).toMatchObject({ retentionYears: 10, cutoff: '2016-11-18', trainees: 2 });
    expect(dry.organisations).toEqual(
      expect.arrayContaining([
        { organisationId: server.organisationId, retentionYears: 3, cutoff: '2023-11-18' },
        { organisationId: other, retentionYears: 10, cutoff: '2016-11-18' },
      ]),
    );

    const report = await retention.run();
    expect(report.trainees).toBe(2);
    const rows = await server.sql<{ id: string; pseudonymised: boolean; last_name: string }>(
      `SELECT id, pseudonymised_at IS NOT NULL AS pseudonymised, last_name FROM trainee WHERE id = ANY($1::uuid[])`,
      [[a5, a2, b5, b12]],
    );
    const state = Object.fromEntries(rows.map((r) => [r.id, r.pseudonymised]));
    // A keeps 3 years: the matter closed 5 years ago goes, the one 2 years ago stays.
    expect(state[a5]).toBe(true);
    expect(state[a2]).toBe(false);
    // B keeps the deployment's 10 years: 5 years ago stays, 12 years ago goes.
    expect(state[b5]).toBe(false);
    expect(state[b12]).toBe(true);
    expect(rows.find((r) => r.id === a5)!.last_name).toBe(pseudonymFor(a5).lastName);
    expect(rows.find((r) => r.id === b5)!.last_name).toBe('Suljettu 2021-06-30');
  });
});

describe('subsidy types', () => {
  async function endedPeriod(organisationId: string) {
    const trainee = await insertTrainee(server, { organisationId });
    return (await insertCoachingPeriod(server, { traineeId: trainee.id, phase: PeriodPhase.ENDED, startDate: '2026-01-05', endDate: '2026-10-30' }))
      .id;
  }
  const wageSubsidy = (periodId: string, subsidyType?: string | null, type: 'EMPLOYED_WAGE_SUBSIDY' | 'STUDYING' = 'EMPLOYED_WAGE_SUBSIDY') => ({
    input: { periodId, checkpoint: 'AT_END' as const, type, observedOn: '2026-10-30', subsidyType },
  });

  it('takes a national type or the organisation’s own, and stores it on the outcome', async () => {
    const inA = await endedPeriod(server.organisationId);
    const own = await adminA.ok(RecordOutcomeDocument, wageSubsidy(inA, 'PORIN_KUNTALISA'));
    expect(own.recordOutcome.outcome).toMatchObject({ type: 'EMPLOYED_WAGE_SUBSIDY', subsidyType: 'PORIN_KUNTALISA' });
    expect(await server.sql(`SELECT subsidy_type FROM outcome WHERE id = $1`, [own.recordOutcome.outcome.id])).toEqual([
      { subsidy_type: 'PORIN_KUNTALISA' },
    ]);

    const inB = await endedPeriod(other);
    const national = await adminB.ok(RecordOutcomeDocument, wageSubsidy(inB, 'PALKKATUKI_70'));
    expect(national.recordOutcome.outcome.subsidyType).toBe('PALKKATUKI_70');

    const withoutType = await adminB.ok(RecordOutcomeDocument, wageSubsidy(await endedPeriod(other)));
    expect(withoutType.recordOutcome.outcome.subsidyType).toBeNull();
  });

  it('refuses another organisation’s type, an unknown one, and a type with another outcome, at input.subsidyType', async () => {
    const inA = await endedPeriod(server.organisationId);
    const inB = await endedPeriod(other);
    for (const [client, periodId, code] of [
      [adminA, inA, 'RAUMAN_LISA'],
      [adminB, inB, 'PORIN_KUNTALISA'],
      [adminA, inA, 'PALKKATUKI_30'],
    ] as const) {
      const error = errorOf(await client.request(RecordOutcomeDocument, wageSubsidy(periodId, code)));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_SUBSIDY_TYPE' });
      expect(paths(error)).toEqual(['input.subsidyType']);
    }
    const studying = errorOf(await adminA.request(RecordOutcomeDocument, wageSubsidy(inA, 'PALKKATUKI_50', 'STUDYING')));
    expect(studying).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SUBSIDY_TYPE_NOT_APPLICABLE' });
    expect(paths(studying)).toEqual(['input.subsidyType']);
    expect(await server.sql(`SELECT 1 FROM outcome WHERE period_id = ANY($1::uuid[])`, [[inA, inB]])).toEqual([]);
  });

  it('clears the subsidy type when the outcome is corrected to another type, and checks a new one', async () => {
    const inA = await endedPeriod(server.organisationId);
    const { id } = (await adminA.ok(RecordOutcomeDocument, wageSubsidy(inA, 'PALKKATUKI_50'))).recordOutcome.outcome;
    const refused = errorOf(
      await adminA.request(CorrectOutcomeDocument, { input: { id, type: 'EMPLOYED_WAGE_SUBSIDY', subsidyType: 'RAUMAN_LISA' } }),
    );
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_SUBSIDY_TYPE' });
    const changed = await adminA.ok(CorrectOutcomeDocument, { input: { id, type: 'EMPLOYED_WAGE_SUBSIDY', subsidyType: 'PORIN_KUNTALISA' } });
    expect(changed.correctOutcome.outcome.subsidyType).toBe('PORIN_KUNTALISA');
    const kept = await adminA.ok(CorrectOutcomeDocument, { input: { id, type: 'EMPLOYED_WAGE_SUBSIDY', note: 'palkkatuki myönnetty' } });
    expect(kept.correctOutcome.outcome.subsidyType).toBe('PORIN_KUNTALISA');
    const corrected = await adminA.ok(CorrectOutcomeDocument, { input: { id, type: 'EMPLOYED_OPEN_MARKET' } });
    expect(corrected.correctOutcome.outcome.subsidyType).toBeNull();
  });

  it('keeps an organisation’s own codes apart from the national ones', async () => {
    const answer = await adminA.request(UpdateOrganisationSettingsDocument, {
      input: { subsidyTypes: [kuntalisa, { code: 'PALKKATUKI_50', name: kuntalisa.name }] },
    });
    expect(errorOf(answer)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NATIONAL_SUBSIDY_CODE' });
    expect(paths(errorOf(answer))).toEqual(['input.subsidyTypes[1].code']);
  });
});
