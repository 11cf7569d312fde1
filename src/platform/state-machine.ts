import { conflict, ReasonCode } from './errors';

/**
 * A finite state machine given as a table of allowed transitions. Services call `assert` before
 * every state change, so an illegal change is refused the same way everywhere.
 */
export class StateMachine<S extends string> {
  constructor(
    /** The reason of a refused transition, e.g. `ILLEGAL_PERIOD_PHASE_TRANSITION`. */
    private readonly illegalTransition: ReasonCode,
    private readonly transitions: Readonly<Record<S, readonly S[]>>,
  ) {}

  canTransition(from: S, to: S): boolean {
    return this.transitions[from]?.includes(to) ?? false;
  }

  nextStates(from: S): readonly S[] {
    return this.transitions[from] ?? [];
  }

  isFinal(state: S): boolean {
    return this.nextStates(state).length === 0;
  }

  assert(from: S, to: S): void {
    if (!this.canTransition(from, to)) {
      throw conflict(
        this.illegalTransition,
        `Cannot move from ${from} to ${to}; allowed: ${this.nextStates(from).join(', ') || 'none (final state)'}`,
        { details: { from, to, allowed: [...this.nextStates(from)] } },
      );
    }
  }
}
