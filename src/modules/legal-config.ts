import { AppConfig, ConfigError, LegalLimitsOverride } from '../platform/config';
import { DEFAULT_EXPENSE_ALLOWANCE_BASES, ExpenseAllowanceRules } from './attendance/expense-allowance';
import { defaultLegalLimits, LegalLimits, NumberRange, ScheduleLimits, STORED_SCHEDULE_LIMITS } from './coaching-period/legal-limits';
import { ParticipationBasis } from './coaching-period/period-phase';

/**
 * The legal numbers the services work with: the defaults in legal-limits.ts and expense-allowance.ts
 * with `LEGAL_LIMITS`, `EXPENSE_ALLOWANCE_BASES` and `EXPENSE_ALLOWANCE_CENTS_PER_DAY` applied. The
 * platform checks the variables' shape; here the basis names are checked against the enum and the
 * merged result for consistency. Any problem is a ConfigError naming the variable, raised at
 * start-up (startApp calls this before it opens the database).
 */
export interface LegalConfig {
  limits: LegalLimits;
  expenseAllowance: ExpenseAllowanceRules;
}

type LegalEnvironment = Pick<AppConfig, 'LEGAL_LIMITS' | 'EXPENSE_ALLOWANCE_BASES' | 'EXPENSE_ALLOWANCE_CENTS_PER_DAY'>;

const BASES = Object.values(ParticipationBasis) as string[];
const isBasis = (name: string): name is ParticipationBasis => BASES.includes(name);

export function legalConfigFrom(config: LegalEnvironment): LegalConfig {
  const problems: string[] = [];
  const limits = mergeLegalLimits(config.LEGAL_LIMITS, problems);
  const names = config.EXPENSE_ALLOWANCE_BASES ?? DEFAULT_EXPENSE_ALLOWANCE_BASES;
  for (const name of names.filter((n) => !isBasis(n))) {
    problems.push(`EXPENSE_ALLOWANCE_BASES: ${name} is not a participation basis (${BASES.join(', ')})`);
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    limits,
    expenseAllowance: { ratePerDayCents: config.EXPENSE_ALLOWANCE_CENTS_PER_DAY, bases: new Set(names as ParticipationBasis[]) },
  };
}

/** Deep-merges the override over the defaults; problems are appended, named `LEGAL_LIMITS.<path>`. */
export function mergeLegalLimits(override: LegalLimitsOverride | undefined, problems: string[]): LegalLimits {
  const schedule: Partial<Record<ParticipationBasis, ScheduleLimits>> = {};
  for (const [basis, entry] of Object.entries(defaultLegalLimits.schedule) as Array<[ParticipationBasis, ScheduleLimits]>) {
    schedule[basis] = { daysPerWeek: { ...entry.daysPerWeek }, hoursPerDay: { ...entry.hoursPerDay } };
  }
  for (const [name, entry] of Object.entries(override?.schedule ?? {})) {
    if (!isBasis(name)) {
      problems.push(`LEGAL_LIMITS.schedule.${name}: not a participation basis (${BASES.join(', ')})`);
      continue;
    }
    if (entry === null) {
      delete schedule[name];
      continue;
    }
    const base = schedule[name] ?? STORED_SCHEDULE_LIMITS;
    schedule[name] = {
      daysPerWeek: { ...base.daysPerWeek, ...entry.daysPerWeek },
      hoursPerDay: { ...base.hoursPerDay, ...entry.hoursPerDay },
    };
  }
  const limits: LegalLimits = {
    schedule,
    rehabilitativePeriodMonths: { ...defaultLegalLimits.rehabilitativePeriodMonths, ...override?.rehabilitativePeriodMonths },
    workTrial: { ...defaultLegalLimits.workTrial, ...override?.workTrial },
  };

  const ordered = (path: string, range: NumberRange) => {
    if (range.min > range.max) problems.push(`LEGAL_LIMITS.${path}: min ${range.min} is above max ${range.max} after merging with the defaults`);
  };
  for (const [basis, entry] of Object.entries(schedule) as Array<[ParticipationBasis, ScheduleLimits]>) {
    ordered(`schedule.${basis}.daysPerWeek`, entry.daysPerWeek);
    ordered(`schedule.${basis}.hoursPerDay`, entry.hoursPerDay);
    // The database refuses what it cannot store; raising these needs a migration first.
    if (entry.daysPerWeek.max > STORED_SCHEDULE_LIMITS.daysPerWeek.max) {
      problems.push(
        `LEGAL_LIMITS.schedule.${basis}.daysPerWeek.max: at most ${STORED_SCHEDULE_LIMITS.daysPerWeek.max} (coaching_period stores 1–5 days a week)`,
      );
    }
    if (entry.hoursPerDay.max > STORED_SCHEDULE_LIMITS.hoursPerDay.max) {
      problems.push(
        `LEGAL_LIMITS.schedule.${basis}.hoursPerDay.max: at most ${STORED_SCHEDULE_LIMITS.hoursPerDay.max} (coaching_period stores up to 8 hours a day)`,
      );
    }
  }
  ordered('rehabilitativePeriodMonths', limits.rehabilitativePeriodMonths);
  if (limits.workTrial.maxMonthsPerOrganiser > limits.workTrial.maxMonthsTotal) {
    problems.push(
      `LEGAL_LIMITS.workTrial: maxMonthsPerOrganiser ${limits.workTrial.maxMonthsPerOrganiser} is above maxMonthsTotal ${limits.workTrial.maxMonthsTotal}`,
    );
  }
  return limits;
}
