import { compileFilter, keeps } from '../../cube/cube-filter';
import { isoWeekday } from '../../cube/periods-of-days';
import { dayNumber, type SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';

/** Average revenue on one weekday (ISO: 1 = Monday … 7 = Sunday). */
export interface WeekdayPoint extends Record<string, unknown> {
  weekday: number;
  /** Revenue on that weekday divided by how many of them the range and the data share (days without sales count). */
  avg_revenue: number;
  revenue: number;
  days: number;
}

/** The weekly pattern: mean revenue per Monday, Tuesday, … in the range. */
export function weekdayPattern(cube: SalesCube, f: Filters, range: DayRange): WeekdayPoint[] {
  const cf = compileFilter(cube, f, range);
  const days = new Array<number>(8).fill(0);
  const revenue = new Array<number>(8).fill(0);
  // Only days the data covers count: a range reaching past the data would dilute the averages.
  const first = Math.max(dayNumber(range.from), cube.firstDay);
  const last = Math.min(dayNumber(range.to), cube.lastDay);
  for (let d = first; d <= last; d++) days[isoWeekday(d)]! += 1;
  const c = cube.day;
  for (let i = 0; i < c.length; i++) {
    if (keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) revenue[isoWeekday(c.day[i]!)]! += c.revenue[i]!;
  }
  const points: WeekdayPoint[] = [];
  for (let w = 1; w <= 7; w++) {
    if (days[w]! > 0)
      points.push({ weekday: w, avg_revenue: revenue[w]! / days[w]!, revenue: revenue[w]!, days: days[w]! });
  }
  return points;
}
