import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Between, In } from 'typeorm';

import { Actor, Role } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, DomainError, FieldProblem, notFound, ReasonCode } from '../../platform/errors';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { acceptsTraineeEntries } from '../coaching-period/current-period';
import { coveredUntil, LegalLimits, STORED_SCHEDULE_LIMITS } from '../coaching-period/legal-limits';
import { isActivePhase, ParticipationBasis } from '../coaching-period/period-phase';
import { compareDates, isWithinRange, todayOf } from '../shared/calendar';
import { isUuid } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { PlainRows } from '../shared/plain-rows';
import { CommonReason } from '../shared/reasons';
import { WorkOrder } from '../work-order/work-order.entities';
import { workTrialDays } from '../work-trial/work-trial.service';
import { agreementForDay, workTrialScopeOn } from '../work-trial/work-trial-rules';
import { AttendanceEntry, DiaryEntry } from './attendance.entities';
import { AddDiaryEntryInput, RecordAttendanceInput } from './attendance.inputs';
import { AttendanceReason } from './attendance.reasons';
import { DiaryEntryKind, traineeMayWriteDiaryKind } from './diary-kind';
import {
  AbsenceReason,
  AttendanceStatus,
  checkAttendanceEntry,
  ExpenseAllowanceRules,
  PeriodExpenseAllowance,
  periodExpenseAllowance,
  rulesOfOrganisation,
} from './expense-allowance';
import { checkWeeklyDays, isoWeekOf, weeklyDayLimit } from './weekly-limit';

export type ExpenseAllowanceResult = PeriodExpenseAllowance;

/** The legal numbers attendance is checked and paid with, from configuration. */
export interface AttendanceRules {
  limits: LegalLimits;
  expenseAllowance: ExpenseAllowanceRules;
}

export interface AttendanceSummaryResult {
  periodId: string;
  presentDays: number;
  absentDays: number;
  absencesByReason: Array<{ reason: AbsenceReason; days: number }>;
  hours: number;
  expenseAllowance: ExpenseAllowanceResult;
}

export class AttendanceService {
  private readonly entryRows: PlainRows<AttendanceEntry>;

  constructor(
    private readonly dataSource: DataSource,
    /** Legal limits and the expense allowance (rate and earning bases), from configuration. */
    private readonly rules: AttendanceRules,
    private readonly clock: Clock,
  ) {
    this.entryRows = new PlainRows(dataSource, AttendanceEntry);
  }

