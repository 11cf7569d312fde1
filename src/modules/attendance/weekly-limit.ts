import { conflict } from '../../platform/errors';
import { addDays, IsoDate } from '../shared/calendar';

/** Monday and Sunday of the ISO week containing `date`. */
export function isoWeekOf(date: IsoDate): { start: IsoDate; end: IsoDate } {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const start = addDays(date, -((weekday + 6) % 7));
  return { start, end: addDays(start, 6) };
}

/**
 * Rehabilitative work activity is agreed as a number of days a week (1–4): attending more days
 * than agreed is outside the activation plan, and pays allowances the plan does not cover.
 * `otherPresentDays` are the week's present days other than `date`.
 */
export function checkWeeklyDays(date: IsoDate, otherPresentDays: number, daysPerWeek: number, details: Record<string, unknown> = {}): void {
  if (otherPresentDays + 1 > daysPerWeek) {
    const { start } = isoWeekOf(date);
    throw conflict('WEEKLY_DAYS_EXCEEDED', `Attendance would exceed the agreed ${daysPerWeek} days in the week starting ${start}`, {
      details: { ...details, daysPerWeek, weekStart: start, presentDays: otherPresentDays },
    });
  }
}
