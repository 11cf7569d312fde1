import { CheckPoint, CoachingPeriod } from '../modules/coaching-period/coaching-period.entities';
import {
  checkRehabilitativeActualEnd,
  checkRehabilitativePeriodLength,
  checkSchedule,
  checkWorkTrialLimits,
  defaultLegalLimits,
  requirePlannedEnd,
} from '../modules/coaching-period/legal-limits';
import { isActivePhase, ParticipationBasis, PeriodPhase, ServiceForm } from '../modules/coaching-period/period-phase';
import { COACHING_ENVIRONMENT_ORGANISER } from '../modules/coaching-period/work-trial-accounting';
import { FinalSummary } from '../modules/final-summary/final-summary.entity';
import { FinalSummaryState } from '../modules/final-summary/final-summary-state';
import { followUpDueDate, isEmployedOrStudying, OutcomeCheckpoint, OutcomeType } from '../modules/outcome/outcome';
import { Outcome } from '../modules/outcome/outcome.entity';
import { Placement } from '../modules/placement/placement.entity';
import { assertHostAllowed, assertNoOverlap, PlacementKind } from '../modules/placement/placement-rules';
import { Referral } from '../modules/referral/referral.entity';
import { ReferralState } from '../modules/referral/referral-state';
import { addDays, addMonths, compareDates, daysBetween, IsoDate, monthsInPeriod } from '../modules/shared/calendar';
import { Role } from '../platform/auth/actor';
import type { Actor, Row, SeedContext } from './context';
import { maxDate, minDate, nextWorkingDay, previousWorkingDay } from './dates';
import type { Organisation, SeededArea, SeededCompany, SeededStaff, SeededUnit } from './organisation';
import type { TraineeProfile } from './people';
import type { Rng } from './random';
import { CHECK_POINT_CASES, periodGoals, referralBackground, REJECTION_REASONS } from './texts';

export interface PhaseStep {
  phase: PeriodPhase;
  on: IsoDate;
  reason?: string;
}

export interface PlacementPlan {
  id: string;
  kind: PlacementKind;
  unit: SeededUnit | null;
  company: SeededCompany | null;
  start: IsoDate;
  end: IsoDate | null;
}

export interface CheckPointPlan {
  id: string;
  openedOn: IsoDate;
  closedOn: IsoDate | null;
  caseIndex: number;
}

export interface OutcomePlan {
  checkpoint: OutcomeCheckpoint;
  type: OutcomeType;
  observedOn: IsoDate;
}

export interface PeriodPlan {
  id: string;
  trainee: TraineeProfile;
  referralId: string;
  serviceForm: ServiceForm;
  basis: ParticipationBasis;
  daysPerWeek: number;
  hoursPerDay: number;
  start: IsoDate;
  plannedEnd: IsoDate;
  end: IsoDate | null;
  phase: PeriodPhase;
  steps: PhaseStep[];
  coach: SeededStaff;
  careerAgent: SeededStaff | null;
  placements: PlacementPlan[];
  checkPoints: CheckPointPlan[];
  outcomes: OutcomePlan[];
  /** Youth (Osaamo) trainees join attitude training groups. */
  youth: boolean;
}

export interface ReferralPlan {
  id: string;
  trainee: TraineeProfile;
  area: SeededArea;
  caseManagerId: string;
  serviceForm: ServiceForm;
  basis: ParticipationBasis;
  state: ReferralState;
  receivedAt: Date;
  decidedAt: Date | null;
  rejectionReason: string | null;
  history: Array<{ from: ReferralState | null; to: ReferralState; at: Date; actor: Actor; reason?: string }>;
}

export interface Lifecycle {
  referrals: ReferralPlan[];
  periods: PeriodPlan[];
}

type Scenario = 'RECEIVED' | 'REJECTED' | PeriodPhase;

/** How the 120 demo people spread over the lifecycle; every phase and referral state appears. */
const SCENARIO_COUNTS: Array<[Scenario, number]> = [
  ['RECEIVED', 8],
  ['REJECTED', 6],
  [PeriodPhase.INITIAL_MAPPING, 9],
  [PeriodPhase.PRE_COACHING, 12],
  [PeriodPhase.COACHING, 44],
  [PeriodPhase.CHECK_POINT, 6],
  [PeriodPhase.ENDED, 19],
  [PeriodPhase.FOLLOW_UP, 16],
];

/** Active periods per coach, in the order of the coach list: one is full, the part-timer is under her own maximum. */
const COACH_TARGETS = [12, 10, 9, 9, 8, 8, 8, 7];

const MONTHS: Record<ParticipationBasis, number[]> = {
  [ParticipationBasis.REHABILITATIVE_WORK]: [3, 4, 6, 9, 12],
  [ParticipationBasis.WORK_TRIAL]: [2, 3, 4, 5, 6],
  // Wage subsidy is usually granted for 5 or 10 months.
  [ParticipationBasis.EMPLOYMENT]: [5, 6, 10],
  [ParticipationBasis.CAREER_COACHING]: [3, 4, 5, 6],
};

/** The demo is checked against the law's defaults, whatever a deployment configures. */
const LIMITS = defaultLegalLimits;

const plannedEndFor = (start: IsoDate, months: number) => addDays(addMonths(start, months), -1);

