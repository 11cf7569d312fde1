import { ErrorCode, reasons } from '../../platform/errors';

/** Why the work-trial module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const WorkTrialReason = reasons('work-trial', {
  CASE_MANAGER_NOT_EXPECTED: [ErrorCode.BAD_USER_INPUT, 'Only the authority signs by a case manager'],
  DUPLICATE_SIGNATURE: [ErrorCode.BAD_USER_INPUT, "A party's signature is listed twice"],
  EMPLOYMENT_AREA_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such employment area'],
  EMPLOYMENT_AREA_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'Name the employment area that is party to the agreement'],
  FEEDBACK_TEXT_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'The feedback has text'],
  NOT_A_WORK_TRIAL: [ErrorCode.CONFLICT, 'A work-trial agreement is only for a work trial'],
  ORGANISER_NAME_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'Name the organiser (e.g. the municipality) as in the agreement'],
  PLACEMENT_NOT_FOUND: [ErrorCode.BAD_USER_INPUT, 'No such placement in this period'],
  SIGNER_NAME_NOT_EXPECTED: [ErrorCode.BAD_USER_INPUT, 'The participant is the trainee; no other signer is named'],
  SIGNER_NAME_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'A signature names who signed'],
  TASKS_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'The agreement lists the tasks of the trial'],
  WORK_TRIAL_AGREEMENT_MISSING: [
    ErrorCode.CONFLICT,
    'No written work-trial agreement covers the day; record and sign it before the first day of the trial',
  ],
  WORK_TRIAL_AGREEMENT_OVERLAP: [ErrorCode.CONFLICT, 'Another agreement with this organiser covers some of these dates'],
  WORK_TRIAL_AGREEMENT_SIGNED: [ErrorCode.CONFLICT, 'The terms of a signed agreement cannot change; record an amended agreement instead'],
  WORK_TRIAL_AGREEMENT_UNSIGNED: [ErrorCode.CONFLICT, 'The agreement covering the day is not signed by every party on or before that day'],
  WORK_TRIAL_ALREADY_SIGNED: [ErrorCode.CONFLICT, 'The party has already signed this agreement'],
  WORK_TRIAL_FEEDBACK_EXISTS: [ErrorCode.CONFLICT, "The organiser's feedback on this trial is already recorded"],
  WORK_TRIAL_NOT_ENDED: [ErrorCode.CONFLICT, "The organiser's feedback is recorded when the trial ends"],
  OUTSIDE_PERIOD: [ErrorCode.BAD_USER_INPUT, 'The agreement must start and end within its coaching period'],
  OUTSIDE_PLACEMENT: [ErrorCode.BAD_USER_INPUT, 'The agreement must start and end within its placement'],
  FEEDBACK_BEFORE_TRIAL_END: [ErrorCode.BAD_USER_INPUT, 'Feedback is given when the trial ends, not before'],
});
