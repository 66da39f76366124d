import type { Grain } from '../filters';

const DAY_MS = 86_400_000;

/** The first day (day number) of the day, ISO week (Monday) or month that holds `day`. */
export function periodStart(day: number, grain: Grain): number {
  if (grain === 'day') return day;
  // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
  if (grain === 'week') return day - ((((day + 3) % 7) + 7) % 7);
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

/** The first day of the period after the one starting at `start`. */
export function nextPeriod(start: number, grain: Grain): number {
  if (grain === 'day') return start + 1;
  if (grain === 'week') return start + 7;
  const d = new Date(start * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Epoch milliseconds of a day number (midnight UTC), as the rest of the app passes dates. */
export function dayToMs(day: number): number {
  return day * DAY_MS;
}