export function planLifecycle(ctx: SeedContext, org: Organisation, trainees: TraineeProfile[]): Lifecycle {
  const rng = ctx.rng('lifecycle');
  const today = ctx.today;
  const scenarios: Scenario[] = SCENARIO_COUNTS.flatMap(([scenario, count]) => Array<Scenario>(count).fill(scenario));
  while (scenarios.length < trainees.length) scenarios.push(PeriodPhase.COACHING);
  const order = rng.shuffle(trainees);

  const referrals: ReferralPlan[] = [];
  const periods: PeriodPlan[] = [];

  const newReferral = (trainee: TraineeProfile, form: ServiceForm, basis: ParticipationBasis, receivedOn: IsoDate): ReferralPlan => {
    const area = trainee.area;
    const manager = rng.pick(area.caseManagers);
    return {
      id: ctx.id(),
      trainee,
      area,
      caseManagerId: manager.id,
      serviceForm: form,
      basis,
      state: ReferralState.RECEIVED,
      receivedAt: ctx.at(receivedOn, rng.int(8, 15), rng.pick([0, 15, 30, 45])),
      decidedAt: null,
      rejectionReason: null,
      history: [],
    };
  };
  const managerActor = (referral: ReferralPlan): Actor => {
    const manager = referral.area.caseManagers.find((cm) => cm.id === referral.caseManagerId)!;
    return { userId: manager.email, role: Role.CASE_MANAGER };
  };

  const counters = { ended: 0, coaching: 0, followUp: 0, returning: 0, initial: 0 };
  order.forEach((trainee, index) => {
    const scenario = scenarios[index];
    const { form, basis } = chooseService(rng, trainee);

    if (scenario === 'RECEIVED' || scenario === 'REJECTED') {
      const received = addDays(today, scenario === 'RECEIVED' ? -rng.int(0, 10) : -rng.int(15, 150));
      const referral = newReferral(trainee, form, basis, received);
      referral.history.push({ from: null, to: ReferralState.RECEIVED, at: referral.receivedAt, actor: managerActor(referral) });
      const decider = rng.pick(org.careerAgents).actor;
      if (scenario === 'REJECTED') {
        const reason = REJECTION_REASONS[referrals.filter((r) => r.state === ReferralState.REJECTED).length % REJECTION_REASONS.length];
        referral.state = ReferralState.REJECTED;
        referral.rejectionReason = reason;
        referral.decidedAt = ctx.at(addDays(received, rng.int(1, 6)), 13);
        referral.history.push({ from: ReferralState.RECEIVED, to: ReferralState.REJECTED, at: referral.decidedAt, actor: decider, reason });
      } else if (referrals.every((r) => r.history.length < 3)) {
        // Reopened: rejected for a missing activation plan, back to RECEIVED once it arrived.
        const rejectedOn = addDays(received, -rng.int(20, 30));
        referral.receivedAt = ctx.at(rejectedOn, 9, 30);
        referral.history[0].at = referral.receivedAt;
        const reason = REJECTION_REASONS[4];
        const rejectedAt = ctx.at(addDays(rejectedOn, 2), 11);
        referral.history.push({ from: ReferralState.RECEIVED, to: ReferralState.REJECTED, at: rejectedAt, actor: decider, reason });
        referral.history.push({
          from: ReferralState.REJECTED,
          to: ReferralState.RECEIVED,
          at: ctx.at(received, 10),
          actor: managerActor(referral),
          reason: 'Aktivointisuunnitelma toimitettu, lähete avattu uudelleen.',
        });
      }
      trainee.createdAt = referral.receivedAt;
      referrals.push(referral);
      return;
    }

    const phase = scenario;
    const plan = planPeriod(rng, today, trainee, form, basis, phase, {
      ended: phase === PeriodPhase.ENDED ? counters.ended++ : -1,
      coaching: phase === PeriodPhase.COACHING ? counters.coaching++ : -1,
      followUp: phase === PeriodPhase.FOLLOW_UP ? counters.followUp++ : -1,
      initial: phase === PeriodPhase.INITIAL_MAPPING ? counters.initial++ : -1,
    });
    const built: PeriodPlan[] = [];
    // Five people in coaching came back: an earlier period ended and a new referral followed.
    if ((phase === PeriodPhase.COACHING || phase === PeriodPhase.PRE_COACHING) && counters.returning < 5 && rng.chance(0.2)) {
      counters.returning++;
      const earlierEnd = previousWorkingDay(addDays(plan.start, -rng.int(60, 200)));
      // A work trial after a work trial would share the coaching environment's 6 months: the
      // earlier period of a work-trial trainee was rehabilitative work (a common path).
      const earlierBasis =
        basis === ParticipationBasis.EMPLOYMENT
          ? ParticipationBasis.WORK_TRIAL
          : basis === ParticipationBasis.WORK_TRIAL
            ? ParticipationBasis.REHABILITATIVE_WORK
            : basis;
      const earlier = planEndedPeriod(rng, today, trainee, form, earlierBasis, earlierEnd, 'returning');
      built.push(earlier);
    }
    built.push(plan);

    for (const period of built) {
      const receivedOn = addDays(period.start, -rng.int(6, 28));
      const referral = newReferral(trainee, period.serviceForm, period.basis, receivedOn);
      const decider = rng.pick(org.careerAgents).actor;
      referral.decidedAt = ctx.at(minDate(addDays(receivedOn, rng.int(1, 5)), addDays(period.start, -1)), 14);
      referral.history.push({ from: null, to: ReferralState.RECEIVED, at: referral.receivedAt, actor: managerActor(referral) });
      referral.history.push({ from: ReferralState.RECEIVED, to: ReferralState.ACCEPTED, at: referral.decidedAt, actor: decider });
      referral.state = ReferralState.ACCEPTED;
      if (period.end) {
        referral.state = ReferralState.CLOSED;
        referral.history.push({
          from: ReferralState.ACCEPTED,
          to: ReferralState.CLOSED,
          at: ctx.at(period.end, 15, 30),
          actor: decider,
          reason: 'Valmennusjakso päättynyt.',
        });
      }
      period.referralId = referral.id;
      referrals.push(referral);
    }
    trainee.createdAt = referrals
      .filter((r) => r.trainee === trainee)
      .reduce((first, r) => (r.receivedAt < first ? r.receivedAt : first), new Date(8.64e15));
    trainee.workLevel = workLevelFor(rng, plan);
    periods.push(...built);
  });

  assignStaff(rng, org, periods, today);
  for (const period of periods) planPlacements(rng, org, period);
  checkPlacements(periods);
  return { referrals, periods };
}

