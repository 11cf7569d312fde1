import { AttendanceEntry, DiaryEntry, DiaryEntryKind } from '../modules/attendance/attendance.entities';
import { AbsenceReason, AttendanceStatus, checkAttendanceEntry, defaultAttendanceLimits } from '../modules/attendance/expense-allowance';
import { CapacityDimension } from '../modules/capacity/assessment-change';
import { CapacityAssessment, CapacityScore } from '../modules/capacity/capacity.entities';
import { isActivePhase, PeriodPhase, ServiceForm } from '../modules/coaching-period/period-phase';
import { CompetenceRecord } from '../modules/competence/competence.entities';
import { CompetenceState } from '../modules/competence/competence-state';
import { addDays, compareDates, IsoDate, rangesOverlap } from '../modules/shared/calendar';
import { WorkOrder, WorkOrderAssignment } from '../modules/work-order/work-order.entities';
import { checkAssignment, DifficultyLevel, WorkOrderState } from '../modules/work-order/work-order-state';
import { Role } from '../platform/auth/actor';
import type { Catalogue, SeededRequirement, SeededTask } from './catalogue';
import type { Actor, Row, SeedContext } from './context';
import { eachDay, isWorkingDay, maxDate, minDate, nextWorkingDay, previousWorkingDay, weekday } from './dates';
import { Lifecycle, PeriodPlan, placementOn } from './lifecycle';
import type { Organisation, SeededUnit } from './organisation';
import type { Rng } from './random';
import { ASSESSMENT_SUMMARIES, CANCEL_REASONS, DAILY_LOG_TEMPLATES, DECLINE_REASONS, LEARNING_DIARY_TEMPLATES, WORK_ORDER_FEEDBACK } from './texts';

export interface AssignmentPlan {
  workOrderId: string;
  task: SeededTask;
  period: PeriodPlan;
  start: IsoDate;
  end: IsoDate;
}

const ORDER_STATES: Array<[WorkOrderState, number]> = [
  [WorkOrderState.COMPLETED, 18],
  [WorkOrderState.IN_PROGRESS, 6],
  [WorkOrderState.SCHEDULED, 7],
  [WorkOrderState.ACCEPTED, 5],
  [WorkOrderState.REQUESTED, 6],
  [WorkOrderState.DECLINED, 3],
  [WorkOrderState.CANCELLED, 3],
];

function addWorkingDays(start: IsoDate, count: number): IsoDate {
  let current = nextWorkingDay(start);
  for (let i = 1; i < count; i++) current = nextWorkingDay(addDays(current, 1));
  return current;
}

const unitActor = (unit: SeededUnit): Actor => ({ userId: unit.leadEmail, role: Role.UNIT_LEAD });

