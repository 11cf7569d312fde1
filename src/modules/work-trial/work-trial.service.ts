import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, notFound } from '../../platform/errors';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { checkWorkTrialLimits, coveredUntil, LegalLimits } from '../coaching-period/legal-limits';
import { isActivePhase, ParticipationBasis } from '../coaching-period/period-phase';
import { COACHING_ENVIRONMENT_ORGANISER, workTrialsOf } from '../coaching-period/work-trial-accounting';
import { CaseManager, EmploymentArea, PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { Placement } from '../placement/placement.entity';
import { PlacementKind } from '../placement/placement-rules';
import { Referral } from '../referral/referral.entity';
import { IsoDate, todayOf } from '../shared/calendar';
import { groupedLoader, isUuid, singleLoader } from '../shared/loaders';
import { CommonReason } from '../shared/reasons';
import { Trainee } from '../trainee/trainee.entity';
import { WorkTrialAgreement, WorkTrialFeedback } from './work-trial.entities';
import {
  RecordWorkTrialAgreementInput,
  RecordWorkTrialFeedbackInput,
  SignWorkTrialAgreementInput,
  UpdateWorkTrialAgreementInput,
} from './work-trial.inputs';
import { WorkTrialReason } from './work-trial.reasons';
import {
  AgreementOnFile,
  checkAgreementTerms,
  CheckedSignature,
  checkFeedbackDate,
  checkSignature,
  findOverlappingAgreement,
  hasAnySignature,
  isFullySigned,
  PeriodWarningResult,
  periodWarnings,
  SignatureInput,
  signedOn,
  trialEndOf,
  TrialPlacement,
  WorkTrialOrganiserKind,
  WorkTrialParty,
} from './work-trial-rules';

/** A period's work-trial facts on one day, for the attendance rules (read inside its transaction). */
export interface WorkTrialDay {
  placements: TrialPlacement[];
  agreements: AgreementOnFile[];
}

/**
 * WORK_TRIAL placements and the agreements covering `date` of the given periods, in two
 * statements for any number of periods: AttendanceService checks a morning list with them.
 */
export async function workTrialDays(manager: EntityManager, periodIds: readonly string[], date: IsoDate): Promise<Map<string, WorkTrialDay>> {
  const result = new Map<string, WorkTrialDay>(periodIds.map((id) => [id, { placements: [], agreements: [] }]));
  if (!periodIds.length) return result;
  const placements = await manager
    .createQueryBuilder(Placement, 'p')
    .where('p.periodId IN (:...ids)', { ids: periodIds })
    .andWhere('p.kind = :kind AND p.startDate <= :date AND (p.endDate IS NULL OR p.endDate >= :date)', { kind: PlacementKind.WORK_TRIAL, date })
    .getMany();
  for (const p of placements) result.get(p.periodId)?.placements.push(p);
  const agreements = await manager
    .createQueryBuilder(WorkTrialAgreement, 'a')
    .where('a.periodId IN (:...ids)', { ids: periodIds })
    .andWhere('a.startDate <= :date AND a.endDate >= :date', { date })
    .getMany();
  for (const a of agreements) result.get(a.periodId)?.agreements.push({ ...a, hoursPerDay: Number(a.hoursPerDay) });
  return result;
}

export class WorkTrialService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** From configuration (LEGAL_LIMITS over the defaults). */
    private readonly limits: LegalLimits,
  ) {}

  async listForPeriod(periodId: string): Promise<WorkTrialAgreement[]> {
    if (!isUuid(periodId) || !(await this.dataSource.getRepository(CoachingPeriod).existsBy({ id: periodId })))
      throw notFound('CoachingPeriod', periodId);
    return this.dataSource.getRepository(WorkTrialAgreement).find({ where: { periodId }, order: { startDate: 'ASC', id: 'ASC' } });
  }

  /**
   * Records the written agreement of a work trial: the WORK_TRIAL period itself (organised by the
   * coaching environment), or a WORK_TRIAL placement (organised by its unit or company). Any
   * signatures already given come along; the rest are added with `sign`.
   */
  async record(input: RecordWorkTrialAgreementInput, actor: Actor): Promise<WorkTrialAgreement> {
    return this.dataSource.transaction(async (manager) => {
      const period = await this.lockActivePeriod(manager, input.periodId);
      const today = todayOf(this.clock);

      let organiser: { kind: WorkTrialOrganiserKind; name: string | null; workUnitId: string | null; partnerCompanyId: string | null };
      let placement: Placement | null = null;
      if (input.placementId) {
        placement = await manager.findOneBy(Placement, { id: input.placementId, periodId: period.id });
        if (!placement) throw badInput('input.placementId', 'No such placement in this period', WorkTrialReason.PLACEMENT_NOT_FOUND);
        if (placement.kind !== PlacementKind.WORK_TRIAL) {
          throw conflict(WorkTrialReason.NOT_A_WORK_TRIAL, `A work-trial agreement is for a WORK_TRIAL placement; this one is ${placement.kind}`, {
            details: { placementKind: placement.kind },
          });
        }
        organiser = placement.workUnitId
          ? {
              kind: WorkTrialOrganiserKind.WORK_UNIT,
              name: (await manager.findOneBy(WorkUnit, { id: placement.workUnitId }))?.name ?? null,
              workUnitId: placement.workUnitId,
              partnerCompanyId: null,
            }
          : {
              kind: WorkTrialOrganiserKind.PARTNER_COMPANY,
              name: (await manager.findOneBy(PartnerCompany, { id: placement.partnerCompanyId! }))?.name ?? null,
              workUnitId: null,
              partnerCompanyId: placement.partnerCompanyId,
            };
      } else {
        if (period.participationBasis !== ParticipationBasis.WORK_TRIAL) {
          throw conflict(
            WorkTrialReason.NOT_A_WORK_TRIAL,
            `A work-trial agreement is for a WORK_TRIAL period or placement; this period is ${period.participationBasis}`,
            {
              details: { participationBasis: period.participationBasis },
            },
          );
        }
        organiser = { kind: WorkTrialOrganiserKind.COACHING_ENVIRONMENT, name: null, workUnitId: null, partnerCompanyId: null };
      }
      const organiserName = input.organiserName?.trim() || organiser.name;
      if (!organiserName)
        throw badInput(
          'input.organiserName',
          'Name the organiser (e.g. the municipality) as in the agreement',
          WorkTrialReason.ORGANISER_NAME_REQUIRED,
        );

      const employmentAreaId = await this.authorityOf(manager, period, input.employmentAreaId);
      const tasks = checkAgreementTerms(input, this.coverage(period, placement), this.limits);
      const signatures = await this.checkSignatures(manager, input.signatures ?? [], employmentAreaId, today, 'input.signatures');
      await this.checkAgainstOthers(manager, period, placement, { startDate: input.startDate, endDate: input.endDate }, null);

      const agreement = manager.create(WorkTrialAgreement, {
        periodId: period.id,
        traineeId: period.traineeId,
        placementId: placement?.id ?? null,
        organiserKind: organiser.kind,
        organiserName,
        workUnitId: organiser.workUnitId,
        partnerCompanyId: organiser.partnerCompanyId,
        employmentAreaId,
        startDate: input.startDate,
        endDate: input.endDate,
        tasks,
        daysPerWeek: input.daysPerWeek,
        hoursPerDay: input.hoursPerDay,
        participantSignedOn: null,
        authoritySignerName: null,
        authorityCaseManagerId: null,
        authoritySignedOn: null,
        organiserSignerName: null,
        organiserSignedOn: null,
        recordedBy: actor.userId,
        recordedAt: this.clock.now(),
      });
      for (const signature of signatures) applySignature(agreement, signature);
      return manager.save(agreement);
    });
  }

  /** Corrects the terms while nobody has signed; a signed agreement is amended by a new one. */
  async update(input: UpdateWorkTrialAgreementInput): Promise<WorkTrialAgreement> {
    return this.dataSource.transaction(async (manager) => {
      const agreement = await this.lockAgreement(manager, input.agreementId);
      const period = await this.lockActivePeriod(manager, agreement.periodId);
      if (hasAnySignature(agreement)) {
        throw conflict(
          WorkTrialReason.WORK_TRIAL_AGREEMENT_SIGNED,
          'The terms of a signed agreement cannot change; record an amended agreement instead',
          {
            details: { agreementId: agreement.id },
          },
        );
      }
      const terms = {
        startDate: input.startDate ?? agreement.startDate,
        endDate: input.endDate ?? agreement.endDate,
        tasks: input.tasks ?? agreement.tasks,
        daysPerWeek: input.daysPerWeek ?? agreement.daysPerWeek,
        hoursPerDay: input.hoursPerDay ?? Number(agreement.hoursPerDay),
      };
      const placement = agreement.placementId ? await manager.findOneByOrFail(Placement, { id: agreement.placementId }) : null;
      const tasks = checkAgreementTerms(terms, this.coverage(period, placement), this.limits);
      await this.checkAgainstOthers(manager, period, placement, terms, agreement.id);
      Object.assign(agreement, { ...terms, tasks });
      if (input.organiserName != null) agreement.organiserName = input.organiserName.trim();
      return manager.save(agreement);
    });
  }

  /** Adds one party's signature; a party signs once. */
  async sign(input: SignWorkTrialAgreementInput): Promise<WorkTrialAgreement> {
    return this.dataSource.transaction(async (manager) => {
      const agreement = await this.lockAgreement(manager, input.agreementId);
      await this.lockActivePeriod(manager, agreement.periodId);
      const [signature] = await this.checkSignatures(manager, [input.signature], agreement.employmentAreaId, todayOf(this.clock), 'input.signature');
      if (signedOn(agreement, signature.party) !== null) {
        throw conflict(WorkTrialReason.WORK_TRIAL_ALREADY_SIGNED, `The ${signature.party.toLowerCase()} has already signed this agreement`, {
          details: { agreementId: agreement.id, party: signature.party },
        });
      }
      applySignature(agreement, signature);
      return manager.save(agreement);
    });
  }

  /**
   * The organiser's written feedback, once the trial has ended (also after the period has ended:
   * it usually comes then). One per agreement.
   */
  async recordFeedback(input: RecordWorkTrialFeedbackInput, actor: Actor): Promise<WorkTrialFeedback> {
    return this.dataSource.transaction(async (manager) => {
      const agreement = await this.lockAgreement(manager, input.agreementId);
      const period = await manager.findOneByOrFail(CoachingPeriod, { id: agreement.periodId });
      if (!isFullySigned(agreement)) {
        throw conflict(WorkTrialReason.WORK_TRIAL_AGREEMENT_UNSIGNED, 'Feedback is given on a work trial held under a signed agreement', {
          details: { agreementId: agreement.id },
        });
      }
      if (await manager.existsBy(WorkTrialFeedback, { agreementId: agreement.id })) {
        throw conflict(WorkTrialReason.WORK_TRIAL_FEEDBACK_EXISTS, "The organiser's feedback on this trial is already recorded", {
          details: { agreementId: agreement.id },
        });
      }
      checkFeedbackDate(input.givenOn, trialEndOf(agreement, period.endDate), todayOf(this.clock));
      const text = input.text.trim();
      const givenBy = input.givenBy.trim();
      if (!text) throw badInput('input.text', 'The feedback has text', WorkTrialReason.FEEDBACK_TEXT_REQUIRED);
      if (!givenBy) throw badInput('input.givenBy', 'Name who gave the feedback for the organiser', WorkTrialReason.SIGNER_NAME_REQUIRED);
      return manager.save(
        manager.create(WorkTrialFeedback, {
          agreementId: agreement.id,
          traineeId: agreement.traineeId,
          text,
          givenBy,
          givenOn: input.givenOn,
          recordedBy: actor.userId,
          recordedAt: this.clock.now(),
        }),
      );
    });
  }

  createLoaders() {
    const agreements = this.dataSource.getRepository(WorkTrialAgreement);
    return {
      workTrialAgreementsByPeriod: groupedLoader<string, WorkTrialAgreement>(
        (ids) => agreements.find({ where: { periodId: In(ids.filter(isUuid)) }, order: { startDate: 'ASC', id: 'ASC' } }),
        (a) => a.periodId,
      ),
      workTrialFeedbackByAgreement: singleLoader<string, WorkTrialFeedback>(
        (ids) => this.dataSource.getRepository(WorkTrialFeedback).findBy({ agreementId: In(ids.filter(isUuid)) }),
        (f) => f.agreementId,
      ),
    };
  }

  /** The period's warnings as of today, from rows the loaders read in batches. */
  warningsFor(
    period: CoachingPeriod,
    placements: readonly TrialPlacement[],
    agreements: readonly WorkTrialAgreement[],
    withFeedback: ReadonlySet<string>,
  ): PeriodWarningResult[] {
    return periodWarnings(
      period,
      placements,
      agreements.map((a) => ({ ...a, hasFeedback: withFeedback.has(a.id) })),
      todayOf(this.clock),
      this.limits,
    );
  }

  /** What the agreement must lie within: its placement, else its period up to its end or planned end. */
  private coverage(period: CoachingPeriod, placement: Placement | null) {
    return placement
      ? { what: 'placement' as const, start: placement.startDate, end: placement.endDate }
      : { what: 'period' as const, start: period.startDate, end: coveredUntil(period, this.limits) };
  }

  /**
   * One agreement at a time per organiser (the period's own, or one placement's), and the trial it
   * describes within the 6-months-per-organiser and 12-months-total limits, counted with the
   * person's other trials but not the period or placement it belongs to (that is the same trial).
   */
  private async checkAgainstOthers(
    manager: EntityManager,
    period: CoachingPeriod,
    placement: Placement | null,
    dates: { startDate: IsoDate; endDate: IsoDate },
    agreementId: string | null,
  ): Promise<void> {
    const siblings = (await manager.findBy(WorkTrialAgreement, { periodId: period.id })).filter(
      (a) => a.id !== agreementId && a.placementId === (placement?.id ?? null),
    );
    const overlapping = findOverlappingAgreement({ start: dates.startDate, end: dates.endDate }, siblings);
    if (overlapping) {
      throw conflict(WorkTrialReason.WORK_TRIAL_AGREEMENT_OVERLAP, 'Another agreement with this organiser covers some of these dates', {
        details: { overlappingAgreementId: overlapping.id },
      });
    }
    await manager.findOne(Trainee, { where: { id: period.traineeId }, lock: { mode: 'pessimistic_write' }, select: { id: true } });
    const others = await workTrialsOf(
      manager,
      period.traineeId,
      todayOf(this.clock),
      placement ? { placementId: placement.id } : { periodId: period.id },
    );
    const organiserKey = placement ? (placement.workUnitId ?? placement.partnerCompanyId)! : COACHING_ENVIRONMENT_ORGANISER;
    checkWorkTrialLimits({ organiserKey, start: dates.startDate, end: dates.endDate }, others, this.limits);
  }

  private async authorityOf(manager: EntityManager, period: CoachingPeriod, given: string | null | undefined): Promise<string> {
    if (given) {
      if (!(await manager.existsBy(EmploymentArea, { id: given })))
        throw badInput('input.employmentAreaId', 'No such employment area', WorkTrialReason.EMPLOYMENT_AREA_NOT_FOUND);
      return given;
    }
    const fromReferral = period.referralId
      ? (await manager.findOne(Referral, { where: { id: period.referralId }, select: { id: true, employmentAreaId: true } }))?.employmentAreaId
      : null;
    const area =
      fromReferral ??
      (await manager.findOne(Trainee, { where: { id: period.traineeId }, select: { id: true, employmentAreaId: true } }))?.employmentAreaId;
    if (!area)
      throw badInput('input.employmentAreaId', 'Name the employment area that is party to the agreement', WorkTrialReason.EMPLOYMENT_AREA_REQUIRED);
    return area;
  }

  private async checkSignatures(
    manager: EntityManager,
    given: readonly SignatureInput[],
    areaId: string,
    today: IsoDate,
    path: string,
  ): Promise<CheckedSignature[]> {
    const checked: CheckedSignature[] = [];
    for (const [index, signature] of given.entries()) {
      const at = path === 'input.signature' ? path : `${path}[${index}]`;
      const result = checkSignature(signature, today, at);
      if (checked.some((s) => s.party === result.party))
        throw badInput(`${at}.party`, `${result.party} is listed twice`, WorkTrialReason.DUPLICATE_SIGNATURE);
      if (result.caseManagerId) {
        const caseManager = await manager.findOne(CaseManager, { where: { id: result.caseManagerId }, select: { id: true, employmentAreaId: true } });
        if (!caseManager || caseManager.employmentAreaId !== areaId) {
          throw badInput(
            `${at}.caseManagerId`,
            "No case manager of the agreement's employment area has this id",
            CommonReason.CASE_MANAGER_NOT_IN_AREA,
          );
        }
      }
      checked.push(result);
    }
    return checked;
  }

  private async lockActivePeriod(manager: EntityManager, periodId: string): Promise<CoachingPeriod> {
    const period = await manager.findOne(CoachingPeriod, { where: { id: periodId }, lock: { mode: 'pessimistic_write' } });
    if (!period) throw notFound('CoachingPeriod', periodId);
    // Like placements: once the period has ended, its agreements are part of the record.
    if (!isActivePhase(period.phase) || period.endDate !== null) {
      throw conflict(CommonReason.PERIOD_NOT_ACTIVE, `The period is ${period.phase}`, { details: { phase: period.phase } });
    }
    return period;
  }

  private async lockAgreement(manager: EntityManager, id: string): Promise<WorkTrialAgreement> {
    const agreement = await manager.findOne(WorkTrialAgreement, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement) throw notFound('WorkTrialAgreement', id);
    return agreement;
  }
}

function applySignature(agreement: WorkTrialAgreement, signature: CheckedSignature): void {
  switch (signature.party) {
    case WorkTrialParty.PARTICIPANT:
      agreement.participantSignedOn = signature.signedOn;
      break;
    case WorkTrialParty.AUTHORITY:
      agreement.authoritySignedOn = signature.signedOn;
      agreement.authoritySignerName = signature.signerName;
      agreement.authorityCaseManagerId = signature.caseManagerId;
      break;
    case WorkTrialParty.ORGANISER:
      agreement.organiserSignedOn = signature.signedOn;
      agreement.organiserSignerName = signature.signerName;
      break;
  }
}

export type WorkTrialLoaders = ReturnType<WorkTrialService['createLoaders']>;