function chooseService(rng: Rng, trainee: TraineeProfile): { form: ServiceForm; basis: ParticipationBasis } {
  const form = trainee.immigrant
    ? rng.weighted([
        [ServiceForm.IMMIGRANT_COACHING, 70],
        [ServiceForm.TOWARDS_WORK_AND_EDUCATION, 15],
        [ServiceForm.COACHING_EMPLOYMENT, 10],
        [ServiceForm.ASSESSMENT, 5],
      ])
    : rng.weighted([
        [ServiceForm.TOWARDS_WORK_AND_EDUCATION, 42],
        [ServiceForm.ASSESSMENT, 30],
        [ServiceForm.COACHING_EMPLOYMENT, 18],
      ]);
  const P = ParticipationBasis;
  const basis =
    form === ServiceForm.COACHING_EMPLOYMENT
      ? P.EMPLOYMENT
      : form === ServiceForm.ASSESSMENT
        ? rng.weighted([
            [P.REHABILITATIVE_WORK, 60],
            [P.WORK_TRIAL, 40],
          ])
        : form === ServiceForm.IMMIGRANT_COACHING
          ? rng.weighted([
              [P.WORK_TRIAL, 40],
              [P.REHABILITATIVE_WORK, 30],
              [P.CAREER_COACHING, 30],
            ])
          : rng.weighted([
              [P.WORK_TRIAL, 40],
              [P.CAREER_COACHING, 35],
              [P.REHABILITATIVE_WORK, 25],
            ]);
  return { form, basis };
}

function scheduleFor(rng: Rng, basis: ParticipationBasis): { daysPerWeek: number; hoursPerDay: number } {
  switch (basis) {
    case ParticipationBasis.REHABILITATIVE_WORK:
      return {
        daysPerWeek: rng.weighted([
          [2, 1],
          [3, 4],
          [4, 5],
        ]),
        hoursPerDay: rng.pick([4, 4, 5, 5, 6]),
      };
    case ParticipationBasis.WORK_TRIAL:
      return {
        daysPerWeek: rng.weighted([
          [4, 3],
          [5, 7],
        ]),
        hoursPerDay: rng.pick([5, 6, 6, 7]),
      };
    case ParticipationBasis.EMPLOYMENT:
      return { daysPerWeek: 5, hoursPerDay: rng.pick([7.5, 7.5, 7.25, 8, 6]) };
    case ParticipationBasis.CAREER_COACHING:
      return {
        daysPerWeek: rng.weighted([
          [4, 4],
          [5, 6],
        ]),
        hoursPerDay: rng.pick([5, 5.5, 6]),
      };
  }
}

interface Offsets {
  mapping: number;
  pre: number | null;
  coaching: number;
}

function phaseOffsets(rng: Rng, withPre: boolean): Offsets {
  const mapping = rng.int(7, 16);
  return withPre ? { mapping, pre: mapping, coaching: mapping + rng.int(14, 30) } : { mapping, pre: null, coaching: mapping };
}

function stepsUpTo(start: IsoDate, offsets: Offsets, reach: PeriodPhase): PhaseStep[] {
  const steps: PhaseStep[] = [{ phase: PeriodPhase.INITIAL_MAPPING, on: start }];
  if (reach === PeriodPhase.INITIAL_MAPPING) return steps;
  if (offsets.pre !== null) steps.push({ phase: PeriodPhase.PRE_COACHING, on: addDays(start, offsets.pre) });
  if (reach === PeriodPhase.PRE_COACHING) return steps;
  steps.push({ phase: PeriodPhase.COACHING, on: addDays(start, offsets.coaching) });
  return steps;
}

function basePlan(
  rng: Rng,
  trainee: TraineeProfile,
  form: ServiceForm,
  basis: ParticipationBasis,
): Omit<PeriodPlan, 'start' | 'plannedEnd' | 'end' | 'phase' | 'steps'> {
  const schedule = scheduleFor(rng, basis);
  checkSchedule(basis, schedule.daysPerWeek, schedule.hoursPerDay, LIMITS);
  return {
    id: '',
    trainee,
    referralId: '',
    serviceForm: form,
    basis,
    ...schedule,
    coach: undefined as unknown as SeededStaff,
    careerAgent: null,
    placements: [],
    checkPoints: [],
    outcomes: [],
    youth: trainee.age < 30 && form !== ServiceForm.ASSESSMENT,
  };
}

function planPeriod(
  rng: Rng,
  today: IsoDate,
  trainee: TraineeProfile,
  form: ServiceForm,
  basis: ParticipationBasis,
  phase: PeriodPhase,
  counters: { ended: number; coaching: number; followUp: number; initial: number },
): PeriodPlan {
  if (phase === PeriodPhase.ENDED || phase === PeriodPhase.FOLLOW_UP) {
    const recent = phase === PeriodPhase.ENDED && counters.ended < 3;
    const daysAgo = recent ? rng.int(2, 12) : phase === PeriodPhase.ENDED ? rng.int(14, 380) : rng.int(12, 300);
    const variant =
      phase === PeriodPhase.ENDED && counters.ended === 3
        ? 'dropout-mapping'
        : phase === PeriodPhase.ENDED && counters.ended === 4
          ? 'dropout-check-point'
          : phase === PeriodPhase.FOLLOW_UP
            ? 'follow-up'
            : 'ended';
    return planEndedPeriod(rng, today, trainee, form, basis, previousWorkingDay(addDays(today, -daysAgo)), variant);
  }

  const months = MONTHS[basis];
  const maxElapsed = Math.max(...months) * 30 - 12;
  const offsets = phaseOffsets(rng, phase === PeriodPhase.PRE_COACHING || rng.chance(0.7));
  let elapsed: number;
  const checkPoints: Array<Omit<CheckPointPlan, 'id'>> = [];
  const extraSteps: PhaseStep[] = [];
  let reach: PeriodPhase = phase;
  switch (phase) {
    case PeriodPhase.INITIAL_MAPPING:
      // Two people start next week: accepted, waiting for their first day.
      elapsed = counters.initial < 2 ? -rng.int(3, 7) : rng.int(1, offsets.mapping - 1);
      break;
    case PeriodPhase.PRE_COACHING:
      elapsed = rng.int(offsets.pre! + 1, offsets.coaching - 1);
      break;
    case PeriodPhase.COACHING:
      if (counters.coaching < 5) {
        // Went through a check point and came back to coaching.
        const opened = offsets.coaching + rng.int(10, 30);
        const closed = opened + rng.int(10, 21);
        elapsed = rng.int(closed + 3, Math.min(closed + 60, maxElapsed));
        checkPoints.push({ openedOn: String(opened), closedOn: String(closed), caseIndex: counters.coaching });
      } else {
        elapsed = rng.int(offsets.coaching + 3, Math.min(offsets.coaching + 150, maxElapsed));
      }
      break;
    case PeriodPhase.CHECK_POINT: {
      const opened = offsets.coaching + rng.int(15, 50);
      elapsed = opened + rng.int(2, 21);
      checkPoints.push({ openedOn: String(opened), closedOn: null, caseIndex: rng.int(0, CHECK_POINT_CASES.length - 1) });
      reach = PeriodPhase.COACHING;
      break;
    }
    default:
      throw new Error(`not an active phase: ${phase}`);
  }
  const start = addDays(today, -elapsed);
  const steps = stepsUpTo(start, offsets, reach);
  const resolvedCheckPoints: CheckPointPlan[] = checkPoints.map((cp) => {
    const openedOn = addDays(start, Number(cp.openedOn));
    const closedOn = cp.closedOn === null ? null : addDays(start, Number(cp.closedOn));
    extraSteps.push({ phase: PeriodPhase.CHECK_POINT, on: openedOn });
    if (closedOn) extraSteps.push({ phase: PeriodPhase.COACHING, on: closedOn, reason: 'Check point purettu: sovitut toimet toteutuneet.' });
    return { id: '', openedOn, closedOn, caseIndex: cp.caseIndex };
  });
  const candidates = months.filter((n) => compareDates(plannedEndFor(start, n), addDays(today, 14)) >= 0);
  const plannedEnd = plannedEndFor(start, candidates.length ? rng.pick(candidates) : Math.max(...months));
  const plan: PeriodPlan = {
    ...basePlan(rng, trainee, form, basis),
    start,
    plannedEnd,
    end: null,
    phase,
    steps: [...steps, ...extraSteps],
    checkPoints: resolvedCheckPoints,
  };
  checkPeriodLaw(plan);
  return plan;
}

