import type { JobDefinition } from '../../platform/jobs';
import type { Logger } from '../../platform/logger';
import type { QualificationImportService } from './qualification-import.service';

export const QUALIFICATION_IMPORT_JOB = 'qualification-import';

/**
 * The weekly ePerusteet import, Sunday night 03:45 Finnish time (after the nightly privacy jobs):
 * the national agency publishes new versions of qualifications a few times a year, so a week's
 * delay is well within what coaches notice, and a night run keeps the megabytes of JSON off
 * working hours. A qualification that fails is left at its earlier version and logged; the run
 * fails (and pg-boss retries it later) only when ePerusteet could not be reached, since malformed
 * data stays malformed until the agency corrects it.
 */
export function qualificationImportJobs(importer: QualificationImportService, logger: Logger): JobDefinition[] {
  return [
    {
      name: QUALIFICATION_IMPORT_JOB,
      cron: '45 3 * * 0',
      expireInMinutes: 120,
      handler: async (_data, signal) => {
        const report = await importer.importAll({ signal });
        for (const failure of report.failed) {
          logger.warn(
            { job: QUALIFICATION_IMPORT_JOB, qualification: failure.externalId, kind: failure.kind, reason: failure.message },
            'qualification not imported',
          );
        }
        const unreachable = report.failed.filter((failure) => failure.kind === 'unavailable');
        if (unreachable.length) {
          throw new Error(
            `ePerusteet could not be reached for ${unreachable.length} qualifications (${unreachable.map((f) => f.externalId).join(', ')}); the others were imported`,
          );
        }
        return { ...report };
      },
    } satisfies JobDefinition,
  ];
}
