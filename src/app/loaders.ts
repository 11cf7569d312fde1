import { createUserLoaders } from '../modules/user/user.resolver';
import type { Services } from './services';

/** Per-request DataLoaders of every module; created fresh for each operation. */
export function createLoaders(services: Services) {
  return {
    ...services.organisation.createLoaders(),
    ...services.staff.createLoaders(),
    ...services.trainee.createLoaders(),
    ...services.referral.createLoaders(),
    ...services.coachingPeriod.createLoaders(),
    ...services.placement.createLoaders(),
    ...services.attendance.createLoaders(),
    ...services.workTrial.createLoaders(),
    ...services.finalSummary.createLoaders(),
    ...services.outcome.createLoaders(),
    ...services.groupSession.createLoaders(),
    ...services.indicator.createLoaders(),
    ...services.taskCatalogue.createLoaders(),
    ...services.workOrder.createLoaders(),
    ...services.capacity.createLoaders(),
    ...services.competence.createLoaders(),
    ...services.consent.createLoaders(),
    ...services.competenceProfile.createLoaders(),
    ...services.accessLog.createLoaders(),
    ...services.wageSubsidy.createLoaders(),
    ...createUserLoaders(services.users),
    history: services.history.createLoader(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