type EndedVariant = 'ended' | 'follow-up' | 'dropout-mapping' | 'dropout-check-point' | 'returning';

function planEndedPeriod(
  rng: Rng,
  today: IsoDate,
  trainee: TraineeProfile,
  form: ServiceForm,
  basis: ParticipationBasis,
  end: IsoDate,
  variant: EndedVariant,
): PeriodPlan {
  const months = rng.pick(MONTHS[basis]);
  let start: IsoDate;
  let plannedEnd: IsoDate;
  if (variant === 'dropout-mapping') {
    // Moved away during the initial mapping.
    start = nextWorkingDay(addDays(end, -rng.int(6, 10)));
    plannedEnd = plannedEndFor(start, months);
  } else if (variant !== 'returning' && rng.chance(0.35)) {
    // Ended early: a job or a study place came first.
    start = addDays(end, -Math.round(daysBetween(addMonths(end, -months), end) * (0.55 + rng.next() * 0.35)));
    plannedEnd = plannedEndFor(start, months);
  } else {
    start = addMonths(addDays(end, 1), -months);
    // Month-end clamping can make the span a day over the limit: start a day later then.
    while (monthsInPeriod(start, end) > months) start = addDays(start, 1);
    // That day may leave it a day short of the planned months (the rehabilitative minimum is 3): planned in full, ended a day early.
    plannedEnd = maxDate(end, plannedEndFor(start, months));
  }
  const length = daysBetween(start, end);
  let steps: PhaseStep[];
  const checkPoints: CheckPointPlan[] = [];
  if (variant === 'dropout-mapping') {
    steps = [{ phase: PeriodPhase.INITIAL_MAPPING, on: start }];
  } else {
    let offsets = phaseOffsets(rng, rng.chance(0.7) && length > 70);
    if (offsets.coaching > length - 25) {
      const mapping = Math.max(3, Math.min(offsets.mapping, Math.floor(length / 4)));
      offsets = { mapping, pre: null, coaching: mapping };
    }
    steps = stepsUpTo(start, offsets, PeriodPhase.COACHING);
    if (variant === 'dropout-check-point') {
      const openedOn = maxDate(addDays(start, offsets.coaching + 3), addDays(end, -rng.int(10, 20)));
      steps.push({ phase: PeriodPhase.CHECK_POINT, on: openedOn });
      checkPoints.push({ id: '', openedOn, closedOn: end, caseIndex: 0 });
    }
  }
  steps.push({ phase: PeriodPhase.ENDED, on: end, reason: variant.startsWith('dropout') ? 'Jakso keskeytyi.' : undefined });
  if (variant === 'follow-up') steps.push({ phase: PeriodPhase.FOLLOW_UP, on: addDays(end, rng.int(1, 5)) });

  const plan: PeriodPlan = {
    ...basePlan(rng, trainee, form, basis),
    start,
    plannedEnd,
    end,
    phase: variant === 'follow-up' ? PeriodPhase.FOLLOW_UP : PeriodPhase.ENDED,
    steps,
    checkPoints,
  };
  plan.outcomes = planOutcomes(rng, today, end, variant);
  checkPeriodLaw(plan);
  return plan;
}

function checkPeriodLaw(plan: PeriodPlan): void {
  checkSchedule(plan.basis, plan.daysPerWeek, plan.hoursPerDay, LIMITS);
  requirePlannedEnd(plan.basis, plan.plannedEnd);
  if (plan.basis === ParticipationBasis.REHABILITATIVE_WORK) checkRehabilitativePeriodLength(plan.start, plan.plannedEnd, LIMITS);
  if (plan.basis === ParticipationBasis.REHABILITATIVE_WORK && plan.end) checkRehabilitativeActualEnd(plan.start, plan.end, LIMITS);
  if (plan.basis === ParticipationBasis.WORK_TRIAL)
    checkWorkTrialLimits({ organiserKey: COACHING_ENVIRONMENT_ORGANISER, start: plan.start, end: plan.end ?? plan.plannedEnd }, [], LIMITS);
  for (let i = 1; i < plan.steps.length; i++) {
    if (compareDates(plan.steps[i].on, plan.steps[i - 1].on) < 0) throw new Error('phase steps out of order');
  }
}

