import { compileFilter, keeps } from '../../cube/cube-filter';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';

/** One category × region cell of the slice with its figures. */
export interface SliceRow extends Record<string, unknown> {
  category: string | null;
  region: string | null;
  revenue: number;
  /** Orders holding this category in this region (exact per cell). */
  orders: number;
  units: number | null;
  aov: number | null;
  discount: number | null;
  margin: number | null;
  returns: number;
  share: number | null;
}

/** The slice's figures by category and region, largest revenue first. */
export function sliceTable(cube: SalesCube, f: Filters): SliceRow[] {
  const cf = compileFilter(cube, f);
  const c = cube.day;
  const groups = new Map<number, { cat: number; region: number; revenue: number; orders: number; units: number; unitLines: number; list: number; paid: number; costed: number; cost: number; returns: number }>();
  const stride = cube.regions.length + 1;
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    const key = (c.cat[i]! + 1) * stride + c.region[i]! + 1;
    let g = groups.get(key);
    if (!g) {
      g = { cat: c.cat[i]!, region: c.region[i]!, revenue: 0, orders: 0, units: 0, unitLines: 0, list: 0, paid: 0, costed: 0, cost: 0, returns: 0 };
      groups.set(key, g);
    }
    g.revenue += c.revenue[i]!;
    g.orders += c.orders[i]!;
    g.units += c.units[i]!;
    g.unitLines += c.unitLines[i]!;
    g.list += c.listValue[i]!;
    g.paid += c.paidValue[i]!;
    g.costed += c.costedRevenue[i]!;
    g.cost += c.cost[i]!;
    g.returns += c.returns[i]!;
  }
  const total = [...groups.values()].reduce((a, g) => a + g.revenue, 0);
  // Codes follow the names' order; "none" goes last.
  const order = (code: number) => (code < 0 ? Infinity : code);
  return [...groups.values()]
    .sort((a, b) => b.revenue - a.revenue || order(a.cat) - order(b.cat) || order(a.region) - order(b.region))
    .map((g) => ({
      category: g.cat >= 0 ? (cube.categories[g.cat] ?? null) : null,
      region: g.region >= 0 ? (cube.regions[g.region] ?? null) : null,
      revenue: g.revenue,
      orders: g.orders,
      units: g.unitLines > 0 ? g.units : null,
      aov: g.orders > 0 ? g.revenue / g.orders : null,
      discount: g.list > 0 ? 1 - g.paid / g.list : null,
      margin: g.costed !== 0 ? (g.costed - g.cost) / g.costed : null,
      returns: g.returns,
      share: total !== 0 ? g.revenue / total : null,
    }));
}
