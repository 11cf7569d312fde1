import { StateMachine } from '../../platform/state-machine';
import { CoachingPeriodReason } from './coaching-period.reasons';

/** Phase of a coaching period (valmennusjakso). */
export enum PeriodPhase {
  /** Alkukartoitus: prior learning, possible learning difficulties, Finnish level. */
  INITIAL_MAPPING = 'INITIAL_MAPPING',
  /** Esivalmennus. */
  PRE_COACHING = 'PRE_COACHING',
  COACHING = 'COACHING',
  /** Re-assessment and intensified coaching instead of dropping out. */
  CHECK_POINT = 'CHECK_POINT',
  ENDED = 'ENDED',
  /** Support continues for about three months after the end. */
  FOLLOW_UP = 'FOLLOW_UP',
}

/**
 * Every active phase may go straight to ENDED because a period can end early (job found,
 * moved away). Pre-coaching may skip to a check point when difficulties show up early.
 */
export const periodPhaseMachine = new StateMachine<PeriodPhase>(CoachingPeriodReason.ILLEGAL_PERIOD_PHASE_TRANSITION, {
  [PeriodPhase.INITIAL_MAPPING]: [PeriodPhase.PRE_COACHING, PeriodPhase.COACHING, PeriodPhase.ENDED],
  [PeriodPhase.PRE_COACHING]: [PeriodPhase.COACHING, PeriodPhase.CHECK_POINT, PeriodPhase.ENDED],
  [PeriodPhase.COACHING]: [PeriodPhase.CHECK_POINT, PeriodPhase.ENDED],
  [PeriodPhase.CHECK_POINT]: [PeriodPhase.COACHING, PeriodPhase.ENDED],
  [PeriodPhase.ENDED]: [PeriodPhase.FOLLOW_UP],
  [PeriodPhase.FOLLOW_UP]: [],
});

/** Active periods count towards a coach's caseload and accept attendance entries. */
export function isActivePhase(phase: PeriodPhase): boolean {
  return phase !== PeriodPhase.ENDED && phase !== PeriodPhase.FOLLOW_UP;
}

/** Valmennuspalvelun muoto. */
export enum ServiceForm {
  /** Kohti työtä ja koulutusta. */
  TOWARDS_WORK_AND_EDUCATION = 'TOWARDS_WORK_AND_EDUCATION',
  /** Selvityspalvelu: unclear labour-market position, health issues, return from rehabilitation. */
  ASSESSMENT = 'ASSESSMENT',
  /** Maahanmuuttajavalmennus: language and workplace skills. */
  IMMIGRANT_COACHING = 'IMMIGRANT_COACHING',
  /** Valmentavat työsuhteet (not project funded). */
  COACHING_EMPLOYMENT = 'COACHING_EMPLOYMENT',
}

/** Legal basis of participation; decides which limits in legal-limits.ts apply. */
export enum ParticipationBasis {
  /** Työkokeilu. */
  WORK_TRIAL = 'WORK_TRIAL',
  /** Työsuhde, often with wage subsidy. */
  EMPLOYMENT = 'EMPLOYMENT',
  /** Kuntouttava työtoiminta (Act 189/2001). */
  REHABILITATIVE_WORK = 'REHABILITATIVE_WORK',
  /** Uravalmennus. */
  CAREER_COACHING = 'CAREER_COACHING',
}
