import { conflict } from '../../platform/errors';
import { StaffReason } from './staff.reasons';

/** Trainees one coach (työvalmentaja) holds at once, per the coaching-environment model. */
export const defaultCaseloadRange = Object.freeze({ min: 8, max: 12 });

export type OccupancyStatus = 'UNDER' | 'OK' | 'FULL' | 'OVER';

export interface CaseloadCheck {
  current: number;
  max: number;
  /** A lead may exceed the maximum for a reason that is recorded with the assignment. */
  overrideReason?: string | null;
}

/** Returns the trimmed override reason when the override was needed, otherwise null. */
export function checkCaseload({ current, max, overrideReason }: CaseloadCheck): string | null {
  if (current < max) return null;
  const reason = typeof overrideReason === 'string' ? overrideReason.trim() : '';
  if (reason === '') {
    throw conflict(StaffReason.COACH_AT_CAPACITY, `The coach already has ${current} trainees (maximum ${max})`, {
      details: { current, max },
    });
  }
  return reason;
}

export interface Occupancy {
  count: number;
  min: number;
  max: number;
  /** count / max, rounded to two decimals; above 1 when over capacity. */
  ratio: number;
  status: OccupancyStatus;
}

export function occupancy(current: number, min: number = defaultCaseloadRange.min, max: number = defaultCaseloadRange.max): Occupancy {
  if (!(max > 0) || min < 0 || min > max) {
    throw new RangeError(`Invalid caseload range ${min}–${max}`);
  }
  let status: OccupancyStatus;
  if (current > max) status = 'OVER';
  else if (current === max) status = 'FULL';
  else if (current < min) status = 'UNDER';
  else status = 'OK';
  return { count: current, min, max, ratio: Math.round((current / max) * 100) / 100, status };
}
