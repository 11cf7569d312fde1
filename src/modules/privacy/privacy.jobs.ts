import type { JobDefinition } from '../../platform/jobs';
import type { PrivacyService } from './privacy.service';

export const RETENTION_JOB = 'privacy-retention';
export const KEY_ROTATION_JOB = 'identity-key-rotation';

/**
 * The privacy module's scheduled jobs. Retention runs nightly; identity-key rotation runs nightly
 * and at every start, so a new key put first in IDENTITY_CODE_KEYS takes over the stored codes
 * without anyone remembering to run the command. A rotation job carries the current key id of the
 * instance that queued it, and an instance with another current key (an old one during a rolling
 * deploy) does nothing with it.
 */
export function privacyJobs(privacy: PrivacyService, currentKeyId: string): JobDefinition[] {
  return [
    {
      name: RETENTION_JOB,
      cron: '30 2 * * *',
      expireInMinutes: 120,
      handler: async (_data, signal) => {
        const report = await privacy.retention.run({ signal });
        return { ...report };
      },
    } satisfies JobDefinition,
    {
      name: KEY_ROTATION_JOB,
      cron: '15 2 * * *',
      runOnStart: true,
      data: () => ({ expectedKeyId: currentKeyId }),
      expireInMinutes: 120,
      handler: async (data, signal) => {
        const { expectedKeyId } = data as { expectedKeyId?: string };
        const report = await privacy.keyRotation.run({ expectedKeyId, signal });
        return { ...report };
      },
    } satisfies JobDefinition,
  ];
}
