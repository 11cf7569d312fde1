import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { InboundDecision, WageSubsidyApplicationMessage } from '../../integrations/wage-subsidy/wage-subsidy.port';
import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, DomainError, ErrorCode, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import type { HistoryService } from '../history/history.service';
import { InboundRefused } from '../integration/inbound.service';
import { IntegrationSystem } from '../integration/integration.entities';
import { InboundRefusal } from '../integration/integration.reasons';
import type { Outbox } from '../integration/outbox';
import { Organisation, PartnerCompany, WorkUnit } from '../organisation/organisation.entities';
import { subsidyTypesOf } from '../organisation/subsidy-types';
import { assertIsoDate } from '../shared/calendar';
import { byIdLoader, isUuid, singleLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Trainee } from '../trainee/trainee.entity';
import type { TraineeService } from '../trainee/trainee.service';
import {
  applicationStateMachine,
  assertEmploymentWithinDecision,
  assertRequestFitsType,
  DecisionOutcome,
  PositionState,
  SubsidyApplicationState,
} from './subsidy-rules';
import { SubsidisedPosition, SubsidyApplication, SubsidyDecision } from './wage-subsidy.entities';
import {
  AnnounceSubsidisedPositionInput,
  DraftSubsidyApplicationInput,
  SubsidisedPositionFilter,
  SubsidyApplicationFilter,
  SubsidyApplicationRefInput,
  WithdrawSubsidyApplicationInput,
} from './wage-subsidy.inputs';
import { WageSubsidyReason } from './wage-subsidy.reasons';

export const SUBSIDY_APPLICATION_MESSAGE = 'SUBSIDY_APPLICATION';

/**
 * Wage subsidy (palkkatuki): positions, applications and the authority's decisions. An
 * application is drafted with the employer, submitted (the message to the authority is written
 * in the same transaction, see the outbox), and decided only by a decision that arrives from the
 * authority. The employment itself is an EMPLOYMENT placement that names the application, and
 * `assertSubsidisedEmployment` keeps it within what was decided.
 */
