import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { notFound } from '../../platform/errors';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import type { HistoryLoaders } from '../history/history.service';
import { StateChange } from '../history/state-change.entity';
import { joined } from '../shared/joined';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { Task } from '../task-catalogue/task.entity';
import type { TaskCatalogueLoaders } from '../task-catalogue/task.service';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeLoaders } from '../trainee/trainee.service';
import { CompetenceRecord, CompetenceRequirement, Qualification, QualificationUnit } from './competence.entities';
import { CompetenceRecordFilter, CompetenceTransitionInput, ImportQualificationInput, RecordCompetenceInput } from './competence.inputs';
import type { CompetenceLoaders, CompetenceService } from './competence.service';
import { CompetenceState } from './competence-state';

/** The loaders these resolvers read. */
type Context = RequestContext<CompetenceLoaders & HistoryLoaders & TaskCatalogueLoaders & TraineeLoaders>;

const CompetenceRecordConnection = ConnectionType(CompetenceRecord, 'CompetenceRecord');

@ObjectType()
class QualificationPayload {
  @Field(() => Qualification)
  qualification: Qualification;
}

@ObjectType()
class CompetenceRecordPayload {
  @Field(() => CompetenceRecord)
  competenceRecord: CompetenceRecord;
}

@Resolver(() => Qualification)
export class QualificationResolver {
  constructor(private readonly competenceService: CompetenceService) {}

  @Query(() => [Qualification], { description: 'Imported vocational qualifications (ePerusteet).' })
  qualifications(): Promise<Qualification[]> {
    return this.competenceService.qualifications();
  }

  @Query(() => Qualification)
  async qualification(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Qualification> {
    return (await ctx.loaders.qualification.load(id)) ?? Promise.reject(notFound('Qualification', id));
  }

  @Mutation(() => QualificationPayload, {
    description:
      'Creates a qualification or brings it to this version, by its ePerusteet id. Changed and removed requirements and units are retired, never rewritten: competence records keep theirs.',
  })
  async importQualification(@Arg('input', () => ImportQualificationInput) input: ImportQualificationInput) {
    return { qualification: await this.competenceService.importQualification(input) };
  }

  @FieldResolver(() => [QualificationUnit])
  units(@Root() qualification: Qualification, @Ctx() ctx: Context): Promise<QualificationUnit[]> {
    return ctx.loaders.qualificationUnitsByQualification.load(qualification.id);
  }
}

@Resolver(() => QualificationUnit)
export class QualificationUnitResolver {
  @FieldResolver(() => [CompetenceRequirement], { description: 'Ammattitaitovaatimukset.' })
  requirements(@Root() unit: QualificationUnit, @Ctx() ctx: Context): Promise<CompetenceRequirement[]> {
    return ctx.loaders.requirementsByUnit.load(unit.id);
  }
}

@Resolver(() => CompetenceRecord)
export class CompetenceRecordResolver {
  constructor(private readonly competenceService: CompetenceService) {}

  @Query(() => CompetenceRecordConnection, { description: 'Competence records, oldest first.' })
  competenceRecords(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @ListScope() scope: TraineeScope,
    @Arg('filter', () => CompetenceRecordFilter, { nullable: true }) filter?: CompetenceRecordFilter,
  ) {
    return this.competenceService.competenceRecords(filter, page, scope);
  }

  @Query(() => CompetenceRecord)
  async competenceRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CompetenceRecord> {
    return (await ctx.loaders.competenceRecord.load(id)) ?? Promise.reject(notFound('CompetenceRecord', id));
  }

  @Mutation(() => CompetenceRecordPayload, { description: 'Starts documenting a requirement; the record keeps a snapshot of it.' })
  async recordCompetence(@Arg('input', () => RecordCompetenceInput) input: RecordCompetenceInput, @Ctx() ctx: Context) {
    return { competenceRecord: await this.competenceService.recordCompetence(input, requireActor(ctx)) };
  }

  @Mutation(() => CompetenceRecordPayload, { description: 'Shown in real work (näytetty).' })
  markCompetenceDemonstrated(@Arg('input', () => CompetenceTransitionInput) input: CompetenceTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input, CompetenceState.DEMONSTRATED);
  }

  @Mutation(() => CompetenceRecordPayload, { description: 'Verified (todennettu); final.' })
  verifyCompetence(@Arg('input', () => CompetenceTransitionInput) input: CompetenceTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input, CompetenceState.VERIFIED);
  }

  @Mutation(() => CompetenceRecordPayload, { description: 'The demonstration was not sufficient.' })
  returnCompetenceToPractising(@Arg('input', () => CompetenceTransitionInput) input: CompetenceTransitionInput, @Ctx() ctx: Context) {
    return this.move(ctx, input, CompetenceState.PRACTISING);
  }

  @FieldResolver(() => CompetenceRequirement, {
    nullable: true,
    description:
      'The requirement the record was made against, as it read then; its retiredAt tells whether a newer version of the qualification changed or removed it. Null only for records whose requirement was deleted before requirements were kept.',
  })
  requirement(@Root() record: CompetenceRecord, @Ctx() ctx: Context): Promise<CompetenceRequirement | null> | null {
    return record.requirementId ? ctx.loaders.competenceRequirement.load(record.requirementId) : null;
  }

  @FieldResolver(() => Task, { nullable: true })
  task(@Root() record: CompetenceRecord, @Ctx() ctx: Context): Promise<Task | null> | null {
    return record.taskId ? ctx.loaders.task.load(record.taskId) : null;
  }

  @FieldResolver(() => Trainee)
  async trainee(@Root() record: CompetenceRecord, @Ctx() ctx: Context): Promise<Trainee> {
    return (await ctx.loaders.trainee.load(record.traineeId))!;
  }

  @FieldResolver(() => [StateChange], { description: 'State transitions, oldest first.' })
  history(@Root() record: CompetenceRecord, @Ctx() ctx: Context): Promise<StateChange[]> {
    return ctx.loaders.history.load(record.id);
  }

  private async move(ctx: RequestContext, input: CompetenceTransitionInput, to: CompetenceState) {
    return { competenceRecord: await this.competenceService.transition(input.id, to, requireActor(ctx), input.reason) };
  }
}

@Resolver(() => Trainee)
export class TraineeCompetenceFields {
  @FieldResolver(() => Int, { description: 'Verified (todennettu) competence records.' })
  verifiedCompetenceCount(@Root() trainee: Trainee, @Ctx() ctx: Context): number | Promise<number> {
    return joined<number>(trainee, 'verifiedCompetenceCount') ?? ctx.loaders.verifiedCompetenceCount.load(trainee.id);
  }

  @FieldResolver(() => [CompetenceRecord])
  competenceRecords(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<CompetenceRecord[]> {
    return ctx.loaders.competenceRecordsByTrainee.load(trainee.id);
  }
}
