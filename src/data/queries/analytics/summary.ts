import { compileFilter, keeps, keepsOrder } from '../../cube/cube-filter';
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
  let revenue = 0, units = 0, unitLines = 0, lines = 0, list = 0, paid = 0, costed = 0, cost = 0, returns = 0;
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    revenue += c.revenue[i]!;
    units += c.units[i]!;
    unitLines += c.unitLines[i]!;
    lines += c.lines[i]!;
    list += c.listValue[i]!;
    paid += c.paidValue[i]!;
    costed += c.costedRevenue[i]!;
    cost += c.cost[i]!;
    returns += c.returns[i]!;
  }
  const o = cube.orders;
  let orders = 0;
  for (let i = 0; i < o.length; i++) if (keepsOrder(cf, o.day[i]!, o.region[i]!, o.set[i]!)) orders += o.orders[i]!;
  return {
    revenue,
    orders,
    units: lines === 0 ? 0 : unitLines > 0 ? units : null,
    aov: orders > 0 ? revenue / orders : null,
    margin: costed !== 0 ? (costed - cost) / costed : null,
    discount: list > 0 ? 1 - paid / list : null,
    returns,
  };
}

/** The same figures for the current and the previous period. */
export function sliceSummaries(
  cube: SalesCube,
  f: Filters,
  periods: { current: DayRange; previous: DayRange },
): { current: SliceSummary; previous: SliceSummary } {
  return { current: sliceSummary(cube, f, periods.current), previous: sliceSummary(cube, f, periods.previous) };
}
