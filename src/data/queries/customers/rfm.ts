import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { IS_SALE_LINE } from '../fragments';
import { statement, type Statement } from '../statement';
import { salesClause } from '../where';

/** BG/NBD and Gamma-Gamma inputs, in weeks, one entry per customer (same order as the RFM columns). */
export interface BgNbdInputs {
  /** Repeat purchases: distinct purchase days − 1 (whole numbers, as doubles: what the fitters take). */
  frequency: Float64Array;
  /** Weeks between the first and the last purchase day. */
  recency: Float64Array;
  /** Weeks between the first purchase day and the end date (the customer's age). */
  T: Float64Array;
  /** Mean revenue of the repeat purchase days (the first day excluded); 0 without repeats. */
  monetary: Float64Array;
}

/**
 * Recency, frequency and monetary value per customer of the slice, as columns (index i is one
 * customer), ordered by customer id. Days are epoch ms at UTC midnight.
 */
export interface CustomerRfmColumns {
  /** Number of customers (the length of every column). */
  length: number;
  /** The day recency is measured from: the filter's `to`, else the last sale in the data; null when there are no sales. */
  endDay: number | null;
  /** Customer ids, ascending. */
  ids: string[];
  /** Day of the first order in the slice. */
  firstDay: Float64Array;
  /** Day of the last order in the slice. */
  lastDay: Float64Array;
  /** Days from the last order to the end date. */
  recencyDays: Int32Array;
  /** Orders: distinct transactions with at least one sale line. */
  frequency: Int32Array;
  /** Net revenue in the slice (returns count negative). */
  monetary: Float64Array;
  /** Days from the first order to the last. */
  tenureDays: Int32Array;
  /** Average order value: net revenue / orders. */
  aov: Float64Array;
  /** Tenure / (orders − 1); null for a customer with one order. */
  avgDaysBetweenOrders: (number | null)[];
  /** The same customers in the terms BG/NBD and Gamma-Gamma fitting expects. */
  bgnbd: BgNbdInputs;
}

/**
 * A row of {@link customerRfmSql}: one customer's sums, days as day numbers (days since
 * 1970-01-01). A slice without customers gives one row, `customer_id` null, still saying
 * `end_day`; data without sales gives none.
 */
export interface RfmSqlRow extends Record<string, unknown> {
  /** The day recency is measured from (the same on every row); null when there are no sales. */
  end_day: number | null;
  customer_id: string | null;
  first_day: number;
  last_day: number;
  orders: number;
  revenue: number;
  /** Distinct days with an order. */
  purchase_days: number;
  /** Revenue of the order days after the first. */
  repeat_revenue: number;
}

/** The SQL behind {@link customerRfm}: one {@link RfmSqlRow} per customer with an order in the slice. */
export function customerRfmSql(f: Filters): Statement {
  const where = salesClause(f);
  // An order is a transaction with a sale line (as in kpis.ts), dated by its first line, so a
  // return-only transaction never makes a purchase day. A customer whose slice holds only
  // returns has no purchase to measure from and is left out; their returns count nowhere here.
  // Days leave as INTEGER day numbers and counts as INTEGER: with hundreds of thousands of
  // customers, converting DATE and BIGINT cells row by row costs more than the query itself.
  return statement(
    `
WITH bounds AS (
  -- Recency runs to the filter's last day, else to the last sale in the data.
  SELECT CAST(coalesce(CAST(? AS DATE), CAST(max(ts) AS DATE)) - DATE '1970-01-01' AS INTEGER) AS end_day FROM sales
),
tx AS (
  SELECT s.customer_id, s.transaction_id, CAST(min(s.ts) AS DATE) AS day,
         coalesce(sum(s.revenue), 0) AS revenue, bool_or(${IS_SALE_LINE}) AS is_order
  FROM sales s
  WHERE s.customer_id IS NOT NULL AND ${where.sql}
  GROUP BY s.customer_id, s.transaction_id
),
days AS (
  SELECT customer_id, day, count(*) AS orders, sum(revenue) AS revenue
  FROM tx WHERE is_order
  GROUP BY customer_id, day
),
c AS (
  SELECT customer_id,
         CAST(min(day) - DATE '1970-01-01' AS INTEGER) AS first_day,
         CAST(max(day) - DATE '1970-01-01' AS INTEGER) AS last_day,
         CAST(sum(orders) AS INTEGER) AS orders, CAST(count(*) AS INTEGER) AS purchase_days,
         sum(revenue) - arg_min(revenue, day) AS repeat_revenue
  FROM days
  GROUP BY customer_id
),
net AS (SELECT customer_id, sum(revenue) AS revenue FROM tx GROUP BY customer_id),
rfm AS (
  SELECT c.customer_id, c.first_day, c.last_day, c.orders, net.revenue, c.purchase_days, c.repeat_revenue
  FROM c JOIN net USING (customer_id)
)
-- Joined onto the one-row bounds, so a slice without customers still says its end day
-- (a row with a null customer); no end day means no sales at all, and no rows.
SELECT b.end_day, r.*
FROM bounds b LEFT JOIN rfm r ON TRUE
WHERE b.end_day IS NOT NULL
ORDER BY r.customer_id
`,
    [f.to ?? null, ...where.params],
  );
}

