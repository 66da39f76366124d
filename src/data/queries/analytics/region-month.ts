import { compileFilter, keeps } from '../../cube/cube-filter';
import { dayToMs, periodStart } from '../../cube/periods-of-days';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';

/** Revenue of one region in one month. */
export interface RegionMonthCell extends Record<string, unknown> {
  region: string | null;
  /** First day of the month (epoch ms, UTC). */
  month: number;
  revenue: number;
}

/** Region × month revenue for a heatmap (months without sales in a region are absent). */
export function regionByMonth(cube: SalesCube, f: Filters): RegionMonthCell[] {
  const cf = compileFilter(cube, f);
  const c = cube.day;
  const sums = new Map<string, { region: number; month: number; revenue: number }>();
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    const month = periodStart(c.day[i]!, 'month');
    const key = `${c.region[i]!}|${month}`;
    const cell = sums.get(key) ?? { region: c.region[i]!, month, revenue: 0 };
    cell.revenue += c.revenue[i]!;
    sums.set(key, cell);
  }
  // Region codes follow the names' order; cells without a region go last.
  const order = (r: number) => (r < 0 ? Infinity : r);
  return [...sums.values()]
    .sort((a, b) => order(a.region) - order(b.region) || a.month - b.month)
    .map((s) => ({
      region: s.region >= 0 ? (cube.regions[s.region] ?? null) : null,
      month: dayToMs(s.month),
      revenue: s.revenue,
    }));
}
