import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../platform/errors';
import type { RequestContext } from '../../platform/graphql/context';
import { QualificationUnit } from '../competence/competence.entities';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Task } from './task.entity';
import { CreateTaskInput, TaskFilter, UpdateTaskInput } from './task.inputs';

const TaskConnection = ConnectionType(Task, 'Task');

@ObjectType()
class TaskPayload {
  @Field(() => Task)
  task: Task;
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => TaskConnection, { description: 'The task catalogue, ordered by code.' })
  tasks(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => TaskFilter, { nullable: true }) filter?: TaskFilter,
  ) {
    return ctx.services.taskCatalogue.tasks(filter, page);
  }

  @Query(() => Task)
  async task(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Task> {
    return (await ctx.loaders.task.load(id)) ?? Promise.reject(notFound('Task', id));
  }

  @Mutation(() => TaskPayload)
  async createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: RequestContext) {
    return { task: await ctx.services.taskCatalogue.createTask(input) };
  }

  @Mutation(() => TaskPayload)
  async updateTask(@Arg('input', () => UpdateTaskInput) input: UpdateTaskInput, @Ctx() ctx: RequestContext) {
    return { task: await ctx.services.taskCatalogue.updateTask(input) };
  }

  @FieldResolver(() => [QualificationUnit], { description: 'Qualification units the work counts towards (opinnollistaminen).' })
  qualificationUnits(@Root() task: Task, @Ctx() ctx: RequestContext): Promise<QualificationUnit[]> {
    return ctx.loaders.taskQualificationUnits.load(task.id);
  }
}
