import { ErrorCode, reasons } from '../../platform/errors';

/** Why the me module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const MeReason = reasons('me', {
  MINE_NOT_APPLICABLE: [
    ErrorCode.BAD_USER_INPUT,
    '`mine` selects where the caller is the coach or career agent; other roles have no trainees of their own',
  ],
});
