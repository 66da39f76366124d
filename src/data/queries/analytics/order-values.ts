import { ORDER_VALUE_BUCKETS_PER_DOUBLING } from '../../cube/build-cubes';
import { compileFilter, keepsOrder } from '../../cube/cube-filter';
import type { SalesCube } from '../../cube/sales-cube';
import type { Filters } from '../../filters';

/** Orders whose value falls in [lower, upper). */
export interface OrderValueBin extends Record<string, unknown> {
  lower: number;
  upper: number;
  orders: number;
}

/**
 * The distribution of order values on a log scale (four bins per doubling), so a $20 basket
 * and a $2,000 one both show. Orders count when they hold a chosen category; the value is the
 * whole order's.
 */
export function orderValueHistogram(cube: SalesCube, f: Filters): OrderValueBin[] {
  const cf = compileFilter(cube, f);
  const o = cube.orders;
  const counts = new Map<number, number>();
  for (let i = 0; i < o.length; i++) {
    if (keepsOrder(cf, o.day[i]!, o.region[i]!, o.set[i]!))
      counts.set(o.bucket[i]!, (counts.get(o.bucket[i]!) ?? 0) + o.orders[i]!);
  }
  if (counts.size === 0) return [];
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const edge = (b: number) => 2 ** (b / ORDER_VALUE_BUCKETS_PER_DOUBLING);
  const bins: OrderValueBin[] = [];
  for (let b = first; b <= last; b++) bins.push({ lower: edge(b), upper: edge(b + 1), orders: counts.get(b) ?? 0 });
  return bins;
}
