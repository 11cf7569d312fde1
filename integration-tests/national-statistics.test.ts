import { PeriodPhase } from '../src/modules/coaching-period/period-phase';
import { Role } from '../src/platform/auth/actor';
import { OutcomeStatisticsDocument } from './generated/graphql';
import { insertCoachingPeriod, insertTrainee } from './support/fixtures';
import { startTestServer, TestServer } from './support/test-server';

/**
 * Outcome statistics of the caller's organisation (every count) and national ones (every
 * organisation together, small cells suppressed so that no count from 1 to 4 is shown or can be
 * computed back from the totals).
 */
let server: TestServer;
let other: string;

/** Ended periods of 2013 in the organisation, with these AT_END outcomes (null: none recorded). */
async function periods(organisationId: string, types: Array<string | null>) {
  for (const type of types) {
    const trainee = await insertTrainee(server, { organisationId });
    const period = await insertCoachingPeriod(server, {
      traineeId: trainee.id,
      phase: PeriodPhase.ENDED,
      startDate: '2013-01-07',
      endDate: '2013-06-28',
    });
    if (type) {
      await server.sql(`INSERT INTO outcome (period_id, trainee_id, checkpoint, type, observed_on) VALUES ($1, $2, 'AT_END', $3, '2013-06-28')`, [
        period.id,
        trainee.id,
        type,
      ]);
    }
  }
}

const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  other = await server.createOrganisation('Rauman kaupunki');
  // This organisation: 6 employed, 3 studying, 2 dropped out, 1 without an outcome.
  await periods(server.organisationId, [...repeat('EMPLOYED_OPEN_MARKET', 6), ...repeat('STUDYING', 3), ...repeat('DROPPED_OUT', 2), null]);
  // The other: 2 employed, 5 in other services.
  await periods(other, [...repeat('EMPLOYED_OPEN_MARKET', 2), ...repeat('OTHER_SERVICE', 5)]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const counts = (byType: Array<{ type: string; count?: number | null; suppressed: boolean }>) =>
  Object.fromEntries(byType.filter((t) => t.count !== 0).map((t) => [t.type, t.suppressed ? 'suppressed' : t.count]));

describe('outcomeStatistics by scope', () => {
  it('shows the organisation its own figures in full, small ones included', async () => {
    const analyst = await server.as({ role: Role.ANALYST, userId: 'stats-analyst' });
    const { outcomeStatistics: own } = await analyst.ok(OutcomeStatisticsDocument, { from: '2013-01-01', to: '2013-12-31' });
    expect(own).toMatchObject({
      scope: 'ORGANISATION',
      minimumCellSize: null,
      suppressed: false,
      suppressedTotals: [],
      periodsEnded: 12,
      withOutcome: 11,
      employedOrStudying: 9,
      share: 0.75,
    });
    expect(counts(own.byType)).toEqual({ EMPLOYED_OPEN_MARKET: 6, STUDYING: 3, DROPPED_OUT: 2 });
  });

  it('adds up every organisation nationally, hiding counts of 1–4 and the cell that would give one away', async () => {
    const analyst = await server.as({ role: Role.ANALYST, userId: 'stats-analyst' });
    const { outcomeStatistics: national } = await analyst.ok(OutcomeStatisticsDocument, {
      from: '2013-01-01',
      to: '2013-12-31',
      scope: 'NATIONAL',
    });
    expect(national).toMatchObject({
      scope: 'NATIONAL',
      minimumCellSize: 5,
      suppressed: true,
      suppressedTotals: [],
      periodsEnded: 19,
      withOutcome: 18,
      employedOrStudying: 11,
    });
    expect(national.share).toBeCloseTo(11 / 19);
    // STUDYING (3) and DROPPED_OUT (2) are small; EMPLOYED_OPEN_MARKET (8) goes too, since
    // employedOrStudying (11) minus it would give STUDYING back. OTHER_SERVICE comes from the other organisation.
    expect(counts(national.byType)).toEqual({
      EMPLOYED_OPEN_MARKET: 'suppressed',
      STUDYING: 'suppressed',
      DROPPED_OUT: 'suppressed',
      OTHER_SERVICE: 5,
    });
    for (const cell of national.byType) if (cell.suppressed) expect(cell.count).toBeNull();
    // Nothing hidden can be solved from what is shown: each total has at least two hidden cells.
    const hidden = national.byType.filter((t) => t.suppressed).map((t) => t.type);
    expect(hidden.filter((t) => ['EMPLOYED_OPEN_MARKET', 'EMPLOYED_WAGE_SUBSIDY', 'STUDYING'].includes(t)).length).toBeGreaterThanOrEqual(2);
  });

  it('hides a small national total and everything that would give it away', async () => {
    const { outcomeStatistics: small } = await server.ok(OutcomeStatisticsDocument, {
      from: '2013-01-01',
      to: '2013-12-31',
      scope: 'NATIONAL',
    });
    expect(small.periodsEnded).toBe(19);
    // A range with only the other organisation's three extra periods of 2014.
    await periods(other, ['OTHER_SERVICE', 'OTHER_SERVICE', 'EMPLOYED_OPEN_MARKET']);
    await server.sql(
      `UPDATE coaching_period SET end_date = '2014-03-31' WHERE end_date = '2013-06-28' AND id IN (
      SELECT p.id FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id WHERE t.organisation_id = $1 ORDER BY p.created_at DESC LIMIT 3)`,
      [other],
    );
    await server.sql(
      `UPDATE outcome SET observed_on = '2014-03-31' WHERE period_id IN (SELECT id FROM coaching_period WHERE end_date = '2014-03-31')`,
    );
    const { outcomeStatistics: tiny } = await server.ok(OutcomeStatisticsDocument, {
      from: '2014-01-01',
      to: '2014-12-31',
      scope: 'NATIONAL',
    });
    expect(tiny).toMatchObject({ periodsEnded: null, withOutcome: null, employedOrStudying: null, share: null, suppressed: true });
    expect(tiny.suppressedTotals).toEqual(['periodsEnded', 'withOutcome', 'employedOrStudying']);
    expect(counts(tiny.byType)).toEqual({ EMPLOYED_OPEN_MARKET: 'suppressed', OTHER_SERVICE: 'suppressed' });
  });
});
