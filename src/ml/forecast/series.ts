/** Turning a daily history into the series the models see, at daily or weekly grain. */
import { dayNumber, isoDay, weekdayOf } from './calendar';
import type { Grain, SeriesData } from './types';

/** Season length at each grain: the week at daily grain, the year at weekly grain. */
export function seasonOf(grain: Grain): number {
  return grain === 'week' ? 52 : 7;
}

/** Forecast periods for a horizon in days: weeks round up, so the horizon is always covered. */
export function periodsFor(horizonDays: number, grain: Grain): number {
  return grain === 'week' ? Math.ceil(horizonDays / 7) : horizonDays;
}

/**
 * The series at `grain`. Weeks run Monday to Sunday, and a partial first or last week is
 * dropped: a week with three days of sales would read as a slump and pull every model down.
 */
export function toSeries(
  start: string,
  revenue: Float64Array,
  discount: Float64Array | null,
  grain: Grain,
): SeriesData {
  if (grain === 'day') return { start, grain, values: revenue, ...(discount ? { discount } : {}) };
  const first = dayNumber(start);
  const skip = (7 - weekdayOf(first)) % 7;
  const weeks = Math.floor((revenue.length - skip) / 7);
  const values = new Float64Array(Math.max(0, weeks));
  const weekly = discount ? new Float64Array(values.length) : null;
  for (let w = 0; w < values.length; w++) {
    let sum = 0;
    let weighted = 0;
    let weight = 0;
    for (let d = 0; d < 7; d++) {
      const i = skip + 7 * w + d;
      sum += revenue[i]!;
      if (discount) {
        weighted += discount[i]! * Math.abs(revenue[i]!);
        weight += Math.abs(revenue[i]!);
      }
    }
    values[w] = sum;
    if (weekly) weekly[w] = weight > 0 ? weighted / weight : 0;
  }
  return { start: isoDay(first + skip), grain, values, ...(weekly ? { discount: weekly } : {}) };
}
