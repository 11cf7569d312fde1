import { StateMachine } from '../../platform/state-machine';
import { CompetenceReason } from './competence.reasons';

/** A competence record against one qualification requirement (PAIKKO method). */
export enum CompetenceState {
  PRACTISING = 'PRACTISING',
  /** Näytetty: shown in real work, waiting for verification. */
  DEMONSTRATED = 'DEMONSTRATED',
  /** Todennettu: final, because it can count towards a qualification. */
  VERIFIED = 'VERIFIED',
}

/** A demonstration that was not sufficient sends the record back to practising. */
export const competenceStateMachine = new StateMachine<CompetenceState>(CompetenceReason.ILLEGAL_COMPETENCE_TRANSITION, {
  [CompetenceState.PRACTISING]: [CompetenceState.DEMONSTRATED],
  [CompetenceState.DEMONSTRATED]: [CompetenceState.VERIFIED, CompetenceState.PRACTISING],
  [CompetenceState.VERIFIED]: [],
});
