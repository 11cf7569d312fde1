import { ConfigError, loadConfig } from '../platform/config';
import { defaultLegalLimits } from './coaching-period/legal-limits';
import { ParticipationBasis } from './coaching-period/period-phase';
import { legalConfigFrom } from './legal-config';

const { REHABILITATIVE_WORK, WORK_TRIAL, CAREER_COACHING, EMPLOYMENT } = ParticipationBasis;

function problemsOf(env: Record<string, string>): string[] {
  try {
    legalConfigFrom(loadConfig(env));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('legalConfigFrom', () => {
  it('gives the law’s defaults with nothing configured', () => {
    const legal = legalConfigFrom(loadConfig({}));
    expect(legal.limits).toEqual(defaultLegalLimits);
    expect(legal.expenseAllowance).toEqual({ ratePerDayCents: 900, bases: new Set([REHABILITATIVE_WORK, WORK_TRIAL, CAREER_COACHING]) });
  });

  it('deep-merges LEGAL_LIMITS over the defaults', () => {
    const { limits } = legalConfigFrom(
      loadConfig({
        LEGAL_LIMITS: JSON.stringify({
          schedule: { WORK_TRIAL: { daysPerWeek: { max: 4 } }, EMPLOYMENT: { hoursPerDay: { min: 6 } }, REHABILITATIVE_WORK: null },
          rehabilitativePeriodMonths: { max: 12 },
          workTrial: { maxMonthsTotal: 10 },
        }),
      }),
    );
    expect(limits.schedule[WORK_TRIAL]).toEqual({ daysPerWeek: { min: 1, max: 4 }, hoursPerDay: { min: 4, max: 8 } });
    // A basis without defaults starts from what the table can store.
    expect(limits.schedule[EMPLOYMENT]).toEqual({ daysPerWeek: { min: 1, max: 5 }, hoursPerDay: { min: 6, max: 8 } });
    expect(limits.schedule[REHABILITATIVE_WORK]).toBeUndefined();
    expect(limits.rehabilitativePeriodMonths).toEqual({ min: 3, max: 12 });
    expect(limits.workTrial).toEqual({ maxMonthsPerOrganiser: 6, maxMonthsTotal: 10 });
    // The defaults themselves are untouched.
    expect(defaultLegalLimits.schedule[REHABILITATIVE_WORK]).toBeDefined();
  });

  it('reads EXPENSE_ALLOWANCE_BASES as a comma-separated list', () => {
    const legal = legalConfigFrom(
      loadConfig({ EXPENSE_ALLOWANCE_BASES: ' REHABILITATIVE_WORK , WORK_TRIAL,', EXPENSE_ALLOWANCE_CENTS_PER_DAY: '1050' }),
    );
    expect(legal.expenseAllowance).toEqual({ ratePerDayCents: 1050, bases: new Set([REHABILITATIVE_WORK, WORK_TRIAL]) });
  });

  it.each([
    [{ LEGAL_LIMITS: '{"schedule":{"WORK_TRAIL":{"daysPerWeek":{"max":4}}}}' }, /^LEGAL_LIMITS\.schedule\.WORK_TRAIL: not a participation basis/],
    [
      { LEGAL_LIMITS: '{"schedule":{"WORK_TRIAL":{"daysPerWeek":{"min":5}}},"rehabilitativePeriodMonths":{"min":30}}' },
      /^LEGAL_LIMITS\.rehabilitativePeriodMonths: min 30 is above max 24/,
    ],
    [{ LEGAL_LIMITS: '{"schedule":{"WORK_TRIAL":{"daysPerWeek":{"max":6}}}}' }, /^LEGAL_LIMITS\.schedule\.WORK_TRIAL\.daysPerWeek\.max: at most 5/],
    [
      { LEGAL_LIMITS: '{"schedule":{"REHABILITATIVE_WORK":{"hoursPerDay":{"max":10}}}}' },
      /^LEGAL_LIMITS\.schedule\.REHABILITATIVE_WORK\.hoursPerDay\.max: at most 8/,
    ],
    [{ LEGAL_LIMITS: '{"workTrial":{"maxMonthsPerOrganiser":13}}' }, /^LEGAL_LIMITS\.workTrial: maxMonthsPerOrganiser 13 is above maxMonthsTotal 12/],
    [{ EXPENSE_ALLOWANCE_BASES: 'WORK_TRIAL,WAGES' }, /^EXPENSE_ALLOWANCE_BASES: WAGES is not a participation basis/],
  ])('refuses %p naming the variable', (env, message) => {
    expect(problemsOf(env as Record<string, string>).join('\n')).toMatch(message);
  });

  it('refuses a lower minimum merged above the default maximum', () => {
    expect(problemsOf({ LEGAL_LIMITS: '{"schedule":{"REHABILITATIVE_WORK":{"daysPerWeek":{"min":5}}}}' })[0]).toMatch(
      /^LEGAL_LIMITS\.schedule\.REHABILITATIVE_WORK\.daysPerWeek: min 5 is above max 4/,
    );
  });
});
