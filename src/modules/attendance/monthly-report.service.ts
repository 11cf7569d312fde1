import type { DataSource } from 'typeorm';

import type { EmploymentAreaMessage } from '../../integrations/employment-area/employment-area.port';
import type { Clock } from '../../platform/clock';
import { ParticipationBasis } from '../coaching-period/period-phase';
import { IntegrationSystem } from '../integration/integration.entities';
import type { Outbox } from '../integration/outbox';
import { periodContext } from '../integration/period-context';
import { addMonths, todayOf } from '../shared/calendar';
import { AttendanceReport } from './attendance.entities';
import { ExpenseAllowanceRules, rulesOfOrganisation } from './expense-allowance';

/** The services whose attendance the employment area follows month by month. */
export const REPORTED_BASES: readonly ParticipationBasis[] = [ParticipationBasis.REHABILITATIVE_WORK, ParticipationBasis.WORK_TRIAL];

export interface MonthFigures {
  daysPresent: number;
  daysAbsent: number;
  expenseAllowanceCents: number;
}

/** A month needs a report when none was sent, or a new version when what was sent no longer holds. */
export function nextReportVersion(latest: (MonthFigures & { version: number }) | undefined, now: MonthFigures): number | null {
  if (!latest) return now.daysPresent + now.daysAbsent > 0 ? 1 : null;
  const same =
    latest.daysPresent === now.daysPresent && latest.daysAbsent === now.daysAbsent && latest.expenseAllowanceCents === now.expenseAllowanceCents;
  return same ? null : latest.version + 1;
}

/** The first day of the month `offset` months from the month of `day` (`YYYY-MM-DD`). */
export function monthStart(day: string, offset: number): string {
  return addMonths(`${day.slice(0, 7)}-01`, offset);
}

/**
 * Monthly attendance reports of rehabilitative work and work trials (days present, days absent,
 * expense allowance owed), per period and completed month, to the employment area. Run nightly:
 * a month is reported once it has ended, and attendance entered or corrected later for the last
 * `monthsBack` months goes out as a new version of that month's report. Each report and its
 * outgoing message are written in one transaction.
 */
export class AttendanceReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly allowance: ExpenseAllowanceRules,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async run(options: { monthsBack?: number; signal?: AbortSignal } = {}): Promise<{ reports: number; corrections: number }> {
    const today = todayOf(this.clock);
    const from = monthStart(today, -(options.monthsBack ?? 3));
    const until = monthStart(today, 0);
    const rows: Array<{
      period_id: string;
      month: string;
      basis: ParticipationBasis;
      present: number;
      absent: number;
      organisation_rate: number | null;
      latest_version: number | null;
      latest_present: number | null;
      latest_absent: number | null;
      latest_allowance: number | null;
    }> = await this.dataSource.query(
      `WITH days AS (
         SELECT e.period_id, to_char(e.date, 'YYYY-MM') AS month, e.date, bool_or(e.status = 'PRESENT') AS present
           FROM attendance_entry e JOIN coaching_period p ON p.id = e.period_id
          WHERE p.participation_basis = ANY($1::participation_basis[]) AND e.date >= $2 AND e.date < $3
          GROUP BY e.period_id, e.date)
       SELECT d.period_id, d.month, p.participation_basis AS basis,
              count(*) FILTER (WHERE d.present)::int AS present, count(*) FILTER (WHERE NOT d.present)::int AS absent,
              o.expense_allowance_cents_per_day AS organisation_rate,
              r.version AS latest_version, r.days_present AS latest_present, r.days_absent AS latest_absent, r.expense_allowance_cents AS latest_allowance
         FROM days d
         JOIN coaching_period p ON p.id = d.period_id
         JOIN trainee t ON t.id = p.trainee_id
         JOIN organisation o ON o.id = t.organisation_id
         LEFT JOIN LATERAL (SELECT * FROM attendance_report r WHERE r.period_id = d.period_id AND r.month = d.month ORDER BY r.version DESC LIMIT 1) r ON TRUE
        GROUP BY d.period_id, d.month, p.participation_basis, o.expense_allowance_cents_per_day, r.version, r.days_present, r.days_absent, r.expense_allowance_cents
        ORDER BY d.month, d.period_id`,
      [REPORTED_BASES, from, until],
    );
    let reports = 0;
    let corrections = 0;
    for (const row of rows) {
      if (options.signal?.aborted) break;
      const rules = rulesOfOrganisation(this.allowance, row.organisation_rate);
      const figures: MonthFigures = {
        daysPresent: row.present,
        daysAbsent: row.absent,
        expenseAllowanceCents: rules.bases.has(row.basis) ? row.present * rules.ratePerDayCents : 0,
      };
      const latest =
        row.latest_version === null
          ? undefined
          : {
              version: row.latest_version,
              daysPresent: row.latest_present!,
              daysAbsent: row.latest_absent!,
              expenseAllowanceCents: row.latest_allowance!,
            };
      const version = nextReportVersion(latest, figures);
      if (version === null) continue;
      const written = await this.dataSource.transaction(async (manager) => {
        const inserted: Array<{ id: string }> = await manager.query(
          `INSERT INTO attendance_report (period_id, month, version, days_present, days_absent, expense_allowance_cents) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (period_id, month, version) DO NOTHING RETURNING id`,
          [row.period_id, row.month, version, figures.daysPresent, figures.daysAbsent, figures.expenseAllowanceCents],
        );
        // Another instance wrote this version meanwhile: its transaction queued the message too.
        if (!inserted.length) return false;
        const context = await periodContext(manager, row.period_id);
        const message: EmploymentAreaMessage = {
          kind: 'ATTENDANCE_REPORT',
          referralExternalId: context.referralExternalId,
          periodId: row.period_id,
          month: row.month,
          version,
          participationBasis: row.basis,
          ...figures,
        };
        await this.outbox.enqueue(manager, {
          organisationId: context.organisationId,
          system: IntegrationSystem.EMPLOYMENT_AREA,
          kind: message.kind,
          subjectType: 'AttendanceReport',
          subjectId: inserted[0].id,
          idempotencyKey: `attendance-report:${row.period_id}:${row.month}:v${version}`,
          payload: message,
        });
        return true;
      });
      if (written) {
        reports++;
        if (version > 1) corrections++;
      }
    }
    return { reports, corrections };
  }

  /** The reports sent for a period, every version (for tests and the right of access). */
  reportsOf(periodId: string): Promise<AttendanceReport[]> {
    return this.dataSource.getRepository(AttendanceReport).find({ where: { periodId }, order: { month: 'ASC', version: 'ASC' } });
  }
}
