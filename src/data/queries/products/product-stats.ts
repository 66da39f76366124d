import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { IS_SALE_LINE, SALES_WITH_COST } from '../fragments';
import { indentSql, statement, type Statement } from '../statement';
import { dimensionClause } from '../where';

/** Whole weeks of demand history per product in {@link ProductStatsColumns.weeklyUnits}. */
export const STATS_WEEKS = 12;

/**
 * Sales, demand and stock figures per product, as columns: index i is one product in every
 * column, products in ascending `product_id` order. Numbers the data cannot give are NaN
 * (columnar results carry no null marks); the page shows them as "—".
 *
 * Two kinds of units, on purpose:
 * - `units` (the slice) is net, like every other page: returns count negative.
 * - the demand figures (`windowUnits`, `dailyUnits*`, `weeklyUnits`, `lastSaleDay`) count
 *   units sold on sale lines only. A return is not demand, and a returned item back on the
 *   shelf is already in `stock_on_hand`; netting it would also make daily demand negative
 *   and inflate its spread.
 */
export interface ProductStatsColumns {
  /** Number of products (the length of every per-product column). */
  length: number;
  /** Days the demand window covers: the `windowDays` asked for, or fewer when the history is shorter. */
  windowDays: number;
  /** Weeks per product in `weeklyUnits` ({@link STATS_WEEKS}). */
  weeks: number;
  /**
   * Last day of the demand window and of the slice, 'YYYY-MM-DD': the filter's `to`, else the
   * last sale in the data (any category or region, as on the other pages); '' without either.
   */
  endDay: string;
  /** Product ids, ascending. */
  ids: string[];
  /** Names (from the sales lines, else the products table); '' when neither has one. */
  names: string[];
  /** Categories (from the sales lines, else the products table); '' when neither has one. */
  categories: string[];
  /** Net revenue in the slice (dates, categories, regions of the filter); 0 without sales. */
  revenue: Float64Array;
  /** Net units in the slice (returns negative); 0 without sales. */
  units: Float64Array;
  /** Net revenue of the slice's lines whose unit cost is known (line, else products table). */
  costedRevenue: Float64Array;
  /** Cost of those lines (quantity × unit cost); NaN when no line of the slice has a known cost. */
  cost: Float64Array;
  /** Gross margin in money: costedRevenue − cost; NaN when the cost is unknown. */
  grossMargin: Float64Array;
  /** Gross margin as a FRACTION of costed revenue (0.25 = 25%, as `KpiFigures.margin`); NaN when unknown or costed revenue is 0. */
  marginPct: Float64Array;
  /** Units sold in the window: the `windowDays` days ending on `endDay` (= `dailyUnitsSum`). */
  windowUnits: Float64Array;
  /** Units sold in the `windowDays` days before the window, for the trend. */
  previousWindowUnits: Float64Array;
  /** Σ over the window's days of units sold that day. Days without sales count as 0: divide by `windowDays`. */
  dailyUnitsSum: Float64Array;
  /** Σ over the window's days of (units sold that day)²; zero days add 0. */
  dailyUnitsSumSq: Float64Array;
  /**
   * Units sold per week over the last {@link STATS_WEEKS} whole weeks, flat and row-major:
   * product i's weeks are `weeklyUnits[i * weeks + k]`, k = 0 the oldest. Weeks are 7-day
   * blocks ending on `endDay` (week k covers endDay − 7·(weeks − k) + 1 … endDay − 7·(weeks − 1 − k)),
   * so the last one is whole and current whatever weekday the data ends on.
   */
  weeklyUnits: Float64Array;
  /** Stock on hand from the products table; NaN when unknown (no row, or no value). */
  stock: Float64Array;
  /** Supplier lead time in days from the products table; NaN when unknown. */
  leadTime: Float64Array;
  /**
   * Last day with units sold in the chosen categories and regions, on or before `endDay` (any
   * date, not only the slice's: dead stock is about how long it has sat), 'YYYY-MM-DD'; '' if never.
   */
  lastSaleDay: string[];
  /** True when at least one product has a known stock on hand. */
  hasStockData: boolean;
}

