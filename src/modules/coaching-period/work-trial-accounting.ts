import type { EntityManager } from 'typeorm';

import { Placement } from '../placement/placement.entity';
import { PlacementKind } from '../placement/placement-rules';
import { compareDates, IsoDate } from '../shared/calendar';
import { CoachingPeriod } from './coaching-period.entities';
import type { WorkTrialPeriod } from './legal-limits';
import { ParticipationBasis } from './period-phase';

/**
 * A period whose own basis is a work trial is a trial organised by the coaching environment
 * itself; its trials share one organiser key for the 6-months-per-organiser limit.
 */
export const COACHING_ENVIRONMENT_ORGANISER = 'coaching-environment';

/**
 * How much of the work-trial limits a WORK_TRIAL period uses: up to its end, else its planned end,
 * else (a period stored before the planned end was required) up to today.
 */
export function periodAsWorkTrial(period: Pick<CoachingPeriod, 'startDate' | 'plannedEndDate' | 'endDate'>, today: IsoDate): WorkTrialPeriod {
  const end = period.endDate ?? period.plannedEndDate ?? (compareDates(today, period.startDate) > 0 ? today : period.startDate);
  return { organiserKey: COACHING_ENVIRONMENT_ORGANISER, start: period.startDate, end };
}

/** A WORK_TRIAL placement, organised by its unit or company; an open-ended one (stored before ends were required) counts its first day. */
export function placementAsWorkTrial(placement: Pick<Placement, 'workUnitId' | 'partnerCompanyId' | 'startDate' | 'endDate'>): WorkTrialPeriod {
  return {
    organiserKey: (placement.workUnitId ?? placement.partnerCompanyId)!,
    start: placement.startDate,
    end: placement.endDate ?? placement.startDate,
  };
}

export interface WorkTrialExclusion {
  /** The period being opened or changed: its stored dates are replaced by the candidate. */
  periodId?: string;
  /** The placement being changed. */
  placementId?: string;
}

/**
 * Every work trial of a person, from both places trials are recorded: WORK_TRIAL periods (the
 * coaching environment as organiser) and WORK_TRIAL placements (a unit or company as organiser).
 * The one place both the period and the placement service take the person's trials from, so a
 * period is checked against the placements and a placement against the periods alike. The caller
 * holds the trainee's row lock, so two writes for one person cannot both pass.
 */
export async function workTrialsOf(
  manager: EntityManager,
  traineeId: string,
  today: IsoDate,
  exclude: WorkTrialExclusion = {},
): Promise<WorkTrialPeriod[]> {
  // One connection inside a transaction: the two reads run one after the other.
  const placements = await manager.find(Placement, { where: { traineeId, kind: PlacementKind.WORK_TRIAL }, order: { startDate: 'ASC', id: 'ASC' } });
  const periods = await manager.find(CoachingPeriod, {
    where: { traineeId, participationBasis: ParticipationBasis.WORK_TRIAL },
    order: { startDate: 'ASC', id: 'ASC' },
  });
  return [
    ...placements.filter((p) => p.id !== exclude.placementId).map(placementAsWorkTrial),
    ...periods.filter((p) => p.id !== exclude.periodId).map((p) => periodAsWorkTrial(p, today)),
  ];
}
