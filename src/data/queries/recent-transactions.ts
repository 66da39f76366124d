import type { Connector } from '../engine/connector';
import type { Filters } from '../filters';
import { statement, type Statement } from './statement';
import { salesClause } from './where';

/** One transaction (all its lines together). */
export interface RecentTransaction extends Record<string, unknown> {
  transaction_id: string | null;
  /** Time of the transaction (epoch ms, UTC wall time). */
  ts: number;
  customer_id: string | null;
  region: string | null;
  lines: number;
  units: number | null;
  /** Net revenue of the transaction; negative for a return. */
  revenue: number;
}

/** The SQL behind {@link recentTransactions}: one {@link RecentTransaction} row per transaction, at most `limit`. */
export function recentTransactionsSql(f: Filters, limit = 20): Statement {
  const where = salesClause(f);
  return statement(
    `
    SELECT s.transaction_id, max(s.ts) AS ts, any_value(s.customer_id) AS customer_id,
           any_value(s.region) AS region, count(*) AS lines, sum(s.quantity) AS units,
           sum(s.revenue) AS revenue
    FROM sales s
    WHERE ${where.sql}
    GROUP BY s.transaction_id
    ORDER BY ts DESC, s.transaction_id DESC
    LIMIT ?`,
    [...where.params, Math.max(1, Math.floor(limit))],
  );
}

/** The `limit` most recent transactions of the slice, newest first. */
export async function recentTransactions(db: Connector, f: Filters, limit = 20): Promise<RecentTransaction[]> {
  const { sql, params } = recentTransactionsSql(f, limit);
  return db.query<RecentTransaction>(sql, params);
}
