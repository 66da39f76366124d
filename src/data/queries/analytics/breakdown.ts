import { compileFilter, keeps, keepsOrder } from '../../cube/cube-filter';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';
import type { DayRange } from '../../periods';

/** Figures of one category or region in the slice, with its growth against the previous period. */
export interface BreakdownRow extends Record<string, unknown> {
  /** The category or region; null for lines without one. */
  label: string | null;
  revenue: number;
  previous_revenue: number | null;
  /** Relative change against the previous period; null when there was nothing before. */
  growth: number | null;
  /** Share of the slice's revenue. */
  share: number | null;
  orders: number;
  aov: number | null;
  units: number | null;
  /** Mean discount off list price (list-value weighted). */
  discount: number | null;
  margin: number | null;
}

/** The dimensions a breakdown can be taken over. */
export type BreakdownDimension = 'category' | 'region';

interface Acc {
  revenue: number;
  previous: number | null;
  units: number;
  unitLines: number;
  list: number;
  paid: number;
  costed: number;
  cost: number;
  orders: number;
}

/**
 * Revenue, growth, share, orders, AOV, units, discount and margin per category or region.
 * Orders per category come from the day cells (exact per category); per region from the
 * order cells, so an order that spans several chosen categories counts once.
 */
export function breakdown(
  cube: SalesCube,
  f: Filters,
  dimension: BreakdownDimension,
  periods: { current: DayRange; previous: DayRange },
): BreakdownRow[] {
  const cur = compileFilter(cube, f, periods.current);
  const prev = compileFilter(cube, f, periods.previous);
  const c = cube.day;
  const keyOf = dimension === 'category' ? c.cat : c.region;
  const groups = new Map<number, Acc>();
  const previous = new Map<number, number>();
  for (let i = 0; i < c.length; i++) {
    const day = c.day[i]!, cat = c.cat[i]!, region = c.region[i]!, key = keyOf[i]!;
    if (keeps(prev, day, cat, region)) previous.set(key, (previous.get(key) ?? 0) + c.revenue[i]!);
    if (!keeps(cur, day, cat, region)) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { revenue: 0, previous: null, units: 0, unitLines: 0, list: 0, paid: 0, costed: 0, cost: 0, orders: 0 }));
    g.revenue += c.revenue[i]!;
    g.units += c.units[i]!;
    g.unitLines += c.unitLines[i]!;
    g.list += c.listValue[i]!;
    g.paid += c.paidValue[i]!;
    g.costed += c.costedRevenue[i]!;
    g.cost += c.cost[i]!;
    if (dimension === 'category') g.orders += c.orders[i]!;
  }
  if (dimension === 'region') {
    const o = cube.orders;
    for (let i = 0; i < o.length; i++) {
      if (!keepsOrder(cur, o.day[i]!, o.region[i]!, o.set[i]!)) continue;
      const g = groups.get(o.region[i]!);
      if (g) g.orders += o.orders[i]!;
    }
  }
  const names = dimension === 'category' ? cube.categories : cube.regions;
  const total = [...groups.values()].reduce((a, g) => a + g.revenue, 0);
  const rows = [...groups.entries()].map(([key, g]): BreakdownRow => {
    const before = previous.get(key) ?? null;
    return {
      label: key >= 0 ? (names[key] ?? null) : null,
      revenue: g.revenue,
      previous_revenue: before,
      growth: before != null && before > 0 ? (g.revenue - before) / before : null,
      share: total !== 0 ? g.revenue / total : null,
      orders: g.orders,
      aov: g.orders > 0 ? g.revenue / g.orders : null,
      units: g.unitLines > 0 ? g.units : null,
      discount: g.list > 0 ? 1 - g.paid / g.list : null,
      margin: g.costed !== 0 ? (g.costed - g.cost) / g.costed : null,
    };
  });
  // Largest first; lines without a label last among equals.
  return rows.sort((a, b) => b.revenue - a.revenue || (a.label == null ? 1 : b.label == null ? -1 : a.label.localeCompare(b.label)));
}
