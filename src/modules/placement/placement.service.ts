import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, DomainError, ErrorCode, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { checkWorkTrialLimits, coveredUntil, LegalLimits } from '../coaching-period/legal-limits';
import { workTrialsOf } from '../coaching-period/work-trial-accounting';
import { HistoryService, workplaceOf } from '../history/history.service';
import { PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { IsoDate, isWithinRange, todayOf } from '../shared/calendar';
import { byIdLoader, groupedLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Trainee } from '../trainee/trainee.entity';
import { assertSubsidisedEmployment } from '../wage-subsidy/wage-subsidy.service';
import { Placement } from './placement.entity';
import { CreatePlacementInput, EndPlacementInput, PlacementFilter, UpdatePlacementInput } from './placement.inputs';
import { PlacementReason } from './placement.reasons';
import {
  assertHostAllowed,
  assertNoOverlap,
  assertPeriodOpenForPlacements,
  assertPlacementDates,
  assertWithinPeriod,
  extendsRange,
  GivenDates,
  PlacementKind,
} from './placement-rules';

interface Candidate {
  id?: string;
  traineeId: string;
  kind: PlacementKind;
  organiserKey: string;
  start: IsoDate;
  end: IsoDate | null;
  /** Which dates this request gave; a refusal names a given one before a stored one. */
  given: GivenDates;
  workUnitId: string | null;
  partnerCompanyId: string | null;
  subsidyApplicationId: string | null;
}

export class PlacementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly clock: Clock,
    /** From configuration (LEGAL_LIMITS over the defaults). */
    private readonly limits: LegalLimits,
  ) {}

  async get(id: string): Promise<Placement> {
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ id });
    if (!placement) throw notFound('Placement', id);
    return placement;
  }

  list(filter: PlacementFilter | null | undefined, page: PageArgs, scope: TraineeScope): Promise<Connection<Placement>> {
    const query = this.dataSource.getRepository(Placement).createQueryBuilder('placement');
    // A unit lead sees the placements in their unit, not the same trainee's placements elsewhere.
    if (scope.kind === 'unit') {
      query.andWhere('placement.workUnitId = :scopeUnitId', { scopeUnitId: scope.unitId });
      applyTraineeScope(query, 'placement.traineeId', { kind: 'organisation', organisationId: scope.organisationId });
    } else applyTraineeScope(query, 'placement.traineeId', scope);
    const f = filter ?? {};
    if (f.workUnitId) query.andWhere('placement.workUnitId = :workUnitId', { workUnitId: f.workUnitId });
    if (f.partnerCompanyId) query.andWhere('placement.partnerCompanyId = :partnerCompanyId', { partnerCompanyId: f.partnerCompanyId });
    if (f.traineeId) query.andWhere('placement.traineeId = :traineeId', { traineeId: f.traineeId });
    if (f.activeOn) {
      query.andWhere('placement.startDate <= :activeOn AND (placement.endDate IS NULL OR placement.endDate >= :activeOn)', { activeOn: f.activeOn });
    }
    return paginate(query, page, [{ sql: 'placement.startDate', value: (p) => p.startDate, kind: 'date' }], 'DESC');
  }

  /** A placement lets the unit's lead (or the company) see the person: recorded with who placed them. */
  async create(input: CreatePlacementInput, actor: Actor | undefined): Promise<Placement> {
    if (!input.workUnitId === !input.partnerCompanyId) {
      const message = 'Give either a work unit or a partner company, not both or neither';
      throw new DomainError(ErrorCode.BAD_USER_INPUT, message, {
        reason: PlacementReason.ONE_HOST_REQUIRED,
        fields: [
          { path: 'input.workUnitId', message },
          { path: 'input.partnerCompanyId', message },
        ],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const period = await this.sharePeriod(manager, input.periodId);
      if (!period) throw notFound('CoachingPeriod', input.periodId);
      assertPeriodOpenForPlacements(period);
      if (input.workUnitId && !(await manager.existsBy(WorkUnit, { id: input.workUnitId }))) {
        throw badInput('input.workUnitId', 'No such work unit', CommonReason.WORK_UNIT_NOT_FOUND);
      }
      if (input.partnerCompanyId) {
        const company = await manager.findOne(PartnerCompany, { where: { id: input.partnerCompanyId }, select: { id: true, isNonProfit: true } });
        if (!company) throw badInput('input.partnerCompanyId', 'No such partner company', CommonReason.PARTNER_COMPANY_NOT_FOUND);
        assertHostAllowed(period.participationBasis, { partnerCompanyId: company.id, companyIsNonProfit: company.isNonProfit });
      }
      await this.checkCandidate(manager, period, {
        traineeId: period.traineeId,
        kind: input.kind,
        organiserKey: (input.workUnitId ?? input.partnerCompanyId)!,
        start: input.startDate,
        end: input.endDate ?? null,
        given: { start: true, end: true },
        workUnitId: input.workUnitId ?? null,
        partnerCompanyId: input.partnerCompanyId ?? null,
        subsidyApplicationId: input.subsidyApplicationId ?? null,
      });
      const placement = await manager.save(
        manager.create(Placement, {
          periodId: period.id,
          traineeId: period.traineeId,
          kind: input.kind,
          workUnitId: input.workUnitId ?? null,
          partnerCompanyId: input.partnerCompanyId ?? null,
          subsidyApplicationId: input.subsidyApplicationId ?? null,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          supervisorName: input.supervisorName ?? null,
          supervisorContact: input.supervisorContact ?? null,
          notes: input.notes ?? null,
        }),
      );
      await this.history.record(manager, {
        subjectType: 'CoachingPeriodWorkplace',
        subjectId: period.id,
        from: null,
        to: workplaceOf(placement),
        actor,
        reason: `placement ${placement.id} (${placement.kind}) from ${placement.startDate}`,
      });
      return placement;
    });
  }

  async update(input: UpdatePlacementInput): Promise<Placement> {
    return this.changeDates(input.placementId, input.startDate ?? undefined, input.endDate, (placement) => {
      if (input.supervisorName !== undefined) placement.supervisorName = input.supervisorName;
      if (input.supervisorContact !== undefined) placement.supervisorContact = input.supervisorContact;
      if (input.notes !== undefined) placement.notes = input.notes;
    });
  }

  end(input: EndPlacementInput): Promise<Placement> {
    return this.changeDates(input.placementId, undefined, input.endDate ?? todayOf(this.clock), () => undefined);
  }

  private async changeDates(
    placementId: string,
    start: IsoDate | undefined,
    end: IsoDate | null | undefined,
    patch: (placement: Placement) => void,
  ): Promise<Placement> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await manager.findOneBy(Placement, { id: placementId });
      if (!placement) throw notFound('Placement', placementId);
      // Same rule as creation: once the period has ended, its placements are part of the record.
      const period = (await this.sharePeriod(manager, placement.periodId))!;
      assertPeriodOpenForPlacements(period);
      const stored = { start: placement.startDate, end: placement.endDate };
      if (start !== undefined) placement.startDate = start;
      if (end !== undefined) placement.endDate = end;
      if (start !== undefined || end !== undefined) {
        // A company placement of a rehabilitative period (stored before the rule) may still be
        // shortened or ended, never lengthened.
        if (placement.partnerCompanyId) {
          const company = await manager.findOne(PartnerCompany, {
            where: { id: placement.partnerCompanyId },
            select: { id: true, isNonProfit: true },
          });
          assertHostAllowed(
            period.participationBasis,
            { partnerCompanyId: placement.partnerCompanyId, companyIsNonProfit: company?.isNonProfit },
            extendsRange(stored, { start: placement.startDate, end: placement.endDate }),
          );
        }
        await this.checkCandidate(manager, period, {
          id: placement.id,
          traineeId: placement.traineeId,
          kind: placement.kind,
          organiserKey: (placement.workUnitId ?? placement.partnerCompanyId)!,
          start: placement.startDate,
          end: placement.endDate,
          given: { start: start !== undefined, end: end !== undefined },
          workUnitId: placement.workUnitId,
          partnerCompanyId: placement.partnerCompanyId,
          subsidyApplicationId: placement.subsidyApplicationId,
        });
      }
      patch(placement);
      return manager.save(placement);
    });
  }

  /** Runs inside the write's transaction, after locking the trainee so concurrent bookings queue. */
  private async checkCandidate(manager: EntityManager, period: CoachingPeriod, candidate: Candidate): Promise<void> {
    await manager.findOne(Trainee, { where: { id: candidate.traineeId }, lock: { mode: 'pessimistic_write' }, select: { id: true } });
    assertPlacementDates(candidate.start, candidate.end);

    assertWithinPeriod(
      { start: candidate.start, end: candidate.end },
      { start: period.startDate, end: coveredUntil(period, this.limits) },
      candidate.given,
    );
    // A subsidised employment stays within its decision on every change of dates, not only at creation.
    if (candidate.subsidyApplicationId) await assertSubsidisedEmployment(manager, candidate.subsidyApplicationId, candidate, 'input');
    if (candidate.kind === PlacementKind.WORK_TRIAL && !candidate.end) {
      throw badInput('input.endDate', 'A work trial needs an end date: its length is limited by law', PlacementReason.WORK_TRIAL_END_REQUIRED);
    }

    const others = (await manager.find(Placement, { where: { traineeId: candidate.traineeId }, order: { startDate: 'ASC', id: 'ASC' } })).filter(
      (p) => p.id !== candidate.id,
    );
    assertNoOverlap(
      { start: candidate.start, end: candidate.end },
      others.map((p) => ({ id: p.id, start: p.startDate, end: p.endDate })),
    );

    if (candidate.kind === PlacementKind.WORK_TRIAL) {
      const existing = await workTrialsOf(manager, candidate.traineeId, todayOf(this.clock), { placementId: candidate.id });
      checkWorkTrialLimits({ organiserKey: candidate.organiserKey, start: candidate.start, end: candidate.end! }, existing, this.limits);
    }
  }

  /**
   * Reads the period with a share lock: ending a period locks it for update and closes its open
   * placements, so a concurrent placement change waits and then sees the period ended.
   */
  private sharePeriod(manager: EntityManager, id: string): Promise<CoachingPeriod | null> {
    return manager.findOne(CoachingPeriod, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  createLoaders() {
    const placements = this.dataSource.getRepository(Placement);
    const newestFirst = { startDate: 'DESC', id: 'DESC' } as const;
    const byTrainee = (ids: readonly string[]) => placements.find({ where: { traineeId: In([...ids]) }, order: newestFirst });
    return {
      placement: byIdLoader(placements),
      placementsByPeriod: groupedLoader<string, Placement>(
        (ids) => placements.find({ where: { periodId: In([...ids]) }, order: newestFirst }),
        (p) => p.periodId,
      ),
      placementsByTrainee: groupedLoader<string, Placement>(byTrainee, (p) => p.traineeId),
      /** The placement covering today, else the latest one. A trainee has only a handful. */
      currentPlacementByTrainee: new DataLoader<string, Placement | null>(async (ids) => {
        const today = todayOf(this.clock);
        const groups = new Map<string, Placement[]>(ids.map((id) => [id, []]));
        for (const p of await byTrainee(ids)) groups.get(p.traineeId)?.push(p);
        return ids.map((id) => {
          const rows = groups.get(id) ?? [];
          return rows.find((p) => isWithinRange(today, { start: p.startDate, end: p.endDate })) ?? rows[0] ?? null;
        });
      }),
    };
  }
}

export type PlacementLoaders = ReturnType<PlacementService['createLoaders']>;
