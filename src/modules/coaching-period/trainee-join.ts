import type { DataSource } from 'typeorm';

import { attachJoined } from '../shared/joined';
import { PlainRows } from '../shared/plain-rows';
import { StaffMember } from '../staff/staff.entity';
import type { StaffLoaders } from '../staff/staff.service';
import type { TraineeJoin } from '../trainee/trainee-joins';
import { CoachingPeriod } from './coaching-period.entities';
import type { CoachingPeriodLoaders } from './coaching-period.service';

/**
 * A page of trainees with each one's current period (the latest by start date, as
 * `currentPeriodByTrainee` reads it) and that period's coach and career agent.
 */
export function currentPeriodJoin(dataSource: DataSource): TraineeJoin {
  const periods = new PlainRows(dataSource, CoachingPeriod);
  const staff = new PlainRows(dataSource, StaffMember);
  return {
    fields: ['currentPeriod', 'coach'],
    sql: () => `(SELECT json_build_object('period', row_to_json(p),
                   'coach', (SELECT row_to_json(s) FROM staff_member s WHERE s.id = p.coach_id),
                   'careerAgent', (SELECT row_to_json(s) FROM staff_member s WHERE s.id = p.career_agent_id))
                 FROM coaching_period p WHERE p.trainee_id = t.id ORDER BY p.start_date DESC, p.id DESC LIMIT 1)`,
    attach(trainee, value, given) {
      const loaders = given as CoachingPeriodLoaders & StaffLoaders;
      const fetched = value as { period: unknown; coach: unknown; careerAgent: unknown } | null;
      const period = fetched ? periods.fromJson(fetched.period) : null;
      const coach = fetched ? staff.fromJson(fetched.coach) : null;
      attachJoined(trainee, { currentPeriod: period, coach });
      // Other fields read the same period through the loader (a trainee's `periods`, an edge's `period`).
      loaders.currentPeriodByTrainee.prime(trainee.id, period);
      if (period) attachJoined(period, { coach, careerAgent: fetched ? staff.fromJson(fetched.careerAgent) : null });
    },
  };
}
