import { addDays, compareDates, IsoDate, parseIsoDate } from '../modules/shared/calendar';

export function parseCalendar(date: IsoDate): { year: number; month: number; day: number } {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`not a date: ${date}`);
  return parsed;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const { year, month, day } = parseCalendar(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isWeekday(date: IsoDate): boolean {
  const day = weekday(date);
  return day >= 1 && day <= 5;
}

/** Fixed-date Finnish public holidays (the movable ones are left out of the demo). */
const FIXED_HOLIDAYS = ['01-01', '01-06', '05-01', '12-06', '12-24', '12-25', '12-26'];

export function isWorkingDay(date: IsoDate): boolean {
  return isWeekday(date) && !FIXED_HOLIDAYS.includes(date.slice(5));
}

/** The working day on or after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/** The working day on or before `date`. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  return current;
}

/** Every date from start to end inclusive. */
export function eachDay(start: IsoDate, end: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let current = start; compareDates(current, end) <= 0; current = addDays(current, 1)) days.push(current);
  return days;
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) <= 0 ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) >= 0 ? a : b);

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Helsinki', timeZoneName: 'shortOffset' });

/** Finland's offset from UTC at an instant, in hours (2 in winter, 3 in summer). */
function helsinkiOffsetHours(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+2';
  return Number(name.replace('GMT', '')) || 0;
}

/**
 * The instant of a Finnish wall-clock time on a calendar day. On the two days a year when the
 * clocks change, the offset differs before and after 03:00/04:00, so it is taken at the instant
 * itself, not at noon. (A time the spring change skips, 03:30, comes out as 04:30 summer time.)
 */
export function finnishTime(date: IsoDate, hour: number, minute = 0): Date {
  const { year, month, day } = parseCalendar(date);
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wallClockAsUtc - helsinkiOffsetHours(new Date(wallClockAsUtc)) * 3_600_000;
  return new Date(wallClockAsUtc - helsinkiOffsetHours(new Date(guess)) * 3_600_000);
}
