import { AttendanceEntry, AttendanceReport } from '../modules/attendance/attendance.entities';
import {
  AbsenceReason,
  AttendanceStatus,
  checkAttendanceEntry,
  DEFAULT_EXPENSE_ALLOWANCE_BASES,
  DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY,
  defaultAttendanceLimits,
} from '../modules/attendance/expense-allowance';
import { monthStart, REPORTED_BASES } from '../modules/attendance/monthly-report.service';
import { ParticipationBasis } from '../modules/coaching-period/period-phase';
import { addDays, compareDates } from '../modules/shared/calendar';
import { attendanceWeekdays, placementLabel } from './activity';
import type { Row, SeedContext } from './context';
import { eachDay, finnishTime, isWorkingDay, maxDate, minDate, weekday } from './dates';
import { Lifecycle, PeriodPlan, placementOn } from './lifecycle';

/** A monthly report as the nightly job wrote it, with what its message to the employment area says. */
export interface SeededReport {
  id: string;
  organisationId: string;
  periodId: string;
  referralExternalId: string | null;
  basis: ParticipationBasis;
  month: string;
  version: number;
  daysPresent: number;
  daysAbsent: number;
  expenseAllowanceCents: number;
  createdAt: Date;
}

/** The attendance seeded by src/demo/activity.ts covers four weeks; the reports need whole months before it. */
const ACTIVITY_WINDOW_DAYS = 28;

/**
 * Monthly attendance reports of rehabilitative work and work trials, as the nightly job
 * (src/modules/attendance/monthly-report.service.ts) writes them at 03:45 on the first of the next
 * month: one per period and completed month with attendance, the figures counted from the
 * entries the same way. So that the last two months are whole, the attendance of those periods is
 * seeded back to the first of the month before last (the activity seed keeps four weeks). One
 * report has a version 2: a present day entered two days after the month was reported, and the
 * next night's correction. The job, run on this data, finds nothing to send.
 */
