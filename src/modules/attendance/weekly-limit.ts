import { conflict } from '../../platform/errors';
import type { LegalLimits } from '../coaching-period/legal-limits';
import type { ParticipationBasis } from '../coaching-period/period-phase';
import { addDays, IsoDate } from '../shared/calendar';
import { AttendanceReason } from './attendance.reasons';

/** Monday and Sunday of the ISO week containing `date`. */
export function isoWeekOf(date: IsoDate): { start: IsoDate; end: IsoDate } {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const start = addDays(date, -((weekday + 6) % 7));
  return { start, end: addDays(start, 6) };
}

export interface WeeklyDayLimit {
  /** Present days allowed in one ISO week: the smallest of the agreed days and the legal maximum. */
  daysPerWeek: number;
  /** The legal maximum of the basis (e.g. 4 for rehabilitative work, 5 for a work trial). */
  legalMaxDaysPerWeek: number;
  /** The days agreed for the period (and, on a work-trial day, in the written agreement). */
  agreedDaysPerWeek: number;
}

/**
 * Bases with a legal schedule (rehabilitative work 1–4 days, work trial 1–5 days a week) are
 * limited in present days per ISO week: attending more than agreed is outside the activation plan
 * or the work-trial agreement and pays allowances they do not cover, and the agreed value itself
 * is capped by the law (a period stored before the limit was checked may hold more). A day may
 * fall under more than one basis (a work-trial placement of a career-coaching period): the
 * smallest legal maximum applies. Bases without a legal schedule (employment, career coaching)
 * alone are not limited here: null.
 */
export function weeklyDayLimit(
  bases: readonly ParticipationBasis[],
  agreedDaysPerWeek: readonly [number, ...number[]],
  limits: LegalLimits,
): WeeklyDayLimit | null {
  const legal = bases.map((basis) => limits.schedule[basis]?.daysPerWeek.max).filter((max): max is number => max !== undefined);
  if (!legal.length) return null;
  const legalMax = Math.min(...legal);
  const agreed = Math.min(...agreedDaysPerWeek);
  return { daysPerWeek: Math.min(agreed, legalMax), legalMaxDaysPerWeek: legalMax, agreedDaysPerWeek: agreed };
}

/** `otherPresentDays` are the week's present days other than `date`. */
export function checkWeeklyDays(date: IsoDate, otherPresentDays: number, limit: WeeklyDayLimit, details: Record<string, unknown> = {}): void {
  if (otherPresentDays + 1 > limit.daysPerWeek) {
    const { start } = isoWeekOf(date);
    const why = limit.daysPerWeek < limit.agreedDaysPerWeek ? `the legal maximum of ${limit.legalMaxDaysPerWeek}` : `the agreed ${limit.daysPerWeek}`;
    throw conflict(AttendanceReason.WEEKLY_DAYS_EXCEEDED, `Attendance would exceed ${why} days in the week starting ${start}`, {
      details: {
        ...details,
        daysPerWeek: limit.daysPerWeek,
        legalMaxDaysPerWeek: limit.legalMaxDaysPerWeek,
        weekStart: start,
        presentDays: otherPresentDays,
      },
    });
  }
}
