import { badInput } from '../../platform/errors';
import { DateRange, IsoDate, isWithinRange } from '../shared/calendar';
import { CommonReason } from '../shared/reasons';
import { CapacityReason } from './capacity.reasons';

/**
 * Dimensions of the work and functional capacity meter (työ- ja toimintakyvyn mittaristo).
 * The meter is configurable, so dimensions are strings and this enum only gives the defaults.
 */
export enum CapacityDimension {
  PHYSICAL = 'PHYSICAL',
  PSYCHOLOGICAL = 'PSYCHOLOGICAL',
  SOCIAL = 'SOCIAL',
  COGNITIVE = 'COGNITIVE',
  WORK_SKILLS = 'WORK_SKILLS',
}

export const defaultCapacityDimensions: readonly string[] = Object.values(CapacityDimension);

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

export interface ItemScore {
  itemId: string;
  dimension: string;
  /** Whole number 1–5. */
  score: number;
}

export interface DimensionChange {
  dimension: string;
  /** Means are rounded to two decimals; null when the assessment has no item in the dimension. */
  earlierMean: number | null;
  laterMean: number | null;
  /** later − earlier from the unrounded means; null unless both sides have the dimension. */
  change: number | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Each item may appear once per assessment, else one item would weigh double in the mean. */
export function validateScores(scores: readonly ItemScore[], path = 'input.scores'): void {
  const seen = new Set<string>();
  scores.forEach((entry, index) => {
    if (!Number.isInteger(entry.score) || entry.score < MIN_SCORE || entry.score > MAX_SCORE) {
      throw badInput(`${path}[${index}].score`, `Scores are whole numbers from ${MIN_SCORE} to ${MAX_SCORE}`, CapacityReason.SCORE_OUT_OF_RANGE);
    }
    if (seen.has(entry.itemId)) {
      throw badInput(`${path}[${index}].itemId`, 'Each item can be scored once per assessment', CapacityReason.DUPLICATE_ITEM_SCORE);
    }
    seen.add(entry.itemId);
  });
}

/**
 * An assessment belongs to its coaching period: it is dated from the period's start to its end
 * date, or to today while the period runs (future dates are refused separately). An ended period
 * still takes an assessment made during it (e.g. the final one, entered after the end), but not
 * one dated after its end.
 */
export function assertAssessedWithinPeriod(assessedOn: IsoDate, period: DateRange, path = 'input.assessedOn'): void {
  if (!isWithinRange(assessedOn, period)) {
    throw badInput(path, 'The assessment must be dated within its coaching period', CommonReason.DATE_OUTSIDE_PERIOD);
  }
}

function meansByDimension(scores: readonly ItemScore[]): Map<string, number> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const { dimension, score } of scores) {
    const entry = sums.get(dimension) ?? { total: 0, count: 0 };
    entry.total += score;
    entry.count += 1;
    sums.set(dimension, entry);
  }
  return new Map([...sums].map(([dimension, { total, count }]) => [dimension, total / count]));
}

/**
 * Per-dimension change between two assessments of the same person. Dimensions are listed in the
 * meter's order, then any others alphabetically; a dimension neither side scored is left out.
 */
export function compareAssessments(
  earlier: readonly ItemScore[],
  later: readonly ItemScore[],
  dimensionOrder: readonly string[] = defaultCapacityDimensions,
): DimensionChange[] {
  validateScores(earlier, 'earlier.scores');
  validateScores(later, 'later.scores');
  const before = meansByDimension(earlier);
  const after = meansByDimension(later);

  const present = new Set([...before.keys(), ...after.keys()]);
  const known = dimensionOrder.filter((dimension) => present.has(dimension));
  const extra = [...present].filter((dimension) => !dimensionOrder.includes(dimension)).sort();

  return [...known, ...extra].map((dimension) => {
    const earlierMean = before.get(dimension);
    const laterMean = after.get(dimension);
    return {
      dimension,
      earlierMean: earlierMean === undefined ? null : round2(earlierMean),
      laterMean: laterMean === undefined ? null : round2(laterMean),
      change: earlierMean === undefined || laterMean === undefined ? null : round2(laterMean - earlierMean),
    };
  });
}