export class WageSubsidyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly trainees: TraineeService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async announcePosition(organisationId: string, input: AnnounceSubsidisedPositionInput): Promise<SubsidisedPosition> {
    assertIsoDate(input.availableFrom, 'input.availableFrom');
    const repository = this.dataSource.getRepository(SubsidisedPosition);
    return repository.save(
      repository.create({
        organisationId,
        workUnitId: input.workUnitId,
        title: input.title.trim(),
        description: input.description ?? null,
        hoursPerWeek: input.hoursPerWeek,
        monthlyPayCents: input.monthlyPayCents ?? null,
        tailored: input.tailored,
        availableFrom: input.availableFrom,
        state: PositionState.OPEN,
      }),
    );
  }

  positions(organisationId: string, filter: SubsidisedPositionFilter, page: PageArgs): Promise<Connection<SubsidisedPosition>> {
    const query = this.dataSource
      .getRepository(SubsidisedPosition)
      .createQueryBuilder('position')
      .where('position.organisationId = :organisationId', { organisationId });
    if (filter.state) query.andWhere('position.state = :state', { state: filter.state });
    if (filter.workUnitId) query.andWhere('position.workUnitId = :unitId', { unitId: filter.workUnitId });
    return paginate(query, page, [{ sql: 'position.createdAt', value: (p) => p.createdAt.toISOString(), kind: 'timestamp' }], 'DESC');
  }

  async draft(organisationId: string, input: DraftSubsidyApplicationInput, actor: Actor): Promise<SubsidyApplication> {
    if (!input.workUnitId === !input.partnerCompanyId) {
      const message = 'Give either a work unit or a partner company as the employer, not both or neither';
      throw new DomainError(ErrorCode.BAD_USER_INPUT, message, {
        reason: WageSubsidyReason.EMPLOYER_REQUIRED,
        fields: [
          { path: 'input.workUnitId', message },
          { path: 'input.partnerCompanyId', message },
        ],
      });
    }
    const start = assertIsoDate(input.requestedStart, 'input.requestedStart');
    const end = assertIsoDate(input.requestedEnd, 'input.requestedEnd');
    if (end < start) throw badInput('input.requestedEnd', 'The requested period ends before it starts', CommonReason.INVALID_RANGE);
    return this.dataSource.transaction(async (manager) => {
      const period = await manager.findOneBy(CoachingPeriod, { id: input.periodId });
      if (!period) throw notFound('CoachingPeriod', input.periodId);
      const trainee = await manager.findOne(Trainee, {
        where: { id: period.traineeId },
        select: { id: true, organisationId: true, birthDate: true },
      });
      if (!trainee || trainee.organisationId !== organisationId) throw notFound('CoachingPeriod', input.periodId);
      if (input.workUnitId && !(await manager.existsBy(WorkUnit, { id: input.workUnitId, organisationId }))) {
        throw badInput('input.workUnitId', 'No such work unit', CommonReason.WORK_UNIT_NOT_FOUND);
      }
      if (input.partnerCompanyId && !(await manager.existsBy(PartnerCompany, { id: input.partnerCompanyId, organisationId }))) {
        throw badInput('input.partnerCompanyId', 'No such partner company', CommonReason.PARTNER_COMPANY_NOT_FOUND);
      }
      if (input.positionId) {
        const position = await manager.findOneBy(SubsidisedPosition, { id: input.positionId, organisationId });
        if (!position) throw badInput('input.positionId', 'No such position', CommonReason.INVALID_VALUE);
        if (position.state !== PositionState.OPEN)
          throw conflict(WageSubsidyReason.POSITION_NOT_OPEN, 'The position is not open', { details: { state: position.state } });
      }
      const organisation = await manager.findOne(Organisation, { where: { id: organisationId }, select: { id: true, subsidyTypes: true } });
      const type = subsidyTypesOf(organisation?.subsidyTypes ?? []).find((t) => t.code === input.requestedTypeCode);
      if (!type)
        throw badInput(
          'input.requestedTypeCode',
          'Not a national subsidy type nor one of the organisation’s own',
          WageSubsidyReason.UNKNOWN_SUBSIDY_TYPE,
        );
      assertRequestFitsType({ code: type.code, maxMonths: type.maxMonths, minAge: type.minAge ?? null }, start, end, trainee.birthDate, 'input');
      const application = await manager.save(
        manager.create(SubsidyApplication, {
          organisationId,
          traineeId: period.traineeId,
          periodId: period.id,
          positionId: input.positionId ?? null,
          workUnitId: input.workUnitId ?? null,
          partnerCompanyId: input.partnerCompanyId ?? null,
          hoursPerWeek: input.hoursPerWeek,
          monthlyPayCents: input.monthlyPayCents,
          requestedTypeCode: type.code,
          requestedPercent: type.percent ?? 0,
          requestedStart: start,
          requestedEnd: end,
          state: SubsidyApplicationState.DRAFT,
        }),
      );
      await this.history.record(manager, {
        subjectType: 'SubsidyApplication',
        subjectId: application.id,
        from: null,
        to: SubsidyApplicationState.DRAFT,
        actor,
      });
      return application;
    });
  }

  /** DRAFT → SUBMITTED, and the application to the authority into the outbox, in one transaction. */
  async submit(input: SubsidyApplicationRefInput, actor: Actor): Promise<SubsidyApplication> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lock(manager, input.applicationId);
      applicationStateMachine.assert(application.state, SubsidyApplicationState.SUBMITTED);
      const person = await this.trainees.identityForAuthority(manager, application.traineeId);
      if (!person) throw notFound('Trainee', application.traineeId);
      const employer = application.workUnitId
        ? { name: (await manager.findOneByOrFail(WorkUnit, { id: application.workUnitId })).name, businessId: null, kind: 'MUNICIPAL_UNIT' as const }
        : await manager.findOneByOrFail(PartnerCompany, { id: application.partnerCompanyId! }).then((company) => ({
            name: company.name,
            businessId: company.businessId ?? null,
            kind: 'PARTNER_COMPANY' as const,
          }));
      application.state = SubsidyApplicationState.SUBMITTED;
      application.submittedAt = this.clock.now();
      const saved = await manager.save(application);
      const message: WageSubsidyApplicationMessage = {
        applicationId: application.id,
        employer,
        person: { identityCode: person.identityCode, firstName: person.firstName, lastName: person.lastName },
        requestedTypeCode: application.requestedTypeCode,
        requestedPercent: application.requestedPercent,
        requestedStart: application.requestedStart,
        requestedEnd: application.requestedEnd,
        hoursPerWeek: application.hoursPerWeek,
        monthlyPayCents: application.monthlyPayCents,
        submittedAt: application.submittedAt.toISOString(),
      };
      await this.outbox.enqueue(manager, {
        organisationId: application.organisationId,
        system: IntegrationSystem.WAGE_SUBSIDY,
        kind: SUBSIDY_APPLICATION_MESSAGE,
        subjectType: 'SubsidyApplication',
        subjectId: application.id,
        idempotencyKey: `subsidy-application:${application.id}`,
        payload: message,
      });
      await this.history.record(manager, {
        subjectType: 'SubsidyApplication',
        subjectId: application.id,
        from: SubsidyApplicationState.DRAFT,
        to: SubsidyApplicationState.SUBMITTED,
        actor,
      });
      return saved;
    });
  }

  async withdraw(input: WithdrawSubsidyApplicationInput, actor: Actor): Promise<SubsidyApplication> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lock(manager, input.applicationId);
      const from = application.state;
      applicationStateMachine.assert(from, SubsidyApplicationState.WITHDRAWN);
      application.state = SubsidyApplicationState.WITHDRAWN;
      application.withdrawalReason = input.reason.trim();
      const saved = await manager.save(application);
      await this.history.record(manager, {
        subjectType: 'SubsidyApplication',
        subjectId: application.id,
        from,
        to: SubsidyApplicationState.WITHDRAWN,
        actor,
        reason: application.withdrawalReason,
      });
      return saved;
    });
  }

  /**
   * A decision from the authority, inside the transaction that records it as received. Only a
   * SUBMITTED application of the organisation takes one; anything else is refused with a code
   * (and the refusal kept, so the same decision again is a duplicate, not a second try).
   */
  async receiveDecision(manager: EntityManager, organisationId: string, decision: InboundDecision): Promise<string> {
    const application = await manager.findOne(SubsidyApplication, {
      where: { id: decision.applicationId, organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw new InboundRefused(InboundRefusal.UNKNOWN_APPLICATION);
    if (application.state === SubsidyApplicationState.DECIDED) throw new InboundRefused(InboundRefusal.APPLICATION_ALREADY_DECIDED);
    if (application.state !== SubsidyApplicationState.SUBMITTED) throw new InboundRefused(InboundRefusal.APPLICATION_NOT_SUBMITTED);
    if (
      decision.outcome !== 'DENIED' &&
      (!decision.startDate || !decision.endDate || decision.endDate < decision.startDate || decision.percent === null)
    ) {
      throw new InboundRefused(InboundRefusal.MALFORMED);
    }
    const saved = await manager.save(
      manager.create(SubsidyDecision, {
        applicationId: application.id,
        traineeId: application.traineeId,
        decisionId: decision.decisionId,
        authority: decision.authority,
        outcome: decision.outcome as DecisionOutcome,
        percent: decision.outcome === 'DENIED' ? null : decision.percent,
        subsidyTypeCode: decision.subsidyTypeCode,
        startDate: decision.outcome === 'DENIED' ? null : decision.startDate,
        endDate: decision.outcome === 'DENIED' ? null : decision.endDate,
        monthlyCapCents: decision.monthlyCapCents,
        denialReason: decision.denialReason,
        decidedOn: decision.decidedOn,
        receivedAt: this.clock.now(),
      }),
    );
    application.state = SubsidyApplicationState.DECIDED;
    await manager.save(application);
    await this.history.record(manager, {
      subjectType: 'SubsidyApplication',
      subjectId: application.id,
      from: SubsidyApplicationState.SUBMITTED,
      to: SubsidyApplicationState.DECIDED,
      reason: `decision ${decision.decisionId} by ${decision.authority}: ${decision.outcome}`,
    });
    return saved.id;
  }

  applications(filter: SubsidyApplicationFilter, page: PageArgs, scope: TraineeScope): Promise<Connection<SubsidyApplication>> {
    const query = applyTraineeScope(
      this.dataSource.getRepository(SubsidyApplication).createQueryBuilder('application'),
      'application.traineeId',
      scope,
    );
    if (filter.state) query.andWhere('application.state = :state', { state: filter.state });
    if (filter.traineeId) query.andWhere('application.traineeId = :traineeId', { traineeId: filter.traineeId });
    return paginate(query, page, [{ sql: 'application.createdAt', value: (a) => a.createdAt.toISOString(), kind: 'timestamp' }], 'DESC');
  }

  private async lock(manager: EntityManager, id: string): Promise<SubsidyApplication> {
    if (!isUuid(id)) throw notFound('SubsidyApplication', id);
    const application = await manager.findOne(SubsidyApplication, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw notFound('SubsidyApplication', id);
    return application;
  }

  createLoaders() {
    const decisions = this.dataSource.getRepository(SubsidyDecision);
    return {
      subsidyApplication: byIdLoader(this.dataSource.getRepository(SubsidyApplication)),
      subsidyDecisionByApplication: singleLoader<string, SubsidyDecision>(
        (ids) => decisions.findBy({ applicationId: In(ids.filter(isUuid)) }),
        (row) => row.applicationId,
      ),
    };
  }
}

/**
 * For the placement module: a placement naming a wage-subsidy application is an EMPLOYMENT of the
 * application's trainee with its employer, within what the decision granted. Runs in the
 * placement's transaction (create and every change of dates), reading the decision with a share lock.
 */
export async function assertSubsidisedEmployment(
  manager: EntityManager,
  applicationId: string,
  placement: { traineeId: string; kind: string; workUnitId: string | null; partnerCompanyId: string | null; start: string; end: string | null },
  path: string,
): Promise<void> {
  if (placement.kind !== 'EMPLOYMENT') {
    throw badInput(
      `${path}.subsidyApplicationId`,
      'Only an EMPLOYMENT placement can be wage-subsidised',
      WageSubsidyReason.SUBSIDY_ONLY_FOR_EMPLOYMENT,
    );
  }
  const application = isUuid(applicationId)
    ? await manager.findOne(SubsidyApplication, { where: { id: applicationId }, lock: { mode: 'pessimistic_read' } })
    : null;
  if (!application) throw badInput(`${path}.subsidyApplicationId`, 'No such wage-subsidy application', CommonReason.INVALID_VALUE);
  if (
    application.traineeId !== placement.traineeId ||
    (application.workUnitId ?? null) !== placement.workUnitId ||
    (application.partnerCompanyId ?? null) !== placement.partnerCompanyId
  ) {
    throw badInput(
      `${path}.subsidyApplicationId`,
      'The application is for another trainee or another employer',
      WageSubsidyReason.APPLICATION_OF_ANOTHER_TRAINEE,
    );
  }
  const decision = await manager.findOneBy(SubsidyDecision, { applicationId });
  if (!decision)
    throw conflict(WageSubsidyReason.APPLICATION_NOT_GRANTED, 'The wage-subsidy application has no decision yet', {
      details: { state: application.state },
    });
  assertEmploymentWithinDecision(decision, placement.start, placement.end, path);
}

export type WageSubsidyLoaders = ReturnType<WageSubsidyService['createLoaders']>;
