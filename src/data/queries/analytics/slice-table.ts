import { compileFilter, keeps } from '../../cube/cube-filter';
import { addCell, emptyMeasures, ratios, type Measures } from '../../cube/measures';
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
  const groups = new Map<number, { cat: number; region: number; m: Measures }>();
  const stride = cube.regions.length + 1;
  for (let i = 0; i < c.length; i++) {
    if (!keeps(cf, c.day[i]!, c.cat[i]!, c.region[i]!)) continue;
    const key = (c.cat[i]! + 1) * stride + c.region[i]! + 1;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { cat: c.cat[i]!, region: c.region[i]!, m: emptyMeasures() }));
    addCell(g.m, c, i);
  }
  const total = [...groups.values()].reduce((a, g) => a + g.m.revenue, 0);
  // Codes follow the names' order; "none" goes last.
  const order = (code: number) => (code < 0 ? Infinity : code);
  return [...groups.values()]
    .sort((a, b) => b.m.revenue - a.m.revenue || order(a.cat) - order(b.cat) || order(a.region) - order(b.region))
    .map(({ cat, region, m }) => ({
      category: cat >= 0 ? (cube.categories[cat] ?? null) : null,
      region: region >= 0 ? (cube.regions[region] ?? null) : null,
      revenue: m.revenue,
      // One category per cell, so summing the cells' orders is exact here.
      orders: m.orders,
      ...ratios(m, m.orders),
      returns: m.returns,
      share: total !== 0 ? m.revenue / total : null,
    }));
}
