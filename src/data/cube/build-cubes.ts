import type { Connector } from '../engine/connector';
import { IS_SALE_LINE, SALES_WITH_COST } from '../queries/fragments';

/**
 * Order values are counted in buckets of a quarter of a doubling (…, $8–9.5, $9.5–11.3, …),
 * so the histogram can be answered from the cube at any filter.
 */
export const ORDER_VALUE_BUCKETS_PER_DOUBLING = 4;

/**
 * Builds the pre-aggregated tables the Sales Analytics page reads, once per load, so a
 * filter change scans thousands of cells instead of millions of lines (Mosaic's data-cube idea).
 *
 * - `cube_day`: day × category × region. Sums are additive in every direction. `orders`
 *   (distinct transactions in the cell) adds up across days and regions, since a transaction
 *   has one day and one region, but not across categories (one order can span several).
 * - `cube_orders`: day × region × the set of categories in the order × order-value bucket.
 *   Total orders for any category selection is exact from here: the orders whose set meets it.
 * - `cube_hour`: day × hour × category × region, for the hour-of-day view.
 */
export async function buildCubes(db: Connector): Promise<void> {
  await db.query(`
    CREATE OR REPLACE TABLE cube_day AS
    SELECT CAST(s.ts AS DATE) AS day, s.category, s.region,
           sum(s.revenue) AS revenue,
           sum(s.quantity) AS units,
           count(s.quantity) AS unit_lines,
           count(*) AS lines,
           count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders,
           -- list value and what was paid for it, over lines that have a list price
           sum(s.quantity * s.unit_price) FILTER (WHERE s.unit_price IS NOT NULL AND s.quantity > 0) AS list_value,
           sum(s.revenue) FILTER (WHERE s.unit_price IS NOT NULL AND s.quantity > 0) AS paid_value,
           sum(s.revenue) FILTER (WHERE s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS costed_revenue,
           sum(s.quantity * s.line_unit_cost) AS cost,
           sum(s.revenue) FILTER (WHERE NOT ${IS_SALE_LINE}) AS returns
    FROM ${SALES_WITH_COST} s
    GROUP BY ALL`);
  await db.query(`
    CREATE OR REPLACE TABLE cube_orders AS
    WITH o AS (
      -- An order sits on its first line's day and region (ties broken by name, so every build agrees).
      SELECT s.transaction_id, CAST(min(s.ts) AS DATE) AS day, arg_min(s.region, (s.ts, s.region)) AS region,
             list_sort(list_distinct(list(s.category))) AS cats, sum(s.revenue) AS value
      FROM sales s
      WHERE ${IS_SALE_LINE}
      GROUP BY s.transaction_id
    )
    SELECT day, region, cats,
           -- Orders under $1 share the first bin, so a free order does not stretch the axis to $0.
           CAST(floor(log2(greatest(value, 1)) * ${ORDER_VALUE_BUCKETS_PER_DOUBLING}) AS INTEGER) AS bucket,
           count(*) AS orders, sum(value) AS value
    FROM o
    GROUP BY ALL`);
  await db.query(`
    CREATE OR REPLACE TABLE cube_hour AS
    SELECT CAST(s.ts AS DATE) AS day, CAST(hour(s.ts) AS INTEGER) AS hour, s.category, s.region,
           sum(s.revenue) AS revenue, count(*) AS lines
    FROM sales s
    GROUP BY ALL`);
}