  /**
   * The coach's morning list for the whole group. One transaction: a single bad entry leaves the
   * day as it was, so the list is never half-recorded.
   */
  async record(input: RecordAttendanceInput, actor: Actor): Promise<AttendanceEntry[]> {
    if (compareDates(input.date, todayOf(this.clock)) > 0)
      throw badInput('input.date', 'Attendance cannot be recorded in advance', AttendanceReason.FUTURE_DATE);
    const seen = new Set<string>();
    input.entries.forEach((entry, i) => {
      if (seen.has(entry.periodId)) throw badInput(`input.entries[${i}].periodId`, 'The period is listed twice', AttendanceReason.DUPLICATE_PERIOD);
      seen.add(entry.periodId);
      try {
        // No day is longer than the longest day a period can agree to.
        checkAttendanceEntry(entry, { maxHoursPerDay: STORED_SCHEDULE_LIMITS.hoursPerDay.max });
      } catch (error) {
        throw error instanceof DomainError ? reroot(error, `input.entries[${i}]`) : error;
      }
    });

    return this.dataSource.transaction(async (manager) => {
      // Locked in id order so two overlapping lists cannot deadlock, and the weekly count stays true.
      const periods = await manager.find(CoachingPeriod, { where: { id: In([...seen]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const byId = new Map(periods.map((p) => [p.id, p]));
      const week = isoWeekOf(input.date);
      // The work-trial agreement and the weekly count bound days present only: a list of absences reads neither.
      const presentIds = input.entries.filter((e) => e.status === AttendanceStatus.PRESENT && byId.has(e.periodId)).map((e) => e.periodId);
      // Work-trial days need a signed agreement; its schedule limits the day too.
      const trialDays = await workTrialDays(manager, presentIds, input.date);
      const otherDays = new Map<string, number>();
      if (presentIds.length) {
        const rows: Array<{ periodId: string; days: string }> = await manager
          .createQueryBuilder(AttendanceEntry, 'entry')
          .select('entry.periodId', 'periodId')
          .addSelect('COUNT(DISTINCT entry.date)', 'days')
          .where('entry.periodId IN (:...ids)', { ids: presentIds })
          .andWhere('entry.date BETWEEN :start AND :end AND entry.date <> :date', { ...week, date: input.date })
          .andWhere('entry.status = :present', { present: AttendanceStatus.PRESENT })
          .groupBy('entry.periodId')
          .getRawMany();
        for (const row of rows) otherDays.set(row.periodId, Number(row.days));
      }

      input.entries.forEach((entry, i) => {
        const path = `input.entries[${i}]`;
        const period = byId.get(entry.periodId);
        if (!period) throw badInput(`${path}.periodId`, 'No such coaching period', CommonReason.PERIOD_NOT_FOUND);
        if (!isActivePhase(period.phase)) {
          throw conflict(CommonReason.PERIOD_NOT_ACTIVE, `Entry ${i}: the period is ${period.phase}`, {
            details: { entryIndex: i, phase: period.phase },
          });
        }
        // Up to its end or planned end, and never past the legal maximum (a legacy open-ended period).
        if (!isWithinRange(input.date, { start: period.startDate, end: coveredUntil(period, this.rules.limits) })) {
          throw badInput(`${path}.periodId`, 'The date is outside this coaching period', CommonReason.DATE_OUTSIDE_PERIOD);
        }
        if (entry.hours != null && entry.hours > Number(period.hoursPerDay)) {
          throw badInput(
            `${path}.hours`,
            `At most ${period.hoursPerDay} hours a day are agreed for this period`,
            AttendanceReason.HOURS_ABOVE_SCHEDULE,
          );
        }
        if (entry.status !== AttendanceStatus.PRESENT) return;
        const trialDay = trialDays.get(period.id)!;
        const scope = workTrialScopeOn(period.participationBasis, trialDay.placements, input.date);
        const agreement = scope ? agreementForDay(trialDay.agreements, scope, input.date, { entryIndex: i }) : null;
        if (agreement && entry.hours! > agreement.hoursPerDay) {
          throw badInput(
            `${path}.hours`,
            `At most ${agreement.hoursPerDay} hours a day are agreed in the work-trial agreement`,
            AttendanceReason.HOURS_ABOVE_SCHEDULE,
          );
        }
        // A work-trial day (also in a placement of another basis) is bound by the work-trial law and its agreement too.
        const bases = agreement ? [period.participationBasis, ParticipationBasis.WORK_TRIAL] : [period.participationBasis];
        const agreed: [number, ...number[]] = agreement ? [period.daysPerWeek, agreement.daysPerWeek] : [period.daysPerWeek];
        const limit = weeklyDayLimit(bases, agreed, this.rules.limits);
        if (limit) checkWeeklyDays(input.date, otherDays.get(period.id) ?? 0, limit, { entryIndex: i });
      });

      const rows = input.entries.map((entry) => ({
        periodId: entry.periodId,
        traineeId: byId.get(entry.periodId)!.traineeId,
        date: input.date,
        status: entry.status,
        hours: entry.status === AttendanceStatus.PRESENT ? entry.hours! : null,
        absenceReason: entry.status === AttendanceStatus.ABSENT ? entry.absenceReason! : null,
        note: entry.note ?? null,
        recordedBy: actor.userId,
      }));
      // One statement writes the day and returns what was stored (a second entry of the day replaces the first).
      const saved: Array<{ row: unknown }> = await manager.query(
        `INSERT INTO attendance_entry (period_id, trainee_id, date, status, hours, absence_reason, note, recorded_by)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::attendance_status[], $5::numeric[], $6::absence_reason[], $7::text[], $8::text[])
         ON CONFLICT (period_id, date) DO UPDATE SET trainee_id = EXCLUDED.trainee_id, status = EXCLUDED.status, hours = EXCLUDED.hours,
           absence_reason = EXCLUDED.absence_reason, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by, updated_at = now()
         RETURNING row_to_json(attendance_entry.*) AS row`,
        [
          rows.map((r) => r.periodId),
          rows.map((r) => r.traineeId),
          rows.map((r) => r.date),
          rows.map((r) => r.status),
          rows.map((r) => r.hours),
          rows.map((r) => r.absenceReason),
          rows.map((r) => r.note),
          rows.map((r) => r.recordedBy),
        ],
      );
      const byPeriod = new Map(saved.map(({ row }) => this.entryRows.fromJson(row)!).map((e) => [e.periodId, e]));
      return input.entries.map((entry) => byPeriod.get(entry.periodId)!);
    });
  }

  async list(periodId: string, from?: string | null, to?: string | null): Promise<AttendanceEntry[]> {
    await this.mustHavePeriod(periodId);
    return this.dataSource.getRepository(AttendanceEntry).find({ where: { periodId, ...dateRange(from, to) }, order: { date: 'ASC' } });
  }

  async summary(periodId: string): Promise<AttendanceSummaryResult> {
    // The period with its organisation's own daily rate (null: the deployment's), in one statement.
    const { entities, raw } = isUuid(periodId)
      ? await this.dataSource
          .getRepository(CoachingPeriod)
          .createQueryBuilder('period')
          .innerJoin('trainee', 'trainee', 'trainee.id = period.trainee_id')
          .innerJoin('organisation', 'organisation', 'organisation.id = trainee.organisation_id')
          .addSelect('organisation.expense_allowance_cents_per_day', 'organisation_rate')
          .where('period.id = :periodId', { periodId })
          .getRawAndEntities<{ organisation_rate: number | null }>()
      : { entities: [], raw: [] };
    const period = entities[0];
    if (!period) throw notFound('CoachingPeriod', periodId);
    const entries = await this.dataSource
      .getRepository(AttendanceEntry)
      .find({ where: { periodId }, select: { date: true, status: true, hours: true, absenceReason: true } });
    const absences = new Map<AbsenceReason, number>();
    let hours = 0;
    for (const entry of entries) {
      if (entry.status === AttendanceStatus.PRESENT) hours += Number(entry.hours ?? 0);
      else if (entry.absenceReason) absences.set(entry.absenceReason, (absences.get(entry.absenceReason) ?? 0) + 1);
    }
    const allowance = periodExpenseAllowance(
      period.participationBasis,
      entries,
      rulesOfOrganisation(this.rules.expenseAllowance, raw[0]?.organisation_rate),
    );
    return {
      periodId,
      presentDays: new Set(entries.filter((e) => e.status === AttendanceStatus.PRESENT).map((e) => e.date)).size,
      absentDays: entries.filter((e) => e.status === AttendanceStatus.ABSENT).length,
      absencesByReason: [...absences].map(([reason, days]) => ({ reason, days })).sort((a, b) => a.reason.localeCompare(b.reason)),
      hours: Math.round(hours * 100) / 100,
      expenseAllowance: allowance,
    };
  }

  async addDiaryEntry(input: AddDiaryEntryInput, actor: Actor): Promise<DiaryEntry> {
    const period = await this.mustHavePeriod(input.periodId);
    if (actor.role === Role.TRAINEE) await this.checkTraineeDiaryEntry(input, period, actor);
    const date = input.date ?? todayOf(this.clock);
    if (compareDates(date, todayOf(this.clock)) > 0)
      throw badInput('input.date', 'A diary entry cannot be dated in the future', AttendanceReason.FUTURE_DATE);
    if (input.workOrderId && !(await this.dataSource.getRepository(WorkOrder).existsBy({ id: input.workOrderId }))) {
      throw badInput('input.workOrderId', 'No such work order', CommonReason.WORK_ORDER_NOT_FOUND);
    }
    const repository = this.dataSource.getRepository(DiaryEntry);
    return repository.save(
      repository.create({
        periodId: input.periodId,
        kind: input.kind,
        date,
        authorId: actor.userId,
        text: input.text,
        tasksDone: input.tasksDone ?? [],
        workOrderId: input.workOrderId ?? null,
      }),
    );
  }

  /**
   * A trainee writes their own learning diary (oppimispäiväkirja) only: the coach's daily log is the
   * staff's documentation. Only on their own current, ongoing period (not on an earlier one).
   */
  private async checkTraineeDiaryEntry(input: AddDiaryEntryInput, period: CoachingPeriod, actor: Actor): Promise<void> {
    // The matrix already refused anyone else's period; this holds even if a rule were changed.
    if (!actor.traineeId || period.traineeId !== actor.traineeId) throw notFound('CoachingPeriod', input.periodId);
    if (!traineeMayWriteDiaryKind(input.kind)) {
      throw badInput('input.kind', `A trainee writes ${DiaryEntryKind.LEARNING_DIARY} entries only`, AttendanceReason.DIARY_KIND_STAFF_ONLY);
    }
    const periods = await this.dataSource.getRepository(CoachingPeriod).findBy({ traineeId: period.traineeId });
    if (!acceptsTraineeEntries(period.id, periods)) {
      throw badInput('input.periodId', 'A trainee writes on their own current, ongoing period only', CommonReason.NOT_CURRENT_PERIOD);
    }
  }

  diaryEntries(periodId: string, page: PageArgs): Promise<Connection<DiaryEntry>> {
    const query = this.dataSource.getRepository(DiaryEntry).createQueryBuilder('entry').where('entry.periodId = :periodId', { periodId });
    return paginate(query, page, [{ sql: 'entry.date', value: (e) => e.date, kind: 'date' }], 'DESC');
  }

  createLoaders() {
    const entries = this.dataSource.getRepository(AttendanceEntry);
    return {
      /** Keys are `periodId|from|to`; one statement per distinct date range in the batch. */
      attendanceByPeriodRange: new DataLoader<string, AttendanceEntry[]>(async (keys) => {
        const ranges = new Map<string, string[]>();
        for (const key of keys) {
          const [periodId, range] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
          if (isUuid(periodId)) ranges.set(range, [...(ranges.get(range) ?? []), periodId]);
        }
        const found = new Map<string, AttendanceEntry[]>();
        for (const [range, periodIds] of ranges) {
          const [from, to] = range.split('|');
          const rows = await entries.find({ where: { periodId: In(periodIds), ...dateRange(from, to) }, order: { date: 'ASC' } });
          for (const row of rows) {
            const key = `${row.periodId}|${range}`;
            found.set(key, [...(found.get(key) ?? []), row]);
          }
        }
        return keys.map((key) => found.get(key) ?? []);
      }),
      /**
       * Keys are `periodId|basis` (the resolver has the period row). One statement: the present days
       * of the periods whose basis earns the allowance, and each period's organisation's own rate.
       */
      expenseAllowanceByPeriod: new DataLoader<string, ExpenseAllowanceResult>(async (keys) => {
        const parsed = keys.map((key) => {
          const [periodId, basis] = key.split('|');
          return { periodId, basis: basis as CoachingPeriod['participationBasis'] };
        });
        const valid = [...new Set(parsed.filter((k) => isUuid(k.periodId)).map((k) => k.periodId))];
        const earning = parsed.filter((k) => isUuid(k.periodId) && this.rules.expenseAllowance.bases.has(k.basis)).map((k) => k.periodId);
        const rows: Array<{ period_id: string; rate: number | null; date: string | null }> = valid.length
          ? await this.dataSource.query(
              `SELECT p.id AS period_id, o.expense_allowance_cents_per_day AS rate, a.date
                 FROM coaching_period p
                 JOIN trainee t ON t.id = p.trainee_id
                 JOIN organisation o ON o.id = t.organisation_id
                 LEFT JOIN attendance_entry a ON a.period_id = p.id AND a.status = $3 AND p.id = ANY($2::uuid[])
                WHERE p.id = ANY($1::uuid[])`,
              [valid, earning, AttendanceStatus.PRESENT],
            )
          : [];
        const days = new Map<string, Array<{ date: string; status: AttendanceStatus }>>(parsed.map((k) => [k.periodId, []]));
        const rates = new Map<string, number | null>();
        for (const row of rows) {
          rates.set(row.period_id, row.rate);
          if (row.date) days.get(row.period_id)?.push({ date: row.date, status: AttendanceStatus.PRESENT });
        }
        return parsed.map((k) =>
          periodExpenseAllowance(k.basis, days.get(k.periodId) ?? [], rulesOfOrganisation(this.rules.expenseAllowance, rates.get(k.periodId))),
        );
      }),
    };
  }

  private async mustHavePeriod(id: string): Promise<CoachingPeriod> {
    const period = isUuid(id) ? await this.dataSource.getRepository(CoachingPeriod).findOneBy({ id }) : null;
    if (!period) throw notFound('CoachingPeriod', id);
    return period;
  }
}

/** Moves a rule's `input.x` paths under one list item, e.g. `input.entries[2].hours`. */
function reroot(error: DomainError, prefix: string): DomainError {
  const extensions = error.extensions as { code: string; reason?: ReasonCode; fields?: FieldProblem[]; details?: Record<string, unknown> };
  return new DomainError(error.code, error.message, {
    reason: extensions.reason,
    details: extensions.details,
    fields: extensions.fields?.map((f) => ({ ...f, path: f.path.replace(/^input/, prefix) })),
  });
}

function dateRange(from?: string | null, to?: string | null) {
  if (from && to) return { date: Between(from, to) };
  if (from) return { date: Between(from, '9999-12-31') };
  if (to) return { date: Between('0001-01-01', to) };
  return {};
}

export type AttendanceLoaders = ReturnType<AttendanceService['createLoaders']>;
