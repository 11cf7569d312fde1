import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';

import { badInput, conflict, notFound } from '../../platform/errors';
import { QualificationUnit } from '../competence/competence.entities';
import { byIdLoader, groupedLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { containsPattern } from '../shared/search';
import { assertDifficultyLevel } from '../work-order/work-order-state';
import { Task } from './task.entity';
import { CreateTaskInput, TaskFilter, UpdateTaskInput } from './task.inputs';
import { TaskCatalogueReason } from './task-catalogue.reasons';

const JOIN_TABLE = 'task_qualification_unit';

export class TaskCatalogueService {
  constructor(private readonly dataSource: DataSource) {}

  tasks(organisationId: string, filter: TaskFilter | undefined, page: PageArgs): Promise<Connection<Task>> {
    const query = this.dataSource.getRepository(Task).createQueryBuilder('task').where('task.organisationId = :organisationId', { organisationId });
    if (filter?.field) query.andWhere('task.field = :field', { field: filter.field });
    if (filter?.difficultyLevel != null) query.andWhere('task.difficultyLevel = :level', { level: filter.difficultyLevel });
    if (filter?.activeOnly) query.andWhere('task.active = true');
    if (filter?.search) {
      query.andWhere(
        "(task.code ILIKE :search OR task.name->>'fi' ILIKE :search OR task.name->>'sv' ILIKE :search OR task.name->>'en' ILIKE :search)",
        { search: containsPattern(filter.search) },
      );
    }
    return paginate(query, page, [{ sql: 'task.code', value: (t) => t.code }]);
  }

  async createTask(organisationId: string, input: CreateTaskInput): Promise<Task> {
    const difficultyLevel = assertDifficultyLevel(input.difficultyLevel);
    return this.dataSource.transaction(async (manager) => {
      await this.assertCodeFree(manager, organisationId, input.code);
      await this.assertUnitsExist(manager, input.qualificationUnitIds);
      const task = await manager.save(
        Task,
        manager.create(Task, {
          organisationId,
          code: input.code,
          name: input.name,
          description: input.description ?? null,
          field: input.field,
          difficultyLevel,
          protectiveGear: input.protectiveGear,
          transportNeeded: input.transportNeeded,
          typicalPlace: input.typicalPlace ?? null,
          active: input.active,
        }),
      );
      await this.replaceUnits(manager, task.id, input.qualificationUnitIds);
      return task;
    });
  }

  async updateTask(organisationId: string, input: UpdateTaskInput): Promise<Task> {
    if (input.difficultyLevel != null) assertDifficultyLevel(input.difficultyLevel);
    return this.dataSource.transaction(async (manager) => {
      const task = await manager.findOne(Task, { where: { id: input.id, organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw notFound('Task', input.id);
      if (input.code != null && input.code !== task.code) {
        await this.assertCodeFree(manager, organisationId, input.code);
        task.code = input.code;
      }
      if (input.name != null) task.name = input.name;
      if (input.description !== undefined) task.description = input.description ?? null;
      if (input.field != null) task.field = input.field;
      if (input.difficultyLevel != null) task.difficultyLevel = input.difficultyLevel;
      if (input.protectiveGear != null) task.protectiveGear = input.protectiveGear;
      if (input.transportNeeded != null) task.transportNeeded = input.transportNeeded;
      if (input.typicalPlace !== undefined) task.typicalPlace = input.typicalPlace ?? null;
      if (input.active != null) task.active = input.active;
      const saved = await manager.save(Task, task);
      if (input.qualificationUnitIds != null) {
        await this.assertUnitsExist(manager, input.qualificationUnitIds);
        await this.replaceUnits(manager, task.id, input.qualificationUnitIds);
      }
      return saved;
    });
  }

  createLoaders() {
    return {
      task: byIdLoader(this.dataSource.getRepository(Task)),
      taskQualificationUnits: groupedLoader<string, QualificationUnit & { taskId: string }>(
        (taskIds) => this.unitsOfTasks(taskIds),
        (row) => row.taskId,
      ),
    };
  }

  /** One statement for the join table and the units together. */
  private async unitsOfTasks(taskIds: readonly string[]): Promise<Array<QualificationUnit & { taskId: string }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT link.task_id, unit.id, unit.qualification_id, unit.external_id, unit.code, unit.name, unit.competence_points,
              unit.retired_at, unit.created_at, unit.updated_at
         FROM ${JOIN_TABLE} link JOIN qualification_unit unit ON unit.id = link.qualification_unit_id
        WHERE link.task_id = ANY($1::uuid[])
        ORDER BY unit.external_id, unit.id`,
      [taskIds],
    );
    return rows.map((row) =>
      Object.assign(new QualificationUnit(), {
        taskId: row.task_id as string,
        id: row.id as string,
        qualificationId: row.qualification_id as string,
        externalId: row.external_id as string,
        code: (row.code as string | null) ?? null,
        name: row.name,
        competencePoints: row.competence_points == null ? null : Number(row.competence_points),
        retiredAt: (row.retired_at as Date | null) ?? null,
        createdAt: row.created_at as Date,
        updatedAt: row.updated_at as Date,
      }),
    );
  }

  private async assertCodeFree(manager: EntityManager, organisationId: string, code: string): Promise<void> {
    if (await manager.existsBy(Task, { organisationId, code })) {
      throw conflict(TaskCatalogueReason.DUPLICATE_TASK_CODE, 'A task with this code already exists', {
        fields: [{ path: 'input.code', message: 'already in use' }],
      });
    }
  }

  private async assertUnitsExist(manager: EntityManager, unitIds: readonly string[]): Promise<void> {
    if (!unitIds.length) return;
    // A retired unit (no longer in the published qualification) takes no new tasks.
    const found = await manager.find(QualificationUnit, { select: { id: true }, where: { id: In([...unitIds]), retiredAt: IsNull() } });
    const known = new Set(found.map((unit) => unit.id));
    const index = unitIds.findIndex((id) => !known.has(id));
    if (index >= 0)
      throw badInput(`input.qualificationUnitIds[${index}]`, 'No such qualification unit', TaskCatalogueReason.QUALIFICATION_UNIT_NOT_FOUND);
  }

  private async replaceUnits(manager: EntityManager, taskId: string, unitIds: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM ${JOIN_TABLE} WHERE task_id = $1`, [taskId]);
    if (unitIds.length) {
      await manager.query(`INSERT INTO ${JOIN_TABLE} (task_id, qualification_unit_id) SELECT $1, unnest($2::uuid[])`, [taskId, unitIds]);
    }
  }
}

export type TaskCatalogueLoaders = ReturnType<TaskCatalogueService['createLoaders']>;
