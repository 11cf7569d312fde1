import type { DataSource, EntityManager } from 'typeorm';
import { In, Not } from 'typeorm';

import type { EmploymentAreaMessage, InboundReferral } from '../../integrations/employment-area/employment-area.port';
import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, DomainError, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { ParticipationBasis, ServiceForm } from '../coaching-period/period-phase';
import type { HistoryService } from '../history/history.service';
import { IntegrationSystem } from '../integration/integration.entities';
import type { Outbox } from '../integration/outbox';
import { CaseManager, EmploymentAreaOrganisation } from '../organisation/organisation.entities';
import { byIdLoader, groupedLoader, isUuid } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { CommonReason } from '../shared/reasons';
import { Trainee } from '../trainee/trainee.entity';
import { isUniqueViolation, mapDuplicateIdentityCode, TraineeService } from '../trainee/trainee.service';
import { Referral } from './referral.entity';
import { AcceptReferralInput, ReceiveReferralInput, ReferralFilter, RejectReferralInput, ReopenReferralInput } from './referral.inputs';
import { ReferralReason } from './referral.reasons';
import { assertReferralTransition, ReferralState } from './referral-state';

const OPEN_STATES = [ReferralState.RECEIVED, ReferralState.ACCEPTED];

export class ReferralService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly trainees: TraineeService,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /** A referral to the caller's organisation, from an employment area that refers clients to it. */
  async receiveReferral(organisationId: string, input: ReceiveReferralInput, actor: Actor | undefined): Promise<Referral> {
    if (!input.traineeId === !input.newTrainee) {
      throw badInput('input.traineeId', 'Give exactly one of traineeId and newTrainee', CommonReason.TRAINEE_REQUIRED);
    }
    try {
      return await this.dataSource.transaction((manager) => this.receiveWith(manager, organisationId, input, actor));
    } catch (error) {
      throw mapReferralUniqueViolation(mapDuplicateIdentityCode(error, 'input.newTrainee'));
    }
  }

  /**
   * A referral fetched from or pushed by the employment area's client system, inside the
   * transaction that records it as received: the person is found by identity code (or created),
   * the case manager by e-mail within the area. Refusals are the same errors as the mutation's.
   */
  async receiveFromEmploymentArea(
    manager: EntityManager,
    organisationId: string,
    employmentAreaId: string,
    referral: InboundReferral,
  ): Promise<string> {
    const serviceForm = enumValue(ServiceForm, referral.serviceForm, 'serviceForm');
    const participationBasis = enumValue(ParticipationBasis, referral.participationBasis, 'participationBasis');
    const known = await this.trainees.traineeByIdentityCode(organisationId, referral.person.identityCode, manager);
    const caseManager = referral.caseManagerEmail
      ? await manager.findOneBy(CaseManager, { employmentAreaId, email: referral.caseManagerEmail.trim().toLowerCase() })
      : null;
    const input: ReceiveReferralInput = {
      employmentAreaId,
      externalId: referral.externalId,
      caseManagerId: caseManager?.id ?? null,
      traineeId: known?.id ?? null,
      newTrainee: known
        ? null
        : {
            firstName: referral.person.firstName.trim(),
            lastName: referral.person.lastName.trim(),
            identityCode: referral.person.identityCode,
            languages: referral.person.languages ?? [],
            immigrantBackground: false,
            email: referral.person.email ?? null,
            phone: referral.person.phone ?? null,
            municipalityCode: referral.person.municipalityCode ?? null,
            employmentAreaId,
          },
      serviceForm,
      participationBasis,
      background: referral.background ?? null,
    };
    const saved = await this.receiveWith(manager, organisationId, input, undefined, "received from the employment area's client system");
    return saved.id;
  }

  private async receiveWith(
    manager: EntityManager,
    organisationId: string,
    input: ReceiveReferralInput,
    actor: Actor | undefined,
    reason?: string,
  ): Promise<Referral> {
    if (!(await manager.existsBy(EmploymentAreaOrganisation, { employmentAreaId: input.employmentAreaId, organisationId }))) {
      throw notFound('EmploymentArea', input.employmentAreaId);
    }
    if (input.caseManagerId) {
      const caseManager = await manager.findOneBy(CaseManager, { id: input.caseManagerId });
      if (!caseManager) throw notFound('CaseManager', input.caseManagerId);
      if (caseManager.employmentAreaId !== input.employmentAreaId) {
        throw badInput('input.caseManagerId', 'The case manager belongs to another employment area', CommonReason.CASE_MANAGER_NOT_IN_AREA);
      }
    }
    const externalId = input.externalId.trim();
    if (await manager.existsBy(Referral, { employmentAreaId: input.employmentAreaId, externalId })) {
      throw duplicateExternalId();
    }
    let traineeId: string;
    if (input.traineeId) {
      // Locking the person serialises referrals of the same trainee, so the open-referral
      // check below cannot race (the partial unique index is the last line of defence).
      const trainee = await manager.findOne(Trainee, { where: { id: input.traineeId, organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!trainee) throw notFound('Trainee', input.traineeId);
      traineeId = trainee.id;
      await assertNoOtherOpenReferral(manager, traineeId, input.serviceForm);
    } else {
      traineeId = (await this.trainees.createWith(manager, organisationId, input.newTrainee!, 'input.newTrainee')).id;
    }
    const referral = await manager.save(
      manager.create(Referral, {
        employmentAreaId: input.employmentAreaId,
        externalId,
        caseManagerId: input.caseManagerId ?? null,
        traineeId,
        serviceForm: input.serviceForm,
        participationBasis: input.participationBasis,
        background: input.background ?? null,
        state: ReferralState.RECEIVED,
        // Millisecond precision on purpose: the value is the keyset cursor of the list.
        receivedAt: this.clock.now(),
      }),
    );
    await this.history.record(manager, { subjectType: 'Referral', subjectId: referral.id, from: null, to: ReferralState.RECEIVED, actor, reason });
    return referral;
  }

  acceptReferral(input: AcceptReferralInput, actor: Actor | undefined): Promise<Referral> {
    return this.transition(input.referralId, ReferralState.ACCEPTED, actor, null);
  }

  rejectReferral(input: RejectReferralInput, actor: Actor | undefined): Promise<Referral> {
    return this.transition(input.referralId, ReferralState.REJECTED, actor, input.reason ?? null);
  }

  /**
   * Back to RECEIVED, keeping the history on the same record. An accepted referral can be
   * reopened only while no coaching period was started from it; a rejected one only if no other
   * open referral of the person to the same service has arrived meanwhile.
   */
  reopenReferral(input: ReopenReferralInput, actor: Actor | undefined): Promise<Referral> {
    return this.transition(input.referralId, ReferralState.RECEIVED, actor, input.reason ?? null);
  }

  /**
   * For the coaching-period service: call inside the transaction that ends the period, to close
   * the referral the period came from (ACCEPTED → CLOSED, with history). Throws CONFLICT
   * `ILLEGAL_REFERRAL_TRANSITION` if the referral is not ACCEPTED, NOT_FOUND if it does not exist.
   */
  async closeForPeriod(manager: EntityManager, referralId: string, actor: Actor | undefined): Promise<Referral> {
    return this.transitionWith(manager, referralId, ReferralState.CLOSED, actor, null);
  }

  private async transition(referralId: string, to: ReferralState, actor: Actor | undefined, reason: string | null): Promise<Referral> {
    try {
      return await this.dataSource.transaction((manager) => this.transitionWith(manager, referralId, to, actor, reason));
    } catch (error) {
      throw mapReferralUniqueViolation(error);
    }
  }

  private async transitionWith(
    manager: EntityManager,
    referralId: string,
    to: ReferralState,
    actor: Actor | undefined,
    reason: string | null,
  ): Promise<Referral> {
    if (!isUuid(referralId)) throw notFound('Referral', referralId);
    const referral = await manager.findOne(Referral, { where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
    if (!referral) throw notFound('Referral', referralId);
    const from = referral.state;
    const rejectionReason = assertReferralTransition(from, to, reason);

    if (to === ReferralState.RECEIVED) {
      if (from === ReferralState.ACCEPTED && (await manager.existsBy(CoachingPeriod, { referralId }))) {
        throw conflict(ReferralReason.REFERRAL_HAS_PERIOD, 'A coaching period has been started from this referral');
      }
      if (from === ReferralState.REJECTED) {
        await assertNoOtherOpenReferral(manager, referral.traineeId, referral.serviceForm, referral.id);
      }
    }

    referral.state = to;
    if (to === ReferralState.REJECTED) referral.rejectionReason = rejectionReason;
    if (to === ReferralState.RECEIVED) referral.rejectionReason = null;
    if (to === ReferralState.ACCEPTED || to === ReferralState.REJECTED) referral.decidedAt = this.clock.now();
    if (to === ReferralState.RECEIVED) referral.decidedAt = null;
    const saved = await manager.save(referral);
    if (to === ReferralState.ACCEPTED || to === ReferralState.REJECTED) {
      // The case manager learns the decision through the client system; a later reopen and decision is a new message.
      const decidedAt = referral.decidedAt!.toISOString();
      const message: EmploymentAreaMessage = {
        kind: 'REFERRAL_DECISION',
        referralExternalId: referral.externalId,
        accepted: to === ReferralState.ACCEPTED,
        reason: to === ReferralState.REJECTED ? rejectionReason : null,
        decidedAt,
      };
      await this.outbox.enqueue(manager, {
        organisationId: await organisationOf(manager, referral.traineeId),
        system: IntegrationSystem.EMPLOYMENT_AREA,
        kind: message.kind,
        subjectType: 'Referral',
        subjectId: referral.id,
        idempotencyKey: `referral-decision:${referral.id}:${decidedAt}`,
        payload: message,
      });
    }
    const historyReason = to === ReferralState.REJECTED ? rejectionReason : reason?.trim() || null;
    await this.history.record(manager, { subjectType: 'Referral', subjectId: referral.id, from, to, actor, reason: historyReason });
    return saved;
  }

  referrals(filter: ReferralFilter, page: PageArgs, scope: TraineeScope): Promise<Connection<Referral>> {
    const query = applyTraineeScope(this.dataSource.getRepository(Referral).createQueryBuilder('referral'), 'referral.traineeId', scope);
    if (filter.state) query.andWhere('referral.state = :state', { state: filter.state });
    if (filter.employmentAreaId) query.andWhere('referral.employmentAreaId = :areaId', { areaId: filter.employmentAreaId });
    if (filter.serviceForm) query.andWhere('referral.serviceForm = :serviceForm', { serviceForm: filter.serviceForm });
    if (filter.traineeId) query.andWhere('referral.traineeId = :traineeId', { traineeId: filter.traineeId });
    return paginate(query, page, [{ sql: 'referral.receivedAt', value: (r) => r.receivedAt.toISOString(), kind: 'timestamp' }], 'DESC');
  }

  createLoaders() {
    return {
      referral: byIdLoader(this.dataSource.getRepository(Referral)),
      /** A trainee's referrals, newest first. */
      referralsByTrainee: groupedLoader<string, Referral>(
        (ids) =>
          this.dataSource.getRepository(Referral).find({
            where: { traineeId: In(ids.filter(isUuid)) },
            order: { receivedAt: 'DESC', id: 'DESC' },
          }),
        (row) => row.traineeId,
      ),
    };
  }
}

async function assertNoOtherOpenReferral(manager: EntityManager, traineeId: string, serviceForm: Referral['serviceForm'], exceptId?: string) {
  const open = await manager.existsBy(Referral, {
    traineeId,
    serviceForm,
    state: In(OPEN_STATES),
    ...(exceptId ? { id: Not(exceptId) } : {}),
  });
  if (open) throw duplicateReferral();
}

async function organisationOf(manager: EntityManager, traineeId: string): Promise<string> {
  const [row]: Array<{ organisation_id: string }> = await manager.query('SELECT organisation_id FROM trainee WHERE id = $1', [traineeId]);
  return row.organisation_id;
}

function enumValue<T extends Record<string, string>>(values: T, value: string, path: string): T[keyof T] {
  if (!Object.values(values).includes(value)) throw badInput(path, `Not a known ${path}`, CommonReason.INVALID_VALUE);
  return value as T[keyof T];
}

function duplicateReferral(): DomainError {
  return conflict(ReferralReason.DUPLICATE_REFERRAL, 'The trainee already has an open referral to this service form');
}

function duplicateExternalId(): DomainError {
  return conflict(ReferralReason.DUPLICATE_EXTERNAL_ID, 'The employment area has already sent a referral with this id', {
    fields: [{ path: 'input.externalId', message: 'already received' }],
  });
}

/** When two requests race past the checks, the unique indexes decide; answer as the check would. */
function mapReferralUniqueViolation(error: unknown): unknown {
  if (!isUniqueViolation(error)) return error;
  if (error.constraint === 'referral_one_open_per_service') return duplicateReferral();
  if (/\(employment_area_id, external_id\)/.test(error.detail ?? '')) return duplicateExternalId();
  return error;
}

export type ReferralLoaders = ReturnType<ReferralService['createLoaders']>;
