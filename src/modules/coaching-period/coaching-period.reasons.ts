import { ErrorCode, reasons } from '../../platform/errors';

/** Why the coaching-period module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const CoachingPeriodReason = reasons('coaching-period', {
  ACTIVE_PERIOD_EXISTS: [ErrorCode.CONFLICT, 'The trainee already has an active coaching period'],
  CHECK_POINT_CLOSED: [ErrorCode.CONFLICT, 'A closed check point is part of the record and cannot be changed'],
  CHECK_POINT_NOT_EXPECTED: [ErrorCode.BAD_USER_INPUT, 'A check point is only given when moving to CHECK_POINT'],
  CHECK_POINT_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'Moving to a check point needs the difficulty and agreed actions'],
  DAYS_PER_WEEK_OUT_OF_RANGE: [ErrorCode.BAD_USER_INPUT, 'Days per week outside what the participation basis allows'],
  END_DATE_NOT_EXPECTED: [ErrorCode.BAD_USER_INPUT, 'An end date is only given when ending the period'],
  HANDOVER_REASON_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'Say why the period changes hands: the reason is kept in its history'],
  HOURS_PER_DAY_OUT_OF_RANGE: [ErrorCode.BAD_USER_INPUT, 'Hours per day outside what the participation basis allows'],
  PARTICIPATION_BASIS_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A participation basis is needed when there is no referral'],
  PLACEMENT_AFTER_END: [ErrorCode.BAD_USER_INPUT, 'Placements of the period start or end after the end date; end or correct them first'],
  PLANNED_END_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'Work trials and rehabilitative work are fixed-term by law: the period needs a planned end'],
  REFERRAL_ALREADY_HAS_PERIOD: [ErrorCode.CONFLICT, 'This referral already has a coaching period'],
  REFERRAL_NOT_ACCEPTED: [ErrorCode.CONFLICT, 'A period can only be opened from an ACCEPTED referral'],
  REHABILITATIVE_PERIOD_LENGTH_OUT_OF_RANGE: [
    ErrorCode.BAD_USER_INPUT,
    'A rehabilitative work period lasts 3–24 months (configurable), and never ends later',
  ],
  SERVICE_FORM_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A service form is needed when there is no referral'],
  WORK_TRIAL_ORGANISER_LIMIT: [ErrorCode.CONFLICT, 'Work trials with the same organiser may last at most 6 months in total (configurable)'],
  WORK_TRIAL_TOTAL_LIMIT: [ErrorCode.CONFLICT, 'Work trials may last at most 12 months in total (configurable)'],
  INVALID_COACH: [ErrorCode.BAD_USER_INPUT, 'No active staff member with the role COACH has this id'],
  INVALID_CAREER_AGENT: [ErrorCode.BAD_USER_INPUT, 'No active staff member with the role CAREER_AGENT has this id'],
  ILLEGAL_PERIOD_PHASE_TRANSITION: [ErrorCode.CONFLICT, 'The period cannot move from its phase to the one asked for (details: from, to, allowed)'],
});
