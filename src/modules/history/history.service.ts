import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { groupedLoader } from '../shared/loaders';
import { StateChange } from './state-change.entity';

/**
 * What a history row is about, and the entity whose row its subject id names. State machines use
 * their entity's name; the two staffing types record who holds a period (from and to are staff
 * ids), since a change of coach or career agent changes who may see the person in full, and the
 * intake team of an organisation for the same reason. The right
 * of access and retention find a person's history rows through this map.
 */
export const historySubjects = {
  Referral: 'Referral',
  CoachingPeriod: 'CoachingPeriod',
  WorkOrder: 'WorkOrder',
  CompetenceRecord: 'CompetenceRecord',
  FinalSummary: 'FinalSummary',
  ProfileConsent: 'ProfileConsent',
  CoachingPeriodCoach: 'CoachingPeriod',
  CoachingPeriodCareerAgent: 'CoachingPeriod',
  // Where the person works (a placement, a work order): the unit's lead, or the company, then sees them.
  // to names the host (WorkUnit:<id> or PartnerCompany:<id>), or UNASSIGNED when taken off a work order.
  CoachingPeriodWorkplace: 'CoachingPeriod',
  SubsidyApplication: 'SubsidyApplication',
  // An outgoing integration message an administrator sent again.
  IntegrationMessage: 'OutboxMessage',
  // Who processes the organisation's intake queue (from and to: sorted staff ids, or ALL_COACHING_STAFF).
  OrganisationIntakeTeam: 'Organisation',
} as const;

export type HistorySubjectType = keyof typeof historySubjects;

export interface StateChangeInput {
  subjectType: HistorySubjectType;
  subjectId: string;
  from: string | null;
  to: string;
  actor?: Actor;
  reason?: string | null;
}

/** The host named in a CoachingPeriodWorkplace row: whose staff a placement or work order lets see the person. */
export function workplaceOf(host: { workUnitId?: string | null; partnerCompanyId?: string | null }): string {
  return host.workUnitId ? `WorkUnit:${host.workUnitId}` : `PartnerCompany:${host.partnerCompanyId}`;
}

/** Records transitions inside the caller's transaction, so a change and its history land together. */
export class HistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, change: StateChangeInput): Promise<void> {
    await manager.insert(StateChange, {
      subjectType: change.subjectType,
      subjectId: change.subjectId,
      fromState: change.from,
      toState: change.to,
      actorId: change.actor?.userId ?? null,
      actorRole: change.actor?.role ?? null,
      reason: change.reason ?? null,
      changedAt: this.clock.now(),
    });
  }

  /** Per-request loader: the history of many subjects in one statement, oldest first. */
  createLoader() {
    return groupedLoader<string, StateChange>(
      (ids) => this.dataSource.getRepository(StateChange).find({ where: { subjectId: In([...ids]) }, order: { changedAt: 'ASC', id: 'ASC' } }),
      (row) => row.subjectId,
    );
  }
}

export type HistoryLoaders = { history: ReturnType<HistoryService['createLoader']> };
