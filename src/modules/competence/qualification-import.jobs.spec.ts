import type { Logger } from '../../platform/logger';
import { QUALIFICATION_IMPORT_JOB, qualificationImportJobs } from './qualification-import.jobs';
import type { QualificationImportReport, QualificationImportService } from './qualification-import.service';

const report = (failed: QualificationImportReport['failed'] = []): QualificationImportReport => ({
  source: 'test',
  startedAt: '2026-11-22T01:45:00.000Z',
  durationMs: 10,
  qualifications: { created: 0, updated: 1, unchanged: 2 },
  units: { created: 0, updated: 0, unchanged: 10, retired: 0 },
  requirements: { created: 1, updated: 1, unchanged: 34, retired: 0 },
  failed,
});

function jobWith(result: QualificationImportReport) {
  const warnings: unknown[] = [];
  const logger = { warn: (fields: unknown) => warnings.push(fields) } as unknown as Logger;
  const importer = { importAll: jest.fn(async () => result) } as unknown as QualificationImportService;
  const [job] = qualificationImportJobs(importer, logger);
  return { job, warnings, importer };
}

describe('qualificationImportJobs', () => {
  it('runs weekly at night and returns the counts as the job output', async () => {
    const { job, importer } = jobWith(report());
    expect(job).toMatchObject({ name: QUALIFICATION_IMPORT_JOB, cron: '45 3 * * 0' });
    const signal = new AbortController().signal;
    await expect(job.handler({}, signal)).resolves.toEqual(report());
    expect(importer.importAll).toHaveBeenCalledWith({ signal });
  });

  it('logs qualifications it could not import, and fails (to be retried) only when ePerusteet was unreachable', async () => {
    const malformed = {
      externalId: '1',
      kind: 'malformed' as const,
      message: 'ePerusteet peruste 1 cannot be imported: nimi.fi: a Finnish name is required',
    };
    const quiet = jobWith(report([malformed]));
    await expect(quiet.job.handler({}, new AbortController().signal)).resolves.toMatchObject({ failed: [malformed] });
    expect(quiet.warnings).toEqual([{ job: QUALIFICATION_IMPORT_JOB, qualification: '1', kind: 'malformed', reason: malformed.message }]);

    const unreachable = jobWith(report([malformed, { externalId: '2', kind: 'unavailable', message: 'ePerusteet peruste 2: HTTP 503' }]));
    await expect(unreachable.job.handler({}, new AbortController().signal)).rejects.toThrow(
      'ePerusteet could not be reached for 1 qualifications (2); the others were imported',
    );
    expect(unreachable.warnings).toHaveLength(2);
  });
});
