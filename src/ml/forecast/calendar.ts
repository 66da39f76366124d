/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC) and the retail holiday
 * calendar the models use as regressors. Day numbers keep feature building free of time
 * zones and of Date objects in hot loops.
 */
import type { Grain } from './types';

const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' → day number. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y!, m! - 1, d!) / MS_PER_DAY);
}

/** Day number → 'YYYY-MM-DD'. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (ISO order, so a Monday-started week reads 0..6). */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (ISO weekday index 3).
  return (((day + 3) % 7) + 7) % 7;
}

/** Fraction of the year elapsed at the start of `day`, in [0, 1). */
export function yearFraction(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const first = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const length = Date.UTC(year + 1, 0, 1) / MS_PER_DAY - first;
  return (day - first) / length;
}

/** Day number of the period `index` steps after `start` at `grain`. */
export function periodDay(start: string, grain: Grain, index: number): number {
  return dayNumber(start) + index * (grain === 'week' ? 7 : 1);
}

/** Days a period covers. */
export function periodLength(grain: Grain): number {
  return grain === 'week' ? 7 : 1;
}

function dayOf(year: number, month: number, date: number): number {
  return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** The n-th given ISO weekday (0 = Monday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm). */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, date);
}

const THURSDAY = 3;
const SUNDAY = 6;
const MONDAY = 0;

/**
 * The retail calendar: days whose trade differs from an ordinary day of the same weekday in
 * most Western markets (closures, gift peaks, sale days). Names, not lifts: the models
 * estimate each day's effect from the data, so a day that does nothing costs only a
 * regularised coefficient near zero.
 */
export const HOLIDAY_NAMES = [
  "New Year's Day",
  "Valentine's Day",
  'Easter Sunday',
  "Mother's Day (US)",
  'Memorial Day',
  'Independence Day',
  'Labor Day',
  'Thanksgiving',
  'Black Friday',
  'Cyber Monday',
  'Christmas run-up',
  'Christmas Eve',
  'Christmas Day',
  'Boxing Day',
  "New Year's Eve",
] as const;

export type HolidayName = (typeof HOLIDAY_NAMES)[number];

function holidaysOfYear(year: number): [number, HolidayName][] {
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4);
  const out: [number, HolidayName][] = [
    [dayOf(year, 1, 1), "New Year's Day"],
    [dayOf(year, 2, 14), "Valentine's Day"],
    [easter(year), 'Easter Sunday'],
    [nthWeekday(year, 5, SUNDAY, 2), "Mother's Day (US)"],
    [nthWeekday(year, 5, MONDAY, -1), 'Memorial Day'],
    [dayOf(year, 7, 4), 'Independence Day'],
    [nthWeekday(year, 9, MONDAY, 1), 'Labor Day'],
    [thanksgiving, 'Thanksgiving'],
    [thanksgiving + 1, 'Black Friday'],
    [thanksgiving + 4, 'Cyber Monday'],
    [dayOf(year, 12, 24), 'Christmas Eve'],
    [dayOf(year, 12, 25), 'Christmas Day'],
    [dayOf(year, 12, 26), 'Boxing Day'],
    [dayOf(year, 12, 31), "New Year's Eve"],
  ];
  for (let date = 18; date <= 23; date++) out.push([dayOf(year, 12, date), 'Christmas run-up']);
  return out;
}

/** Holiday name of each day in [from, to] (day numbers, inclusive) that is one. */
export function holidaysBetween(from: number, to: number): Map<number, HolidayName> {
  const out = new Map<number, HolidayName>();
  const firstYear = new Date(from * MS_PER_DAY).getUTCFullYear();
  const lastYear = new Date(to * MS_PER_DAY).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const [day, name] of holidaysOfYear(year)) {
      if (day >= from && day <= to && !out.has(day)) out.set(day, name);
    }
  }
  return out;
}
