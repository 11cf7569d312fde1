import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import type { RequestContext } from '../access/request-context';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import type { HistoryLoaders } from '../history/history.service';
import { StateChange } from '../history/state-change.entity';
import { FinalSummary } from './final-summary.entity';
import { FinaliseFinalSummaryInput, StartFinalSummaryInput, UpdateFinalSummaryInput } from './final-summary.inputs';
import type { FinalSummaryLoaders, FinalSummaryService } from './final-summary.service';

/** The loaders these resolvers read. */
type Context = RequestContext<FinalSummaryLoaders & HistoryLoaders>;

@ObjectType()
class FinalSummaryPayload {
  @Field(() => FinalSummary)
  finalSummary: FinalSummary;
}

@Resolver(() => FinalSummary)
export class FinalSummaryResolver {
  constructor(private readonly finalSummaryService: FinalSummaryService) {}

  @Query(() => FinalSummary, { nullable: true, description: 'The final summary (loppukooste) of a period, if started.' })
  finalSummary(@Arg('periodId', () => ID) periodId: string, @Ctx() ctx: Context): Promise<FinalSummary | null> {
    return ctx.loaders.finalSummaryByPeriod.load(periodId);
  }

  @Mutation(() => FinalSummaryPayload)
  async startFinalSummary(@Arg('input', () => StartFinalSummaryInput) input: StartFinalSummaryInput, @Ctx() ctx: Context) {
    return { finalSummary: await this.finalSummaryService.start(input, ctx.actor!) };
  }

  @Mutation(() => FinalSummaryPayload)
  async updateFinalSummary(@Arg('input', () => UpdateFinalSummaryInput) input: UpdateFinalSummaryInput) {
    return { finalSummary: await this.finalSummaryService.update(input) };
  }

  @Mutation(() => FinalSummaryPayload, { description: 'Makes the summary FINAL: read-only from then on.' })
  async finaliseFinalSummary(@Arg('input', () => FinaliseFinalSummaryInput) input: FinaliseFinalSummaryInput, @Ctx() ctx: Context) {
    return { finalSummary: await this.finalSummaryService.finalise(input, ctx.actor!) };
  }

  @FieldResolver(() => [StateChange])
  history(@Root() summary: FinalSummary, @Ctx() ctx: Context): Promise<StateChange[]> {
    return ctx.loaders.history.load(summary.id);
  }
}

@Resolver(() => CoachingPeriod)
export class CoachingPeriodFinalSummaryFields {
  @FieldResolver(() => FinalSummary, { nullable: true })
  finalSummary(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<FinalSummary | null> {
    return ctx.loaders.finalSummaryByPeriod.load(period.id);
  }
}
