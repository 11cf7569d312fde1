import { ErrorCode, reasons } from '../../platform/errors';

/** Why the wage-subsidy module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const WageSubsidyReason = reasons('wage-subsidy', {
  ILLEGAL_APPLICATION_TRANSITION: [
    ErrorCode.CONFLICT,
    'The application cannot move from its state to the one asked for (details: from, to, allowed)',
  ],
  EMPLOYER_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'Give exactly one employer: a work unit or a partner company'],
  UNKNOWN_SUBSIDY_TYPE: [ErrorCode.BAD_USER_INPUT, 'Not a national subsidy type nor one of the organisation’s own'],
  SUBSIDY_TOO_LONG: [ErrorCode.BAD_USER_INPUT, 'The requested period is longer than the subsidy type allows (details: maxMonths)'],
  SUBSIDY_AGE_NOT_REACHED: [ErrorCode.BAD_USER_INPUT, 'The person has not reached the age the subsidy type requires by the start (details: minAge)'],
  PERIOD_OF_ANOTHER_TRAINEE: [ErrorCode.BAD_USER_INPUT, 'The coaching period belongs to another trainee'],
  POSITION_NOT_OPEN: [ErrorCode.CONFLICT, 'The position is not open'],
  APPLICATION_NOT_GRANTED: [ErrorCode.CONFLICT, 'The application has no decision granting a subsidy'],
  EMPLOYMENT_BEFORE_DECISION: [ErrorCode.BAD_USER_INPUT, 'A subsidised employment cannot start before its decision (details: decidedOn)'],
  EMPLOYMENT_OUTSIDE_DECISION: [ErrorCode.BAD_USER_INPUT, 'A subsidised employment must lie within the decided period (details: startDate, endDate)'],
  APPLICATION_OF_ANOTHER_TRAINEE: [ErrorCode.BAD_USER_INPUT, 'The application is for another trainee or another employer'],
  SUBSIDY_ONLY_FOR_EMPLOYMENT: [ErrorCode.BAD_USER_INPUT, 'Only an EMPLOYMENT placement can be wage-subsidised'],
});
