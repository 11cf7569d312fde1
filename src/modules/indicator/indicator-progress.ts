/** How an indicator stands against its target for one year. */
export interface IndicatorProgressFacts {
  target: number | null;
  latest: number | null;
  higherIsBetter: boolean;
}

/**
 * On track when the latest measurement has reached the target in the indicator's good direction
 * (e.g. share employed ≥ 70%, or waiting days ≤ 14). Unknown (null) without a target or a
 * measurement: a dashboard must not show green for missing data.
 */
export function isOnTrack({ target, latest, higherIsBetter }: IndicatorProgressFacts): boolean | null {
  if (target === null || latest === null) return null;
  return higherIsBetter ? latest >= target : latest <= target;
}
