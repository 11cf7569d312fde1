import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import type { HistoryService } from '../history/history.service';
import { byIdLoader, groupedLoader } from '../shared/loaders';
import type { LocalizedText } from '../shared/localized-text';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Task } from '../task-catalogue/task.entity';
import { Trainee } from '../trainee/trainee.entity';
import { WorkOrder } from '../work-order/work-order.entities';
import { CompetenceRecord, CompetenceRequirement, Qualification, QualificationUnit } from './competence.entities';
import { CompetenceRecordFilter, RecordCompetenceInput } from './competence.inputs';
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

  /** Creates or replaces a qualification by its ePerusteet id (Mutation.importQualification); see `applyQualification`. */
  async importQualification(input: QualificationData): Promise<Qualification> {
    return (await this.applyQualification(input)).qualification;
  }

  /**
   * Brings the catalogue's copy of one qualification to `input`, in one transaction (a failure
   * leaves the earlier version whole). Units are matched by ePerusteet id and requirements by
   * code. Nothing a competence record points at is deleted or rewritten: a requirement whose text
   * changed is retired and replaced by a new row (`supersededById`), a requirement or unit no
   * longer published is retired; the catalogue lists only current rows. Importing the same data
   * again writes nothing.
   */
  async applyQualification(input: QualificationData): Promise<QualificationChanges> {
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
      const now = this.clock.now();
      const sourceVersion = input.sourceVersion ?? null;
      // Insert-if-missing, then lock: two imports of the same qualification at once run one after the other.
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO qualification (external_id, diary_number, name, source_version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (external_id) DO NOTHING RETURNING id`,
        [input.externalId, input.diaryNumber, input.name, sourceVersion],
      );
      const qualification = (await manager.findOne(Qualification, { where: { externalId: input.externalId }, lock: { mode: 'pessimistic_write' } }))!;
      let changed = false;
      if (
        !inserted.length &&
        (qualification.diaryNumber !== input.diaryNumber ||
          !sameText(qualification.name, input.name) ||
          qualification.sourceVersion !== sourceVersion)
      ) {
        await manager.update(Qualification, { id: qualification.id }, { diaryNumber: input.diaryNumber, name: input.name, sourceVersion });
        changed = true;
      }
      const units = emptyCounts();
      const requirements = emptyCounts();
      const existingUnits = new Map((await manager.findBy(QualificationUnit, { qualificationId: qualification.id })).map((u) => [u.externalId, u]));
      for (const unitInput of input.units) {
        const values = { name: unitInput.name, code: unitInput.code ?? null, competencePoints: unitInput.competencePoints ?? null };
        const existing = existingUnits.get(unitInput.externalId);
        existingUnits.delete(unitInput.externalId);
        let unitId: string;
        if (!existing) {
          unitId = (await manager.insert(QualificationUnit, { qualificationId: qualification.id, externalId: unitInput.externalId, ...values }))
            .identifiers[0].id;
          units.created++;
        } else {
          unitId = existing.id;
          // A unit published again comes back with the same row (and id); to the catalogue it is new.
          const revived = existing.retiredAt !== null;
          if (revived || !sameUnit(existing, values)) {
            await manager.update(QualificationUnit, { id: unitId }, { ...values, retiredAt: null });
            units[revived ? 'created' : 'updated']++;
          } else {
            units.unchanged++;
          }
        }
        addCounts(requirements, await this.applyRequirements(manager, unitId, unitInput.requirements, now));
      }
      const dropped = [...existingUnits.values()].filter((u) => u.retiredAt === null).map((u) => u.id);
      if (dropped.length) {
        await manager.update(QualificationUnit, { id: In(dropped) }, { retiredAt: now });
        const retired = await manager.update(CompetenceRequirement, { unitId: In(dropped), retiredAt: IsNull() }, { retiredAt: now });
        requirements.retired += retired.affected ?? 0;
        // Tasks counted towards the unit as published; a retired unit leaves the tasks, as a deleted one did.
        await manager.query('DELETE FROM task_qualification_unit WHERE qualification_unit_id = ANY($1::uuid[])', [dropped]);
        units.retired += dropped.length;
      }
      const touched = changed || [units, requirements].some((c) => c.created + c.updated + c.retired > 0);
      return {
        qualification: (await manager.findOneBy(Qualification, { id: qualification.id }))!,
        outcome: inserted.length ? 'created' : touched ? 'updated' : 'unchanged',
        units,
        requirements,
      };
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
                r.code AS requirement_code, r.text AS requirement_text, r.retired_at
           FROM competence_requirement r
           JOIN qualification_unit u ON u.id = r.unit_id
           JOIN qualification q ON q.id = u.qualification_id
          WHERE r.id = $1`,
        [input.requirementId],
      );
      if (!snapshot) throw badInput('input.requirementId', 'No such requirement', CompetenceReason.REQUIREMENT_NOT_FOUND);
      if (snapshot.retired_at) {
        throw badInput(
          'input.requirementId',
          'The requirement is no longer published; record against the current one',
          CompetenceReason.REQUIREMENT_RETIRED,
        );
      }
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
      // The catalogue shows what is published now; records reach retired rows through their own ids.
      qualificationUnitsByQualification: groupedLoader<string, QualificationUnit>(
        (ids) =>
          this.dataSource
            .getRepository(QualificationUnit)
            .find({ where: { qualificationId: In([...ids]), retiredAt: IsNull() }, order: { externalId: 'ASC' } }),
        (row) => row.qualificationId,
      ),
      requirementsByUnit: groupedLoader<string, CompetenceRequirement>(
        (ids) =>
          this.dataSource.getRepository(CompetenceRequirement).find({ where: { unitId: In([...ids]), retiredAt: IsNull() }, order: { code: 'ASC' } }),
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

  /** One unit's requirements: a new text under a known code retires the old row and links it to its successor. */
  private async applyRequirements(
    manager: EntityManager,
    unitId: string,
    requirements: ReadonlyArray<{ code: string; text: string }>,
    now: Date,
  ): Promise<CatalogueCounts> {
    const counts = emptyCounts();
    const current = new Map((await manager.findBy(CompetenceRequirement, { unitId, retiredAt: IsNull() })).map((r) => [r.code, r]));
    for (const requirement of requirements) {
      const previous = current.get(requirement.code);
      current.delete(requirement.code);
      if (previous?.text === requirement.text) {
        counts.unchanged++;
        continue;
      }
      // Retired first: at most one current row per unit and code (a partial unique index).
      if (previous) await manager.update(CompetenceRequirement, { id: previous.id }, { retiredAt: now });
      const { identifiers } = await manager.insert(CompetenceRequirement, { unitId, code: requirement.code, text: requirement.text });
      if (previous) {
        await manager.update(CompetenceRequirement, { id: previous.id }, { supersededById: identifiers[0].id });
        counts.updated++;
      } else {
        counts.created++;
      }
    }
    const removed = [...current.values()].map((r) => r.id);
    if (removed.length) await manager.update(CompetenceRequirement, { id: In(removed) }, { retiredAt: now });
    counts.retired += removed.length;
    return counts;
  }
}

/** What an import writes; Mutation.importQualification's input and the ePerusteet importer both give it. */
export interface QualificationData {
  externalId: string;
  diaryNumber: string;
  name: LocalizedText;
  /** The source's version marker (ePerusteet: when the peruste last changed); none when written by hand. */
  sourceVersion?: string | null;
  units: ReadonlyArray<{
    externalId: string;
    /** National unit code (tutkinnonosat koodisto). */
    code?: string | null;
    name: LocalizedText;
    competencePoints?: number | null;
    requirements: ReadonlyArray<{ code: string; text: string }>;
  }>;
}

/** Rows of one kind an import created, changed (a changed requirement: retired and replaced), left as they were, or retired. */
export interface CatalogueCounts {
  created: number;
  updated: number;
  unchanged: number;
  retired: number;
}

export interface QualificationChanges {
  qualification: Qualification;
  /** `updated` when anything of it changed: its own fields, a unit or a requirement. */
  outcome: 'created' | 'updated' | 'unchanged';
  units: CatalogueCounts;
  requirements: CatalogueCounts;
}

export const emptyCounts = (): CatalogueCounts => ({ created: 0, updated: 0, unchanged: 0, retired: 0 });

export function addCounts(into: CatalogueCounts, counts: CatalogueCounts): void {
  into.created += counts.created;
  into.updated += counts.updated;
  into.unchanged += counts.unchanged;
  into.retired += counts.retired;
}

function sameText(a: LocalizedText, b: LocalizedText): boolean {
  return a.fi === b.fi && a.sv === b.sv && a.en === b.en;
}

/** numeric comes back from pg as a string. */
function sameUnit(unit: QualificationUnit, values: { name: LocalizedText; code: string | null; competencePoints: number | null }): boolean {
  const points = unit.competencePoints == null ? null : Number(unit.competencePoints);
  return sameText(unit.name, values.name) && unit.code === values.code && points === values.competencePoints;
}

function assertUnique(values: readonly string[], pathOf: (index: number) => string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) throw badInput(pathOf(index), 'Must be unique within the import', CommonReason.DUPLICATE_CODE);
    seen.add(value);
  });
}

export type CompetenceLoaders = ReturnType<CompetenceService['createLoaders']>;
