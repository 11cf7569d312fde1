import type { Clock } from '../../platform/clock';
import { badInput } from '../../platform/errors';
import { CommonReason } from './reasons';

/**
 * A local calendar date as 'YYYY-MM-DD'. Periods, attendance days and follow-ups are calendar days
 * in Finland, not instants, so no time zone is ever attached; arithmetic runs on UTC day numbers
 * only to avoid daylight-saving surprises.
 */
export type IsoDate = string;

/** A period of calendar days, both ends inclusive; `end = null` means still open. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate | null;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Strict: only 'YYYY-MM-DD' naming a day that exists (no '2024-02-30', no time part). */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

export function assertIsoDate(value: string, path: string): IsoDate {
  if (!isIsoDate(value)) {
    throw badInput(path, `${path} must be a calendar date in the form YYYY-MM-DD`, CommonReason.INVALID_DATE);
  }
  return value;
}

export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requireDate(value: IsoDate): CalendarDate {
  const parsed = parseIsoDate(value);
  // Callers validate user input with assertIsoDate first; reaching this is a programming error.
  if (!parsed) throw new RangeError(`Not an ISO calendar date: ${JSON.stringify(value)}`);
  return parsed;
}

function toDayNumber(value: IsoDate): number {
  const { year, month, day } = requireDate(value);
  const date = new Date(0);
  // setUTCFullYear avoids Date.UTC's mapping of years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.floor(date.getTime() / MS_PER_DAY);
}

function fromDayNumber(dayNumber: number): IsoDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** Negative when a is earlier, 0 when the same day, positive when later. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Calendar-month addition. When the target month is too short the result is its last day
 * (31 Jan + 1 month = 28/29 Feb), which is how Finnish deadline law (150/1930) treats months.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = requireDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Days from `from` to `to`: 0 for the same day, 1 for the next day, negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Number of calendar days in an inclusive period (a one-day period has length 1). */
export function inclusiveDayCount(start: IsoDate, endInclusive: IsoDate): number {
  return daysBetween(start, endInclusive) + 1;
}

/** Both ranges include their end days, so ranges touching on one day overlap. */
export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  const aStartsBeforeBEnds = b.end === null || compareDates(a.start, b.end) <= 0;
  const bStartsBeforeAEnds = a.end === null || compareDates(b.start, a.end) <= 0;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

export function isWithinRange(date: IsoDate, range: DateRange): boolean {
  return compareDates(date, range.start) >= 0 && (range.end === null || compareDates(date, range.end) <= 0);
}

/**
 * Length of an inclusive period in months, as used for the legal limits (work trial 6/12 months,
 * rehabilitative work 3–24 months).
 *
 * Whole months are counted with calendar-month arithmetic from the start day (as a contract would
 * read "six months from 1 January"), and the part beyond the last whole month is the share of the
 * next month it covers. So 1 Jan–30 Jun is exactly 6, 1 Jan–1 Jul is 6 + 1/31, and 15 Mar–14 Apr
 * is exactly 1. A fixed 30.44-day month was rejected because it makes 1 Jan–30 Jun (181 days)
 * 5.95 months in a common year yet 1 Jul–31 Dec (184 days) 6.04 months, i.e. over the limit.
 */
export function monthsInPeriod(start: IsoDate, endInclusive: IsoDate): number {
  const endExclusive = addDays(endInclusive, 1);
  const totalDays = daysBetween(start, endExclusive);
  if (totalDays < 0) {
    throw new RangeError(`Period ends (${endInclusive}) before it starts (${start})`);
  }
  // Estimate from the day count, then correct: month lengths vary, so the estimate may be off by one.
  let whole = Math.max(0, Math.floor(totalDays / 31) - 1);
  while (compareDates(addMonths(start, whole + 1), endExclusive) <= 0) whole += 1;
  const anchor = addMonths(start, whole);
  const remainder = daysBetween(anchor, endExclusive);
  if (remainder === 0) return whole;
  return whole + remainder / daysBetween(anchor, addMonths(start, whole + 1));
}

/**
 * Today's calendar date in Finland. Servers often run in UTC, where the day changes two or three
 * hours late; attendance and deadlines follow the Finnish calendar.
 */
export function todayInFinland(now: Date, timeZone = 'Europe/Helsinki'): IsoDate {
  return dayFormat(timeZone).format(now);
}

// Making a formatter costs a hundred times more than using one: one per time zone, kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // The en-CA locale formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The Finnish calendar day of the clock's instant. */
export function todayOf(clock: Clock): IsoDate {
  return todayInFinland(clock.now());
}
