import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { statement, type Statement } from './statement';
import { salesClause } from './where';

/** A best-selling product of the slice. */
export interface TopProduct extends Record<string, unknown> {
  product_id: string;
  product_name: string | null;
  category: string | null;
  revenue: number;
  units: number | null;
  /** revenue / total revenue of the slice. */
  share: number | null;
}

/** The SQL behind {@link topProducts}: one {@link TopProduct} row per product, at most `limit`. */
export function topProductsSql(f: Filters, limit = 10): Statement {
  const where = salesClause(f);
  return statement(
    `
    WITH per AS (
      SELECT s.product_id,
             any_value(s.product_name) AS product_name,
             any_value(s.category) AS category,
             sum(s.revenue) AS revenue,
             sum(s.quantity) AS units
      FROM sales s
      WHERE ${where.sql} AND s.product_id IS NOT NULL
      GROUP BY 1
    ),
    total AS (SELECT sum(s.revenue) AS revenue FROM sales s WHERE ${where.sql})
    SELECT per.product_id,
           coalesce(per.product_name, p.product_name) AS product_name,
           coalesce(per.category, p.category) AS category,
           per.revenue, per.units,
           per.revenue / nullif(total.revenue, 0) AS share
    FROM per
    CROSS JOIN total
    LEFT JOIN (SELECT product_id, any_value(product_name) AS product_name, any_value(category) AS category
               FROM products GROUP BY 1) p USING (product_id)
    ORDER BY per.revenue DESC, per.product_id
    LIMIT ?`,
    [...where.params, ...where.params, Math.max(1, Math.floor(limit))],
  );
}

/** The `limit` products with the highest net revenue in the slice (ties by id, so stable). */
export async function topProducts(db: Connector, f: Filters, limit = 10): Promise<TopProduct[]> {
  const { sql, params } = topProductsSql(f, limit);
  return db.query<TopProduct>(sql, params);
}
