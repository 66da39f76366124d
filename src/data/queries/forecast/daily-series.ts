import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { statement, type Statement } from '../statement';
import { dimensionClause } from '../where';

/** Net revenue per calendar day, every day from the first sale to the last (zeros where none). */
export interface DailySeries {
  /** First day, 'YYYY-MM-DD'; null when the slice has no sales. */
  start: string | null;
  revenue: Float64Array;
  /**
   * Revenue-weighted average discount per day; a day without sales carries the last day's
   * (a closed day is not a day without a promotion). Null when the data has no discount column.
   */
  discount: Float64Array | null;
}

/** A row of {@link dailySeriesSql}: one calendar day. */
export interface DailySeriesSqlRow extends Record<string, unknown> {
  /** 'YYYY-MM-DD'. */
  day: string;
  revenue: number;
  /** Revenue-weighted average discount; NaN on a day without sales. */
  discount: number;
  /** Lines with a discount value in the whole history (the same on every row): 0 means no discount column. */
  discounts: number;
}

/** The SQL behind {@link dailySeries}: one {@link DailySeriesSqlRow} per day from the first sale to the last. */
export function dailySeriesSql(f: Pick<Filters, 'categories' | 'regions'>): Statement {
  const dims = dimensionClause(f);
  return statement(
    `
    WITH f AS (SELECT s.ts, s.revenue, s.discount FROM sales s WHERE ${dims.sql}),
    b AS (SELECT CAST(min(ts) AS DATE) AS lo, CAST(max(ts) AS DATE) AS hi FROM f),
    axis AS (SELECT CAST(unnest(range(lo, hi + INTERVAL 1 DAY, INTERVAL 1 DAY)) AS DATE) AS day FROM b WHERE lo IS NOT NULL),
    agg AS (
      SELECT CAST(ts AS DATE) AS day, sum(revenue) AS revenue,
             sum(discount * abs(revenue)) / nullif(sum(abs(revenue)) FILTER (WHERE discount IS NOT NULL), 0) AS discount
      FROM f GROUP BY 1
    )
    SELECT strftime(axis.day, '%Y-%m-%d') AS day,
           CAST(coalesce(agg.revenue, 0) AS DOUBLE) AS revenue,
           CAST(coalesce(agg.discount, CAST('NaN' AS DOUBLE)) AS DOUBLE) AS discount,
           CAST((SELECT count(discount) FROM f) AS INTEGER) AS discounts
    FROM axis LEFT JOIN agg USING (day)
    ORDER BY axis.day`,
    dims.params,
  );
}

/**
 * The history a forecast is fitted on. Only the category and region filters apply: the date
 * range of the page's filter would cut the history the models learn from, and the forecast
 * always runs from the last sale onwards.
 */
export async function dailySeries(db: Connector, f: Pick<Filters, 'categories' | 'regions'>): Promise<DailySeries> {
  const { sql, params } = dailySeriesSql(f);
  const cols = await db.queryColumns(sql, params);
  const days = Array.from(cols.day ?? []) as string[];
  if (days.length === 0) return { start: null, revenue: new Float64Array(0), discount: null };
  const hasDiscount = Number((cols.discounts as ArrayLike<number>)[0] ?? 0) > 0;
  return {
    start: days[0]!,
    revenue: Float64Array.from(cols.revenue as ArrayLike<number>),
    // Columnar results do not mark nulls, so a day without a discount arrives as NaN.
    discount: hasDiscount
      ? carryForward(Array.from(cols.discount as ArrayLike<number>, (v) => (Number.isNaN(v) ? null : v)))
      : null,
  };
}

/**
 * Fills days without a discount (no sales) with the last known one, and leading ones with
 * the first known. Zero there would make the discount a "sold anything today" flag, which a
 * model would read as a huge discount effect.
 */
export function carryForward(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  let last = values.find((v): v is number => v !== null && Number.isFinite(v)) ?? 0;
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) last = v;
    out[i] = last;
  });
  return out;
}
