/**
 * Calendar arithmetic on "epoch days" (whole days since 1970-01-01, UTC). Working in
 * integers keeps the simulation free of time zones and daylight-saving surprises.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of a 'YYYY-MM-DD' string; throws on malformed or impossible dates. */
export function parseDay(iso: string): number {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new RangeError(`Expected a YYYY-MM-DD date, got "${iso}"`);
  const day = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
  // Date.UTC silently rolls 2024-02-31 over into March; the round trip catches that.
  if (formatDay(day) !== iso) throw new RangeError(`Not a real calendar date: "${iso}"`);
  return day;
}

/** 'YYYY-MM-DD' for an epoch day. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Epoch day of a calendar date (month 1-12). */
export function dayOf(year: number, month: number, date: number): number {
  return Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/** Calendar year of an epoch day. */
export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Zero-based day within its year (Jan 1 = 0). */
export function dayOfYear(day: number): number {
  return day - dayOf(yearOf(day), 1, 1);
}

/** 365 or 366. */
export function daysInYear(year: number): number {
  return dayOf(year + 1, 1, 1) - dayOf(year, 1, 1);
}

/** Epoch day of the n-th (1-based) given weekday in a month, e.g. the 2nd Sunday of May. */
export function nthWeekdayOfMonth(year: number, month: number, dow: number, n: number): number {
  const first = dayOf(year, month, 1);
  return first + ((dow - weekday(first) + 7) % 7) + 7 * (n - 1);
}
