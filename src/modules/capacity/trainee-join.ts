import type { DataSource } from 'typeorm';

import { attachJoined } from '../shared/joined';
import { PlainRows } from '../shared/plain-rows';
import type { TraineeJoin } from '../trainee/trainee-joins';
import { CapacityAssessment } from './capacity.entities';
import type { CapacityLoaders } from './capacity.service';

/** A page of trainees with each one's newest capacity assessment (as `latestCapacityAssessment` reads it). */
export function latestAssessmentJoin(dataSource: DataSource): TraineeJoin {
  const assessments = new PlainRows(dataSource, CapacityAssessment);
  return {
    fields: ['latestCapacityAssessment'],
    sql: () => `(SELECT row_to_json(a) FROM capacity_assessment a WHERE a.trainee_id = t.id
                 ORDER BY a.assessed_on DESC, a.created_at DESC LIMIT 1)`,
    attach(trainee, value, given) {
      const assessment = assessments.fromJson(value);
      attachJoined(trainee, { latestCapacityAssessment: assessment });
      (given as CapacityLoaders).latestCapacityAssessment.prime(trainee.id, assessment);
    },
  };
}
