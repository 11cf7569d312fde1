import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { EmploymentAreaMessage } from '../../integrations/employment-area/employment-area.port';
import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { conflict, DomainError, ErrorCode, FieldProblem, notFound } from '../../platform/errors';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { PeriodPhase } from '../coaching-period/period-phase';
import type { HistoryService } from '../history/history.service';
import { IntegrationSystem } from '../integration/integration.entities';
import type { Outbox } from '../integration/outbox';
import { periodContext } from '../integration/period-context';
import { isUuid, singleLoader } from '../shared/loaders';
import { FinalSummary } from './final-summary.entity';
import { FinaliseFinalSummaryInput, StartFinalSummaryInput, UpdateFinalSummaryInput } from './final-summary.inputs';
import { FinalSummaryReason } from './final-summary.reasons';
import { assertEditable, FinalSummaryState, finalSummaryStateMachine } from './final-summary-state';

/** The summary is written at the end: during coaching (ending soon), at a check point, or after the end. */
export const PHASES_READY_FOR_SUMMARY: readonly PeriodPhase[] = [PeriodPhase.COACHING, PeriodPhase.CHECK_POINT, PeriodPhase.ENDED];

/** Without these the case manager cannot act on the summary. */
const REQUIRED_FOR_FINAL = ['capacityStatement', 'continuationPlan'] as const;

export class FinalSummaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  async start(input: StartFinalSummaryInput, actor: Actor): Promise<FinalSummary> {
    return this.dataSource.transaction(async (manager) => {
      // Locking the period serialises two coaches starting a summary at once.
      const period = await manager.findOne(CoachingPeriod, { where: { id: input.periodId }, lock: { mode: 'pessimistic_write' } });
      if (!period) throw notFound('CoachingPeriod', input.periodId);
      if (await manager.existsBy(FinalSummary, { periodId: period.id })) {
        throw conflict(FinalSummaryReason.FINAL_SUMMARY_EXISTS, 'This coaching period already has a final summary', {
          fields: [{ path: 'input.periodId', message: 'already has a final summary' }],
        });
      }
      if (!PHASES_READY_FOR_SUMMARY.includes(period.phase)) {
        throw conflict(
          FinalSummaryReason.PERIOD_NOT_READY_FOR_SUMMARY,
          `A final summary can be started only in phases ${PHASES_READY_FOR_SUMMARY.join(', ')}`,
          {
            details: { phase: period.phase, allowed: [...PHASES_READY_FOR_SUMMARY] },
          },
        );
      }
      const summary = await manager.save(manager.create(FinalSummary, { periodId: period.id, recommendations: [], state: FinalSummaryState.DRAFT }));
      await this.history.record(manager, { subjectType: 'FinalSummary', subjectId: summary.id, from: null, to: FinalSummaryState.DRAFT, actor });
      return summary;
    });
  }

  async update(input: UpdateFinalSummaryInput): Promise<FinalSummary> {
    return this.dataSource.transaction(async (manager) => {
      const summary = await this.lock(manager, input.id);
      assertEditable(summary.state);
      if (input.capacityStatement !== undefined) summary.capacityStatement = input.capacityStatement;
      if (input.competenceSummary !== undefined) summary.competenceSummary = input.competenceSummary;
      if (input.recommendations !== undefined) summary.recommendations = input.recommendations ?? [];
      if (input.continuationPlan !== undefined) summary.continuationPlan = input.continuationPlan;
      if (input.unitRepresentative !== undefined) summary.unitRepresentative = input.unitRepresentative;
      return manager.save(summary);
    });
  }

  async finalise(input: FinaliseFinalSummaryInput, actor: Actor): Promise<FinalSummary> {
    return this.dataSource.transaction(async (manager) => {
      const summary = await this.lock(manager, input.id);
      assertEditable(summary.state);
      finalSummaryStateMachine.assert(summary.state, FinalSummaryState.FINAL);
      // The missing texts are fields of the stored summary, not of this input: the path is the summary's id.
      const missingFields = REQUIRED_FOR_FINAL.filter((field) => !summary[field]?.trim());
      if (missingFields.length) {
        const fields: FieldProblem[] = missingFields.map((field) => ({
          path: 'input.id',
          message: `${field} must be written before the summary is finalised`,
        }));
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `Missing before finalising: ${missingFields.join(', ')}`, {
          reason: FinalSummaryReason.FINAL_SUMMARY_INCOMPLETE,
          fields,
          details: { missingFields },
        });
      }
      summary.state = FinalSummaryState.FINAL;
      summary.finalisedAt = this.clock.now();
      summary.finalisedBy = actor.userId;
      const saved = await manager.save(summary);
      // Delivered to the case manager through the client system, exactly when it becomes final.
      const context = await periodContext(manager, summary.periodId);
      const message: EmploymentAreaMessage = {
        kind: 'FINAL_SUMMARY',
        referralExternalId: context.referralExternalId,
        periodId: summary.periodId,
        summaryId: summary.id,
        caseManagerEmail: context.caseManagerEmail,
        deliveredAt: summary.finalisedAt.toISOString(),
        sections: {
          capacityStatement: summary.capacityStatement,
          competenceSummary: summary.competenceSummary,
          recommendations: summary.recommendations.join('\n') || null,
          continuationPlan: summary.continuationPlan,
          unitRepresentative: summary.unitRepresentative,
        },
      };
      await this.outbox.enqueue(manager, {
        organisationId: context.organisationId,
        system: IntegrationSystem.EMPLOYMENT_AREA,
        kind: message.kind,
        subjectType: 'FinalSummary',
        subjectId: summary.id,
        idempotencyKey: `final-summary:${summary.id}`,
        payload: message,
      });
      await this.history.record(manager, {
        subjectType: 'FinalSummary',
        subjectId: summary.id,
        from: FinalSummaryState.DRAFT,
        to: FinalSummaryState.FINAL,
        actor,
      });
      return saved;
    });
  }

  createLoaders() {
    return {
      finalSummaryByPeriod: singleLoader<string, FinalSummary>(
        (periodIds) => this.dataSource.getRepository(FinalSummary).findBy({ periodId: In(periodIds.filter(isUuid)) }),
        (summary) => summary.periodId,
      ),
    };
  }

  private async lock(manager: EntityManager, id: string): Promise<FinalSummary> {
    const summary = await manager.findOne(FinalSummary, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!summary) throw notFound('FinalSummary', id);
    return summary;
  }
}

export type FinalSummaryLoaders = ReturnType<FinalSummaryService['createLoaders']>;
