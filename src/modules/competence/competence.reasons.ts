import { ErrorCode, reasons } from '../../platform/errors';

/** Why the competence module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const CompetenceReason = reasons('competence', {
  PERIOD_OF_ANOTHER_TRAINEE: [ErrorCode.BAD_USER_INPUT, 'The coaching period belongs to another trainee'],
  REQUIREMENT_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such requirement'],
  REQUIREMENT_RETIRED: [
    ErrorCode.BAD_USER_INPUT,
    'The requirement is no longer published (a newer version of the qualification changed or removed it): record against the current one',
  ],
  ILLEGAL_COMPETENCE_TRANSITION: [
    ErrorCode.CONFLICT,
    'The competence record cannot move from its state to the one asked for (details: from, to, allowed)',
  ],
});
