import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, DomainError, notFound } from '../../platform/errors';
import type { HistoryService } from '../history/history.service';
import { PartnerCompany } from '../organisation/organisation.entities';
import { groupedLoader } from '../shared/loaders';
import { CommonReason } from '../shared/reasons';
import { Trainee } from '../trainee/trainee.entity';
import { isUniqueViolation } from '../trainee/trainee.service';
import { ProfileConsent } from './consent.entity';
import { GiveProfileConsentInput, WithdrawProfileConsentInput } from './consent.inputs';
import { ConsentReason } from './consent.reasons';
import { ConsentScope, ConsentTarget, consentTarget } from './consent-scope';

/** The states a consent's history records. */
const CONSENT_ACTIVE = 'ACTIVE';
const CONSENT_WITHDRAWN = 'WITHDRAWN';

const ACTIVE_CONSENT_INDEXES = new Set(['profile_consent_one_active_for_all_partners', 'profile_consent_one_active_per_company']);

/**
 * Consents to show a trainee's competence profile to partner companies. Nothing here is cached
 * beyond one request: partner queries read the consent rows every time, so a withdrawal takes
 * effect on the very next request on every instance.
 */
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly clock: Clock,
  ) {}

  async give(input: GiveProfileConsentInput, actor: Actor): Promise<ProfileConsent> {
    const target = consentTarget(input.scope, input.partnerCompanyId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.lockTrainee(manager, input.traineeId);
        if (target.partnerCompanyId && !(await manager.existsBy(PartnerCompany, { id: target.partnerCompanyId }))) {
          throw badInput('input.partnerCompanyId', 'No such partner company', CommonReason.PARTNER_COMPANY_NOT_FOUND);
        }
        const existing = await this.activeConsent(manager, input.traineeId, target);
        if (existing) throw alreadyGiven(existing.id);
        const consent = await manager.save(
          ProfileConsent,
          manager.create(ProfileConsent, {
            traineeId: input.traineeId,
            scope: target.scope,
            partnerCompanyId: target.partnerCompanyId,
            givenAt: this.clock.now(),
            givenBy: actor.userId,
            withdrawnAt: null,
            withdrawnBy: null,
            note: input.note?.trim() || null,
          }),
        );
        // Who gave it (the trainee themselves or their staff recording a consent given on paper).
        await this.history.record(manager, { subjectType: 'ProfileConsent', subjectId: consent.id, from: null, to: CONSENT_ACTIVE, actor });
        return consent;
      });
    } catch (error) {
      // Two requests racing past the check: the partial unique index decides.
      if (isUniqueViolation(error) && ACTIVE_CONSENT_INDEXES.has(error.constraint ?? '')) throw alreadyGiven();
      throw error;
    }
  }

  async withdraw(input: WithdrawProfileConsentInput, actor: Actor): Promise<ProfileConsent> {
    const target = consentTarget(input.scope, input.partnerCompanyId);
    return this.dataSource.transaction(async (manager) => {
      await this.lockTrainee(manager, input.traineeId);
      const consent = await this.activeConsent(manager, input.traineeId, target);
      if (!consent) {
        throw conflict(ConsentReason.NO_ACTIVE_CONSENT, 'The trainee has no active consent for this target', {
          details: { scope: target.scope, partnerCompanyId: target.partnerCompanyId },
        });
      }
      consent.withdrawnAt = this.clock.now();
      consent.withdrawnBy = actor.userId;
      if (input.note !== undefined) consent.note = input.note?.trim() || null;
      await this.history.record(manager, {
        subjectType: 'ProfileConsent',
        subjectId: consent.id,
        from: CONSENT_ACTIVE,
        to: CONSENT_WITHDRAWN,
        actor,
      });
      return manager.save(ProfileConsent, consent);
    });
  }

  createLoaders() {
    const consents = this.dataSource.getRepository(ProfileConsent);
    return {
      profileConsentsByTrainee: groupedLoader<string, ProfileConsent>(
        (ids) => consents.find({ where: { traineeId: In([...ids]) }, order: { givenAt: 'DESC', id: 'ASC' } }),
        (row) => row.traineeId,
      ),
    };
  }

  /** Serialises consent changes of one trainee; a pseudonymised person can no longer consent. */
  private async lockTrainee(manager: EntityManager, traineeId: string): Promise<void> {
    const trainee = await manager.findOne(Trainee, { where: { id: traineeId }, lock: { mode: 'pessimistic_write' } });
    if (!trainee) throw notFound('Trainee', traineeId);
    if (trainee.pseudonymisedAt) throw conflict(ConsentReason.TRAINEE_PSEUDONYMISED, 'The trainee’s personal data has been pseudonymised');
  }

  private activeConsent(manager: EntityManager, traineeId: string, target: ConsentTarget): Promise<ProfileConsent | null> {
    return manager.findOne(ProfileConsent, {
      where: {
        traineeId,
        scope: target.scope,
        partnerCompanyId: target.scope === ConsentScope.ONE_COMPANY ? target.partnerCompanyId! : IsNull(),
        withdrawnAt: IsNull(),
      },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

function alreadyGiven(consentId?: string): DomainError {
  return conflict(
    ConsentReason.CONSENT_ALREADY_GIVEN,
    'The trainee already has an active consent for this target',
    consentId ? { details: { consentId } } : {},
  );
}

export type ConsentLoaders = ReturnType<ConsentService['createLoaders']>;