/** Options of {@link productStats}. */
export interface ProductStatsOptions {
  /** Length of the demand window in days (velocity, σ of daily demand, trend vs the window before). */
  windowDays: number;
}

const NAN = "CAST('NaN' AS DOUBLE)";

const weekColumns = Array.from(
  { length: STATS_WEEKS },
  (_, k) =>
    `sum(d.sold) FILTER (WHERE d.day > b.d1 - ${7 * (STATS_WEEKS - k)} AND d.day <= b.d1 - ${7 * (STATS_WEEKS - 1 - k)}) AS w${k}`,
).join(',\n    ');

const weekOutputs = Array.from({ length: STATS_WEEKS }, (_, k) => `CAST(coalesce(m.w${k}, 0) AS DOUBLE) AS w${k}`).join(
  ',\n       ',
);

const windowDaysOf = (options: ProductStatsOptions) =>
  Math.max(1, Math.floor(Number.isFinite(options.windowDays) ? options.windowDays : 1));

/** A row of {@link productStatsSql}: one product (`w0`, `w1`, … are its {@link STATS_WEEKS} weeks, oldest first). */
export interface ProductStatsSqlRow extends Record<string, unknown> {
  id: string;
  name: string;
  category: string;
  revenue: number;
  units: number;
  costed_revenue: number;
  /** NaN when no line of the slice has a known cost. */
  cost: number;
  /** A fraction of costed revenue; NaN when unknown. */
  margin_pct: number;
  window_units: number;
  /** Σ of (units sold per day)² over the window. */
  window_sq: number;
  previous_units: number;
  [week: `w${number}`]: number;
  /** NaN when unknown. */
  stock: number;
  lead_time: number;
  /** 'YYYY-MM-DD'; '' if never sold. */
  last_sale: string;
  /** 'YYYY-MM-DD' (the same on every row). */
  end_day: string;
  /** Days the demand window covers (the same on every row). */
  window_days: number;
}

