import { ErrorCode, reasons } from '../../platform/errors';

/** Why the attendance module refuses a request: `extensions.reason` of its errors (listed in docs/errors.md). */
export const AttendanceReason = reasons('attendance', {
  ABSENCE_REASON_REQUIRED: [ErrorCode.BAD_USER_INPUT, 'An absent day needs an absence reason'],
  DIARY_KIND_STAFF_ONLY: [ErrorCode.BAD_USER_INPUT, 'A trainee writes learning-diary entries only; daily logs are the staff’s'],
  DUPLICATE_PERIOD: [ErrorCode.BAD_USER_INPUT, 'The period is listed twice'],
  FUTURE_DATE: [ErrorCode.BAD_USER_INPUT, 'Attendance cannot be recorded in advance'],
  HOURS_ABOVE_SCHEDULE: [ErrorCode.BAD_USER_INPUT, 'More hours than the period agrees per day'],
  INVALID_ATTENDANCE_HOURS: [ErrorCode.BAD_USER_INPUT, 'A present day needs hours above 0 and at most the daily maximum'],
  UNEXPECTED_ABSENCE_REASON: [ErrorCode.BAD_USER_INPUT, 'A present day cannot have an absence reason'],
  UNEXPECTED_ATTENDANCE_HOURS: [ErrorCode.BAD_USER_INPUT, 'An absent day cannot have attendance hours'],
  WEEKLY_DAYS_EXCEEDED: [ErrorCode.CONFLICT, 'Attendance would exceed the agreed or the legal days of the week'],
});