/** Work orders from the units in every state, staffed without double booking and within each trainee's level. */
export async function seedWorkOrders(ctx: SeedContext, org: Organisation, catalogue: Catalogue, lifecycle: Lifecycle): Promise<AssignmentPlan[]> {
  const rng = ctx.rng('work-orders');
  const today = ctx.today;
  const orderRows: Row<WorkOrder>[] = [];
  const assignmentRows: Row<WorkOrderAssignment>[] = [];
  const assignments: AssignmentPlan[] = [];
  const booked = new Map<string, Array<{ start: IsoDate; end: IsoDate }>>();
  const activeCoaches = org.coaches.filter((c) => c.active);

  const candidatesFor = (task: SeededTask, start: IsoDate, end: IsoDate): PeriodPlan[] =>
    lifecycle.periods.filter((period) => {
      if (period.trainee.workLevel < task.difficultyLevel) return false;
      const mappingDone = period.steps[1]?.on;
      if (!mappingDone || compareDates(mappingDone, start) > 0 || period.steps[1].phase === PeriodPhase.ENDED) return false;
      if (compareDates(period.start, start) > 0 || compareDates(period.end ?? period.plannedEnd, end) < 0) return false;
      if (period.placements.some((p) => rangesOverlap({ start, end }, { start: p.start, end: p.end }))) return false;
      if (period.checkPoints.some((cp) => cp.closedOn === null && compareDates(cp.openedOn, end) <= 0)) return false;
      return !(booked.get(period.trainee.id) ?? []).some((range) => rangesOverlap(range, { start, end }));
    });

  const states = ORDER_STATES.flatMap(([state, count]) => Array<WorkOrderState>(count).fill(state));
  states.forEach((state, index) => {
    const unit = org.units[index % org.units.length];
    let tasks = catalogue.tasks.filter((t) => unit.orders.includes(t.field));
    if (state === WorkOrderState.DECLINED && index === states.indexOf(WorkOrderState.DECLINED))
      tasks = catalogue.tasks.filter((t) => t.transportNeeded);
    let task = rng.pick(tasks);
    const workersNeeded = task.field === 'CLEARING_AND_MOVING' ? rng.int(2, 5) : rng.int(1, 3);
    const staffed = state === WorkOrderState.COMPLETED || state === WorkOrderState.IN_PROGRESS || state === WorkOrderState.SCHEDULED;

    let start: IsoDate = today;
    let end: IsoDate = today;
    let chosen: PeriodPlan[] = [];
    for (let attempt = 0; attempt < 25; attempt++) {
      switch (state) {
        case WorkOrderState.COMPLETED:
          start = nextWorkingDay(addDays(today, -rng.int(12, 200)));
          end = addWorkingDays(start, rng.int(1, 8));
          break;
        case WorkOrderState.IN_PROGRESS:
          start = previousWorkingDay(addDays(today, -rng.int(0, 6)));
          end = nextWorkingDay(addDays(today, rng.int(1, 10)));
          break;
        case WorkOrderState.SCHEDULED:
          start = nextWorkingDay(addDays(today, rng.int(1, 21)));
          end = addWorkingDays(start, rng.int(1, 6));
          break;
        case WorkOrderState.ACCEPTED:
          start = nextWorkingDay(addDays(today, rng.int(7, 35)));
          end = addWorkingDays(start, rng.int(1, 6));
          break;
        case WorkOrderState.REQUESTED:
          start = nextWorkingDay(addDays(today, rng.int(3, 40)));
          end = addWorkingDays(start, rng.int(1, 8));
          break;
        default:
          start = nextWorkingDay(addDays(today, rng.int(-60, 20)));
          end = addWorkingDays(start, rng.int(1, 5));
      }
      if (state === WorkOrderState.COMPLETED && compareDates(end, today) >= 0) continue;
      if (!staffed) break;
      chosen = rng.shuffle(candidatesFor(task, start, end)).slice(0, workersNeeded);
      if (chosen.length > 0) break;
      if (attempt > 10) task = rng.pick(catalogue.tasks.filter((t) => t.difficultyLevel === 1 && unit.orders.includes(t.field))) ?? task;
    }
    if (staffed && chosen.length === 0) throw new Error(`no trainee available for a ${state} work order`);

    const id = ctx.id();
    const coach = rng.pick(activeCoaches).actor;
    // The trail: requested by the unit, then accepted, scheduled, started and finished by the coaches.
    const trail: Array<{ state: WorkOrderState; on: IsoDate; actor: Actor; reason?: string }> = [];
    let cursor = minDate(addDays(start, -rng.int(7, 30)), addDays(today, -rng.int(0, 5)));
    const next = (days: number) => (cursor = maxDate(cursor, minDate(addDays(cursor, days), today)));
    trail.push({ state: WorkOrderState.REQUESTED, on: cursor, actor: unitActor(unit) });
    let declineReason: string | null = null;
    if (state === WorkOrderState.DECLINED) {
      declineReason = DECLINE_REASONS[orderRows.filter((o) => o.state === WorkOrderState.DECLINED).length % DECLINE_REASONS.length];
      trail.push({ state, on: next(rng.int(1, 3)), actor: coach, reason: declineReason });
    } else if (state !== WorkOrderState.REQUESTED) {
      trail.push({ state: WorkOrderState.ACCEPTED, on: next(rng.int(1, 3)), actor: coach });
      if (state === WorkOrderState.CANCELLED) {
        trail.push({
          state,
          on: next(rng.int(2, 6)),
          actor: unitActor(unit),
          reason: CANCEL_REASONS[orderRows.filter((o) => o.state === WorkOrderState.CANCELLED).length % CANCEL_REASONS.length],
        });
      } else if (state !== WorkOrderState.ACCEPTED) {
        trail.push({ state: WorkOrderState.SCHEDULED, on: minDate(next(rng.int(1, 4)), maxDate(cursor, start)), actor: coach });
        if (state === WorkOrderState.IN_PROGRESS || state === WorkOrderState.COMPLETED)
          trail.push({ state: WorkOrderState.IN_PROGRESS, on: (cursor = maxDate(cursor, start)), actor: coach });
        if (state === WorkOrderState.COMPLETED) trail.push({ state, on: (cursor = end), actor: coach });
      }
    }
    const times = trail.map((step, i) =>
      ctx.at(step.on, step.state === WorkOrderState.IN_PROGRESS ? 8 : step.state === WorkOrderState.COMPLETED ? 15 : 9 + i, rng.int(0, 59)),
    );
    trail.forEach((step, i) =>
      ctx.history.record('WorkOrder', id, i === 0 ? null : trail[i - 1].state, step.state, times[i], step.actor, step.reason ?? null),
    );

    const workingDays = eachDay(start, end).filter(isWorkingDay).length;
    orderRows.push({
      id,
      workUnitId: unit.id,
      taskId: task.id,
      place: rng.chance(0.5) ? unit.address : task.typicalPlace,
      startDate: start,
      endDate: end,
      workersNeeded,
      state,
      notes: rng.pick([
        null,
        'Työvälineet lainataan yksiköltä; avaimet vahtimestarilta.',
        'Työ alkaa klo 8.00, kokoontuminen pääovella.',
        'Suojavarusteet valmennusympäristön varastosta.',
        'Huom. tilassa asiakkaita, rauhallinen työskentely.',
      ]),
      unitFeedback: state === WorkOrderState.COMPLETED ? rng.pick(WORK_ORDER_FEEDBACK) : null,
      unitRating:
        state === WorkOrderState.COMPLETED
          ? rng.weighted([
              [5, 5],
              [4, 4],
              [3, 1],
            ])
          : null,
      confirmedHours:
        state === WorkOrderState.COMPLETED ? Math.round(chosen.reduce((sum, p) => sum + Math.min(p.hoursPerDay, 6), 0) * workingDays * 4) / 4 : null,
      declineReason,
      createdAt: times[0],
      updatedAt: times[times.length - 1],
    });
    for (const period of chosen) {
      checkAssignment({
        taskDifficulty: task.difficultyLevel as DifficultyLevel,
        traineeLevel: period.trainee.workLevel as DifficultyLevel,
        traineeBusy: false,
      });
      booked.set(period.trainee.id, [...(booked.get(period.trainee.id) ?? []), { start, end }]);
      assignments.push({ workOrderId: id, task, period, start, end });
      const scheduledAt = times.find((_, i) => trail[i].state === WorkOrderState.SCHEDULED) ?? times[times.length - 1];
      assignmentRows.push({
        id: ctx.id(),
        workOrderId: id,
        traineeId: period.trainee.id,
        startDate: start,
        endDate: end,
        createdAt: scheduledAt,
        updatedAt: scheduledAt,
      });
    }
  });
  await ctx.insert(WorkOrder, orderRows);
  await ctx.insert(WorkOrderAssignment, assignmentRows);
  return assignments;
}