/** The SQL behind {@link productStats}: one {@link ProductStatsSqlRow} per product. */
export function productStatsSql(f: Filters, options: ProductStatsOptions): Statement {
  const windowDays = windowDaysOf(options);
  const dims = dimensionClause(f);
  const demandDims = dimensionClause({ categories: f.categories, regions: [] });
  const catalogDims = dimensionClause({ categories: f.categories, regions: [] }, 'c');
  const period = '(b.d0 IS NULL OR s.ts >= b.d0) AND s.ts < b.d1 + INTERVAL 1 DAY';
  // Two passes, neither with a correlated subquery:
  // - per product (agg): slice sums and the last sale day, straight from the lines (a hash
  //   aggregate into one row per product);
  // - per product-day, then per product (pd → dem): demand, only over the days the window,
  //   the previous window and the weeks need, so at 1M lines the product-day step sees a
  //   fraction of them. Σ units² needs the day totals first; zero days add nothing to either sum.
  // Only the category/region filter applies to every line. The dates are bounds (b): the
  // slice is [from, d1]; the windows and the weeks end on d1 whatever `from` says, because
  // velocity and stock cover are about now, not about the chosen period.
  // Catalog products join in with the category filter (a product has no region), so a
  // product with no sales in the slice still gets a row of zeros.
  return statement(
    `
WITH b0 AS (
  -- The window never runs past the data: a 'to' after the last sale, or a window longer than
  -- the history, would count days nobody could have bought on as days without demand.
  SELECT CAST(? AS DATE) AS d0,
         least(coalesce(CAST(? AS DATE), CAST(max(ts) AS DATE)), CAST(max(ts) AS DATE)) AS d1,
         CAST(min(ts) AS DATE) AS first_day
  FROM sales
),
b AS (
  SELECT d0, d1, greatest(d1 - CAST(? AS INTEGER) + 1, first_day) AS w0, d1 - 2 * CAST(? AS INTEGER) + 1 AS p0
  FROM b0
),
agg AS (
  SELECT s.product_id, any_value(s.product_name) AS product_name, any_value(s.category) AS category,
    sum(s.revenue) FILTER (WHERE ${period}) AS revenue,
    sum(s.quantity) FILTER (WHERE ${period}) AS units,
    sum(s.revenue) FILTER (WHERE ${period} AND s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS costed_revenue,
    sum(s.quantity * s.line_unit_cost) FILTER (WHERE ${period}) AS cost,
    count(*) FILTER (WHERE ${period} AND s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS costed_lines
  FROM ${indentSql(SALES_WITH_COST, 2)} s, b
  WHERE s.product_id IS NOT NULL AND ${dims.sql}
  GROUP BY s.product_id
),
-- Demand is counted over every region: stock on hand is one figure for the whole business,
-- so one region's sales against it would overstate cover and call a product dead.
ls AS (
  SELECT s.product_id, max(s.ts) AS last_sale
  FROM sales s, b
  -- A year back is enough to tell dead stock (90 days), and lets DuckDB skip older row groups.
  WHERE s.product_id IS NOT NULL AND ${demandDims.sql} AND s.quantity > 0 AND ${IS_SALE_LINE}
    AND s.ts >= b.d1 - INTERVAL 365 DAY AND s.ts < b.d1 + INTERVAL 1 DAY
  GROUP BY 1
),
pd AS (
  SELECT s.product_id, CAST(s.ts AS DATE) AS day, sum(s.quantity) AS sold
  FROM sales s, b
  WHERE s.product_id IS NOT NULL AND ${demandDims.sql} AND s.ts >= least(b.p0, b.d1 - ${7 * STATS_WEEKS - 1}) AND s.ts < b.d1 + INTERVAL 1 DAY AND ${IS_SALE_LINE}
  GROUP BY 1, 2
),
dem AS (
  SELECT d.product_id,
    sum(d.sold) FILTER (WHERE d.day >= b.w0) AS window_units,
    sum(d.sold * d.sold) FILTER (WHERE d.day >= b.w0) AS window_sq,
    sum(d.sold) FILTER (WHERE d.day BETWEEN b.p0 AND b.w0 - 1) AS previous_units,
    ${weekColumns}
  FROM pd d, b
  GROUP BY d.product_id
),
cat AS (
  SELECT c.product_id, any_value(c.product_name) AS product_name, any_value(c.category) AS category,
         any_value(c.stock_on_hand) AS stock, any_value(c.lead_time_days) AS lead_time
  FROM products c
  WHERE c.product_id IS NOT NULL
  GROUP BY c.product_id
),
ids AS (
  SELECT product_id FROM agg
  UNION
  SELECT c.product_id FROM cat c WHERE ${catalogDims.sql}
)
SELECT ids.product_id AS id,
       coalesce(a.product_name, c.product_name, '') AS name,
       coalesce(a.category, c.category, '') AS category,
       CAST(coalesce(a.revenue, 0) AS DOUBLE) AS revenue,
       CAST(coalesce(a.units, 0) AS DOUBLE) AS units,
       CAST(coalesce(a.costed_revenue, 0) AS DOUBLE) AS costed_revenue,
       CAST(CASE WHEN coalesce(a.costed_lines, 0) > 0 THEN coalesce(a.cost, 0) ELSE ${NAN} END AS DOUBLE) AS cost,
       CAST(CASE WHEN coalesce(a.costed_lines, 0) > 0 AND coalesce(a.costed_revenue, 0) > 0
                 THEN (a.costed_revenue - coalesce(a.cost, 0)) / a.costed_revenue ELSE ${NAN} END AS DOUBLE) AS margin_pct,
       CAST(coalesce(m.window_units, 0) AS DOUBLE) AS window_units,
       CAST(coalesce(m.window_sq, 0) AS DOUBLE) AS window_sq,
       CAST(coalesce(m.previous_units, 0) AS DOUBLE) AS previous_units,
       ${weekOutputs},
       CAST(coalesce(c.stock, ${NAN}) AS DOUBLE) AS stock,
       CAST(coalesce(c.lead_time, ${NAN}) AS DOUBLE) AS lead_time,
       coalesce(strftime(CAST(l.last_sale AS DATE), '%Y-%m-%d'), '') AS last_sale,
       coalesce(strftime(b.d1, '%Y-%m-%d'), '') AS end_day,
       CAST(coalesce(b.d1 - b.w0 + 1, 0) AS INTEGER) AS window_days
FROM ids
LEFT JOIN agg a USING (product_id)
LEFT JOIN dem m USING (product_id)
LEFT JOIN ls l USING (product_id)
LEFT JOIN cat c USING (product_id)
CROSS JOIN b
ORDER BY ids.product_id
`,
    [
      f.from ?? null,
      f.to ?? null,
      windowDays,
      windowDays,
      ...dims.params,
      ...demandDims.params,
      ...demandDims.params,
      ...catalogDims.params,
    ],
  );
}

