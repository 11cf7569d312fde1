/**
 * Small-cell suppression for figures published across organisations (national statistics): a
 * count of 1 to `threshold - 1` could point at a person, so it is not shown (primary
 * suppression), and neither is anything that would let it be computed back from what is shown
 * (secondary suppression).
 */
export const SMALL_CELL_THRESHOLD = 5;

/** A total that is the sum of its cells (e.g. outcomes with an outcome = the sum of outcomes by type). */
export interface Margin {
  total: string;
  cells: string[];
}

/**
 * The names of the figures to suppress. Zero is shown (it points at no one).
 *
 * 1. Primary: every figure from 1 to `threshold - 1`.
 * 2. Secondary, for each margin (a total and the cells it sums), until nothing changes: where the
 *    total is shown, the hidden cells would add up to the total minus the shown ones, so there
 *    must be none, or at least two whose sum is at least `threshold` (two cells of 1 summing to 2
 *    would give both away). Otherwise the smallest shown non-zero cell is hidden too; where no
 *    such cell is left, the total is hidden. Where the total is hidden but every cell is shown,
 *    the total is their sum: the smallest non-zero cell is hidden as well.
 *
 * Figures shared by several margins (a cell of two totals) are handled by repeating until stable.
 */
export function suppressedFigures(
  figures: Readonly<Record<string, number>>,
  margins: readonly Margin[],
  threshold: number = SMALL_CELL_THRESHOLD,
): Set<string> {
  if (!Number.isInteger(threshold) || threshold < 2) throw new RangeError(`threshold must be an integer of at least 2, got ${threshold}`);
  const value = (name: string) => {
    const n = figures[name];
    if (n === undefined) throw new RangeError(`no figure named ${name}`);
    return n;
  };
  for (const margin of margins) [margin.total, ...margin.cells].forEach(value);
  const hidden = new Set(Object.keys(figures).filter((name) => value(name) > 0 && value(name) < threshold));
  const smallestShown = (cells: string[]) =>
    cells
      .filter((cell) => !hidden.has(cell) && value(cell) > 0)
      .sort((a, b) => value(a) - value(b) || a.localeCompare(b))
      .at(0);

  for (let changed = true; changed;) {
    changed = false;
    for (const margin of margins) {
      const hiddenCells = margin.cells.filter((cell) => hidden.has(cell));
      if (hidden.has(margin.total)) {
        // A hidden total with every cell shown is their sum; a zero total hides nothing.
        if (hiddenCells.length === 0 && value(margin.total) > 0) {
          const next = smallestShown(margin.cells);
          if (next) {
            hidden.add(next);
            changed = true;
          }
        }
        continue;
      }
      if (hiddenCells.length === 0) continue;
      const hiddenSum = hiddenCells.reduce((sum, cell) => sum + value(cell), 0);
      if (hiddenCells.length >= 2 && hiddenSum >= threshold) continue;
      const next = smallestShown(margin.cells);
      hidden.add(next ?? margin.total);
      changed = true;
    }
  }
  return hidden;
}
