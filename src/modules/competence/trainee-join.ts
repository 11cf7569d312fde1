import { attachJoined } from '../shared/joined';
import type { TraineeJoin } from '../trainee/trainee-joins';
import type { CompetenceLoaders } from './competence.service';
import { CompetenceState } from './competence-state';

/** A page of trainees with each one's count of verified competence records. */
export function verifiedCompetenceCountJoin(): TraineeJoin {
  return {
    fields: ['verifiedCompetenceCount'],
    sql: (params) =>
      `(SELECT count(*)::int FROM competence_record c WHERE c.trainee_id = t.id AND c.state = ${params.add(CompetenceState.VERIFIED)})`,
    attach(trainee, value, given) {
      const count = Number(value ?? 0);
      attachJoined(trainee, { verifiedCompetenceCount: count });
      (given as CompetenceLoaders).verifiedCompetenceCount.prime(trainee.id, count);
    },
  };
}
