import { compileFilter, keeps, keepsOrder } from '../../cube/cube-filter';
import { addCell, emptyMeasures, ratios } from '../../cube/measures';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';

/** Headline figures of a slice, answered from the cube. */
export interface SliceSummary {
  revenue: number;
  orders: number;
  units: number | null;
  aov: number | null;
  margin: number | null;
  /** Mean discount off list price, weighted by list value (null without prices). */
  discount: number | null;
  returns: number;
}

/** Revenue, orders, units, AOV, margin and discount for a slice (dates from `range`, else the filter's). */
export function sliceSummary(cube: SalesCube, f: Filters, range?: DayRange): SliceSummary {
  const cf = compileFilter(cube, f, range);
  const c = cube.day;
  const m = emptyMeasures();
  for (let i = 0; i < c.length; i++) if (keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) addCell(m, c, i);
  // Orders from the order cells: an order holding several chosen categories counts once.
  const o = cube.orders;
  let orders = 0;
  for (let i = 0; i < o.length; i++) if (keepsOrder(cf, o.day[i]!, o.region[i]!, o.set[i]!)) orders += o.orders[i]!;
  return { revenue: m.revenue, orders, ...ratios(m, orders), returns: m.returns };
}

/** The same figures for the current and the previous period. */
export function sliceSummaries(
  cube: SalesCube,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): { current: SliceSummary; previous: SliceSummary } {
  return { current: sliceSummary(cube, f, periods.current), previous: sliceSummary(cube, f, periods.previous) };
}
