import type { DataSource, EntityManager } from 'typeorm';

import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { IsoDate, todayOf } from '../shared/calendar';
import { USER_CHANGE_CHANNEL } from '../user/user-directory';
import { policyAssignments, policyProblems, RETENTION_POLICY, retentionUpdateSql, SHARED_FEEDBACK } from './retention-policy';
import { cutoffsParameter, retentionBatchSql, retentionCutoffs, retentionEligibilitySql } from './retention-rules';
import { describeTables, PlannedTable, planTraineeData, TRAINEE_TABLE } from './trainee-data-plan';

export interface RetentionOptions {
  /** Count what would be pseudonymised; change nothing. */
  dryRun?: boolean;
  /** Trainees per transaction. */
  batchSize?: number;
  /** "Today" in Finland; tests move it. */
  today?: IsoDate;
  /** Checked between batches; a stopping server ends the run after the current batch. */
  signal?: AbortSignal;
}

export interface RetentionReport {
  dryRun: boolean;
  /** The deployment's RETENTION_YEARS, for organisations that keep no period of their own. */
  retentionYears: number;
  /** Trainees of such organisations whose matter closed before this day are pseudonymised. */
  cutoff: IsoDate;
  /** Each organisation's own period (retention_years, else RETENTION_YEARS) and cut-off. */
  organisations: Array<{ organisationId: string; retentionYears: number; cutoff: IsoDate }>;
  /** Eligible trainees found (dry run) or pseudonymised (real run). */
  trainees: number;
  batches: number;
  /** Rows changed per table (real run only). */
  rowsByTable: Record<string, number>;
  /** Eligible trainees left after the run: rows locked by someone else, or an aborted run. */
  remaining: number;
  aborted: boolean;
  durationMs: number;
}

export const DEFAULT_RETENTION_BATCH_SIZE = 500;

/**
 * The retention job: pseudonymises trainees whose matter closed longer ago than their
 * organisation's retention period (organisation.retention_years, else RETENTION_YEARS).
 * Names become a stable pseudonym, the identity code (ciphertext, key id, hash) and contact
 * details are removed, and free text that can describe the person is cleared, table by table as
 * RETENTION_POLICY says; everything statistics need stays, so figures computed before and after
 * are the same. One transaction per batch; idempotent (pseudonymised trainees are never selected
 * again) and safe to run on several instances at once (SKIP LOCKED).
 */
