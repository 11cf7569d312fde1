/**
 * Bind parameters of a hand-written statement, numbered in the order they are added, so a
 * condition that may or may not use a value never leaves a placeholder without a value or a value
 * without a placeholder (PostgreSQL refuses both).
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(...initial: unknown[]) {
    this.values.push(...initial);
  }

  /** Adds a value and returns its placeholder (`$n`). */
  add = (value: unknown): string => `$${this.values.push(value)}`;
}
