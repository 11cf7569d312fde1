import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, notFound } from '../../platform/errors';
import type { TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { PeriodPhase } from '../coaching-period/period-phase';
import { HistoryService, workplaceOf } from '../history/history.service';
import { WorkUnit } from '../organisation/organisation.entities';
import { compareDates, todayOf } from '../shared/calendar';
import { byIdLoader, groupedLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Task } from '../task-catalogue/task.entity';
import { Trainee } from '../trainee/trainee.entity';
import { WorkOrder, WorkOrderAssignment } from './work-order.entities';
import { AssignTraineeInput, RequestWorkOrderInput, WorkOrderFeedbackInput, WorkOrderFilter } from './work-order.inputs';
import { WorkOrderReason } from './work-order.reasons';
import { assertAssigneesActive, assertDifficultyLevel, checkAssignment, STATES_NEEDING_ACTIVE_ASSIGNEES, WorkOrderState } from './work-order-state';
import { workOrderStateMachine } from './work-order-state';

/** Orders in these states no longer hold their trainees' time. */
const RELEASED_STATES = [WorkOrderState.CANCELLED, WorkOrderState.DECLINED, WorkOrderState.COMPLETED];
/** Staff can change who works on an order only before the work starts. */
const STAFFABLE_STATES = [WorkOrderState.ACCEPTED, WorkOrderState.SCHEDULED];
const INACTIVE_PHASES = [PeriodPhase.ENDED, PeriodPhase.FOLLOW_UP];

export interface AssignmentResult {
  assignment: WorkOrderAssignment;
  workOrder: WorkOrder;
}

export class WorkOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly clock: Clock,
  ) {}

  workOrders(filter: WorkOrderFilter | undefined, page: PageArgs, scope: TraineeScope): Promise<Connection<WorkOrder>> {
    const query = this.dataSource.getRepository(WorkOrder).createQueryBuilder('wo');
    // Coaching staff plan every unit's work of their organisation; a unit lead sees their unit's.
    if (scope.kind === 'unit') query.andWhere('wo.workUnitId = :scopeUnitId', { scopeUnitId: scope.unitId });
    else if (scope.kind === 'organisation') {
      query.andWhere('wo.workUnitId IN (SELECT u.id FROM work_unit u WHERE u.organisation_id = :scopeOrganisation)', {
        scopeOrganisation: scope.organisationId,
      });
    } else query.andWhere('false');
    if (filter?.state) query.andWhere('wo.state = :state', { state: filter.state });
    if (filter?.workUnitId) query.andWhere('wo.workUnitId = :workUnitId', { workUnitId: filter.workUnitId });
    if (filter?.from) query.andWhere('wo.endDate >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('wo.startDate <= :to', { to: filter.to });
    return paginate(query, page, [{ sql: 'wo.startDate', value: (o) => o.startDate, kind: 'date' }]);
  }

  async requestWorkOrder(input: RequestWorkOrderInput, actor: Actor): Promise<WorkOrder> {
    if (compareDates(input.startDate, todayOf(this.clock)) < 0) {
      throw badInput('input.startDate', 'The work cannot start in the past', WorkOrderReason.START_DATE_IN_PAST);
    }
    if (compareDates(input.endDate, input.startDate) < 0) {
      throw badInput('input.endDate', 'The end date is before the start date', CommonReason.END_BEFORE_START);
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(WorkUnit, { id: input.workUnitId }))) {
        throw badInput('input.workUnitId', 'No such work unit', CommonReason.WORK_UNIT_NOT_FOUND);
      }
      const task = await manager.findOneBy(Task, { id: input.taskId });
      if (!task) throw badInput('input.taskId', 'No such task', CommonReason.TASK_NOT_FOUND);
      if (!task.active) throw badInput('input.taskId', 'The task is no longer in the catalogue', WorkOrderReason.TASK_INACTIVE);
      const order = await manager.save(
        WorkOrder,
        manager.create(WorkOrder, {
          workUnitId: input.workUnitId,
          taskId: input.taskId,
          place: input.place,
          startDate: input.startDate,
          endDate: input.endDate,
          workersNeeded: input.workersNeeded,
          notes: input.notes ?? null,
          state: WorkOrderState.REQUESTED,
        }),
      );
      await this.history.record(manager, { subjectType: 'WorkOrder', subjectId: order.id, from: null, to: order.state, actor });
      return order;
    });
  }

  /**
   * Every state change goes through here: the row is locked, the state machine and the
   * target state's own rule are checked, and the history row lands in the same transaction.
   */
  async transition(id: string, to: WorkOrderState, actor: Actor, reason?: string | null): Promise<WorkOrder> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockOrder(manager, id);
      workOrderStateMachine.assert(order.state, to);
      if (to === WorkOrderState.SCHEDULED) {
        const assigned = await manager.countBy(WorkOrderAssignment, { workOrderId: id });
        if (assigned < 1) throw conflict(WorkOrderReason.NO_TRAINEES_ASSIGNED, 'Assign at least one trainee before scheduling the order');
      }
      if (STATES_NEEDING_ACTIVE_ASSIGNEES.includes(to)) await this.assertAssigneesActive(manager, id);
      const from = order.state;
      order.state = to;
      if (to === WorkOrderState.DECLINED) order.declineReason = reason ?? null;
      const saved = await manager.save(WorkOrder, order);
      await this.history.record(manager, { subjectType: 'WorkOrder', subjectId: id, from, to, actor, reason });
      return saved;
    });
  }

  /** Work in a unit lets its lead see the person: the assignment is recorded with who made it. */
  async assignTrainee(input: AssignTraineeInput, actor: Actor | undefined): Promise<AssignmentResult> {
    return this.dataSource.transaction(async (manager) => {
      // The order lock serialises staffing of one order (the head count); the trainee lock
      // serialises bookings of one person across orders (double booking).
      const order = await this.lockOrder(manager, input.workOrderId);
      this.assertStaffable(order);
      const trainee = await manager.findOne(Trainee, { where: { id: input.traineeId }, lock: { mode: 'pessimistic_write' } });
      if (!trainee) throw notFound('Trainee', input.traineeId);
      if (await manager.existsBy(WorkOrderAssignment, { workOrderId: order.id, traineeId: trainee.id })) {
        throw conflict(WorkOrderReason.ALREADY_ASSIGNED, 'The trainee is already assigned to this order');
      }
      const task = await manager.findOneByOrFail(Task, { id: order.taskId });

      const busy = await manager
        .createQueryBuilder(WorkOrderAssignment, 'assignment')
        .innerJoin(WorkOrder, 'other', 'other.id = assignment.workOrderId')
        .where('assignment.traineeId = :traineeId', { traineeId: trainee.id })
        .andWhere('assignment.workOrderId <> :orderId', { orderId: order.id })
        .andWhere('other.state NOT IN (:...released)', { released: RELEASED_STATES })
        .andWhere('assignment.startDate <= :endDate AND assignment.endDate >= :startDate', {
          startDate: order.startDate,
          endDate: order.endDate,
        })
        .getExists();
      checkAssignment({
        taskDifficulty: assertDifficultyLevel(task.difficultyLevel),
        traineeLevel: assertDifficultyLevel(trainee.workLevel),
        traineeBusy: busy,
      });

      const assigned = await manager.countBy(WorkOrderAssignment, { workOrderId: order.id });
      if (assigned >= order.workersNeeded) {
        throw conflict(WorkOrderReason.WORK_ORDER_FULL, 'The order already has all the workers it needs', {
          details: { workersNeeded: order.workersNeeded, assigned },
        });
      }

      // Work is part of coaching: only a trainee in an ongoing coaching period can be staffed.
      const activePeriod = await this.periodCovering(manager, trainee.id, order, INACTIVE_PHASES);
      if (!activePeriod) throw conflict(WorkOrderReason.NO_ACTIVE_PERIOD, 'The trainee has no active coaching period for the order’s dates');

      const assignment = await manager.save(
        WorkOrderAssignment,
        manager.create(WorkOrderAssignment, {
          workOrderId: order.id,
          traineeId: trainee.id,
          startDate: order.startDate,
          endDate: order.endDate,
        }),
      );
      await this.history.record(manager, {
        subjectType: 'CoachingPeriodWorkplace',
        subjectId: activePeriod.id,
        from: null,
        to: workplaceOf(order),
        actor,
        reason: `assigned to work order ${order.id} from ${order.startDate} to ${order.endDate}`,
      });
      return { assignment, workOrder: order };
    });
  }

  async unassignTrainee(input: AssignTraineeInput, actor: Actor | undefined): Promise<WorkOrder> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockOrder(manager, input.workOrderId);
      this.assertStaffable(order);
      const result = await manager.delete(WorkOrderAssignment, { workOrderId: order.id, traineeId: input.traineeId });
      if (!result.affected) throw notFound('WorkOrderAssignment', `${order.id}/${input.traineeId}`);
      // The period the assignment was made in (it may have ended since).
      const period = await this.periodCovering(manager, input.traineeId, order, []);
      if (period) {
        await this.history.record(manager, {
          subjectType: 'CoachingPeriodWorkplace',
          subjectId: period.id,
          from: workplaceOf(order),
          to: 'UNASSIGNED',
          actor,
          reason: `taken off work order ${order.id}`,
        });
      }
      return order;
    });
  }

  /** The trainee's latest period overlapping the order's dates, outside the given phases. */
  private periodCovering(
    manager: EntityManager,
    traineeId: string,
    order: WorkOrder,
    excludedPhases: PeriodPhase[],
  ): Promise<Pick<CoachingPeriod, 'id'> | null> {
    const query = manager
      .createQueryBuilder(CoachingPeriod, 'period')
      .select('period.id')
      .where('period.traineeId = :traineeId', { traineeId })
      .andWhere('period.startDate <= :endDate', { endDate: order.endDate })
      .andWhere('(period.endDate IS NULL OR period.endDate >= :startDate)', { startDate: order.startDate })
      .orderBy('period.startDate', 'DESC');
    if (excludedPhases.length) query.andWhere('period.phase NOT IN (:...excluded)', { excluded: excludedPhases });
    return query.getOne();
  }

  async giveFeedback(input: WorkOrderFeedbackInput): Promise<WorkOrder> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockOrder(manager, input.workOrderId);
      if (order.state !== WorkOrderState.COMPLETED) {
        throw conflict(WorkOrderReason.WORK_ORDER_NOT_COMPLETED, 'Feedback can be given only on a completed order', {
          details: { state: order.state },
        });
      }
      order.unitFeedback = input.unitFeedback ?? null;
      order.unitRating = input.unitRating;
      order.confirmedHours = input.confirmedHours;
      return manager.save(WorkOrder, order);
    });
  }

  createLoaders() {
    const assignments = this.dataSource.getRepository(WorkOrderAssignment);
    return {
      workOrder: byIdLoader(this.dataSource.getRepository(WorkOrder)),
      workOrderAssignmentsByOrder: groupedLoader<string, WorkOrderAssignment>(
        (ids) => assignments.find({ where: { workOrderId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
        (row) => row.workOrderId,
      ),
      workOrderAssignmentsByTrainee: groupedLoader<string, WorkOrderAssignment>(
        (ids) => assignments.find({ where: { traineeId: In([...ids]) }, order: { startDate: 'ASC', id: 'ASC' } }),
        (row) => row.traineeId,
      ),
    };
  }

  private async lockOrder(manager: EntityManager, id: string): Promise<WorkOrder> {
    const order = await manager.findOne(WorkOrder, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw notFound('WorkOrder', id);
    return order;
  }

  /**
   * Re-checks, when the order is scheduled or started, that every assigned trainee is still in a
   * running coaching period on the order's dates. The periods are share-locked: ending a period
   * locks it for update, so it waits for this transition (and vice versa).
   */
  private async assertAssigneesActive(manager: EntityManager, workOrderId: string): Promise<void> {
    const assignments = await manager.find(WorkOrderAssignment, { where: { workOrderId }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (assignments.length === 0) return;
    const periods = await manager.find(CoachingPeriod, {
      where: { traineeId: In([...new Set(assignments.map((a) => a.traineeId))]) },
      lock: { mode: 'pessimistic_read' },
    });
    assertAssigneesActive(
      assignments.map((a) => ({ traineeId: a.traineeId, start: a.startDate, end: a.endDate })),
      periods,
    );
  }

  private assertStaffable(order: WorkOrder): void {
    if (!STAFFABLE_STATES.includes(order.state)) {
      throw conflict(WorkOrderReason.WORK_ORDER_NOT_STAFFABLE, 'Trainees can be assigned only while the order is accepted or scheduled', {
        details: { state: order.state },
      });
    }
  }
}

export type WorkOrderLoaders = ReturnType<WorkOrderService['createLoaders']>;
