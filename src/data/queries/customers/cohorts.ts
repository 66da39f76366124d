import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { IS_SALE_LINE } from '../fragments';
import { statement, type Statement } from '../statement';
import { salesClause } from '../where';

/** One cell of the cohort table: an acquisition month × months since the first purchase. */
export interface CohortCell extends Record<string, unknown> {
  /** Month of the customers' first order in the slice, YYYY-MM. */
  cohort: string;
  /** Calendar month of this cell, YYYY-MM. */
  month: string;
  /** Months since the cohort's month: 0 is the month of acquisition. */
  monthsSince: number;
  /** Customers acquired in the cohort's month. */
  cohortSize: number;
  /** Cohort customers with at least one order in this month. */
  active: number;
  /** active / cohortSize. */
  retention: number;
  /** The cohort's net revenue in this month (returns count negative, and count even without an order). */
  revenue: number;
}

/** The SQL behind {@link cohortRetention}: one {@link CohortSqlRow} per cohort and month since acquisition. */
export function cohortRetentionSql(f: Filters): Statement {
  const where = salesClause(f);
  // Customers and orders as in rfm.ts: an order is a transaction with a sale line, dated by its
  // first line; a customer whose slice holds only returns belongs to no cohort. Returns dated
  // before a customer's first order in the slice (of purchases made before it) are left out.
  // Every month from acquisition to the end of the slice is listed, so a zero is a zero and a
  // missing cell means "not yet observable".
  return statement(
    `
WITH bounds AS (
  SELECT CAST(date_trunc('month', coalesce(CAST(? AS DATE), CAST(max(ts) AS DATE))) AS DATE) AS end_month FROM sales
),
tx AS (
  SELECT s.customer_id, CAST(date_trunc('month', min(s.ts)) AS DATE) AS month,
         coalesce(sum(s.revenue), 0) AS revenue, bool_or(${IS_SALE_LINE}) AS is_order
  FROM sales s
  WHERE s.customer_id IS NOT NULL AND ${where.sql}
  GROUP BY s.customer_id, s.transaction_id
),
firsts AS (SELECT customer_id, min(month) AS cohort FROM tx WHERE is_order GROUP BY customer_id),
sizes AS (SELECT cohort, count(*) AS size FROM firsts GROUP BY cohort),
activity AS (
  SELECT f.cohort, CAST(datediff('month', f.cohort, t.month) AS INTEGER) AS months_since,
         count(DISTINCT t.customer_id) FILTER (WHERE t.is_order) AS active, sum(t.revenue) AS revenue
  FROM tx t JOIN firsts f USING (customer_id)
  WHERE t.month >= f.cohort
  GROUP BY ALL
),
grid AS (
  SELECT z.cohort, z.size,
         CAST(unnest(range(0, datediff('month', z.cohort, b.end_month) + 1)) AS INTEGER) AS months_since
  FROM sizes z, bounds b
)
SELECT strftime(g.cohort, '%Y-%m') AS cohort,
       strftime(g.cohort + to_months(g.months_since), '%Y-%m') AS month,
       g.months_since, g.size AS cohort_size, coalesce(a.active, 0) AS active,
       coalesce(a.active, 0) / g.size AS retention, coalesce(a.revenue, 0) AS revenue
FROM grid g LEFT JOIN activity a USING (cohort, months_since)
ORDER BY g.cohort, g.months_since
`,
    [f.to ?? null, ...where.params],
  );
}

/** A row of {@link cohortRetentionSql}: a {@link CohortCell} in snake case. */
export interface CohortSqlRow extends Record<string, unknown> {
  cohort: string;
  month: string;
  months_since: number;
  cohort_size: number;
  active: number;
  retention: number;
  revenue: number;
}

/** Monthly acquisition cohorts of the slice: size, active customers, retention and revenue per month since acquisition. */
export async function cohortRetention(db: Connector, f: Filters): Promise<CohortCell[]> {
  const { sql, params } = cohortRetentionSql(f);
  const rows = await db.query<CohortSqlRow>(sql, params);
  return rows.map((r) => ({
    cohort: r.cohort,
    month: r.month,
    monthsSince: r.months_since,
    cohortSize: r.cohort_size,
    active: r.active,
    retention: r.retention,
    revenue: r.revenue,
  }));
}
