import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull, Not } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import type { HistoryService } from '../history/history.service';
import { staffIdForMine } from '../me/mine';
import { Placement } from '../placement/placement.entity';
import { Referral } from '../referral/referral.entity';
import { ReferralState } from '../referral/referral-state';
import { compareDates, todayOf } from '../shared/calendar';
import { byIdLoader, groupedLoader, singleLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { StaffMember, StaffRole } from '../staff/staff.entity';
import { Trainee } from '../trainee/trainee.entity';
import { CheckPoint, CoachingPeriod } from './coaching-period.entities';
import {
  AssignCareerAgentInput,
  AssignCoachInput,
  ChangePeriodPhaseInput,
  CoachingPeriodFilter,
  OpenCoachingPeriodInput,
  UpdateCheckPointInput,
  UpdatePeriodScheduleInput,
} from './coaching-period.inputs';
import { CoachingPeriodReason } from './coaching-period.reasons';
import {
  checkRehabilitativeActualEnd,
  checkRehabilitativePeriodLength,
  checkSchedule,
  checkWorkTrialLimits,
  LegalLimits,
  requirePlannedEnd,
} from './legal-limits';
import { isActivePhase, ParticipationBasis, PeriodPhase, periodPhaseMachine } from './period-phase';
import { COACHING_ENVIRONMENT_ORGANISER, workTrialsOf } from './work-trial-accounting';

/** What this module needs from the staff and referral modules. */
export interface PeriodCollaborators {
  staff: {
    /** Refuses with COACH_AT_CAPACITY unless a reason is given; returns the recorded reason, if any. */
    assertCanTake(manager: EntityManager, staffId: string, overrideReason?: string | null): Promise<unknown>;
  };
  referral: {
    closeForPeriod(manager: EntityManager, referralId: string, actor?: Actor): Promise<unknown>;
  };
}

const INACTIVE_PHASES = [PeriodPhase.ENDED, PeriodPhase.FOLLOW_UP];

export class CoachingPeriodService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly collaborators: PeriodCollaborators,
    private readonly clock: Clock,
    /** From configuration (LEGAL_LIMITS over the defaults). */
    private readonly limits: LegalLimits,
  ) {}

  async get(id: string): Promise<CoachingPeriod> {
    const period = await this.dataSource.getRepository(CoachingPeriod).findOneBy({ id });
    if (!period) throw notFound('CoachingPeriod', id);
    return period;
  }

  /** `caller`: whose periods `filter.mine` means (the token's staff id, never the client's). */
  list(filter: CoachingPeriodFilter | null | undefined, page: PageArgs, scope: TraineeScope, caller?: Actor): Promise<Connection<CoachingPeriod>> {
    const f = filter ?? {};
    const mineStaffId = staffIdForMine(f.mine, caller, 'filter.mine');
    const query = applyTraineeScope(this.dataSource.getRepository(CoachingPeriod).createQueryBuilder('period'), 'period.traineeId', scope);
    if (mineStaffId) query.andWhere('(period.coachId = :mine OR period.careerAgentId = :mine)', { mine: mineStaffId });
    if (f.phase) query.andWhere('period.phase = :phase', { phase: f.phase });
    if (f.coachId) query.andWhere('period.coachId = :coachId', { coachId: f.coachId });
    if (f.careerAgentId) query.andWhere('period.careerAgentId = :careerAgentId', { careerAgentId: f.careerAgentId });
    if (f.serviceForm) query.andWhere('period.serviceForm = :serviceForm', { serviceForm: f.serviceForm });
    if (f.participationBasis) query.andWhere('period.participationBasis = :basis', { basis: f.participationBasis });
    if (f.traineeId) query.andWhere('period.traineeId = :traineeId', { traineeId: f.traineeId });
    // Newest first: coaches look at current periods, not the archive.
    return paginate(query, page, [{ sql: 'period.startDate', value: (p) => p.startDate, kind: 'date' }], 'DESC');
  }

  async open(input: OpenCoachingPeriodInput, actor: Actor): Promise<CoachingPeriod> {
    return this.dataSource.transaction(async (manager) => {
      let traineeId: string;
      let serviceForm: CoachingPeriod['serviceForm'];
      let basis: ParticipationBasis;
      let referralId: string | null = null;

      if (input.referralId) {
        const referral = await manager.findOne(Referral, { where: { id: input.referralId }, lock: { mode: 'pessimistic_write' } });
        if (!referral) throw notFound('Referral', input.referralId);
        if (referral.state !== ReferralState.ACCEPTED) {
          throw conflict(
            CoachingPeriodReason.REFERRAL_NOT_ACCEPTED,
            `A period can only be opened from an ACCEPTED referral; this one is ${referral.state}`,
            {
              details: { state: referral.state },
            },
          );
        }
        const existing = await manager.findOne(CoachingPeriod, { where: { referralId: referral.id }, select: { id: true } });
        if (existing) {
          throw conflict(CoachingPeriodReason.REFERRAL_ALREADY_HAS_PERIOD, 'This referral already has a coaching period', {
            details: { periodId: existing.id },
          });
        }
        ({ traineeId, serviceForm, participationBasis: basis } = referral);
        referralId = referral.id;
      } else {
        if (!input.traineeId) throw badInput('input.traineeId', 'A trainee is needed when there is no referral', CommonReason.TRAINEE_REQUIRED);
        if (!input.serviceForm)
          throw badInput('input.serviceForm', 'A service form is needed when there is no referral', CoachingPeriodReason.SERVICE_FORM_REQUIRED);
        if (!input.participationBasis) {
          throw badInput(
            'input.participationBasis',
            'A participation basis is needed when there is no referral',
            CoachingPeriodReason.PARTICIPATION_BASIS_REQUIRED,
          );
        }
        traineeId = input.traineeId;
        serviceForm = input.serviceForm;
        basis = input.participationBasis;
      }

      checkSchedule(basis, input.daysPerWeek, input.hoursPerDay, this.limits);
      requirePlannedEnd(basis, input.plannedEndDate);
      if (input.plannedEndDate) this.checkPlannedEnd(basis, input.startDate, input.plannedEndDate);

      // The trainee row serialises openings, so two coaches cannot both open an active period.
      const trainee = await manager.findOne(Trainee, { where: { id: traineeId }, lock: { mode: 'pessimistic_write' }, select: { id: true } });
      if (!trainee)
        throw input.referralId ? notFound('Trainee', traineeId) : badInput('input.traineeId', 'No such trainee', CommonReason.TRAINEE_NOT_FOUND);
      const active = await manager.findOne(CoachingPeriod, {
        where: { traineeId, phase: Not(In(INACTIVE_PHASES)) },
        select: { id: true },
      });
      if (active) {
        throw conflict(CoachingPeriodReason.ACTIVE_PERIOD_EXISTS, 'The trainee already has an active coaching period', {
          details: { periodId: active.id },
        });
      }
      if (basis === ParticipationBasis.WORK_TRIAL) {
        await this.checkWorkTrialPeriod(manager, traineeId, null, input.startDate, input.plannedEndDate!, 'input.plannedEndDate');
      }

      if (input.careerAgentId) await this.assertStaff(manager, input.careerAgentId, StaffRole.CAREER_AGENT, 'input.careerAgentId');
      let overrideReason: string | null = null;
      if (input.coachId) {
        await this.assertStaff(manager, input.coachId, StaffRole.COACH, 'input.coachId');
        overrideReason = await this.takeCaseload(manager, input.coachId, input.caseloadOverrideReason);
      }

      const period = await manager.save(
        manager.create(CoachingPeriod, {
          traineeId,
          referralId,
          serviceForm,
          participationBasis: basis,
          daysPerWeek: input.daysPerWeek,
          hoursPerDay: input.hoursPerDay,
          startDate: input.startDate,
          plannedEndDate: input.plannedEndDate ?? null,
          endDate: null,
          phase: PeriodPhase.INITIAL_MAPPING,
          coachId: input.coachId ?? null,
          careerAgentId: input.careerAgentId ?? null,
          goals: input.goals ?? null,
          caseloadOverrideReason: overrideReason,
        }),
      );
      await this.history.record(manager, { subjectType: 'CoachingPeriod', subjectId: period.id, from: null, to: period.phase, actor });
      const opened = 'Assigned when the period was opened';
      if (period.coachId)
        await this.history.record(manager, {
          subjectType: 'CoachingPeriodCoach',
          subjectId: period.id,
          from: null,
          to: period.coachId,
          actor,
          reason: opened,
        });
      if (period.careerAgentId) {
        await this.history.record(manager, {
          subjectType: 'CoachingPeriodCareerAgent',
          subjectId: period.id,
          from: null,
          to: period.careerAgentId,
          actor,
          reason: opened,
        });
      }
      return period;
    });
  }

  async changePhase(input: ChangePeriodPhaseInput, actor: Actor): Promise<CoachingPeriod> {
    return this.dataSource.transaction(async (manager) => {
      const period = await this.lockPeriod(manager, input.periodId);
      const from = period.phase;
      periodPhaseMachine.assert(from, input.to);
      if (input.endDate && input.to !== PeriodPhase.ENDED) {
        throw badInput('input.endDate', 'An end date is only given when ending the period', CoachingPeriodReason.END_DATE_NOT_EXPECTED);
      }
      if (input.checkPoint && input.to !== PeriodPhase.CHECK_POINT) {
        throw badInput('input.checkPoint', 'A check point is only given when moving to CHECK_POINT', CoachingPeriodReason.CHECK_POINT_NOT_EXPECTED);
      }

      if (from === PeriodPhase.CHECK_POINT) {
        await manager.update(CheckPoint, { periodId: period.id, closedAt: IsNull() }, { closedAt: this.clock.now() });
      }
      if (input.to === PeriodPhase.CHECK_POINT) {
        if (!input.checkPoint)
          throw badInput(
            'input.checkPoint',
            'Moving to a check point needs the difficulty and agreed actions',
            CoachingPeriodReason.CHECK_POINT_REQUIRED,
          );
        await manager.insert(CheckPoint, {
          periodId: period.id,
          difficulty: input.checkPoint.difficulty,
          reassessment: input.checkPoint.reassessment ?? null,
          agreedActions: input.checkPoint.agreedActions ?? null,
          openedBy: actor.userId,
          openedAt: this.clock.now(),
        });
      }
      if (input.to === PeriodPhase.ENDED) {
        const endDate = input.endDate ?? todayOf(this.clock);
        if (compareDates(endDate, period.startDate) < 0) {
          throw badInput('input.endDate', 'The end date must not be before the start date', CommonReason.END_BEFORE_START);
        }
        if (compareDates(endDate, todayOf(this.clock)) > 0) {
          throw badInput('input.endDate', 'A period is ended on the day it ends, not in advance', CommonReason.DATE_IN_FUTURE);
        }
        // The actual end is bound by the same law as the planned one. It may come early; a work
        // trial ended at or before its planned end uses no more than was already accounted.
        if (period.participationBasis === ParticipationBasis.REHABILITATIVE_WORK) {
          checkRehabilitativeActualEnd(period.startDate, endDate, this.limits);
        }
        if (
          period.participationBasis === ParticipationBasis.WORK_TRIAL &&
          (!period.plannedEndDate || compareDates(endDate, period.plannedEndDate) > 0)
        ) {
          await this.checkWorkTrialPeriod(manager, period.traineeId, period.id, period.startDate, endDate, 'input.endDate');
        }
        // A placement must not outlive the period, nor start after its end.
        const [{ conflicts }] = await manager.query(
          `SELECT count(*)::int AS conflicts FROM placement
           WHERE period_id = $1 AND (start_date > $2 OR (end_date IS NOT NULL AND end_date > $2))`,
          [period.id, endDate],
        );
        if (conflicts > 0) {
          throw badInput(
            'input.endDate',
            `${conflicts} placement(s) of this period start or end after ${endDate}; end or correct them first`,
            CoachingPeriodReason.PLACEMENT_AFTER_END,
          );
        }
        period.endDate = endDate;
        // Open-ended placements end with the period, so they cannot block later placements.
        await manager.update(Placement, { periodId: period.id, endDate: IsNull() }, { endDate });
        if (period.referralId) await this.collaborators.referral.closeForPeriod(manager, period.referralId, actor);
      }

      period.phase = input.to;
      await manager.update(CoachingPeriod, { id: period.id }, { phase: period.phase, endDate: period.endDate });
      await this.history.record(manager, {
        subjectType: 'CoachingPeriod',
        subjectId: period.id,
        from,
        to: input.to,
        actor,
        reason: input.note ?? null,
      });
      return manager.findOneByOrFail(CoachingPeriod, { id: period.id });
    });
  }

  async updateCheckPoint(input: UpdateCheckPointInput): Promise<CheckPoint> {
    const repository = this.dataSource.getRepository(CheckPoint);
    const checkPoint = await repository.findOneBy({ id: input.checkPointId });
    if (!checkPoint) throw notFound('CheckPoint', input.checkPointId);
    if (checkPoint.closedAt)
      throw conflict(CoachingPeriodReason.CHECK_POINT_CLOSED, 'A closed check point is part of the record and cannot be changed');
    if (input.difficulty != null) checkPoint.difficulty = input.difficulty;
    if (input.reassessment !== undefined) checkPoint.reassessment = input.reassessment;
    if (input.agreedActions !== undefined) checkPoint.agreedActions = input.agreedActions;
    return repository.save(checkPoint);
  }

  /**
   * Hands the period to another coach. Who may do it is the matrix's business (ADMIN or the period's
   * current staff); the change of who sees the person in full is kept with who and why.
   */
  async assignCoach(input: AssignCoachInput, actor: Actor): Promise<CoachingPeriod> {
    const reason = requireHandoverReason(input.reason);
    return this.dataSource.transaction(async (manager) => {
      const period = await this.lockPeriod(manager, input.periodId);
      if (!isActivePhase(period.phase))
        throw conflict(CommonReason.PERIOD_NOT_ACTIVE, `The period is ${period.phase}`, { details: { phase: period.phase } });
      await this.assertStaff(manager, input.coachId, StaffRole.COACH, 'input.coachId');
      if (period.coachId === input.coachId) return period;
      const overrideReason = await this.takeCaseload(manager, input.coachId, input.caseloadOverrideReason);
      await manager.update(CoachingPeriod, { id: period.id }, { coachId: input.coachId, caseloadOverrideReason: overrideReason });
      await this.history.record(manager, {
        subjectType: 'CoachingPeriodCoach',
        subjectId: period.id,
        from: period.coachId,
        to: input.coachId,
        actor,
        reason,
      });
      return manager.findOneByOrFail(CoachingPeriod, { id: period.id });
    });
  }

  /** Hands the period to another career agent, on the same terms as a change of coach. */
  async assignCareerAgent(input: AssignCareerAgentInput, actor: Actor): Promise<CoachingPeriod> {
    const reason = requireHandoverReason(input.reason);
    return this.dataSource.transaction(async (manager) => {
      const period = await this.lockPeriod(manager, input.periodId);
      if (!isActivePhase(period.phase))
        throw conflict(CommonReason.PERIOD_NOT_ACTIVE, `The period is ${period.phase}`, { details: { phase: period.phase } });
      await this.assertStaff(manager, input.careerAgentId, StaffRole.CAREER_AGENT, 'input.careerAgentId');
      if (period.careerAgentId === input.careerAgentId) return period;
      await manager.update(CoachingPeriod, { id: period.id }, { careerAgentId: input.careerAgentId });
      await this.history.record(manager, {
        subjectType: 'CoachingPeriodCareerAgent',
        subjectId: period.id,
        from: period.careerAgentId,
        to: input.careerAgentId,
        actor,
        reason,
      });
      return manager.findOneByOrFail(CoachingPeriod, { id: period.id });
    });
  }

  async updateSchedule(input: UpdatePeriodScheduleInput): Promise<CoachingPeriod> {
    return this.dataSource.transaction(async (manager) => {
      const period = await this.lockPeriod(manager, input.periodId);
      if (!isActivePhase(period.phase))
        throw conflict(CommonReason.PERIOD_NOT_ACTIVE, `The period is ${period.phase}`, { details: { phase: period.phase } });
      checkSchedule(period.participationBasis, input.daysPerWeek, input.hoursPerDay, this.limits);
      const plannedEndDate = input.plannedEndDate === undefined ? period.plannedEndDate : input.plannedEndDate;
      // Neither cleared, nor left missing on a period stored before it was required.
      requirePlannedEnd(period.participationBasis, plannedEndDate);
      if (plannedEndDate) this.checkPlannedEnd(period.participationBasis, period.startDate, plannedEndDate);
      if (period.participationBasis === ParticipationBasis.WORK_TRIAL && plannedEndDate !== period.plannedEndDate) {
        await this.checkWorkTrialPeriod(manager, period.traineeId, period.id, period.startDate, plannedEndDate!, 'input.plannedEndDate');
      }
      await manager.update(CoachingPeriod, { id: period.id }, { daysPerWeek: input.daysPerWeek, hoursPerDay: input.hoursPerDay, plannedEndDate });
      return manager.findOneByOrFail(CoachingPeriod, { id: period.id });
    });
  }

  createLoaders() {
    const periods = this.dataSource.getRepository(CoachingPeriod);
    const newestFirst = { traineeId: 'ASC', startDate: 'DESC', id: 'DESC' } as const;
    return {
      coachingPeriod: byIdLoader(periods),
      periodsByTrainee: groupedLoader<string, CoachingPeriod>(
        (ids) => periods.find({ where: { traineeId: In([...ids]) }, order: newestFirst }),
        (p) => p.traineeId,
      ),
      /** Rows come newest first, so the first per trainee is the current one. */
      currentPeriodByTrainee: singleLoader<string, CoachingPeriod>(
        (ids) => periods.find({ where: { traineeId: In([...ids]) }, order: newestFirst }),
        (p) => p.traineeId,
      ),
      checkPointsByPeriod: groupedLoader<string, CheckPoint>(
        (ids) => this.dataSource.getRepository(CheckPoint).find({ where: { periodId: In([...ids]) }, order: { openedAt: 'ASC', id: 'ASC' } }),
        (c) => c.periodId,
      ),
    };
  }

  private checkPlannedEnd(basis: ParticipationBasis, startDate: string, plannedEndDate: string): void {
    if (compareDates(plannedEndDate, startDate) < 0) {
      throw badInput('input.plannedEndDate', 'The planned end must not be before the start', CommonReason.END_BEFORE_START);
    }
    if (basis === ParticipationBasis.REHABILITATIVE_WORK) checkRehabilitativePeriodLength(startDate, plannedEndDate, this.limits);
  }

  /**
   * A WORK_TRIAL period is a trial organised by the coaching environment: its length counts
   * against the 6-months-per-organiser and 12-months-total limits together with the person's other
   * trials (periods and WORK_TRIAL placements), read from the one shared account.
   */
  private async checkWorkTrialPeriod(
    manager: EntityManager,
    traineeId: string,
    periodId: string | null,
    start: string,
    end: string,
    path: string,
  ): Promise<void> {
    // Placement writes lock the trainee too, so a trial cannot be booked past the limit concurrently.
    await manager.findOne(Trainee, { where: { id: traineeId }, lock: { mode: 'pessimistic_write' }, select: { id: true } });
    const others = await workTrialsOf(manager, traineeId, todayOf(this.clock), { periodId: periodId ?? undefined });
    checkWorkTrialLimits({ organiserKey: COACHING_ENVIRONMENT_ORGANISER, start, end }, others, this.limits, path);
  }

  private async lockPeriod(manager: EntityManager, id: string): Promise<CoachingPeriod> {
    const period = await manager.findOne(CoachingPeriod, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!period) throw notFound('CoachingPeriod', id);
    return period;
  }

  private async assertStaff(manager: EntityManager, id: string, role: StaffRole, path: string): Promise<void> {
    const staff = await manager.findOne(StaffMember, { where: { id }, select: { id: true, role: true, active: true } });
    if (!staff || staff.role !== role || !staff.active) {
      throw badInput(
        path,
        `No active staff member with the role ${role} has this id`,
        role === StaffRole.COACH ? CoachingPeriodReason.INVALID_COACH : CoachingPeriodReason.INVALID_CAREER_AGENT,
      );
    }
  }

  /** The staff module counts the caseload under a lock; its answer is the reason to record, if any. */
  private async takeCaseload(manager: EntityManager, coachId: string, overrideReason?: string | null): Promise<string | null> {
    const result = await this.collaborators.staff.assertCanTake(manager, coachId, overrideReason ?? null);
    if (typeof result === 'string') return result;
    if (result && typeof result === 'object' && 'overrideReason' in result) {
      const reason = (result as { overrideReason?: unknown }).overrideReason;
      return typeof reason === 'string' ? reason : null;
    }
    return null;
  }
}

function requireHandoverReason(reason: string | null | undefined): string {
  const trimmed = reason?.trim();
  if (!trimmed)
    throw badInput(
      'input.reason',
      'Say why the period changes hands: the reason is kept in its history',
      CoachingPeriodReason.HANDOVER_REASON_REQUIRED,
    );
  return trimmed;
}

export type CoachingPeriodLoaders = ReturnType<CoachingPeriodService['createLoaders']>;
