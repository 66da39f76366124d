import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { IS_SALE_LINE, SALES_WITH_COST } from './fragments';
import { indentSql, statement, type Statement } from './statement';
import { dimensionClause } from './where';

/** One period's headline figures. Null where the data cannot say (no cost column, no sales). */
export interface KpiFigures {
  /** Net revenue: returns count negative. */
  revenue: number;
  /** Distinct transactions with at least one sale line. */
  orders: number;
  /** Distinct customers with at least one sale line; null without a customer column. */
  customers: number | null;
  /** Net units (returns negative). */
  units: number | null;
  /** Average order value: net revenue / orders. */
  aov: number | null;
  /** Gross margin as a fraction of revenue, over lines whose cost is known. */
  margin: number | null;
}

/** KPIs for the chosen period and for the previous period of equal length. */
export interface KpiComparison {
  current: KpiFigures;
  previous: KpiFigures;
  /** Current period, inclusive, YYYY-MM-DD (the data's span when the filter has none). */
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /** False when no sale falls in the previous period, so a change would mean nothing. */
  hasPrevious: boolean;
}

/** A row of {@link kpisSql}: the raw sums of one period, from which {@link KpiFigures} are derived. */
export interface KpiSqlRow extends Record<string, unknown> {
  period: 'current' | 'previous';
  /** First and last day of the period (epoch ms, UTC midnight). */
  start_day: number;
  end_day: number;
  /** Lines in the period: 0 means no sales, whatever the other columns say. */
  lines: number;
  revenue: number | null;
  orders: number;
  customers: number;
  /** Lines with a customer id: 0 means the data has no customer column to count. */
  customer_lines: number;
  units: number | null;
  /** Lines with a quantity: 0 means the data has no quantity column. */
  quantity_lines: number;
  /** Revenue of the lines whose cost is known: the base of the margin. */
  costed_revenue: number | null;
  cost: number | null;
}

/** The SQL behind {@link kpis}: one row per period, current and previous. */
export function kpisSql(f: Filters): Statement {
  const dims = dimensionClause(f);
  const from = f.from ?? null;
  const to = f.to ?? null;
  // One scan over both periods, grouped by period, rather than a range join per period.
  // A one-sided range outside the data still gives a period of at least one day.
  return statement(
    `
WITH span AS (
  SELECT coalesce(CAST(? AS DATE), least(CAST(min(ts) AS DATE), CAST(? AS DATE))) AS d0,
         coalesce(CAST(? AS DATE), greatest(CAST(max(ts) AS DATE), CAST(? AS DATE))) AS d1
  FROM sales
),
bounds AS (
  SELECT d0, d1, d0 - CAST(d1 - d0 + 1 AS INTEGER) AS p0, d0 - 1 AS p1 FROM span
),
lines AS (
  SELECT s.*, CASE WHEN s.ts >= b.d0 THEN 'current' ELSE 'previous' END AS period
  FROM ${indentSql(SALES_WITH_COST, 2)} s, bounds b
  WHERE s.ts >= b.p0 AND s.ts < b.d1 + INTERVAL 1 DAY AND ${dims.sql}
),
agg AS (
  SELECT s.period,
    count(*) AS lines,
    sum(s.revenue) AS revenue,
    count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders,
    count(DISTINCT s.customer_id) FILTER (WHERE ${IS_SALE_LINE}) AS customers,
    count(s.customer_id) AS customer_lines,
    sum(s.quantity) AS units,
    count(s.quantity) AS quantity_lines,
    sum(s.revenue) FILTER (WHERE s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS costed_revenue,
    sum(s.quantity * s.line_unit_cost) AS cost
  FROM lines s
  GROUP BY 1
)
SELECT p.period, p.start_day, p.end_day, coalesce(a.lines, 0) AS lines, a.revenue,
       coalesce(a.orders, 0) AS orders, coalesce(a.customers, 0) AS customers,
       coalesce(a.customer_lines, 0) AS customer_lines, a.units, coalesce(a.quantity_lines, 0) AS quantity_lines,
       a.costed_revenue, a.cost
FROM (SELECT 'current' AS period, d0 AS start_day, d1 AS end_day FROM bounds
      UNION ALL SELECT 'previous', p0, p1 FROM bounds) p
LEFT JOIN agg a USING (period)
`,
    [from, to, to, from, ...dims.params],
  );
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function figures(row: KpiSqlRow | undefined): KpiFigures {
  // No sales in the period: zero of what can be counted; ratios have nothing to say.
  if (!row || row.lines === 0) {
    return { revenue: 0, orders: 0, customers: 0, units: 0, aov: null, margin: null };
  }
  const revenue = row.revenue ?? 0;
  const margin =
    row.costed_revenue != null && row.cost != null && row.costed_revenue !== 0
      ? (row.costed_revenue - row.cost) / row.costed_revenue
      : null;
  return {
    revenue,
    orders: row.orders,
    customers: row.customer_lines > 0 ? row.customers : null,
    units: row.quantity_lines > 0 ? row.units : null,
    aov: row.orders > 0 ? revenue / row.orders : null,
    margin,
  };
}

/** Revenue, orders, customers, units, average order value and gross margin, vs the previous period. */
export async function kpis(db: Connector, f: Filters): Promise<KpiComparison> {
  const { sql, params } = kpisSql(f);
  const rows = await db.query<KpiSqlRow>(sql, params);
  const cur = rows.find((r) => r.period === 'current');
  const prev = rows.find((r) => r.period === 'previous');
  const range = (r: KpiSqlRow | undefined) =>
    r && r.start_day != null ? { from: isoDay(r.start_day), to: isoDay(r.end_day) } : { from: '', to: '' };
  return {
    current: figures(cur),
    previous: figures(prev),
    period: range(cur),
    previousPeriod: range(prev),
    hasPrevious: (prev?.lines ?? 0) > 0,
  };
}
