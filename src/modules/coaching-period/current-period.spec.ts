import { acceptsTraineeEntries, currentPeriodOf, PeriodFacts } from './current-period';
import { PeriodPhase } from './period-phase';

const period = (id: string, startDate: string, phase = PeriodPhase.COACHING, endDate: string | null = null): PeriodFacts => ({
  id,
  startDate,
  endDate,
  phase,
});

describe('the current period a trainee writes on', () => {
  it('is the latest period by start date, whatever order the rows come in', () => {
    const periods = [period('a', '2024-01-01', PeriodPhase.ENDED, '2024-06-30'), period('c', '2026-02-01'), period('b', '2025-01-01')];
    expect(currentPeriodOf(periods)?.id).toBe('c');
    expect(currentPeriodOf([])).toBeUndefined();
  });

  it('accepts the current ongoing period only', () => {
    const periods = [period('old', '2024-01-01', PeriodPhase.ENDED, '2024-06-30'), period('now', '2026-02-01', PeriodPhase.CHECK_POINT)];
    expect(acceptsTraineeEntries('now', periods)).toBe(true);
    expect(acceptsTraineeEntries('old', periods)).toBe(false);
    expect(acceptsTraineeEntries('someone-elses', periods)).toBe(false);
  });

  it('refuses a current period that has ended, is in follow-up or has an end date', () => {
    expect(acceptsTraineeEntries('p', [period('p', '2026-01-01', PeriodPhase.ENDED, '2026-05-01')])).toBe(false);
    expect(acceptsTraineeEntries('p', [period('p', '2026-01-01', PeriodPhase.FOLLOW_UP, '2026-05-01')])).toBe(false);
    expect(acceptsTraineeEntries('p', [period('p', '2026-01-01', PeriodPhase.COACHING, '2026-05-01')])).toBe(false);
    for (const phase of [PeriodPhase.INITIAL_MAPPING, PeriodPhase.PRE_COACHING, PeriodPhase.COACHING, PeriodPhase.CHECK_POINT]) {
      expect([phase, acceptsTraineeEntries('p', [period('p', '2026-01-01', phase)])]).toEqual([phase, true]);
    }
  });

  it('refuses when the trainee has no period at all', () => {
    expect(acceptsTraineeEntries('p', [])).toBe(false);
  });
});
