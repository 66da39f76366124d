import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { IS_SALE_LINE, SALES_WITH_COST } from './fragments';
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

interface KpiRow extends Record<string, unknown> {
  period: 'current' | 'previous';
  start_day: number;
  end_day: number;
  lines: number;
  revenue: number | null;
  orders: number;
  customers: number;
  customer_lines: number;
  units: number | null;
  costed_revenue: number | null;
  cost: number | null;
}

const SQL = `
WITH span AS (
  SELECT coalesce(CAST(? AS DATE), CAST(min(ts) AS DATE)) AS d0,
         coalesce(CAST(? AS DATE), CAST(max(ts) AS DATE)) AS d1
  FROM sales
),
periods AS (
  SELECT 'current' AS period, d0 AS start_day, d1 AS end_day FROM span
  UNION ALL
  SELECT 'previous', d0 - CAST(d1 - d0 + 1 AS INTEGER), d0 - 1 FROM span
),
lines AS (SELECT * FROM ${SALES_WITH_COST} s WHERE __DIMS__)
SELECT p.period, p.start_day, p.end_day,
  count(s.ts) AS lines,
  sum(s.revenue) AS revenue,
  count(DISTINCT s.transaction_id) FILTER (WHERE ${IS_SALE_LINE}) AS orders,
  count(DISTINCT s.customer_id) FILTER (WHERE ${IS_SALE_LINE}) AS customers,
  count(s.customer_id) AS customer_lines,
  sum(s.quantity) AS units,
  sum(s.revenue) FILTER (WHERE s.line_unit_cost IS NOT NULL AND s.quantity IS NOT NULL) AS costed_revenue,
  sum(s.quantity * s.line_unit_cost) AS cost
FROM periods p
LEFT JOIN lines s ON s.ts >= p.start_day AND s.ts < p.end_day + INTERVAL 1 DAY
GROUP BY ALL
`;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function figures(row: KpiRow | undefined): KpiFigures {
  if (!row || row.lines === 0) {
    return { revenue: 0, orders: 0, customers: null, units: null, aov: null, margin: null };
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
    units: row.units,
    aov: row.orders > 0 ? revenue / row.orders : null,
    margin,
  };
}

/** Revenue, orders, customers, units, average order value and gross margin, vs the previous period. */
export async function kpis(db: Connector, f: Filters): Promise<KpiComparison> {
  const dims = dimensionClause(f);
  const rows = await db.query<KpiRow>(SQL.replace('__DIMS__', dims.sql), [f.from ?? null, f.to ?? null, ...dims.params]);
  const cur = rows.find((r) => r.period === 'current');
  const prev = rows.find((r) => r.period === 'previous');
  const range = (r: KpiRow | undefined) =>
    r && r.start_day != null ? { from: isoDay(r.start_day), to: isoDay(r.end_day) } : { from: '', to: '' };
  return {
    current: figures(cur),
    previous: figures(prev),
    period: range(cur),
    previousPeriod: range(prev),
    hasPrevious: (prev?.lines ?? 0) > 0,
  };
}