export async function seedAttendanceReports(ctx: SeedContext, lifecycle: Lifecycle): Promise<SeededReport[]> {
  const rng = ctx.rng('attendance-reports');
  const today = ctx.today;
  const windowStart = addDays(today, -ACTIVITY_WINDOW_DAYS);
  const yesterday = addDays(today, -1);
  const from = monthStart(today, -2);
  const correctedMonth = from.slice(0, 7);

  // The weekdays each period already attends (a week across the window's start keeps to them).
  const known: Array<{ period_id: string; days: number[] }> = await ctx.manager.query(
    `SELECT period_id, array_agg(DISTINCT extract(isodow FROM date)::int) AS days FROM attendance_entry GROUP BY period_id`,
  );
  const weekdaysOf = new Map(known.map((row) => [row.period_id, new Set(row.days)]));

  const rows: Row<AttendanceEntry>[] = [];
  const presentInCorrectedMonth = new Map<PeriodPlan, Array<Row<AttendanceEntry>>>();
  for (const period of lifecycle.periods) {
    if (!REPORTED_BASES.includes(period.basis)) continue;
    const first = maxDate(period.start, from);
    const last = minDate(minDate(period.end ?? yesterday, yesterday), addDays(windowStart, -1));
    if (compareDates(first, last) > 0) continue;
    const days = weekdaysOf.get(period.id) ?? new Set(attendanceWeekdays(rng, period.daysPerWeek));
    const coach = period.coach.actor.userId;
    for (const date of eachDay(first, last)) {
      if (!isWorkingDay(date) || !days.has(weekday(date))) continue;
      const createdAt = ctx.at(date, 15, rng.int(0, 59));
      const base = { id: ctx.id(), periodId: period.id, traineeId: period.trainee.id, date, recordedBy: coach, createdAt, updatedAt: createdAt };
      if (rng.chance(0.08)) {
        const reason = rng.weighted<AbsenceReason>([
          [AbsenceReason.ILLNESS, 55],
          [AbsenceReason.CHILD_ILLNESS, 10],
          [AbsenceReason.AUTHORISED, 20],
          [AbsenceReason.UNAUTHORISED, 10],
          [AbsenceReason.OTHER, 5],
        ]);
        checkAttendanceEntry({ status: AttendanceStatus.ABSENT, hours: null, absenceReason: reason }, defaultAttendanceLimits);
        rows.push({ ...base, status: AttendanceStatus.ABSENT, hours: null, absenceReason: reason, note: null });
        continue;
      }
      const hours = rng.chance(0.1) ? Math.max(1, period.hoursPerDay - 1) : period.hoursPerDay;
      checkAttendanceEntry({ status: AttendanceStatus.PRESENT, hours, absenceReason: null }, defaultAttendanceLimits);
      const placement = placementOn(period, date);
      const row: Row<AttendanceEntry> = {
        ...base,
        status: AttendanceStatus.PRESENT,
        hours,
        absenceReason: null,
        note: placement ? `${placementLabel(placement.kind)}: ${placement.unit?.name ?? placement.company?.name}` : null,
      };
      rows.push(row);
      if (date.startsWith(correctedMonth)) presentInCorrectedMonth.set(period, [...(presentInCorrectedMonth.get(period) ?? []), row]);
    }
  }
  // The late entry: recorded on the second of the next month, after that month's report had gone.
  const reportedAt = (month: string, days = 0) => finnishTime(addDays(monthStart(`${month}-01`, 1), days), 3, 45);
  const candidates = [...presentInCorrectedMonth.entries()].filter(([, present]) => present.length >= 2);
  const corrected = candidates.length ? rng.pick(candidates) : undefined;
  if (corrected) {
    const late = rng.pick(corrected[1]);
    late.createdAt = late.updatedAt = ctx.at(addDays(monthStart(`${correctedMonth}-01`, 1), 1), 10, rng.int(0, 59));
    late.note = 'Kirjattu jälkikäteen: päivä puuttui kuukausiraportista.';
  }
  await ctx.insert(AttendanceEntry, rows);

  // The figures as the job counts them, for every organisation (its rate where it has one).
  const figures: Array<{
    period_id: string;
    month: string;
    basis: ParticipationBasis;
    present: number;
    absent: number;
    organisation_id: string;
    rate: number | null;
    referral_external_id: string | null;
  }> = await ctx.manager.query(
    `WITH days AS (
       SELECT e.period_id, to_char(e.date, 'YYYY-MM') AS month, e.date, bool_or(e.status = 'PRESENT') AS present
         FROM attendance_entry e JOIN coaching_period p ON p.id = e.period_id
        WHERE p.participation_basis = ANY($1::participation_basis[]) AND e.date >= $2 AND e.date < $3
        GROUP BY e.period_id, e.date)
     SELECT d.period_id, d.month, p.participation_basis AS basis,
            count(*) FILTER (WHERE d.present)::int AS present, count(*) FILTER (WHERE NOT d.present)::int AS absent,
            t.organisation_id, o.expense_allowance_cents_per_day AS rate, r.external_id AS referral_external_id
       FROM days d
       JOIN coaching_period p ON p.id = d.period_id
       JOIN trainee t ON t.id = p.trainee_id
       JOIN organisation o ON o.id = t.organisation_id
       LEFT JOIN referral r ON r.id = p.referral_id
      GROUP BY d.period_id, d.month, p.participation_basis, t.organisation_id, o.expense_allowance_cents_per_day, r.external_id
      ORDER BY d.month, d.period_id`,
    [REPORTED_BASES, monthStart(today, -3), monthStart(today, 0)],
  );
  const earns = new Set(DEFAULT_EXPENSE_ALLOWANCE_BASES);
  const reports: SeededReport[] = [];
  for (const row of figures) {
    const createdAt = reportedAt(row.month);
    // The job has not yet run for last month (the demo is seeded before 03:45 on the first).
    if (createdAt > ctx.asOf) continue;
    const rate = row.rate ?? DEFAULT_EXPENSE_ALLOWANCE_CENTS_PER_DAY;
    const allowance = (present: number) => (earns.has(row.basis) ? present * rate : 0);
    const report = (version: number, daysPresent: number, at: Date): SeededReport => ({
      id: ctx.id(),
      organisationId: row.organisation_id,
      periodId: row.period_id,
      referralExternalId: row.referral_external_id,
      basis: row.basis,
      month: row.month,
      version,
      daysPresent,
      daysAbsent: row.absent,
      expenseAllowanceCents: allowance(daysPresent),
      createdAt: at,
    });
    if (corrected && row.period_id === corrected[0].id && row.month === correctedMonth) {
      reports.push(report(1, row.present - 1, createdAt), report(2, row.present, reportedAt(row.month, 2)));
    } else {
      reports.push(report(1, row.present, createdAt));
    }
  }
  await ctx.insert(
    AttendanceReport,
    reports.map((r) => ({
      id: r.id,
      periodId: r.periodId,
      month: r.month,
      version: r.version,
      daysPresent: r.daysPresent,
      daysAbsent: r.daysAbsent,
      expenseAllowanceCents: r.expenseAllowanceCents,
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
    })),
  );
  return reports;
}