const DAY_MS = 86_400_000;

/**
 * RFM figures and BG/NBD inputs for every customer with an order in the slice (categories,
 * regions and dates of `f`). Rows without a customer id are skipped.
 */
export async function customerRfm(db: Connector, f: Filters): Promise<CustomerRfmColumns> {
  const { sql, params } = customerRfmSql(f);
  // Columns, not row objects: at 100k customers, a JS object per row held the page for 0.6 s.
  const cols = await db.queryColumns(sql, params);
  const col = <T extends ArrayLike<unknown>>(name: keyof RfmSqlRow) => (cols[name] ?? []) as unknown as T;
  const rowIds = col<ArrayLike<string | null>>('customer_id');
  // Day numbers (days since 1970-01-01); no row at all only when there are no sales at all.
  const endDay = rowIds.length ? Number(col<ArrayLike<number>>('end_day')[0]) : null;
  // Columnar results do not mark nulls in numbers: the row without a customer is told by its id.
  const ids = rowIds.length && rowIds[0] == null ? [] : rowIds;
  const firstDays = col<ArrayLike<number>>('first_day');
  const lastDays = col<ArrayLike<number>>('last_day');
  const orders = col<ArrayLike<number>>('orders');
  const revenue = col<ArrayLike<number>>('revenue');
  const purchaseDays = col<ArrayLike<number>>('purchase_days');
  const repeatRevenue = col<ArrayLike<number>>('repeat_revenue');
  const n = ids.length;
  const out: CustomerRfmColumns = {
    length: n,
    endDay: endDay === null ? null : endDay * DAY_MS,
    ids: Array.from(ids, String),
    firstDay: new Float64Array(n),
    lastDay: new Float64Array(n),
    recencyDays: new Int32Array(n),
    frequency: new Int32Array(n),
    monetary: new Float64Array(n),
    tenureDays: new Int32Array(n),
    aov: new Float64Array(n),
    avgDaysBetweenOrders: new Array<number | null>(n),
    bgnbd: {
      frequency: new Float64Array(n),
      recency: new Float64Array(n),
      T: new Float64Array(n),
      monetary: new Float64Array(n),
    },
  };
  const end = endDay ?? 0;
  for (let i = 0; i < n; i++) {
    const first = Number(firstDays[i]);
    const last = Number(lastDays[i]);
    const orderCount = Number(orders[i]);
    const net = Number(revenue[i]);
    const tenure = last - first;
    const repeats = Number(purchaseDays[i]) - 1;
    out.firstDay[i] = first * DAY_MS;
    out.lastDay[i] = last * DAY_MS;
    out.recencyDays[i] = end - last;
    out.frequency[i] = orderCount;
    out.monetary[i] = net;
    out.tenureDays[i] = tenure;
    out.aov[i] = net / orderCount;
    out.avgDaysBetweenOrders[i] = orderCount > 1 ? tenure / (orderCount - 1) : null;
    // lifetimes' summary_data_from_transaction_data(freq='D', freq_multiplier=7): purchase days, in weeks.
    out.bgnbd.frequency[i] = repeats;
    out.bgnbd.recency[i] = tenure / 7;
    out.bgnbd.T[i] = (end - first) / 7;
    out.bgnbd.monetary[i] = repeats > 0 ? Number(repeatRevenue[i]) / repeats : 0;
  }
  return out;
}
