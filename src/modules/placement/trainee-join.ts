import type { DataSource } from 'typeorm';

import type { Clock } from '../../platform/clock';
import { todayOf } from '../shared/calendar';
import { attachJoined } from '../shared/joined';
import { PlainRows } from '../shared/plain-rows';
import type { TraineeJoin } from '../trainee/trainee-joins';
import { Placement } from './placement.entity';
import type { PlacementLoaders } from './placement.service';

/** A page of trainees with each one's current placement: the one covering today (Finland), else the latest. */
export function currentPlacementJoin(dataSource: DataSource, clock: Clock): TraineeJoin {
  const placements = new PlainRows(dataSource, Placement);
  return {
    fields: ['currentPlacement'],
    sql: (params) => {
      const today = `${params.add(todayOf(clock))}::date`;
      return `(SELECT row_to_json(pl) FROM placement pl WHERE pl.trainee_id = t.id
                ORDER BY (pl.start_date <= ${today} AND (pl.end_date IS NULL OR pl.end_date >= ${today})) DESC, pl.start_date DESC, pl.id DESC
                LIMIT 1)`;
    },
    attach(trainee, value, given) {
      const placement = placements.fromJson(value);
      attachJoined(trainee, { currentPlacement: placement });
      (given as PlacementLoaders).currentPlacementByTrainee.prime(trainee.id, placement);
    },
  };
}
