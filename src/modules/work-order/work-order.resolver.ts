import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { notFound } from '../../platform/errors';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import type { HistoryLoaders } from '../history/history.service';
import { StateChange } from '../history/state-change.entity';
import { WorkUnit } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Task } from '../task-catalogue/task.entity';
import type { TaskCatalogueLoaders } from '../task-catalogue/task.service';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeLoaders } from '../trainee/trainee.service';
import { WorkOrder, WorkOrderAssignment } from './work-order.entities';
import {
  AssignTraineeInput,
  RequestWorkOrderInput,
  WorkOrderFeedbackInput,
  WorkOrderFilter,
  WorkOrderReasonInput,
  WorkOrderTransitionInput,
} from './work-order.inputs';
import type { WorkOrderLoaders, WorkOrderService } from './work-order.service';
import { WorkOrderState } from './work-order-state';

/** The loaders these resolvers read. */
type Context = RequestContext<HistoryLoaders & OrganisationLoaders & TaskCatalogueLoaders & TraineeLoaders & WorkOrderLoaders>;

const WorkOrderConnection = ConnectionType(WorkOrder, 'WorkOrder');

@ObjectType()
class WorkOrderPayload {
  @Field(() => WorkOrder)
  workOrder: WorkOrder;
}

@ObjectType()
class WorkOrderAssignmentPayload {
  @Field(() => WorkOrderAssignment)
  assignment: WorkOrderAssignment;

  @Field(() => WorkOrder)
  workOrder: WorkOrder;
}

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  constructor(private readonly workOrderService: WorkOrderService) {}

  @Query(() => WorkOrderConnection, { description: 'Work orders (työtilaukset) by start date.' })
  workOrders(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @ListScope() scope: TraineeScope,
    @Arg('filter', () => WorkOrderFilter, { nullable: true }) filter?: WorkOrderFilter,
  ) {
    return this.workOrderService.workOrders(filter, page, scope);
  }

  @Query(() => WorkOrder)
  async workOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<WorkOrder> {
    return (await ctx.loaders.workOrder.load(id)) ?? Promise.reject(notFound('WorkOrder', id));
  }

  @Mutation(() => WorkOrderPayload)
  async requestWorkOrder(@Arg('input', () => RequestWorkOrderInput) input: RequestWorkOrderInput, @Ctx() ctx: Context) {
    return { workOrder: await this.workOrderService.requestWorkOrder(input, requireActor(ctx)) };
  }

  @Mutation(() => WorkOrderPayload)
  acceptWorkOrder(@Arg('input', () => WorkOrderTransitionInput) input: WorkOrderTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input.id, WorkOrderState.ACCEPTED);
  }

  @Mutation(() => WorkOrderPayload)
  declineWorkOrder(@Arg('input', () => WorkOrderReasonInput) input: WorkOrderReasonInput, @Ctx() ctx: Context) {
    return this.move(ctx, input.id, WorkOrderState.DECLINED, input.reason);
  }

  @Mutation(() => WorkOrderPayload, { description: 'Needs at least one assigned trainee.' })
  scheduleWorkOrder(@Arg('input', () => WorkOrderTransitionInput) input: WorkOrderTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input.id, WorkOrderState.SCHEDULED);
  }

  @Mutation(() => WorkOrderPayload)
  startWorkOrder(@Arg('input', () => WorkOrderTransitionInput) input: WorkOrderTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input.id, WorkOrderState.IN_PROGRESS);
  }

  @Mutation(() => WorkOrderPayload)
  completeWorkOrder(@Arg('input', () => WorkOrderTransitionInput) input: WorkOrderTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input.id, WorkOrderState.COMPLETED);
  }

  @Mutation(() => WorkOrderPayload, { description: 'A unit lead may cancel their own unit’s orders.' })
  cancelWorkOrder(@Arg('input', () => WorkOrderReasonInput) input: WorkOrderReasonInput, @Ctx() ctx: Context) {
    return this.move(ctx, input.id, WorkOrderState.CANCELLED, input.reason);
  }

  @Mutation(() => WorkOrderAssignmentPayload)
  assignTrainee(@Arg('input', () => AssignTraineeInput) input: AssignTraineeInput, @Ctx() ctx: Context) {
    return this.workOrderService.assignTrainee(input, ctx.actor);
  }

  @Mutation(() => WorkOrderPayload)
  async unassignTrainee(@Arg('input', () => AssignTraineeInput) input: AssignTraineeInput, @Ctx() ctx: Context) {
    return { workOrder: await this.workOrderService.unassignTrainee(input, ctx.actor) };
  }

  @Mutation(() => WorkOrderPayload, { description: 'The ordering unit’s feedback; only on a completed order.' })
  async giveWorkOrderFeedback(@Arg('input', () => WorkOrderFeedbackInput) input: WorkOrderFeedbackInput) {
    return { workOrder: await this.workOrderService.giveFeedback(input) };
  }

  @FieldResolver(() => Task)
  async task(@Root() order: WorkOrder, @Ctx() ctx: Context): Promise<Task> {
    return (await ctx.loaders.task.load(order.taskId))!;
  }

  @FieldResolver(() => WorkUnit)
  async workUnit(@Root() order: WorkOrder, @Ctx() ctx: Context): Promise<WorkUnit> {
    return (await ctx.loaders.workUnit.load(order.workUnitId))!;
  }

  @FieldResolver(() => [WorkOrderAssignment])
  assignments(@Root() order: WorkOrder, @Ctx() ctx: Context): Promise<WorkOrderAssignment[]> {
    return ctx.loaders.workOrderAssignmentsByOrder.load(order.id);
  }

  @FieldResolver(() => [StateChange], { description: 'State transitions, oldest first.' })
  history(@Root() order: WorkOrder, @Ctx() ctx: Context): Promise<StateChange[]> {
    return ctx.loaders.history.load(order.id);
  }

  private async move(ctx: RequestContext, id: string, to: WorkOrderState, reason?: string) {
    return { workOrder: await this.workOrderService.transition(id, to, requireActor(ctx), reason) };
  }
}

@Resolver(() => WorkOrderAssignment)
export class WorkOrderAssignmentResolver {
  @FieldResolver(() => Trainee)
  async trainee(@Root() assignment: WorkOrderAssignment, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(assignment.traineeId))!;
  }

  @FieldResolver(() => WorkOrder)
  async workOrder(@Root() assignment: WorkOrderAssignment, @Ctx() ctx: Context): Promise<WorkOrder> {
    return (await ctx.loaders.workOrder.load(assignment.workOrderId))!;
  }
}

@Resolver(() => Trainee)
export class TraineeWorkOrderFields {
  @FieldResolver(() => [WorkOrderAssignment], { description: 'Work orders the trainee is staffed on, by start date.' })
  workOrderAssignments(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<WorkOrderAssignment[]> {
    return ctx.loaders.workOrderAssignmentsByTrainee.load(trainee.id);
  }
}