/**
 * Per-product revenue, units and margin over the slice, plus demand over the last
 * `windowDays` days (and the window before) and stock, for the Products page. Every product
 * of the products table (in the chosen categories) is present, sales or not, and so is every
 * product id seen in the sales (in the chosen categories and regions) missing from that table.
 *
 * @example
 * const s = await productStats(db, filters, { windowDays: 90 });
 * const velocity = s.dailyUnitsSum[i]! / s.windowDays; // units per day, zero days included
 */
export async function productStats(
  db: Connector,
  f: Filters,
  options: ProductStatsOptions,
): Promise<ProductStatsColumns> {
  const windowDays = windowDaysOf(options);
  const { sql, params } = productStatsSql(f, options);
  const cols = await db.queryColumns(sql, params);

  const strings = (name: string) =>
    Array.from((cols[name] ?? []) as ArrayLike<unknown>, (v) => (v == null ? '' : String(v)));
  const f64 = (name: string) => Float64Array.from((cols[name] ?? []) as ArrayLike<number>);
  const ids = strings('id');
  const n = ids.length;
  const weeklyUnits = new Float64Array(n * STATS_WEEKS);
  for (let k = 0; k < STATS_WEEKS; k++) {
    const week = (cols[`w${k}`] ?? []) as ArrayLike<number>;
    for (let i = 0; i < n; i++) weeklyUnits[i * STATS_WEEKS + k] = week[i] ?? 0;
  }
  const revenue = f64('revenue');
  const costedRevenue = f64('costed_revenue');
  const cost = f64('cost');
  const grossMargin = costedRevenue.map((r, i) => r - (cost[i] ?? NaN));
  const windowUnits = f64('window_units');
  const stock = f64('stock');
  // Days the window really covers: fewer than asked when the history is shorter.
  const covered = Number(((cols.window_days ?? []) as ArrayLike<number>)[0] ?? windowDays);
  return {
    length: n,
    windowDays: covered > 0 ? covered : windowDays,
    weeks: STATS_WEEKS,
    endDay: strings('end_day')[0] ?? '',
    ids,
    names: strings('name'),
    categories: strings('category'),
    revenue,
    units: f64('units'),
    costedRevenue,
    cost,
    grossMargin,
    marginPct: f64('margin_pct'),
    windowUnits,
    previousWindowUnits: f64('previous_units'),
    dailyUnitsSum: windowUnits.slice(),
    dailyUnitsSumSq: f64('window_sq'),
    weeklyUnits,
    stock,
    leadTime: f64('lead_time'),
    lastSaleDay: strings('last_sale'),
    hasStockData: stock.some((v) => Number.isFinite(v)),
  };
}
