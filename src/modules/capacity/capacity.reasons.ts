import { ErrorCode, reasons } from '../../platform/errors';

/** Why the capacity module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const CapacityReason = reasons('capacity', {
  ASSESSED_IN_FUTURE: [ErrorCode.BAD_USER_INPUT, 'An assessment cannot be dated in the future'],
  DIFFERENT_TRAINEES: [ErrorCode.BAD_USER_INPUT, 'Both assessments must be of the same trainee'],
  DUPLICATE_ITEM_SCORE: [ErrorCode.BAD_USER_INPUT, 'Each item can be scored once per assessment'],
  INSTRUMENT_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such capacity instrument'],
  INSTRUMENT_VERSION_NOT_NEW: [ErrorCode.CONFLICT, 'A meter version is never changed: create a higher version'],
  ITEM_NOT_IN_INSTRUMENT: [ErrorCode.BAD_USER_INPUT, 'The item does not belong to the chosen instrument'],
  NO_SELF_ASSESSMENT_FORM: [ErrorCode.BAD_USER_INPUT, 'The instrument has no self-assessment form'],
  SCORE_OUT_OF_RANGE: [ErrorCode.BAD_USER_INPUT, "A score outside the meter's scale"],
});
