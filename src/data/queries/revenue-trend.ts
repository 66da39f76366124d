import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { GRAIN_PART, GRAIN_STEP, IS_SALE_LINE } from './fragments';
import { statement, type Statement } from './statement';
import { salesClause } from './where';

/** One period of the trend; periods without sales are present with zeros. */
export interface TrendPoint extends Record<string, unknown> {
  /** Start of the period (epoch ms, UTC wall time). */
  period: number;
  revenue: number;
  orders: number;
}

/** The SQL behind {@link revenueTrend}: one {@link TrendPoint} row per period. */
export function revenueTrendSql(f: Filters): Statement {
  const part = GRAIN_PART[f.grain];
  const step = GRAIN_STEP[f.grain];
  const where = salesClause(f);
  // The axis spans the chosen dates (or the slice's own span), so empty periods show as zero.
  return statement(
    `
    WITH f AS (SELECT s.* FROM sales s WHERE ${where.sql}),
    b AS (
      SELECT date_trunc('${part}', coalesce(CAST(? AS TIMESTAMP), min(ts))) AS lo,
             date_trunc('${part}', coalesce(CAST(? AS TIMESTAMP), max(ts))) AS hi
      FROM f
    ),
    axis AS (SELECT unnest(range(lo, hi + ${step}, ${step})) AS period FROM b WHERE lo IS NOT NULL),
    agg AS (
      SELECT date_trunc('${part}', s.ts) AS period, sum(s.revenue) AS revenue,
             count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders
      FROM f s GROUP BY 1
    )
    SELECT axis.period, coalesce(agg.revenue, 0) AS revenue, coalesce(agg.orders, 0) AS orders
    FROM axis LEFT JOIN agg USING (period)
    ORDER BY axis.period`,
    [...where.params, f.from ?? null, f.to ?? null],
  );
}

/** Net revenue and orders per period at the filter's grain, gaps filled with zero. */
export async function revenueTrend(db: Connector, f: Filters): Promise<TrendPoint[]> {
  const { sql, params } = revenueTrendSql(f);
  return db.query<TrendPoint>(sql, params);
}
