import { monthStart, nextReportVersion } from './monthly-report.service';

describe('monthly attendance reports', () => {
  it('reports a month with attendance once, and nothing for a month without any', () => {
    expect(nextReportVersion(undefined, { daysPresent: 12, daysAbsent: 2, expenseAllowanceCents: 10800 })).toBe(1);
    expect(nextReportVersion(undefined, { daysPresent: 0, daysAbsent: 0, expenseAllowanceCents: 0 })).toBeNull();
  });

  it('sends a correction as the next version only when a figure changed', () => {
    const sent = { version: 2, daysPresent: 12, daysAbsent: 2, expenseAllowanceCents: 10800 };
    expect(nextReportVersion(sent, { daysPresent: 12, daysAbsent: 2, expenseAllowanceCents: 10800 })).toBeNull();
    expect(nextReportVersion(sent, { daysPresent: 13, daysAbsent: 1, expenseAllowanceCents: 11700 })).toBe(3);
    expect(nextReportVersion(sent, { daysPresent: 12, daysAbsent: 2, expenseAllowanceCents: 12000 })).toBe(3);
  });

  it('counts months across the turn of the year', () => {
    expect(monthStart('2026-01-15', -1)).toBe('2025-12-01');
    expect(monthStart('2026-01-15', -3)).toBe('2025-10-01');
    expect(monthStart('2026-12-31', 0)).toBe('2026-12-01');
    expect(monthStart('2026-12-31', 1)).toBe('2027-01-01');
  });
});
