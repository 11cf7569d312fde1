import type { SqlParams } from '../shared/sql-params';

/**
 * What another module adds to a page of trainees when the client selects one of its fields on
 * `Trainee` (the current period with its coach and career agent, the current placement, the
 * latest assessment, the verified-competence count): a correlated subquery on the page's trainee
 * row, fetched in the page's own statement, whose value the module keeps with the row
 * (`attachJoined`: its field resolvers answer from it at once) and gives to the per-request loaders
 * (other fields reading the same relation). A page of 100 trainees with five relations is then one
 * statement, not six, and the relations are read exactly as a detail query would read them.
 *
 * Each module owns its subquery and its loaders; the composition root gives the trainee module
 * the list (the trainee module imports none of them).
 */
export interface TraineeJoin {
  /** The `Trainee` fields whose selection this join answers. */
  readonly fields: readonly string[];
  /** A scalar subquery on the trainee row `t` (JSON or a number); `params.add` binds values. */
  sql(params: SqlParams): string;
  /** Keeps the fetched value with the trainee's row and gives it to the per-request loaders (no statement). */
  attach(trainee: { id: string }, value: unknown, loaders: unknown): void;
}