export class RetentionService {
  private planCache?: PlannedTable[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly retentionYears: number,
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  /** The tables about a trainee; checked against the policy once, so a gap fails loudly rather than silently keeping data. */
  plan(): PlannedTable[] {
    if (!this.planCache) {
      const plan = planTraineeData(describeTables(this.dataSource));
      const problems = policyProblems(plan);
      if (problems.length) {
        throw new Error(
          `retention policy does not cover the model: ${problems.map((p) => `${p.table}${p.column ? `.${p.column}` : ''}: ${p.problem}`).join('; ')}`,
        );
      }
      this.planCache = plan;
    }
    return this.planCache;
  }

  async run(options: RetentionOptions = {}): Promise<RetentionReport> {
    const started = performance.now();
    const dryRun = options.dryRun ?? false;
    const batchSize = options.batchSize ?? DEFAULT_RETENTION_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    const organisations: Array<{ id: string; retention_years: number | null }> = await this.dataSource.query(
      'SELECT id, retention_years FROM organisation ORDER BY id',
    );
    const cutoffs = retentionCutoffs(
      options.today ?? todayOf(this.clock),
      this.retentionYears,
      organisations.map((o) => ({ id: o.id, retentionYears: o.retention_years })),
    );
    // Every statement of the run takes the cut-offs as one JSON parameter: each trainee is held to its organisation's.
    const cutoff = cutoffsParameter(cutoffs);
    const plan = this.plan();
    const report: RetentionReport = {
      dryRun,
      retentionYears: this.retentionYears,
      cutoff: cutoffs.default,
      organisations: Object.entries(cutoffs.byOrganisation).map(([organisationId, own]) => ({ organisationId, ...own })),
      trainees: 0,
      batches: 0,
      rowsByTable: {},
      remaining: 0,
      aborted: false,
      durationMs: 0,
    };

    if (dryRun) {
      report.trainees = await this.countEligible(cutoff);
      report.remaining = report.trainees;
    } else {
      for (;;) {
        if (options.signal?.aborted) {
          report.aborted = true;
          break;
        }
        const batch = await this.dataSource.transaction((manager) => this.pseudonymiseBatch(manager, plan, cutoff, batchSize));
        if (batch.selected === 0) break;
        report.batches += 1;
        report.trainees += batch.pseudonymised;
        for (const [table, count] of Object.entries(batch.rows)) report.rowsByTable[table] = (report.rowsByTable[table] ?? 0) + count;
        this.logger?.debug({ batch: report.batches, trainees: batch.pseudonymised }, 'retention batch committed');
        // Everything selected became ineligible between select and re-check: nothing more to do now.
        if (batch.pseudonymised === 0) break;
      }
      // Two runs at once can each pseudonymise part of one work order's trainees, each seeing the
      // other's still identifiable: a sweep after this run's own commits catches those orders (the
      // later of two concurrent sweeps starts after both runs' last commits).
      if (!report.aborted) {
        const swept = await this.dataSource.transaction((manager) => this.clearSharedFeedback(manager, null));
        if (swept) report.rowsByTable[SHARED_FEEDBACK.table] = (report.rowsByTable[SHARED_FEEDBACK.table] ?? 0) + swept;
      }
      report.remaining = await this.countEligible(cutoff);
    }
    report.durationMs = Math.round(performance.now() - started);
    this.logger?.info(
      {
        dryRun,
        cutoff: cutoffs.default,
        organisations: report.organisations.length,
        trainees: report.trainees,
        batches: report.batches,
        remaining: report.remaining,
        durationMs: report.durationMs,
      },
      dryRun ? 'retention dry run finished' : 'retention run finished',
    );
    return report;
  }

  private async countEligible(cutoff: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM trainee t WHERE ${retentionEligibilitySql('$1')}`, [cutoff]);
      return count as number;
    });
  }

  private async pseudonymiseBatch(
    manager: EntityManager,
    plan: PlannedTable[],
    cutoff: string,
    batchSize: number,
  ): Promise<{ selected: number; pseudonymised: number; rows: Record<string, number> }> {
    // The correlated subqueries look expensive to the planner, which then JIT-compiles every
    // statement of every batch (~300 ms each on 20 000 trainees); the real work is milliseconds.
    await manager.query('SET LOCAL jit = off');
    const selected: Array<{ id: string }> = await manager.query(retentionBatchSql(), [cutoff, batchSize]);
    if (!selected.length) return { selected: 0, pseudonymised: 0, rows: {} };

    // Re-check under the lock with a fresh snapshot: a period or referral committed between the
    // select's snapshot and taking the lock must keep the trainee as it is.
    const trainee = plan.find((p) => p.table.tableName === TRAINEE_TABLE)!.table;
    const assignments = policyAssignments(trainee, RETENTION_POLICY);
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [updated] = (await manager.query(
      `UPDATE trainee t SET ${assignments.join(', ')}, pseudonymised_at = now(), updated_at = now()
       WHERE t.id = ANY($2::uuid[]) AND ${retentionEligibilitySql('$1')}
       RETURNING t.id`,
      [cutoff, selected.map((r) => r.id)],
    )) as [Array<{ id: string }>, number];
    const ids = updated.map((r) => r.id);
    const rows: Record<string, number> = { [TRAINEE_TABLE]: ids.length };
    if (!ids.length) return { selected: selected.length, pseudonymised: 0, rows };

    for (const { table } of plan) {
      if (table.tableName === TRAINEE_TABLE) continue;
      const sql = retentionUpdateSql(plan, table.tableName);
      if (!sql) continue;
      const [, affected] = (await manager.query(sql, [ids])) as [unknown, number];
      rows[table.tableName] = affected;
    }

    rows[SHARED_FEEDBACK.table] = await this.clearSharedFeedback(manager, ids);
    rows.app_user = await this.forgetIdentities(manager, ids);
    return { selected: selected.length, pseudonymised: ids.length, rows };
  }

  /**
   * The identity a trainee signed in with (the identity provider's subject, which for strong
   * identification can lead back to the person) goes with the record: a user whose every role is
   * a pseudonymised trainee's gets a subject derived from its own id, so its roles and their
   * history stay, and no one can sign in as it again.
   */
  private async forgetIdentities(manager: EntityManager, traineeIds: string[]): Promise<number> {
    const [forgotten] = (await manager.query(
      `UPDATE app_user u SET subject = 'pseudonymised:' || u.id, updated_at = now()
        WHERE u.id IN (SELECT r.user_id FROM user_role r WHERE r.trainee_id = ANY($1::uuid[]))
          AND u.subject NOT LIKE 'pseudonymised:%'
          AND NOT EXISTS (SELECT 1 FROM user_role o LEFT JOIN trainee t ON t.id = o.trainee_id
                           WHERE o.user_id = u.id AND (o.trainee_id IS NULL OR t.pseudonymised_at IS NULL))
       RETURNING u.id`,
      [traineeIds],
    )) as [Array<{ id: string }>, number];
    // Every instance drops the user from its cache when the transaction commits.
    for (const { id } of forgotten) await manager.query('SELECT pg_notify($1, $2)', [USER_CHANGE_CHANNEL, id]);
    return forgotten.length;
  }

  /**
   * Shared free text: the unit's feedback on a work order goes once no one on it is identifiable.
   * `traineeIds` narrows it to the orders of those trainees; `null` sweeps every order.
   */
  private async clearSharedFeedback(manager: EntityManager, traineeIds: string[] | null): Promise<number> {
    const { table, column, assignmentTable } = SHARED_FEEDBACK;
    const [, cleared] = (await manager.query(
      `UPDATE "${table}" w SET "${column}" = NULL, updated_at = now()
       WHERE w."${column}" IS NOT NULL
         AND w.id IN (SELECT a.work_order_id FROM "${assignmentTable}" a JOIN trainee t ON t.id = a.trainee_id
                      WHERE ($1::uuid[] IS NULL AND t.pseudonymised_at IS NOT NULL) OR a.trainee_id = ANY($1::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM "${assignmentTable}" a JOIN trainee t ON t.id = a.trainee_id
                         WHERE a.work_order_id = w.id AND t.pseudonymised_at IS NULL)`,
      [traineeIds],
    )) as [unknown, number];
    return cleared;
  }
}
