import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import type { RequestContext } from '../access/request-context';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { LocalDate } from '../shared/scalars';
import { AttendanceEntry, DiaryEntry } from './attendance.entities';
import { AddDiaryEntryInput, RecordAttendanceInput } from './attendance.inputs';
import type { AttendanceLoaders, AttendanceService } from './attendance.service';
import { AbsenceReason } from './expense-allowance';

/** The loaders these resolvers read. */
type Context = RequestContext<AttendanceLoaders>;

const DiaryEntryConnection = ConnectionType(DiaryEntry, 'DiaryEntry');

@ObjectType('ExpenseAllowance', {
  description: 'Kulukorvaus: one daily rate per distinct present day, for participation bases that earn it (EXPENSE_ALLOWANCE_BASES).',
})
export class ExpenseAllowanceType {
  @Field(() => Boolean, {
    description:
      "Whether the period's participation basis earns the allowance at all; false for employment (wages are paid instead), and then days and amount are 0.",
  })
  basisEarnsAllowance: boolean;

  @Field(() => Int)
  eligibleDays: number;

  @Field(() => Int)
  amountCents: number;

  @Field(() => Int)
  ratePerDayCents: number;
}

@ObjectType()
class AbsenceCount {
  @Field(() => AbsenceReason)
  reason: AbsenceReason;

  @Field(() => Int)
  days: number;
}

@ObjectType()
class AttendanceSummary {
  @Field(() => ID)
  periodId: string;

  @Field(() => Int)
  presentDays: number;

  @Field(() => Int)
  absentDays: number;

  @Field(() => [AbsenceCount])
  absencesByReason: AbsenceCount[];

  @Field(() => Float)
  hours: number;

  @Field(() => ExpenseAllowanceType)
  expenseAllowance: ExpenseAllowanceType;
}

@ObjectType()
class RecordAttendancePayload {
  @Field(() => [AttendanceEntry], { description: 'In the order of the input entries.' })
  entries: AttendanceEntry[];
}

@ObjectType()
class DiaryEntryPayload {
  @Field(() => DiaryEntry)
  diaryEntry: DiaryEntry;
}

@Resolver()
export class AttendanceResolver {
  constructor(private readonly attendanceService: AttendanceService) {}

  @Query(() => [AttendanceEntry], { description: 'Oldest first; from and to are inclusive.' })
  attendance(
    @Arg('periodId', () => ID) periodId: string,
    @Ctx() ctx: Context,
    @Arg('from', () => LocalDate, { nullable: true }) from?: string,
    @Arg('to', () => LocalDate, { nullable: true }) to?: string,
  ): Promise<AttendanceEntry[]> {
    return this.attendanceService.list(periodId, from, to);
  }

  @Query(() => AttendanceSummary)
  attendanceSummary(@Arg('periodId', () => ID) periodId: string) {
    return this.attendanceService.summary(periodId);
  }

  @Query(() => DiaryEntryConnection, { description: 'Newest first.' })
  diaryEntries(@Arg('periodId', () => ID) periodId: string, @Args(() => PageArgs) page: PageArgs) {
    return this.attendanceService.diaryEntries(periodId, page);
  }

  @Mutation(() => RecordAttendancePayload)
  async recordAttendance(@Arg('input', () => RecordAttendanceInput) input: RecordAttendanceInput, @Ctx() ctx: Context) {
    return { entries: await this.attendanceService.record(input, ctx.actor!) };
  }

  @Mutation(() => DiaryEntryPayload)
  async addDiaryEntry(@Arg('input', () => AddDiaryEntryInput) input: AddDiaryEntryInput, @Ctx() ctx: Context) {
    return { diaryEntry: await this.attendanceService.addDiaryEntry(input, ctx.actor!) };
  }
}

@Resolver(() => CoachingPeriod)
export class PeriodAttendanceFields {
  @FieldResolver(() => [AttendanceEntry], { description: 'Oldest first; from and to are inclusive.' })
  attendance(
    @Root() period: CoachingPeriod,
    @Ctx() ctx: Context,
    @Arg('from', () => LocalDate, { nullable: true }) from?: string,
    @Arg('to', () => LocalDate, { nullable: true }) to?: string,
  ): Promise<AttendanceEntry[]> {
    return ctx.loaders.attendanceByPeriodRange.load(`${period.id}|${from ?? ''}|${to ?? ''}`);
  }

  @FieldResolver(() => ExpenseAllowanceType)
  expenseAllowance(@Root() period: CoachingPeriod, @Ctx() ctx: Context) {
    return ctx.loaders.expenseAllowanceByPeriod.load(`${period.id}|${period.participationBasis}`);
  }
}
