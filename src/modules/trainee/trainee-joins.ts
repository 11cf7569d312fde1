import type { SqlParams } from '../shared/sql-params';

/**
 * What another module adds to a page of trainees when the client selects one of its fields on
 * `Trainee` (the current period with its coach and career agent, the current placement, the
 * latest assessment, the verified-competence count): a correlated subquery on the page's trainee
 * row, fetched in the page's own statement, whose value the module hands to the per-request
 * loaders its field resolvers read. A page of 100 trainees with five relations is then one
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
  /** Gives the fetched value of one trainee to the per-request loaders (a cache hit, no statement). */
  prime(loaders: unknown, traineeId: string, value: unknown): void;
}
