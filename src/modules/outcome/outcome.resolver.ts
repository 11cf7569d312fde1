import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { callerOrganisation } from '../access/caller-organisation';
import { ListScope } from '../access/list-scope';
import type { RequestContext } from '../access/request-context';
import type { TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { OutcomeCheckpoint, OutcomeType, StatisticsScope } from './outcome';
import { Outcome } from './outcome.entity';
import { CorrectOutcomeInput, RecordOutcomeInput } from './outcome.inputs';
import type { OutcomeLoaders, OutcomeService } from './outcome.service';

/** The loaders these resolvers read. */
type Context = RequestContext<OutcomeLoaders>;

@ObjectType()
class OutcomePayload {
  @Field(() => Outcome)
  outcome: Outcome;
}

@ObjectType({ description: 'A follow-up (seuranta) that is due and not yet recorded.' })
export class FollowUpDue {
  @Field(() => CoachingPeriod)
  period: CoachingPeriod;

  @Field(() => Trainee)
  trainee: Trainee;

  @Field(() => OutcomeCheckpoint)
  checkpoint: OutcomeCheckpoint;

  @Field(() => LocalDate)
  dueDate: string;
}

const FollowUpDueConnection = ConnectionType(FollowUpDue, 'FollowUpDue');

@ObjectType()
class OutcomeTypeCount {
  @Field(() => OutcomeType)
  type: OutcomeType;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count: number | null;

  @Field(() => Boolean, { description: 'NATIONAL: the count is hidden by the small-cell rule (1–4, or one that would give such a count away).' })
  suppressed: boolean;
}

@ObjectType({ description: 'End-of-period outcomes (jatkosijoittuminen) of periods that ended in a date range.' })
class OutcomeStatistics {
  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => StatisticsScope)
  scope: StatisticsScope;

  @Field(() => Int, {
    nullable: true,
    description: 'NATIONAL: counts below this are suppressed (small-cell rule); null for the organisation’s own figures.',
  })
  minimumCellSize: number | null;

  @Field(() => Boolean, { description: 'Some count is suppressed (null).' })
  suppressed: boolean;

  @Field(() => [String], { description: 'The totals that are suppressed: periodsEnded, withOutcome, employedOrStudying.' })
  suppressedTotals: string[];

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  periodsEnded: number | null;

  @Field(() => Int, { nullable: true, description: 'Ended periods with an AT_END outcome recorded; null when suppressed.' })
  withOutcome: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  employedOrStudying: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'employedOrStudying / periodsEnded (target 0.7); null when no period ended or either count is suppressed.',
  })
  share: number | null;

  @Field(() => [OutcomeTypeCount], { description: 'Every outcome type, zero counts included.' })
  byType: OutcomeTypeCount[];
}

@Resolver()
export class OutcomeResolver {
  constructor(private readonly outcomeService: OutcomeService) {}

  @Query(() => [Outcome], { description: 'Outcomes of a period in checkpoint order.' })
  outcomes(@Arg('periodId', () => ID) periodId: string): Promise<Outcome[]> {
    return this.outcomeService.byPeriod(periodId);
  }

  @Query(() => FollowUpDueConnection, { description: 'Ended periods whose 3- or 6-month follow-up is due by `before` and not recorded.' })
  followUpsDue(@Arg('before', () => LocalDate) before: string, @Args(() => PageArgs) page: PageArgs, @ListScope() scope: TraineeScope) {
    return this.outcomeService.followUpsDue(before, page, scope);
  }

  @Query(() => OutcomeStatistics)
  outcomeStatistics(
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() ctx: Context,
    @Arg('scope', () => StatisticsScope, {
      defaultValue: StatisticsScope.ORGANISATION,
      description: 'ORGANISATION: the caller’s organisation. NATIONAL: every organisation together, small counts suppressed.',
    })
    scope: StatisticsScope,
  ) {
    return this.outcomeService.statistics(callerOrganisation(ctx), from, to, scope);
  }

  @Mutation(() => OutcomePayload)
  async recordOutcome(@Arg('input', () => RecordOutcomeInput) input: RecordOutcomeInput, @Ctx() ctx: Context) {
    return { outcome: await this.outcomeService.record(input, ctx.actor!) };
  }

  @Mutation(() => OutcomePayload, { description: 'Corrects the type (and note) of a recorded outcome.' })
  async correctOutcome(@Arg('input', () => CorrectOutcomeInput) input: CorrectOutcomeInput) {
    return { outcome: await this.outcomeService.correct(input) };
  }
}

@Resolver(() => CoachingPeriod)
export class CoachingPeriodOutcomeFields {
  @FieldResolver(() => [Outcome])
  outcomes(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<Outcome[]> {
    return ctx.loaders.outcomesByPeriod.load(period.id);
  }
}