export function attendanceWeekdays(rng: Rng, daysPerWeek: number): number[] {
  switch (daysPerWeek) {
    case 5:
      return [1, 2, 3, 4, 5];
    case 4: {
      const dayOff = rng.pick([5, 5, 1, 3]);
      return [1, 2, 3, 4, 5].filter((d) => d !== dayOff);
    }
    case 3:
      return rng.pick([
        [1, 2, 3],
        [1, 3, 5],
        [2, 3, 4],
        [1, 2, 4],
      ]);
    case 2:
      return rng.pick([
        [2, 4],
        [1, 3],
      ]);
    default:
      return [3];
  }
}

const tasksFor = (catalogue: Catalogue, level: number) => catalogue.tasks.filter((t) => t.difficultyLevel <= level);

/** Attendance for the last four weeks of active (and just ended) periods, with daily logs and learning diaries. */
export async function seedAttendanceAndDiaries(
  ctx: SeedContext,
  catalogue: Catalogue,
  lifecycle: Lifecycle,
  assignments: AssignmentPlan[],
): Promise<void> {
  const rng = ctx.rng('attendance');
  const today = ctx.today;
  const windowStart = addDays(today, -28);
  const yesterday = addDays(today, -1);
  const attendanceRows: Row<AttendanceEntry>[] = [];
  const diaryRows: Row<DiaryEntry>[] = [];
  // Two people in coaching whose attendance is dropping: the dashboard should warn about them.
  const dropping = new Set(
    lifecycle.periods
      .filter((p) => p.phase === PeriodPhase.COACHING)
      .slice(0, 2)
      .map((p) => p.id),
  );

  for (const period of lifecycle.periods) {
    const last = minDate(period.end ?? yesterday, yesterday);
    const first = maxDate(period.start, windowStart);
    if (compareDates(first, last) > 0) continue;
    if (!isActivePhase(period.phase) && compareDates(period.end!, windowStart) < 0) continue;
    const days = new Set(attendanceWeekdays(rng, period.daysPerWeek));
    const coach = period.coach.actor.userId;
    const ownTasks = tasksFor(catalogue, period.trainee.workLevel);
    for (const date of eachDay(first, last)) {
      if (!isWorkingDay(date) || !days.has(weekday(date))) continue;
      const openCheckPoint = period.checkPoints.some(
        (cp) => compareDates(cp.openedOn, addDays(date, 7)) <= 0 && (cp.closedOn === null || compareDates(date, cp.closedOn) <= 0),
      );
      const absenceRate = dropping.has(period.id) && compareDates(date, addDays(today, -12)) >= 0 ? 0.5 : openCheckPoint ? 0.25 : 0.06;
      const createdAt = ctx.at(date, 15, rng.int(0, 59));
      if (rng.chance(absenceRate)) {
        const reason = rng.weighted<AbsenceReason>([
          [AbsenceReason.ILLNESS, 50],
          [AbsenceReason.CHILD_ILLNESS, 10],
          [AbsenceReason.AUTHORISED, 20],
          [AbsenceReason.UNAUTHORISED, openCheckPoint || dropping.has(period.id) ? 30 : 8],
          [AbsenceReason.OTHER, 8],
        ]);
        checkAttendanceEntry({ status: AttendanceStatus.ABSENT, hours: null, absenceReason: reason }, defaultAttendanceLimits);
        attendanceRows.push({
          id: ctx.id(),
          periodId: period.id,
          traineeId: period.trainee.id,
          date,
          status: AttendanceStatus.ABSENT,
          hours: null,
          absenceReason: reason,
          note:
            reason === AbsenceReason.ILLNESS
              ? rng.pick([null, 'Ilmoitti aamulla tekstiviestillä.'])
              : reason === AbsenceReason.AUTHORISED
                ? rng.pick(['Lääkärikäynti', 'Asiointi Kelassa', 'Työhaastattelu'])
                : reason === AbsenceReason.UNAUTHORISED
                  ? 'Ei ilmoitusta, ei tavoitettu puhelimella.'
                  : null,
          recordedBy: coach,
          createdAt,
          updatedAt: createdAt,
        });
        continue;
      }
      const short = rng.chance(0.1);
      const hours = short ? Math.max(1, period.hoursPerDay - rng.pick([1, 1.5, 2])) : period.hoursPerDay;
      checkAttendanceEntry({ status: AttendanceStatus.PRESENT, hours, absenceReason: null }, defaultAttendanceLimits);
      const placement = placementOn(period, date);
      attendanceRows.push({
        id: ctx.id(),
        periodId: period.id,
        traineeId: period.trainee.id,
        date,
        status: AttendanceStatus.PRESENT,
        hours,
        absenceReason: null,
        note: short
          ? rng.pick(['Lähti aiemmin lääkäriin.', 'Lyhennetty päivä sovitusti.'])
          : placement
            ? `${placementLabel(placement.kind)}: ${placement.unit?.name ?? placement.company?.name}`
            : null,
        recordedBy: coach,
        createdAt,
        updatedAt: createdAt,
      });

      const assignment = assignments.find((a) => a.period === period && compareDates(a.start, date) <= 0 && compareDates(date, a.end) <= 0);
      const task = assignment?.task ?? rng.pick(ownTasks);
      if (rng.chance(0.4)) {
        const at = ctx.at(date, 15, rng.int(0, 59));
        diaryRows.push({
          id: ctx.id(),
          periodId: period.id,
          kind: DiaryEntryKind.DAILY_LOG,
          date,
          authorId: coach,
          text: rng.pick(DAILY_LOG_TEMPLATES).replace('{task}', `”${task.name.fi}”`),
          tasksDone: [task.name.fi],
          workOrderId: assignment?.workOrderId ?? null,
          createdAt: at,
          updatedAt: at,
        });
      }
      if (rng.chance(0.18)) {
        const at = ctx.at(date, 14, rng.int(0, 59));
        diaryRows.push({
          id: ctx.id(),
          periodId: period.id,
          kind: DiaryEntryKind.LEARNING_DIARY,
          date,
          authorId: null,
          text: rng.pick(LEARNING_DIARY_TEMPLATES).replace('{task}', `”${task.name.fi}”`),
          tasksDone: [task.name.fi],
          workOrderId: null,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
  }
  await ctx.insert(AttendanceEntry, attendanceRows);
  await ctx.insert(DiaryEntry, diaryRows);
}

export function placementLabel(kind: string): string {
  return { WORK_TRIAL: 'Työkokeilu', ON_THE_JOB_COACHING: 'Työpaikkavalmennus', PRE_COACHING: 'Esivalmennus', EMPLOYMENT: 'Työsuhde' }[kind] ?? kind;
}

/** 1–3 capacity assessments per period, every item scored; later ones mostly better. */
export async function seedCapacityAssessments(ctx: SeedContext, catalogue: Catalogue, lifecycle: Lifecycle): Promise<void> {
  const rng = ctx.rng('capacity');
  const today = ctx.today;
  const yesterday = addDays(today, -1);
  const assessmentRows: Row<CapacityAssessment>[] = [];
  const scoreRows: Row<CapacityScore>[] = [];
  for (const period of lifecycle.periods) {
    const last = minDate(period.end ?? yesterday, yesterday);
    const points: Array<{ on: IsoDate; kind: keyof typeof ASSESSMENT_SUMMARIES }> = [];
    const initial = addDays(period.start, rng.int(3, 8));
    if (compareDates(initial, last) > 0) continue;
    points.push({ on: initial, kind: 'initial' });
    const checkPoint = period.checkPoints[0];
    const coachingStart = period.steps.find((s) => s.phase === PeriodPhase.COACHING)?.on;
    if (checkPoint && compareDates(addDays(checkPoint.openedOn, 2), last) <= 0) {
      points.push({ on: addDays(checkPoint.openedOn, 2), kind: 'checkPoint' });
    } else if (coachingStart) {
      const middle = addDays(coachingStart, rng.int(30, 60));
      if (compareDates(middle, period.end ? addDays(period.end, -7) : last) <= 0) points.push({ on: middle, kind: 'middle' });
    }
    if (period.end && coachingStart) points.push({ on: addDays(period.end, -rng.int(1, 4)), kind: 'final' });
    const dated = points.filter((p, i) => i === 0 || compareDates(p.on, points[i - 1].on) > 0).slice(0, 3);

    const lowStart = period.serviceForm === ServiceForm.ASSESSMENT;
    const level = new Map<string, number>();
    const dimensionBase = new Map<string, number>();
    for (const item of catalogue.capacityItems) {
      if (!dimensionBase.has(item.dimension)) {
        const weak = lowStart && (item.dimension === CapacityDimension.PHYSICAL || item.dimension === CapacityDimension.PSYCHOLOGICAL);
        dimensionBase.set(item.dimension, weak ? rng.int(1, 3) : rng.int(2, 4));
      }
      level.set(item.id, clamp(dimensionBase.get(item.dimension)! + rng.int(-1, 1)));
    }
    dated.forEach((point, index) => {
      if (index > 0) {
        for (const item of catalogue.capacityItems) {
          const worse =
            point.kind === 'checkPoint' &&
            (item.dimension === CapacityDimension.PSYCHOLOGICAL || item.dimension === CapacityDimension.WORK_SKILLS) &&
            rng.chance(0.5);
          const delta = worse
            ? -1
            : rng.weighted([
                [1, 45],
                [0, 45],
                [-1, 10],
              ]);
          level.set(item.id, clamp(level.get(item.id)! + delta));
        }
      }
      const id = ctx.id();
      const at = ctx.at(point.on, 13, rng.int(0, 59));
      assessmentRows.push({
        id,
        periodId: period.id,
        traineeId: period.trainee.id,
        instrumentId: catalogue.instrumentId,
        assessedOn: point.on,
        assessorId: period.coach.actor.userId,
        summary: rng.pick(ASSESSMENT_SUMMARIES[point.kind]),
        createdAt: at,
        updatedAt: at,
      });
      for (const item of catalogue.capacityItems) {
        scoreRows.push({ id: ctx.id(), assessmentId: id, itemId: item.id, score: level.get(item.id)!, note: null, createdAt: at, updatedAt: at });
      }
    });
  }
  await ctx.insert(CapacityAssessment, assessmentRows);
  await ctx.insert(CapacityScore, scoreRows);
}

const clamp = (score: number) => Math.max(1, Math.min(5, score));

/** PAIKKO records tied to the work the trainee did, with the requirement copied as a snapshot. */
export async function seedCompetence(ctx: SeedContext, catalogue: Catalogue, lifecycle: Lifecycle, assignments: AssignmentPlan[]): Promise<void> {
  const rng = ctx.rng('competence');
  const today = ctx.today;
  const rows: Row<CompetenceRecord>[] = [];
  let sentBack = 0;
  for (const period of lifecycle.periods) {
    const coachingStart = period.steps.find((s) => s.phase === PeriodPhase.COACHING)?.on;
    if (!coachingStart || compareDates(addDays(coachingStart, 14), today) > 0) continue;
    const limit = minDate(period.end ?? today, today);
    const done = assignments.filter((a) => a.period === period && compareDates(a.start, limit) <= 0);
    const sources: Array<{ task: SeededTask; workOrderId: string | null }> = done.map((a) => ({ task: a.task, workOrderId: a.workOrderId }));
    for (const task of rng.sample(tasksFor(catalogue, period.trainee.workLevel), 2)) sources.push({ task, workOrderId: null });
    const used = new Set<string>();
    const target = rng.int(2, 5);
    const picks: Array<{ task: SeededTask; workOrderId: string | null; requirement: SeededRequirement; unit: SeededTask['units'][number] }> = [];
    for (const source of rng.shuffle(sources)) {
      for (const unit of source.task.units) {
        for (const requirement of rng.sample(unit.requirements, 2)) {
          if (used.has(requirement.id) || picks.length >= target) continue;
          used.add(requirement.id);
          picks.push({ ...source, requirement, unit });
        }
      }
    }
    const ended = period.end !== null;
    for (const pick of picks) {
      let state = ended
        ? rng.weighted([
            [CompetenceState.VERIFIED, 50],
            [CompetenceState.DEMONSTRATED, 30],
            [CompetenceState.PRACTISING, 20],
          ])
        : period.phase === PeriodPhase.CHECK_POINT
          ? rng.weighted([
              [CompetenceState.PRACTISING, 80],
              [CompetenceState.DEMONSTRATED, 20],
            ])
          : rng.weighted([
              [CompetenceState.PRACTISING, 50],
              [CompetenceState.DEMONSTRATED, 30],
              [CompetenceState.VERIFIED, 20],
            ]);
      const created = minDate(addDays(coachingStart, rng.int(3, 20)), limit);
      const demonstrated = minDate(addDays(created, rng.int(7, 40)), limit);
      const verified = minDate(addDays(demonstrated, rng.int(3, 20)), today);
      if (state !== CompetenceState.PRACTISING && compareDates(demonstrated, created) <= 0) state = CompetenceState.PRACTISING;
      const id = ctx.id();
      const coach = period.coach.actor;
      const createdAt = ctx.at(created, 14, rng.int(0, 59));
      const demonstratedAt = ctx.at(demonstrated, 13, rng.int(0, 59));
      const verifiedAt = ctx.at(verified, 15, rng.int(0, 59));
      const trail: Array<{ state: CompetenceState; at: Date; actor: Actor; reason?: string }> = [
        { state: CompetenceState.PRACTISING, at: createdAt, actor: coach },
      ];
      // Two demonstrations were not yet sufficient: back to practising, with the reason on record.
      const wasSentBack =
        state === CompetenceState.PRACTISING &&
        sentBack < 2 &&
        compareDates(demonstrated, created) > 0 &&
        compareDates(addDays(demonstrated, 3), today) <= 0;
      if (wasSentBack) {
        sentBack++;
        trail.push({ state: CompetenceState.DEMONSTRATED, at: demonstratedAt, actor: coach });
        trail.push({
          state: CompetenceState.PRACTISING,
          at: ctx.at(addDays(demonstrated, 3), 10),
          actor: coach,
          reason: 'Näyttö ei vielä riittänyt: työturvallisuusohjeiden noudattamisessa puutteita. Harjoitellaan lisää.',
        });
      }
      if (state !== CompetenceState.PRACTISING) trail.push({ state: CompetenceState.DEMONSTRATED, at: demonstratedAt, actor: coach });
      if (state === CompetenceState.VERIFIED)
        trail.push({ state: CompetenceState.VERIFIED, at: verifiedAt, actor: coach, reason: 'Todennettu yhdessä Sataedun opettajan kanssa.' });
      trail.forEach((step, i) =>
        ctx.history.record('CompetenceRecord', id, i === 0 ? null : trail[i - 1].state, step.state, step.at, step.actor, step.reason ?? null),
      );
      rows.push({
        id,
        traineeId: period.trainee.id,
        periodId: period.id,
        requirementId: pick.requirement.id,
        qualificationExternalId: pick.unit.qualificationExternalId,
        diaryNumber: pick.unit.diaryNumber,
        unitExternalId: pick.unit.externalId,
        requirementCode: pick.requirement.code,
        requirementText: pick.requirement.text,
        taskId: pick.task.id,
        workOrderId: pick.workOrderId,
        evidence: `${pick.task.name.fi}: ${rng.pick([
          'teki työn ohjeen mukaan ja kertoi työvaiheet valmentajalle.',
          'työskenteli itsenäisesti koko työtilauksen ajan; tilaaja antoi hyvää palautetta.',
          'harjoitteli ohjatusti, työvaiheet vielä osin ohjauksen varassa.',
          'huomioi työturvallisuuden ja käytti suojaimia oikein.',
        ])}`,
        state,
        demonstratedAt: state === CompetenceState.PRACTISING ? null : demonstratedAt,
        verifiedAt: state === CompetenceState.VERIFIED ? verifiedAt : null,
        verifiedBy: state === CompetenceState.VERIFIED ? coach.userId : null,
        createdAt,
        updatedAt: trail[trail.length - 1].at,
      });
    }
  }
  await ctx.insert(CompetenceRecord, rows);
}
