import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { QualificationUnit } from '../competence/competence.entities';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Task } from './task.entity';
import { CreateTaskInput, TaskFilter, UpdateTaskInput } from './task.inputs';
import type { TaskCatalogueLoaders, TaskCatalogueService } from './task.service';

/** The loaders these resolvers read. */
type Context = RequestContext<TaskCatalogueLoaders>;

const TaskConnection = ConnectionType(Task, 'Task');

@ObjectType()
class TaskPayload {
  @Field(() => Task)
  task: Task;
}

@Resolver(() => Task)
export class TaskResolver {
  constructor(private readonly taskCatalogueService: TaskCatalogueService) {}

  @Query(() => TaskConnection, { description: 'The task catalogue, ordered by code.' })
  tasks(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Arg('filter', () => TaskFilter, { nullable: true }) filter?: TaskFilter) {
    return this.taskCatalogueService.tasks(callerOrganisation(ctx), filter, page);
  }

  @Query(() => Task)
  async task(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Task> {
    return (await ctx.loaders.task.load(id)) ?? Promise.reject(notFound('Task', id));
  }

  @Mutation(() => TaskPayload)
  async createTask(@Arg('input', () => CreateTaskInput) input: CreateTaskInput, @Ctx() ctx: Context) {
    return { task: await this.taskCatalogueService.createTask(callerOrganisation(ctx), input) };
  }

  @Mutation(() => TaskPayload)
  async updateTask(@Arg('input', () => UpdateTaskInput) input: UpdateTaskInput, @Ctx() ctx: Context) {
    return { task: await this.taskCatalogueService.updateTask(callerOrganisation(ctx), input) };
  }

  @FieldResolver(() => [QualificationUnit], { description: 'Qualification units the work counts towards (opinnollistaminen).' })
  qualificationUnits(@Root() task: Task, @Ctx() ctx: Context): Promise<QualificationUnit[]> {
    return ctx.loaders.taskQualificationUnits.load(task.id);
  }
}
