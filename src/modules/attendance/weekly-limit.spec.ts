import { captureDomainError } from '../shared/testing';
import { checkWeeklyDays, isoWeekOf } from './weekly-limit';

describe('isoWeekOf', () => {
  it('runs from Monday to Sunday', () => {
    expect(isoWeekOf('2025-03-05')).toEqual({ start: '2025-03-03', end: '2025-03-09' }); // Wednesday
    expect(isoWeekOf('2025-03-03')).toEqual({ start: '2025-03-03', end: '2025-03-09' }); // Monday
    expect(isoWeekOf('2025-03-09')).toEqual({ start: '2025-03-03', end: '2025-03-09' }); // Sunday
  });

  it('crosses month and year ends', () => {
    expect(isoWeekOf('2025-01-01')).toEqual({ start: '2024-12-30', end: '2025-01-05' });
  });
});

describe('checkWeeklyDays', () => {
  it('allows up to the agreed days', () => {
    expect(() => checkWeeklyDays('2025-03-06', 3, 4)).not.toThrow();
  });

  it('refuses one day more with the week and limit in details', () => {
    const error = captureDomainError(() => checkWeeklyDays('2025-03-07', 4, 4, { entryIndex: 2 }));
    expect(error.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'WEEKLY_DAYS_EXCEEDED',
      details: { entryIndex: 2, daysPerWeek: 4, weekStart: '2025-03-03', presentDays: 4 },
    });
  });
});
