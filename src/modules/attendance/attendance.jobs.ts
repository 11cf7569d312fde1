import type { JobDefinition } from '../../platform/jobs';
import type { AttendanceReportService } from './monthly-report.service';

export const ATTENDANCE_REPORT_JOB = 'attendance-monthly-reports';

/** Nightly: reports of completed months, and corrections of the last three, to the employment area. */
export function attendanceJobs(reports: AttendanceReportService): JobDefinition[] {
  return [
    {
      name: ATTENDANCE_REPORT_JOB,
      cron: '45 3 * * *',
      expireInMinutes: 60,
      handler: async (_data, signal) => reports.run({ signal }),
    } satisfies JobDefinition,
  ];
}
