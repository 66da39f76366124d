import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { IS_SALE_LINE } from './fragments';
import { statement, type Statement } from './statement';
import { salesClause } from './where';

/** Net revenue of one category or region and its share of the slice's revenue. */
export interface DimensionRevenue extends Record<string, unknown> {
  /** The category or region; null for lines that have none. */
  label: string | null;
  revenue: number;
  orders: number;
  units: number | null;
  /** revenue / total revenue of the slice (0..1 when nothing is negative). */
  share: number | null;
}

/** The dimensions a breakdown can be taken over (a fixed list: never user text in SQL). */
export type Dimension = 'category' | 'region';

/** The SQL behind {@link revenueByDimension}: one {@link DimensionRevenue} row per category or region. */
export function revenueByDimensionSql(f: Filters, dimension: Dimension): Statement {
  const column = dimension === 'category' ? 'category' : 'region';
  const where = salesClause(f);
  return statement(
    `
    SELECT s.${column} AS label,
           sum(s.revenue) AS revenue,
           count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders,
           sum(s.quantity) AS units,
           sum(s.revenue) / nullif(sum(sum(s.revenue)) OVER (), 0) AS share
    FROM sales s
    WHERE ${where.sql}
    GROUP BY 1
    ORDER BY revenue DESC NULLS LAST, label NULLS LAST`,
    where.params,
  );
}

/** Net revenue per category or region for the slice, largest first. */
export async function revenueByDimension(db: Connector, f: Filters, dimension: Dimension): Promise<DimensionRevenue[]> {
  const { sql, params } = revenueByDimensionSql(f, dimension);
  return db.query<DimensionRevenue>(sql, params);
}

/** The SQL behind {@link revenueByCategory}. */
export function revenueByCategorySql(f: Filters): Statement {
  return revenueByDimensionSql(f, 'category');
}

/** The SQL behind {@link revenueByRegion}. */
export function revenueByRegionSql(f: Filters): Statement {
  return revenueByDimensionSql(f, 'region');
}

/** Net revenue per category, largest first. */
export function revenueByCategory(db: Connector, f: Filters): Promise<DimensionRevenue[]> {
  return revenueByDimension(db, f, 'category');
}

/** Net revenue per region (store, country), largest first. */
export function revenueByRegion(db: Connector, f: Filters): Promise<DimensionRevenue[]> {
  return revenueByDimension(db, f, 'region');
}
