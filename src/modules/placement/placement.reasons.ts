import { ErrorCode, reasons } from '../../platform/errors';

/** Why the placement module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const PlacementReason = reasons('placement', {
  ONE_HOST_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A placement names exactly one host: a work unit or a partner company'],
  OUTSIDE_PERIOD: [ErrorCode.BAD_USER_INPUT, 'The placement must start and end within its coaching period'],
  PLACEMENT_OVERLAP: [ErrorCode.CONFLICT, 'The trainee already has a placement during these dates'],
  REHABILITATIVE_WORK_IN_COMPANY: [
    ErrorCode.CONFLICT,
    'Rehabilitative work activity may not be organised by a company; place the trainee in a municipal unit or a non-profit partner',
  ],
  WORK_TRIAL_END_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A work trial needs an end date: its length is limited by law'],
});
