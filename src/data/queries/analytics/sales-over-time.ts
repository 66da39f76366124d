import { compileFilter, keeps, keepsOrder } from '../../cube/cube-filter';
import { dayToMs, nextPeriod, periodStart } from '../../cube/periods-of-days';
import { dayNumber, type SalesCube } from '../../cube/sales-cube';
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

function series(cube: SalesCube, f: Filters, range: DayRange): TimePoint[] {
  const cf = compileFilter(cube, f, range);
  const index = new Map<number, number>();
  const points: TimePoint[] = [];
  // Every period of the range is on the axis, empty ones as zero.
  for (let p = periodStart(dayNumber(range.from), f.grain); p <= dayNumber(range.to); p = nextPeriod(p, f.grain)) {
    index.set(p, points.length);
    points.push({ period: dayToMs(p), revenue: 0, orders: 0 });
  }
  const c = cube.day;
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    const point = points[index.get(periodStart(c.day[i]!, f.grain)) ?? -1];
    if (point) point.revenue += c.revenue[i]!;
  }
  const o = cube.orders;
  for (let i = 0; i < o.length; i++) {
    if (!keepsOrder(cf, o.day[i]!, o.region[i]!, o.set[i]!)) continue;
    const point = points[index.get(periodStart(o.day[i]!, f.grain)) ?? -1];
    if (point) point.orders += o.orders[i]!;
  }
  return points;
}

/** Revenue and orders per day, week or month of the current period, with the previous period. */
export function salesOverTime(cube: SalesCube, f: Filters, periods: { current: DayRange; previous: DayRange }): SalesOverTime {
  const current = series(cube, f, periods.current);
  const previous = series(cube, f, periods.previous);
  const hasPrevious = previous.some((p) => p.revenue !== 0 || p.orders !== 0);
  // Align by position: the n-th period before the range sits under the n-th period of it.
  return { current, previous: hasPrevious ? previous.slice(-current.length) : [] };
}
