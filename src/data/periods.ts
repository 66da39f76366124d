import type { Filters } from './filters';

/** An inclusive range of days, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Adds whole days to a YYYY-MM-DD date. */
export function shiftDay(day: string, days: number): string {
  return toDay(fromDay(day) + days * DAY);
}

/** Days in an inclusive range. */
export function rangeLength(r: DayRange): number {
  return Math.round((fromDay(r.to) - fromDay(r.from)) / DAY) + 1;
}

/**
 * The filter's period made explicit (the data's span where the filter is open), and the
 * period of equal length just before it.
 */
export function resolvePeriods(f: Filters, span: DayRange): { current: DayRange; previous: DayRange } {
  const from = f.from ?? (f.to && f.to < span.from ? f.to : span.from);
  const to = f.to ?? (from > span.to ? from : span.to);
  const current = { from, to };
  const length = rangeLength(current);
  return { current, previous: { from: shiftDay(from, -length), to: shiftDay(from, -1) } };
}

/** The data's span from epoch-ms timestamps (DuckDB's TIMESTAMPs). */
export function spanOf(firstTs: number | null, lastTs: number | null): DayRange | undefined {
  return firstTs == null || lastTs == null ? undefined : { from: toDay(firstTs), to: toDay(lastTs) };
}