function planOutcomes(rng: Rng, today: IsoDate, end: IsoDate, variant: EndedVariant): OutcomePlan[] {
  const T = OutcomeType;
  let final: OutcomeType;
  if (variant === 'dropout-mapping' || variant === 'dropout-check-point') final = T.DROPPED_OUT;
  else if (variant === 'returning') final = rng.pick([T.OTHER_SERVICE, T.WORK_TRIAL, T.REHABILITATION, T.UNKNOWN, T.EMPLOYED_WAGE_SUBSIDY]);
  else if (variant === 'follow-up')
    final = rng.weighted([
      [T.EMPLOYED_OPEN_MARKET, 38],
      [T.EMPLOYED_WAGE_SUBSIDY, 28],
      [T.STUDYING, 26],
      [T.WORK_TRIAL, 4],
      [T.OTHER_SERVICE, 4],
    ]);
  else
    final = rng.weighted([
      [T.EMPLOYED_OPEN_MARKET, 30],
      [T.EMPLOYED_WAGE_SUBSIDY, 24],
      [T.STUDYING, 24],
      [T.WORK_TRIAL, 5],
      [T.OTHER_SERVICE, 6],
      [T.REHABILITATION, 4],
      [T.PENSION_ASSESSMENT, 5],
      [T.UNKNOWN, 2],
    ]);
  // Some find the job or study place only after the period: the follow-ups catch it.
  const atEnd = isEmployedOrStudying(final) && rng.chance(0.25) ? rng.pick([T.WORK_TRIAL, T.OTHER_SERVICE, T.UNKNOWN]) : final;
  const outcomes: OutcomePlan[] = [{ checkpoint: OutcomeCheckpoint.AT_END, type: atEnd, observedOn: end }];
  for (const checkpoint of [OutcomeCheckpoint.FOLLOW_UP_3_MONTHS, OutcomeCheckpoint.FOLLOW_UP_6_MONTHS]) {
    const due = followUpDueDate(end, checkpoint);
    if (compareDates(due, today) > 0) break;
    const observedOn = minDate(addDays(due, rng.int(0, 10)), today);
    outcomes.push({ checkpoint, type: final === T.DROPPED_OUT ? T.UNKNOWN : final, observedOn });
  }
  return outcomes;
}

function workLevelFor(rng: Rng, plan: PeriodPlan): number {
  switch (plan.phase) {
    case PeriodPhase.INITIAL_MAPPING:
    case PeriodPhase.PRE_COACHING:
      return 1;
    case PeriodPhase.CHECK_POINT:
      return rng.pick([1, 2]);
    case PeriodPhase.COACHING:
      return rng.weighted([
        [1, 20],
        [2, 45],
        [3, 35],
      ]);
    default:
      return plan.outcomes[0]?.type === OutcomeType.DROPPED_OUT
        ? 1
        : rng.weighted([
            [2, 40],
            [3, 60],
          ]);
  }
}

/** Coaches within their caseload maximum; career agents on about 40 active periods and every ended one. */
function assignStaff(rng: Rng, org: Organisation, periods: PeriodPlan[], today: IsoDate): void {
  const activeCoaches = org.coaches.filter((c) => c.active);
  const formerCoaches = org.coaches.filter((c) => !c.active);
  const load = new Map<string, number>(activeCoaches.map((c) => [c.id, 0]));
  const active = rng.shuffle(periods.filter((p) => isActivePhase(p.phase)));
  const slots = activeCoaches.flatMap((coach, index) => Array<SeededStaff>(Math.min(COACH_TARGETS[index] ?? 8, coach.caseloadMax)).fill(coach));
  active.forEach((period, index) => {
    let coach = slots[index];
    if (!coach) coach = activeCoaches.find((c) => load.get(c.id)! < c.caseloadMax)!;
    if (!coach) throw new Error('demo data has more active periods than the coaches can hold');
    load.set(coach.id, load.get(coach.id)! + 1);
    period.coach = coach;
  });
  for (const period of periods.filter((p) => !isActivePhase(p.phase))) {
    const longAgo = daysBetween(period.end!, today) > 150;
    period.coach = longAgo && formerCoaches.length && rng.chance(0.4) ? rng.pick(formerCoaches) : rng.pick(activeCoaches);
  }

  const agentLoad = new Map<string, number>(org.careerAgents.map((a) => [a.id, 0]));
  const wantsAgent = (p: PeriodPlan) =>
    (p.phase === PeriodPhase.COACHING || p.phase === PeriodPhase.CHECK_POINT) &&
    (p.serviceForm !== ServiceForm.ASSESSMENT || p.basis === ParticipationBasis.CAREER_COACHING);
  for (const period of periods) {
    if (!isActivePhase(period.phase)) {
      period.careerAgent = rng.pick(org.careerAgents);
    } else if (wantsAgent(period)) {
      const agent = rng.shuffle(org.careerAgents).find((a) => agentLoad.get(a.id)! < 10);
      if (agent) {
        agentLoad.set(agent.id, agentLoad.get(agent.id)! + 1);
        period.careerAgent = agent;
      }
    }
  }
}

function phaseStart(period: PeriodPlan, phase: PeriodPhase): IsoDate | null {
  return period.steps.find((s) => s.phase === phase)?.on ?? null;
}

