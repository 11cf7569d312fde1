import { isActivePhase, PeriodPhase } from './period-phase';

/** What the rule needs of a period. */
export interface PeriodFacts {
  id: string;
  startDate: string;
  endDate: string | null;
  phase: PeriodPhase;
}

/**
 * The trainee's current period, as `Trainee.currentPeriod` shows it: the latest by start date
 * (ties by id, as the loader orders them).
 */
export function currentPeriodOf<P extends PeriodFacts>(periods: readonly P[]): P | undefined {
  return [...periods].sort((a, b) => b.startDate.localeCompare(a.startDate) || b.id.localeCompare(a.id))[0];
}

/**
 * Whether a trainee may write on this period themselves (a learning-diary entry, a
 * self-assessment): only on their current period, and only while it runs. An earlier period, or
 * one that has ended (also in follow-up), is the staff's record and stays as it was.
 */
export function acceptsTraineeEntries(periodId: string, periodsOfTrainee: readonly PeriodFacts[]): boolean {
  const current = currentPeriodOf(periodsOfTrainee);
  return current !== undefined && current.id === periodId && current.endDate === null && isActivePhase(current.phase);
}
