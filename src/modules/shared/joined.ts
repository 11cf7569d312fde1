/**
 * Relations a list read together with its rows (`TraineeJoin`), kept on the row itself so the
 * field resolvers answer them at once, without a loader's Promise per row and relation.
 */
const JOINED = Symbol('joined');

type WithJoined = { [JOINED]?: Record<string, unknown> };

/** Keeps `values` (field name → value; null: there is none) with the row. */
export function attachJoined(row: object, values: Record<string, unknown>): void {
  const target = row as WithJoined;
  target[JOINED] = { ...target[JOINED], ...values };
}

/**
 * The value read with the row for `field`: undefined when the list did not read it (ask the
 * loader), null when it read that there is none.
 */
export function joined<T>(row: object, field: string): T | null | undefined {
  return (row as WithJoined)[JOINED]?.[field] as T | null | undefined;
}

/** The joined value, else the loader's. */
export function joinedOr<T>(row: object, field: string, load: () => Promise<T | null>): T | null | Promise<T | null> {
  const value = joined<T>(row, field);
  return value === undefined ? load() : value;
}
