import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { ORDER_VALUE_BUCKETS_PER_DOUBLING } from '../../cube/build-cubes';
import { ordersClause } from './cube-where';

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
export async function orderValueHistogram(db: Connector, f: Filters): Promise<OrderValueBin[]> {
  const o = ordersClause(f);
  const rows = await db.query<{ bucket: number; orders: number }>(
    `SELECT o.bucket, sum(o.orders) AS orders FROM cube_orders o WHERE ${o.sql} GROUP BY 1 ORDER BY 1`,
    o.params,
  );
  if (rows.length === 0) return [];
  const first = rows[0]?.bucket ?? 0;
  const last = rows[rows.length - 1]?.bucket ?? 0;
  const counts = new Map(rows.map((r) => [r.bucket, r.orders]));
  const edge = (b: number) => 2 ** (b / ORDER_VALUE_BUCKETS_PER_DOUBLING);
  const bins: OrderValueBin[] = [];
  for (let b = first; b <= last; b++) bins.push({ lower: edge(b), upper: edge(b + 1), orders: counts.get(b) ?? 0 });
  return bins;
}
