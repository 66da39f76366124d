import { compileFilter, keeps, keepsOrder } from '../../cube/cube-filter';
import { addCell, emptyMeasures, ratios, type Measures } from '../../cube/measures';
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
  const groups = new Map<number, Measures>();
  const previous = new Map<number, number>();
  for (let i = 0; i < c.length; i++) {
    const day = c.day[i]!,
      cat = c.cat[i]!,
      region = c.region[i]!,
      key = keyOf[i]!;
    if (keeps(prev, day, cat, region)) previous.set(key, (previous.get(key) ?? 0) + c.revenue[i]!);
    if (!keeps(cur, day, cat, region)) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = emptyMeasures()));
    addCell(g, c, i);
  }
  // Per region, orders come from the order cells instead (the day cells' sum would count an
  // order once per category it holds).
  if (dimension === 'region') {
    for (const g of groups.values()) g.orders = 0;
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
    const { units, aov, discount, margin } = ratios(g, g.orders);
    return {
      label: key >= 0 ? (names[key] ?? null) : null,
      revenue: g.revenue,
      previous_revenue: before,
      growth: before != null && before > 0 ? (g.revenue - before) / before : null,
      share: total !== 0 ? g.revenue / total : null,
      orders: g.orders,
      aov,
      units,
      discount,
      margin,
    };
  });
  // Largest first; lines without a label last among equals.
  return rows.sort(
    (a, b) => b.revenue - a.revenue || (a.label == null ? 1 : b.label == null ? -1 : a.label.localeCompare(b.label)),
  );
}
