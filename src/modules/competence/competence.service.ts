import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import type { HistoryService } from '../history/history.service';
import { byIdLoader, groupedLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Task } from '../task-catalogue/task.entity';
import { Trainee } from '../trainee/trainee.entity';
import { WorkOrder } from '../work-order/work-order.entities';
import { CompetenceRecord, CompetenceRequirement, Qualification, QualificationUnit } from './competence.entities';
import { CompetenceRecordFilter, ImportQualificationInput, RecordCompetenceInput } from './competence.inputs';
import { CompetenceReason } from './competence.reasons';
import { CompetenceState, competenceStateMachine } from './competence-state';

/** PAIKKO competence documentation against ePerusteet qualification requirements. */
export class CompetenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly clock: Clock,
  ) {}

  qualifications(): Promise<Qualification[]> {
    return this.dataSource.getRepository(Qualification).find({ order: { externalId: 'ASC' } });
  }

  /**
   * Upsert by ePerusteet id. Units and requirements are matched by their ePerusteet id and code,
   * so task links survive; rows no longer published are removed. Competence records are never
   * touched: they carry their own snapshot of the requirement they were recorded against.
   */
  async importQualification(input: ImportQualificationInput): Promise<Qualification> {
    assertUnique(
      input.units.map((u) => u.externalId),
      (i) => `input.units[${i}].externalId`,
    );
    input.units.forEach((unit, u) =>
      assertUnique(
        unit.requirements.map((r) => r.code),
        (i) => `input.units[${u}].requirements[${i}].code`,
      ),
    );
    return this.dataSource.transaction(async (manager) => {
      let qualification = await manager.findOne(Qualification, { where: { externalId: input.externalId }, lock: { mode: 'pessimistic_write' } });
      qualification = await manager.save(
        Qualification,
        Object.assign(qualification ?? manager.create(Qualification), {
          externalId: input.externalId,
          diaryNumber: input.diaryNumber,
          name: input.name,
        }),
      );
      const existingUnits = await manager.findBy(QualificationUnit, { qualificationId: qualification.id });
      const keptUnitIds = new Set<string>();
      for (const unitInput of input.units) {
        const existing = existingUnits.find((u) => u.externalId === unitInput.externalId);
        const unit = await manager.save(
          QualificationUnit,
          Object.assign(existing ?? manager.create(QualificationUnit), {
            qualificationId: qualification.id,
            externalId: unitInput.externalId,
            name: unitInput.name,
            competencePoints: unitInput.competencePoints ?? null,
          }),
        );
        keptUnitIds.add(unit.id);
        await this.replaceRequirements(manager, unit.id, unitInput.requirements);
      }
      const removed = existingUnits.filter((u) => !keptUnitIds.has(u.id)).map((u) => u.id);
      if (removed.length) await manager.delete(QualificationUnit, { id: In(removed) });
      return qualification;
    });
  }

  async recordCompetence(input: RecordCompetenceInput, actor: Actor): Promise<CompetenceRecord> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Trainee, { id: input.traineeId }))) {
        throw badInput('input.traineeId', 'No such trainee', CommonReason.TRAINEE_NOT_FOUND);
      }
      const period = await manager.findOneBy(CoachingPeriod, { id: input.periodId });
      if (!period) throw badInput('input.periodId', 'No such coaching period', CommonReason.PERIOD_NOT_FOUND);
      if (period.traineeId !== input.traineeId) {
        throw badInput('input.periodId', 'The coaching period belongs to another trainee', CompetenceReason.PERIOD_OF_ANOTHER_TRAINEE);
      }
      const [snapshot] = await manager.query(
        `SELECT q.external_id AS qualification_external_id, q.diary_number, u.external_id AS unit_external_id,
                r.code AS requirement_code, r.text AS requirement_text
           FROM competence_requirement r
           JOIN qualification_unit u ON u.id = r.unit_id
           JOIN qualification q ON q.id = u.qualification_id
          WHERE r.id = $1`,
        [input.requirementId],
      );
      if (!snapshot) throw badInput('input.requirementId', 'No such requirement', CompetenceReason.REQUIREMENT_NOT_FOUND);
      if (input.taskId && !(await manager.existsBy(Task, { id: input.taskId }))) {
        throw badInput('input.taskId', 'No such task', CommonReason.TASK_NOT_FOUND);
      }
      if (input.workOrderId && !(await manager.existsBy(WorkOrder, { id: input.workOrderId }))) {
        throw badInput('input.workOrderId', 'No such work order', CommonReason.WORK_ORDER_NOT_FOUND);
      }
      const record = await manager.save(
        CompetenceRecord,
        manager.create(CompetenceRecord, {
          traineeId: input.traineeId,
          periodId: input.periodId,
          requirementId: input.requirementId,
          qualificationExternalId: snapshot.qualification_external_id,
          diaryNumber: snapshot.diary_number,
          unitExternalId: snapshot.unit_external_id,
          requirementCode: snapshot.requirement_code,
          requirementText: snapshot.requirement_text,
          taskId: input.taskId ?? null,
          workOrderId: input.workOrderId ?? null,
          evidence: input.evidence,
          state: CompetenceState.PRACTISING,
        }),
      );
      await this.history.record(manager, { subjectType: 'CompetenceRecord', subjectId: record.id, from: null, to: record.state, actor });
      return record;
    });
  }

  async transition(id: string, to: CompetenceState, actor: Actor, reason?: string | null): Promise<CompetenceRecord> {
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(CompetenceRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw notFound('CompetenceRecord', id);
      competenceStateMachine.assert(record.state, to);
      const from = record.state;
      record.state = to;
      const now = this.clock.now();
      if (to === CompetenceState.DEMONSTRATED) record.demonstratedAt = now;
      if (to === CompetenceState.PRACTISING) record.demonstratedAt = null;
      if (to === CompetenceState.VERIFIED) {
        record.verifiedAt = now;
        record.verifiedBy = actor.userId;
      }
      const saved = await manager.save(CompetenceRecord, record);
      await this.history.record(manager, { subjectType: 'CompetenceRecord', subjectId: id, from, to, actor, reason });
      return saved;
    });
  }

  competenceRecords(filter: CompetenceRecordFilter | undefined, page: PageArgs, scope: TraineeScope): Promise<Connection<CompetenceRecord>> {
    const query = applyTraineeScope(this.dataSource.getRepository(CompetenceRecord).createQueryBuilder('record'), 'record.traineeId', scope);
    if (filter?.traineeId) query.andWhere('record.traineeId = :traineeId', { traineeId: filter.traineeId });
    if (filter?.state) query.andWhere('record.state = :state', { state: filter.state });
    // Cursors carry milliseconds, PostgreSQL keeps microseconds: sort on the truncated value.
    return paginate(query, page, [
      { sql: "date_trunc('milliseconds', record.createdAt)", value: (r) => r.createdAt.toISOString(), kind: 'timestamp' },
    ]);
  }

  createLoaders() {
    const records = this.dataSource.getRepository(CompetenceRecord);
    return {
      qualification: byIdLoader(this.dataSource.getRepository(Qualification)),
      competenceRecord: byIdLoader(records),
      competenceRequirement: byIdLoader(this.dataSource.getRepository(CompetenceRequirement)),
      qualificationUnitsByQualification: groupedLoader<string, QualificationUnit>(
        (ids) => this.dataSource.getRepository(QualificationUnit).find({ where: { qualificationId: In([...ids]) }, order: { externalId: 'ASC' } }),
        (row) => row.qualificationId,
      ),
      requirementsByUnit: groupedLoader<string, CompetenceRequirement>(
        (ids) => this.dataSource.getRepository(CompetenceRequirement).find({ where: { unitId: In([...ids]) }, order: { code: 'ASC' } }),
        (row) => row.unitId,
      ),
      competenceRecordsByTrainee: groupedLoader<string, CompetenceRecord>(
        (ids) => records.find({ where: { traineeId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        (row) => row.traineeId,
      ),
      verifiedCompetenceCount: new DataLoader<string, number>(async (traineeIds) => {
        const rows: Array<{ trainee_id: string; count: number }> = await this.dataSource.query(
          `SELECT trainee_id, count(*)::int AS count FROM competence_record
            WHERE trainee_id = ANY($1::uuid[]) AND state = $2 GROUP BY trainee_id`,
          [traineeIds, CompetenceState.VERIFIED],
        );
        const counts = new Map(rows.map((row) => [row.trainee_id, Number(row.count)]));
        return traineeIds.map((id) => counts.get(id) ?? 0);
      }),
    };
  }

  private async replaceRequirements(
    manager: EntityManager,
    unitId: string,
    requirements: ReadonlyArray<{ code: string; text: string }>,
  ): Promise<void> {
    const existing = await manager.findBy(CompetenceRequirement, { unitId });
    const codes = new Set(requirements.map((r) => r.code));
    const removed = existing.filter((r) => !codes.has(r.code)).map((r) => r.id);
    if (removed.length) await manager.delete(CompetenceRequirement, { id: In(removed) });
    for (const requirement of requirements) {
      const current = existing.find((r) => r.code === requirement.code);
      if (current) {
        if (current.text !== requirement.text) await manager.update(CompetenceRequirement, { id: current.id }, { text: requirement.text });
      } else {
        await manager.insert(CompetenceRequirement, { unitId, code: requirement.code, text: requirement.text });
      }
    }
  }
}

function assertUnique(values: readonly string[], pathOf: (index: number) => string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) throw badInput(pathOf(index), 'Must be unique within the import', CommonReason.DUPLICATE_CODE);
    seen.add(value);
  });
}

export type CompetenceLoaders = ReturnType<CompetenceService['createLoaders']>;