/** Continued coaching in other units and companies, one placement at a time per trainee. */
function planPlacements(rng: Rng, org: Organisation, period: PeriodPlan): void {
  const periodEnd = period.end ?? period.plannedEnd;
  const add = (kind: PlacementKind, start: IsoDate, end: IsoDate | null, where: { unit?: SeededUnit; company?: SeededCompany }) => {
    if (end !== null && compareDates(end, start) < 0) return;
    period.placements.push({ id: '', kind, unit: where.unit ?? null, company: where.company ?? null, start, end });
  };
  const forProfit = org.companies.filter((c) => !c.isNonProfit);
  const associations = org.companies.filter((c) => c.isNonProfit);
  const hostUnits = org.units.filter((u) => u.name !== 'Valmennusympäristö Polku');

  const preStart = phaseStart(period, PeriodPhase.PRE_COACHING);
  const coachingStart = phaseStart(period, PeriodPhase.COACHING);
  if (preStart && rng.chance(0.35)) {
    // Pre-coaching supported by the coach in a municipal unit (e.g. food services).
    const end = coachingStart ? addDays(coachingStart, -1) : addDays(preStart, 27);
    add(PlacementKind.PRE_COACHING, preStart, minDate(end, periodEnd), { unit: rng.pick(hostUnits) });
  }
  if (!coachingStart) return;
  const latestEnd = period.checkPoints.find((cp) => cp.closedOn === null)?.openedOn ?? periodEnd;
  const from = addDays(coachingStart, rng.int(7, 30));
  if (compareDates(from, latestEnd) >= 0) return;

  switch (period.basis) {
    case ParticipationBasis.EMPLOYMENT:
      if (rng.chance(0.6)) {
        // 100 % wage subsidy is for associations; the rest work in municipal units.
        const where = rng.chance(0.25) ? { company: rng.pick(associations) } : { unit: rng.pick(hostUnits) };
        add(PlacementKind.EMPLOYMENT, coachingStart, period.end ?? period.plannedEnd, where);
      }
      break;
    case ParticipationBasis.WORK_TRIAL:
      if (rng.chance(0.5)) {
        const end = minDate(addDays(addMonths(from, rng.int(1, 3)), -1), latestEnd);
        add(PlacementKind.WORK_TRIAL, from, end, rng.chance(0.65) ? { unit: rng.pick(hostUnits) } : { company: rng.pick(forProfit) });
      }
      break;
    case ParticipationBasis.CAREER_COACHING:
      if (rng.chance(0.55))
        add(PlacementKind.ON_THE_JOB_COACHING, from, minDate(addDays(addMonths(from, rng.int(1, 3)), -1), latestEnd), {
          company: rng.pick(forProfit),
        });
      break;
    case ParticipationBasis.REHABILITATIVE_WORK:
      // Companies may not organise rehabilitative work: supported coaching in a municipal unit only.
      if (rng.chance(0.3))
        add(PlacementKind.ON_THE_JOB_COACHING, from, minDate(addDays(from, rng.int(28, 60)), latestEnd), { unit: rng.pick(hostUnits) });
      break;
  }
  // Osaamo youth: 1–3 months of on-the-job coaching in a partner company.
  if (period.youth && period.placements.length === 0 && period.basis !== ParticipationBasis.REHABILITATIVE_WORK && rng.chance(0.5)) {
    add(PlacementKind.ON_THE_JOB_COACHING, from, minDate(addDays(addMonths(from, rng.int(1, 3)), -1), latestEnd), { company: rng.pick(forProfit) });
  }
}

/**
 * The demo must pass the same rules as the API: no overlapping placements, no rehabilitative work
 * in a business, and work trials (WORK_TRIAL periods in the coaching environment and WORK_TRIAL
 * placements) within the per-organiser and total limits, counted together as the services do.
 */
function checkPlacements(periods: PeriodPlan[]): void {
  const byTrainee = new Map<string, Array<{ id: string; start: IsoDate; end: IsoDate | null }>>();
  const trials = new Map<string, Array<{ organiserKey: string; start: IsoDate; end: IsoDate }>>();
  for (const period of periods.filter((p) => p.basis === ParticipationBasis.WORK_TRIAL)) {
    const trial = { organiserKey: COACHING_ENVIRONMENT_ORGANISER, start: period.start, end: period.end ?? period.plannedEnd };
    const previous = trials.get(period.trainee.id) ?? [];
    checkWorkTrialLimits(trial, previous, LIMITS);
    trials.set(period.trainee.id, [...previous, trial]);
  }
  for (const period of periods) {
    for (const placement of period.placements) {
      assertHostAllowed(period.basis, { partnerCompanyId: placement.company?.id ?? null, companyIsNonProfit: placement.company?.isNonProfit });
      const existing = byTrainee.get(period.trainee.id) ?? [];
      assertNoOverlap({ start: placement.start, end: placement.end }, existing);
      existing.push({ id: String(existing.length), start: placement.start, end: placement.end });
      byTrainee.set(period.trainee.id, existing);
      if (placement.kind === PlacementKind.WORK_TRIAL) {
        const trial = { organiserKey: placement.unit?.id ?? placement.company!.id, start: placement.start, end: placement.end! };
        const previous = trials.get(period.trainee.id) ?? [];
        checkWorkTrialLimits(trial, previous, LIMITS);
        trials.set(period.trainee.id, [...previous, trial]);
      }
    }
  }
}

/** Where the trainee is on a day: an external placement takes them out of the coaching environment. */
export function placementOn(period: PeriodPlan, date: IsoDate): PlacementPlan | undefined {
  return period.placements.find((p) => compareDates(p.start, date) <= 0 && (p.end === null || compareDates(date, p.end) <= 0));
}

