import type { Connector, SqlParam } from '../engine/connector';
import { pseudonymSql } from '../export/pseudonymise';
import type { Filters } from '../filters';
import { SALES_COLUMNS, type SalesColumn } from '../schema';
import { salesClause } from './where';

/** Transaction lines of a slice as a table: canonical column names, one array per line. */
export interface SliceTransactions {
  columns: SalesColumn[];
  rows: unknown[][];
  /** Lines in the whole slice, however many `limit` let through. */
  total: number;
}

/** How to export the slice. */
export interface SliceTransactionsOptions {
  /** When given, customer ids become pseudonyms salted with it (see `pseudonymise.ts`). */
  pseudonymiseSalt?: string | undefined;
  /** At most this many lines (the first by time); absent = all. */
  limit?: number | undefined;
}

const COLUMNS = Object.keys(SALES_COLUMNS) as SalesColumn[];

/** The slice's transaction lines, every canonical column, ordered by time then transaction, ready for CSV. */
export async function sliceTransactions(
  db: Connector,
  f: Filters,
  options: SliceTransactionsOptions = {},
): Promise<SliceTransactions> {
  const where = salesClause(f);
  const params: SqlParam[] = [];
  const select = COLUMNS.map((c) => {
    // Text, not epoch ms: a spreadsheet reads it as a date-time, and it is the wall time as imported.
    if (c === 'ts') return `strftime(s.ts, '%Y-%m-%d %H:%M:%S') AS ts`;
    if (c === 'customer_id' && options.pseudonymiseSalt !== undefined) {
      const p = pseudonymSql('s.customer_id', options.pseudonymiseSalt);
      params.push(...p.params);
      return `${p.sql} AS customer_id`;
    }
    return `s.${c}`;
  });
  params.push(...where.params);
  const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
  if (limit !== undefined) params.push(limit);
  // Lines of one transaction share ts and transaction_id: product_id makes the order repeatable.
  const sql = `
    SELECT ${select.join(', ')}
    FROM sales s
    WHERE ${where.sql}
    ORDER BY s.ts, s.transaction_id, s.product_id
    ${limit === undefined ? '' : 'LIMIT ?'}`;
  const result = await db.query(sql, params);
  // Only a cut-off result needs counting on its own.
  const total = limit === undefined || result.length < limit ? result.length : await countLines(db, f);
  return { columns: [...COLUMNS], rows: result.map((r) => COLUMNS.map((c) => r[c] ?? null)), total };
}

async function countLines(db: Connector, f: Filters): Promise<number> {
  const where = salesClause(f);
  const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM sales s WHERE ${where.sql}`, where.params);
  return Number(row?.n ?? 0);
}
