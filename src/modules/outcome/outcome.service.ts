import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { EmploymentAreaMessage } from '../../integrations/employment-area/employment-area.port';
import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, notFound } from '../../platform/errors';
import { scopeSql, TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { PeriodPhase } from '../coaching-period/period-phase';
import { IntegrationSystem } from '../integration/integration.entities';
import type { Outbox } from '../integration/outbox';
import { periodContext } from '../integration/period-context';
import type { SubsidyType } from '../organisation/organisation.entities';
import { assertKnownSubsidyType, isNationalSubsidyType } from '../organisation/subsidy-types';
import { compareDates, IsoDate, todayOf } from '../shared/calendar';
import { groupedLoader, isUuid } from '../shared/loaders';
import { Connection, connectionFromRows, decodeCursor, encodeCursor, PageArgs, pageSize } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { SqlParams } from '../shared/sql-params';
import type { Trainee } from '../trainee/trainee.entity';
import {
  assertObservedAfterPeriodStart,
  EMPLOYED_OR_STUDYING_TYPES,
  followUpDueDate,
  OutcomeCheckpoint,
  OutcomeType,
  StatisticsScope,
} from './outcome';
import { Outcome } from './outcome.entity';
import { CorrectOutcomeInput, RecordOutcomeInput } from './outcome.inputs';
import { OutcomeReason } from './outcome.reasons';
import { SMALL_CELL_THRESHOLD, suppressedFigures } from './small-cells';

const ENDED_PHASES: readonly PeriodPhase[] = [PeriodPhase.ENDED, PeriodPhase.FOLLOW_UP];
const CHECKPOINT_ORDER = Object.values(OutcomeCheckpoint);

export interface FollowUpDue {
  period: CoachingPeriod;
  trainee: Trainee;
  checkpoint: OutcomeCheckpoint;
  dueDate: IsoDate;
}

export interface OutcomeStatistics {
  from: IsoDate;
  to: IsoDate;
  scope: StatisticsScope;
  /** NATIONAL: counts below this are suppressed; null for the organisation's own figures. */
  minimumCellSize: number | null;
  suppressed: boolean;
  /** The totals (periodsEnded, withOutcome, employedOrStudying) that are suppressed. */
  suppressedTotals: string[];
  periodsEnded: number | null;
  withOutcome: number | null;
  employedOrStudying: number | null;
  share: number | null;
  byType: Array<{ type: OutcomeType; count: number | null; suppressed: boolean }>;
}

export class OutcomeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async byPeriod(periodId: string): Promise<Outcome[]> {
    if (!isUuid(periodId)) return [];
    return sortByCheckpoint(await this.dataSource.getRepository(Outcome).findBy({ periodId }));
  }

  async record(input: RecordOutcomeInput, actor: Actor): Promise<Outcome> {
    if (compareDates(input.observedOn, todayOf(this.clock)) > 0) {
      throw badInput('input.observedOn', 'input.observedOn cannot be in the future', CommonReason.DATE_IN_FUTURE);
    }
    return this.dataSource.transaction(async (manager) => {
      // The period lock serialises two recordings of the same checkpoint.
      const period = await manager.findOne(CoachingPeriod, { where: { id: input.periodId }, lock: { mode: 'pessimistic_write' } });
      if (!period) throw notFound('CoachingPeriod', input.periodId);
      if (!ENDED_PHASES.includes(period.phase) || !period.endDate) {
        throw conflict(OutcomeReason.PERIOD_NOT_ENDED, 'Outcomes are recorded only after the coaching period has ended', {
          details: { phase: period.phase },
        });
      }
      assertObservedAfterPeriodStart(input.observedOn, period.startDate);
      const dueDate = followUpDueDate(period.endDate, input.checkpoint);
      if (input.checkpoint !== OutcomeCheckpoint.AT_END && compareDates(input.observedOn, dueDate) < 0) {
        throw conflict(OutcomeReason.FOLLOW_UP_NOT_DUE, `The ${input.checkpoint} follow-up is due on ${dueDate}`, {
          details: { dueDate, checkpoint: input.checkpoint },
          fields: [{ path: 'input.observedOn', message: `must be on or after ${dueDate}` }],
        });
      }
      const subsidyType = await this.checkedSubsidyType(manager, input.type, input.subsidyType, period.traineeId);
      if (await manager.existsBy(Outcome, { periodId: period.id, checkpoint: input.checkpoint })) {
        throw conflict(OutcomeReason.OUTCOME_ALREADY_RECORDED, 'An outcome is already recorded for this checkpoint; correct it instead', {
          details: { checkpoint: input.checkpoint },
        });
      }
      const outcome = await manager.save(
        manager.create(Outcome, {
          periodId: period.id,
          traineeId: period.traineeId,
          checkpoint: input.checkpoint,
          type: input.type,
          observedOn: input.observedOn,
          note: input.note ?? null,
          recordedBy: actor.userId,
          subsidyType: subsidyType ?? null,
        }),
      );
      // The employment area follows where its clients went: the type and the day, never the coach's note.
      const context = await periodContext(manager, period.id);
      const message: EmploymentAreaMessage = {
        kind: 'OUTCOME',
        referralExternalId: context.referralExternalId,
        periodId: period.id,
        outcomeId: outcome.id,
        outcomeType: outcome.type,
        date: outcome.observedOn,
      };
      await this.outbox.enqueue(manager, {
        organisationId: context.organisationId,
        system: IntegrationSystem.EMPLOYMENT_AREA,
        kind: message.kind,
        subjectType: 'Outcome',
        subjectId: outcome.id,
        idempotencyKey: `outcome:${outcome.id}`,
        payload: message,
      });
      return outcome;
    });
  }

  async correct(input: CorrectOutcomeInput): Promise<Outcome> {
    return this.dataSource.transaction(async (manager) => {
      const outcome = await manager.findOne(Outcome, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!outcome) throw notFound('Outcome', input.id);
      const subsidyType = await this.checkedSubsidyType(manager, input.type, input.subsidyType, outcome.traineeId);
      if (input.type !== OutcomeType.EMPLOYED_WAGE_SUBSIDY) outcome.subsidyType = null;
      else if (subsidyType !== undefined) outcome.subsidyType = subsidyType;
      outcome.type = input.type;
      if (input.note !== undefined) outcome.note = input.note;
      return manager.save(outcome);
    });
  }

  /**
   * The subsidy type an input names (undefined: none named), checked: only with EMPLOYED_WAGE_SUBSIDY,
   * and a national type or one of the trainee's organisation's own (read only when one is named).
   */
  private async checkedSubsidyType(
    manager: EntityManager,
    type: OutcomeType,
    code: string | null | undefined,
    traineeId: string,
  ): Promise<string | null | undefined> {
    if (code === undefined || code === null) return code;
    if (type !== OutcomeType.EMPLOYED_WAGE_SUBSIDY) {
      throw badInput('input.subsidyType', 'A subsidy type goes only with EMPLOYED_WAGE_SUBSIDY', OutcomeReason.SUBSIDY_TYPE_NOT_APPLICABLE);
    }
    if (!isNationalSubsidyType(code)) {
      const [row]: Array<{ subsidy_types: SubsidyType[] }> = await manager.query(
        'SELECT o.subsidy_types FROM trainee t JOIN organisation o ON o.id = t.organisation_id WHERE t.id = $1',
        [traineeId],
      );
      assertKnownSubsidyType(code, row?.subsidy_types ?? [], 'input.subsidyType');
    }
    return code;
  }

  /**
   * Follow-ups (3 and 6 months after the end) that are due on or before `before` and not yet
   * recorded: a warning list, oldest due first. One statement for the page, one for its periods.
   */
  async followUpsDue(before: IsoDate, page: PageArgs, scope: TraineeScope): Promise<Connection<FollowUpDue>> {
    const first = pageSize(page);
    const params = new SqlParams(before);
    const inScope = scopeSql(scope, params.add);
    const countValues = [...params.values];
    let cursorCondition = '';
    if (page.after) {
      const [dueDate, periodId, checkpoint] = decodeCursor(page.after, ['date', 'uuid', Object.values(OutcomeCheckpoint)]);
      cursorCondition = `AND (due.due_date, due.period_id, due.checkpoint) > (${params.add(dueDate)}::date, ${params.add(periodId)}::uuid, ${params.add(checkpoint)}::outcome_checkpoint)`;
    }
    const dueSql = `
      SELECT p.id AS period_id, c.checkpoint, (p.end_date + make_interval(months => c.months))::date AS due_date
      FROM coaching_period p
      CROSS JOIN (VALUES ('FOLLOW_UP_3_MONTHS'::outcome_checkpoint, 3), ('FOLLOW_UP_6_MONTHS'::outcome_checkpoint, 6)) AS c(checkpoint, months)
      WHERE p.phase IN ('ENDED', 'FOLLOW_UP') AND p.end_date IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.period_id = p.id AND o.checkpoint = c.checkpoint)
        AND p.trainee_id IN (${inScope})`;
    const rows: Array<{ period_id: string; checkpoint: OutcomeCheckpoint; due_date: string }> = await this.dataSource.query(
      `SELECT * FROM (${dueSql}) due WHERE due.due_date <= $1 ${cursorCondition}
       ORDER BY due.due_date, due.period_id, due.checkpoint LIMIT ${first + 1}`,
      params.values,
    );
    const pageRows = rows.slice(0, first);
    const periods = pageRows.length
      ? await this.dataSource.getRepository(CoachingPeriod).find({
          where: { id: In([...new Set(pageRows.map((r) => r.period_id))]) },
          relations: { trainee: true },
        })
      : [];
    const byId = new Map(periods.map((p) => [p.id, p]));
    return connectionFromRows(
      rows,
      first,
      (row) => {
        const period = byId.get(row.period_id)!;
        return {
          cursor: encodeCursor([row.due_date, row.period_id, row.checkpoint]),
          node: { period, trainee: period.trainee!, checkpoint: row.checkpoint, dueDate: row.due_date },
        };
      },
      async () => {
        const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM (${dueSql}) due WHERE due.due_date <= $1`, countValues);
        return count;
      },
    );
  }

  /**
   * AT_END outcomes of periods that ended between `from` and `to` (inclusive). The share is over
   * all ended periods, so a period without a recorded outcome counts against the target rather
   * than silently raising it. ORGANISATION: the periods of the organisation's register, every
   * count shown. NATIONAL: every organisation's, with counts from 1 to 4 suppressed (null) and
   * whatever would let one be computed back from the totals (`suppressedFigures`).
   */
  async statistics(
    organisationId: string,
    from: IsoDate,
    to: IsoDate,
    scope: StatisticsScope = StatisticsScope.ORGANISATION,
  ): Promise<OutcomeStatistics> {
    if (compareDates(from, to) > 0) throw badInput('to', 'to must not be before from', CommonReason.INVALID_RANGE);
    const params = new SqlParams(from, to);
    const inOrganisation = scope === StatisticsScope.NATIONAL ? '' : `AND t.organisation_id = ${params.add(organisationId)}::uuid`;
    const ended = `p.phase IN ('ENDED', 'FOLLOW_UP') AND p.end_date BETWEEN $1 AND $2 ${inOrganisation}`;
    // One statement: the ended periods (type NULL) and the AT_END outcomes by type.
    const rows: Array<{ type: OutcomeType | null; count: number }> = await this.dataSource.query(
      `SELECT NULL::text AS type, count(*)::int AS count FROM coaching_period p JOIN trainee t ON t.id = p.trainee_id WHERE ${ended}
       UNION ALL
       SELECT o.type::text, count(*)::int FROM outcome o JOIN coaching_period p ON p.id = o.period_id JOIN trainee t ON t.id = p.trainee_id
        WHERE o.checkpoint = 'AT_END' AND ${ended} GROUP BY o.type`,
      params.values,
    );
    const periodsEnded = rows.find((r) => r.type === null)?.count ?? 0;
    const countOf = new Map(rows.filter((r) => r.type !== null).map((r) => [r.type!, r.count]));
    const types = Object.values(OutcomeType);
    const figures: Record<string, number> = Object.fromEntries(types.map((type) => [type, countOf.get(type) ?? 0]));
    figures.periodsEnded = periodsEnded;
    figures.withOutcome = types.reduce((sum, type) => sum + figures[type], 0);
    figures.employedOrStudying = EMPLOYED_OR_STUDYING_TYPES.reduce((sum, type) => sum + figures[type], 0);
    const hidden =
      scope === StatisticsScope.NATIONAL
        ? suppressedFigures(figures, [
            { total: 'withOutcome', cells: types },
            { total: 'employedOrStudying', cells: [...EMPLOYED_OR_STUDYING_TYPES] },
          ])
        : new Set<string>();
    const shown = (name: string) => (hidden.has(name) ? null : figures[name]);
    const totals = ['periodsEnded', 'withOutcome', 'employedOrStudying'] as const;
    return {
      from,
      to,
      scope,
      minimumCellSize: scope === StatisticsScope.NATIONAL ? SMALL_CELL_THRESHOLD : null,
      suppressed: hidden.size > 0,
      suppressedTotals: totals.filter((name) => hidden.has(name)),
      periodsEnded: shown('periodsEnded'),
      withOutcome: shown('withOutcome'),
      employedOrStudying: shown('employedOrStudying'),
      share: hidden.has('periodsEnded') || hidden.has('employedOrStudying') || !periodsEnded ? null : figures.employedOrStudying / periodsEnded,
      byType: types.map((type) => ({ type, count: shown(type), suppressed: hidden.has(type) })),
    };
  }

  createLoaders() {
    return {
      outcomesByPeriod: groupedLoader<string, Outcome>(
        async (periodIds) => sortByCheckpoint(await this.dataSource.getRepository(Outcome).findBy({ periodId: In(periodIds.filter(isUuid)) })),
        (outcome) => outcome.periodId,
      ),
    };
  }
}

function sortByCheckpoint(outcomes: Outcome[]): Outcome[] {
  return outcomes.sort((a, b) => CHECKPOINT_ORDER.indexOf(a.checkpoint) - CHECKPOINT_ORDER.indexOf(b.checkpoint));
}

export type OutcomeLoaders = ReturnType<OutcomeService['createLoaders']>;
