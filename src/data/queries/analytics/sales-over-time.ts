import { compileFilter, keeps, keepsOrder } from '../../cube/cube-filter';
import { dayToMs, nextPeriod, periodStart } from '../../cube/periods-of-days';
import { dayNumber, type SalesCube } from '../../cube/sales-cube';
import { rangeLength } from '../../periods';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';

/** Revenue and orders of one period at the chosen grain (start as epoch ms, UTC). */
export interface TimePoint extends Record<string, unknown> {
  period: number;
  revenue: number;
  orders: number;
}

/** The slice over time, and the previous period of equal length laid over it point by point. */
export interface SalesOverTime {
  current: TimePoint[];
  /** Same length as `current`, or empty when nothing precedes the range. */
  previous: TimePoint[];
}

/**
 * Sums the cells of `range` into the periods of `axis`; `shift` days are added to each cell's
 * day first, so the previous period lands on the current period's axis day for day.
 */
function series(cube: SalesCube, f: Filters, range: DayRange, axis: DayRange, shift: number): TimePoint[] {
  const cf = compileFilter(cube, f, range);
  const index = new Map<number, number>();
  const points: TimePoint[] = [];
  // Every period of the range is on the axis, empty ones as zero.
  for (let p = periodStart(dayNumber(axis.from), f.grain); p <= dayNumber(axis.to); p = nextPeriod(p, f.grain)) {
    index.set(p, points.length);
    points.push({ period: dayToMs(p), revenue: 0, orders: 0 });
  }
  const c = cube.day;
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    const point = points[index.get(periodStart(c.day[i]! + shift, f.grain)) ?? -1];
    if (point) point.revenue += c.revenue[i]!;
  }
  const o = cube.orders;
  for (let i = 0; i < o.length; i++) {
    if (!keepsOrder(cf, o.day[i]!, o.region[i]!, o.set[i]!)) continue;
    const point = points[index.get(periodStart(o.day[i]! + shift, f.grain)) ?? -1];
    if (point) point.orders += o.orders[i]!;
  }
  return points;
}

/** Revenue and orders per day, week or month of the current period, with the previous period. */
export function salesOverTime(
  cube: SalesCube,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): SalesOverTime {
  const current = series(cube, f, periods.current, periods.current, 0);
  // Each previous day moves forward by the range's length, onto the day it compares with.
  const previous = series(cube, f, periods.previous, periods.current, rangeLength(periods.current));
  const hasPrevious = previous.some((p) => p.revenue !== 0 || p.orders !== 0);
  return { current, previous: hasPrevious ? previous : [] };
}