export async function insertLifecycle(ctx: SeedContext, org: Organisation, lifecycle: Lifecycle): Promise<void> {
  const rng = ctx.rng('lifecycle-rows');
  const today = ctx.today;
  const { referrals, periods } = lifecycle;
  let sequence = 1200;
  const referralRows: Row<Referral>[] = referrals
    .slice()
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
    .map((referral) => {
      const prefix = referral.area === org.area ? 'PSTA' : 'RSTA';
      const last = referral.history[referral.history.length - 1];
      for (const step of referral.history) ctx.history.record('Referral', referral.id, step.from, step.to, step.at, step.actor, step.reason ?? null);
      return {
        id: referral.id,
        employmentAreaId: referral.area.id,
        externalId: `${prefix}-${referral.receivedAt.getFullYear()}-${String(sequence++).padStart(5, '0')}`,
        caseManagerId: referral.caseManagerId,
        traineeId: referral.trainee.id,
        serviceForm: referral.serviceForm,
        participationBasis: referral.basis,
        background: referralBackground(rng, referral.serviceForm, referral.trainee),
        state: referral.state,
        rejectionReason: referral.rejectionReason,
        receivedAt: referral.receivedAt,
        decidedAt: referral.decidedAt,
        createdAt: referral.receivedAt,
        updatedAt: last.at,
      };
    });
  await ctx.insert(Referral, referralRows);

  // A couple of running periods changed hands a month in (sick leave, teams reorganised), so the
  // staffing history shows a hand-over; a separate stream keeps the rest of the demo unchanged.
  const handoverRng = ctx.rng('hand-overs');
  const handovers = new Map(
    handoverRng
      .sample(
        periods.filter((p) => (p.phase === PeriodPhase.COACHING || p.phase === PeriodPhase.CHECK_POINT) && daysBetween(p.start, today) > 45),
        2,
      )
      .map((p) => [p, handoverRng.pick(org.coaches.filter((c) => c.active && c.id !== p.coach.id))] as const),
  );
  const periodRows: Row<CoachingPeriod>[] = [];
  const checkPointRows: Row<CheckPoint>[] = [];
  const placementRows: Row<Placement>[] = [];
  for (const period of periods) {
    period.id = ctx.id();
    const coachActor = period.coach.actor;
    // A period that starts next week was opened today, not on its first day.
    const stepTimes = period.steps.map((step) => ctx.at(minDate(step.on, today), rng.int(8, 15), rng.pick([0, 10, 20, 30, 40, 50])));
    period.steps.forEach((step, index) =>
      ctx.history.record(
        'CoachingPeriod',
        period.id,
        index === 0 ? null : period.steps[index - 1].phase,
        step.phase,
        stepTimes[index],
        coachActor,
        step.reason ?? null,
      ),
    );
    recordStaffing(ctx, period, stepTimes[0], handovers);
    periodRows.push({
      id: period.id,
      traineeId: period.trainee.id,
      referralId: period.referralId,
      serviceForm: period.serviceForm,
      participationBasis: period.basis,
      daysPerWeek: period.daysPerWeek,
      hoursPerDay: period.hoursPerDay,
      startDate: period.start,
      plannedEndDate: period.plannedEnd,
      endDate: period.end,
      phase: period.phase,
      coachId: period.coach.id,
      careerAgentId: period.careerAgent?.id ?? null,
      goals: periodGoals(rng, period.serviceForm),
      caseloadOverrideReason: null,
      createdAt: stepTimes[0],
      updatedAt: stepTimes[stepTimes.length - 1],
    });
    for (const checkPoint of period.checkPoints) {
      checkPoint.id = ctx.id();
      const source = CHECK_POINT_CASES[checkPoint.caseIndex % CHECK_POINT_CASES.length];
      const openedAt = ctx.at(checkPoint.openedOn, 10);
      checkPointRows.push({
        id: checkPoint.id,
        periodId: period.id,
        difficulty: source.difficulty,
        reassessment: compareDates(addDays(checkPoint.openedOn, 2), today) <= 0 ? source.reassessment : null,
        agreedActions: compareDates(addDays(checkPoint.openedOn, 2), today) <= 0 ? source.actions : null,
        openedAt,
        closedAt: checkPoint.closedOn ? ctx.at(checkPoint.closedOn, 14) : null,
        openedBy: coachActor.userId,
        createdAt: openedAt,
        updatedAt: checkPoint.closedOn ? ctx.at(checkPoint.closedOn, 14) : openedAt,
      });
    }
    for (const placement of period.placements) {
      placement.id = ctx.id();
      const createdAt = ctx.at(addDays(placement.start, -rng.int(3, 14)), 12);
      placementRows.push({
        id: placement.id,
        periodId: period.id,
        traineeId: period.trainee.id,
        kind: placement.kind,
        workUnitId: placement.unit?.id ?? null,
        partnerCompanyId: placement.company?.id ?? null,
        startDate: placement.start,
        endDate: placement.end,
        supervisorName: placement.unit?.leadName ?? placement.company?.contactName ?? null,
        supervisorContact: placement.unit?.leadEmail ?? placement.company?.contactEmail ?? null,
        notes: placementNote(placement.kind),
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  await ctx.insert(CoachingPeriod, periodRows);
  await ctx.insert(CheckPoint, checkPointRows);
  await ctx.insert(Placement, placementRows);

  const summaryRows: Row<FinalSummary>[] = [];
  const outcomeRows: Row<Outcome>[] = [];
  for (const period of periods.filter((p) => p.end !== null)) {
    const end = period.end!;
    const draft = daysBetween(end, today) <= 13 && period.phase === PeriodPhase.ENDED;
    const summaryId = ctx.id();
    const draftedAt = ctx.at(addDays(end, -2), 13);
    const finalisedAt = draft ? null : ctx.at(minDate(addDays(end, rng.int(2, 10)), today), 9, 15);
    const agent = period.careerAgent ?? rng.pick(org.careerAgents);
    const final = period.outcomes[period.outcomes.length - 1]?.type ?? OutcomeType.UNKNOWN;
    const representative = period.placements.find((p) => p.unit)?.unit?.leadName ?? rng.pick(org.units).leadName;
    summaryRows.push({
      id: summaryId,
      periodId: period.id,
      capacityStatement: capacityStatement(rng, final),
      competenceSummary: rng.pick([
        'Osaamista kertynyt ylläpitosiivouksen ja ulkoalueiden hoidon tutkinnon osiin; osa vaatimuksista todennettu PAIKKO-menetelmällä.',
        'Ruokapalvelujen perustehtävät hallussa, hygieniaosaaminen näytetty. Asiakaspalvelussa harjoiteltavaa.',
        'Tilatyhjennykset ja kalustesiirrot sujuvat itsenäisesti; turvallinen nostotekniikka hallussa.',
        'Toimistotehtävät ja arkistointi sujuvat ohjeiden mukaan; tietosuojaohjeet ymmärretty.',
      ]),
      recommendations: recommendationsFor(rng, final),
      continuationPlan: continuationPlan(final),
      unitRepresentative: representative,
      state: draft ? FinalSummaryState.DRAFT : FinalSummaryState.FINAL,
      finalisedAt,
      finalisedBy: draft ? null : agent.actor.userId,
      createdAt: draftedAt,
      updatedAt: finalisedAt ?? draftedAt,
    });
    ctx.history.record('FinalSummary', summaryId, null, FinalSummaryState.DRAFT, draftedAt, period.coach.actor);
    if (finalisedAt)
      ctx.history.record(
        'FinalSummary',
        summaryId,
        FinalSummaryState.DRAFT,
        FinalSummaryState.FINAL,
        finalisedAt,
        agent.actor,
        'Toimitettu asiakasvastaavalle.',
      );
    for (const outcome of period.outcomes) {
      const recordedAt = ctx.at(outcome.observedOn, 12);
      outcomeRows.push({
        id: ctx.id(),
        periodId: period.id,
        traineeId: period.trainee.id,
        checkpoint: outcome.checkpoint,
        type: outcome.type,
        observedOn: outcome.observedOn,
        note: outcomeNote(outcome.type),
        recordedBy: agent.actor.userId,
        createdAt: recordedAt,
        updatedAt: recordedAt,
      });
    }
  }
  await ctx.insert(FinalSummary, summaryRows);
  await ctx.insert(Outcome, outcomeRows);
}

function placementNote(kind: PlacementKind): string {
  switch (kind) {
    case PlacementKind.PRE_COACHING:
      return 'Esivalmennus työyksikössä työvalmentajan tuella; arvioidaan soveltuvuutta avustaviin tehtäviin.';
    case PlacementKind.WORK_TRIAL:
      return 'Työkokeilusopimus allekirjoitettu; järjestäjä antaa kirjallisen palautteen jakson lopussa.';
    case PlacementKind.ON_THE_JOB_COACHING:
      return 'Työpaikkavalmennus; valmentaja käy työpaikalla viikoittain, ura-agentti tukee työyhteisöä.';
    case PlacementKind.EMPLOYMENT:
      return 'Palkkatuettu työsuhde; palkkatukipäätös tehty ennen työsuhteen alkua.';
  }
}

function capacityStatement(rng: Rng, final: OutcomeType): string {
  if (final === OutcomeType.PENSION_ASSESSMENT || final === OutcomeType.REHABILITATION) {
    return 'Työ- ja toimintakyky rajoittunut: jaksaa 4 tunnin työpäiviä kevyissä tehtävissä, fyysinen kuormitus lisää kipuja. Havainnot mittariston mukaan liitteenä.';
  }
  return rng.pick([
    'Työ- ja toimintakyky riittää kokoaikaiseen työhön; jaksaminen parantunut jakson aikana selvästi.',
    'Työkyky riittää ohjattuun työhön 6 tuntia päivässä; itsenäisyys kasvanut, täsmällisyys hyvä.',
    'Fyysinen ja sosiaalinen toimintakyky hyvät; kognitiivisessa osa-alueessa tarvitsee selkeät ohjeet.',
  ]);
}

function recommendationsFor(rng: Rng, final: OutcomeType): string[] {
  switch (final) {
    case OutcomeType.STUDYING:
      return ['Ammatillinen koulutus: hakeutuminen Sataedun perustutkintoon', 'Tunnustetaan valmennusjakson aikana todennettu osaaminen'];
    case OutcomeType.PENSION_ASSESSMENT:
      return ['Tarkempi terveydentilan selvittely työterveyshuollossa', 'Eläkeselvittely yhteistyössä TYM-työkykykoordinaattorin kanssa'];
    case OutcomeType.REHABILITATION:
      return ['Kelan ammatillinen kuntoutus', 'Tarkempi terveydentilan selvittely'];
    case OutcomeType.EMPLOYED_WAGE_SUBSIDY:
      return [
        'Palkkatuettu työ (70 %), ura-agentin tuki työsuhteen alussa',
        rng.pick(['Oppisopimus tutkinnon osaan', 'Työhönvalmennus 3 kuukauden ajan']),
      ];
    default:
      return rng.sample(
        [
          'Työnhaun tuki ura-agentin kanssa',
          'Suomen kielen opinnot tasolle B1',
          'Hygieniapassi',
          'Työturvallisuuskortti',
          'Oppisopimus tutkinnon osaan',
        ],
        2,
      );
  }
}

function continuationPlan(final: OutcomeType): string {
  switch (final) {
    case OutcomeType.EMPLOYED_OPEN_MARKET:
      return 'Työsuhde alkaa; ura-agentti tukee työpaikalla noin 3 kuukautta.';
    case OutcomeType.EMPLOYED_WAGE_SUBSIDY:
      return 'Palkkatuettu työsuhde alkaa palkkatukipäätöksen jälkeen; tuki työyhteisölle ensimmäiset kuukaudet.';
    case OutcomeType.STUDYING:
      return 'Opinnot alkavat; valmentaja tukee opintojen alussa ja osaamisen tunnustamisessa.';
    case OutcomeType.WORK_TRIAL:
      return 'Työkokeilu yrityksessä, tavoitteena rekrytointi.';
    case OutcomeType.PENSION_ASSESSMENT:
      return 'Eläkeselvittely; loppukooste toimitetaan asiakasvastaavalle ja työkykykoordinaattorille.';
    default:
      return 'Asiakasvastaava sopii jatkopalveluista; valmennusympäristön havainnot käytettävissä.';
  }
}

function outcomeNote(type: OutcomeType): string | null {
  switch (type) {
    case OutcomeType.EMPLOYED_OPEN_MARKET:
      return 'Toistaiseksi voimassa oleva tai määräaikainen työsuhde avoimilla työmarkkinoilla.';
    case OutcomeType.EMPLOYED_WAGE_SUBSIDY:
      return 'Palkkatuettu työsuhde.';
    case OutcomeType.STUDYING:
      return 'Opiskelupaikka ammatillisessa koulutuksessa.';
    case OutcomeType.DROPPED_OUT:
      return 'Jakso keskeytyi, asiakas ei tavoitettavissa.';
    default:
      return null;
  }
}

const HANDOVER_REASONS = [
  'Vastuuvalmentajan sairausloma: valmennus jatkuu toisen valmentajan kanssa.',
  'Tiimit jaettiin uudelleen: siirto toiselle valmentajalle.',
];

/**
 * Who held the period: the coach and career agent assigned when it was opened, and for a hand-over
 * the first coach and the change a month in, by that coach, with the reason.
 */
function recordStaffing(ctx: SeedContext, period: PeriodPlan, openedAt: Date, handovers: ReadonlyMap<PeriodPlan, SeededStaff>): void {
  const opened = 'Assigned when the period was opened';
  const first = handovers.get(period);
  const opener = period.coach.actor;
  if (first) {
    const handedOverAt = ctx.at(addDays(period.start, 30), 10);
    const reason = HANDOVER_REASONS[[...handovers.keys()].indexOf(period) % HANDOVER_REASONS.length];
    ctx.history.record('CoachingPeriodCoach', period.id, null, first.id, openedAt, first.actor, opened);
    ctx.history.record('CoachingPeriodCoach', period.id, first.id, period.coach.id, handedOverAt, first.actor, reason);
  } else {
    ctx.history.record('CoachingPeriodCoach', period.id, null, period.coach.id, openedAt, opener, opened);
  }
  if (period.careerAgent) ctx.history.record('CoachingPeriodCareerAgent', period.id, null, period.careerAgent.id, openedAt, opener, opened);
}
