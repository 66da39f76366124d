import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { cubeClause } from './cube-where';

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
export function sliceTable(db: Connector, f: Filters): Promise<SliceRow[]> {
  const c = cubeClause(f);
  return db.query<SliceRow>(
    `SELECT c.category, c.region, sum(c.revenue) AS revenue, sum(c.orders) AS orders, sum(c.units) AS units,
            sum(c.revenue) / nullif(sum(c.orders), 0) AS aov,
            1 - sum(c.paid_value) / nullif(sum(c.list_value), 0) AS discount,
            (sum(c.costed_revenue) - sum(c.cost)) / nullif(sum(c.costed_revenue), 0) AS margin,
            coalesce(sum(c.returns), 0) AS returns,
            sum(c.revenue) / nullif(sum(sum(c.revenue)) OVER (), 0) AS share
     FROM cube_day c WHERE ${c.sql}
     GROUP BY 1, 2 ORDER BY revenue DESC, 1 NULLS LAST, 2 NULLS LAST`,
    c.params,
  );
}
