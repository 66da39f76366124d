import type { Connector, SqlParam } from '../engine/connector';
import { pseudonymSql } from '../export/pseudonymise';
import type { Filters } from '../filters';
import { SALES_COLUMNS, type SalesColumn } from '../schema';
import { statement, type CountSqlRow, type Statement } from './statement';
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

/** A row of {@link sliceTransactionsSql}: one line, every canonical column. */
export interface SliceTransactionSqlRow extends Record<string, unknown> {
  transaction_id: string | null;
  /** 'YYYY-MM-DD HH:MM:SS', the wall time as imported. */
  ts: string;
  /** The customer id, or its pseudonym when the export asked for one. */
  customer_id: string | null;
  product_id: string | null;
  product_name: string | null;
  category: string | null;
  region: string | null;
  quantity: number | null;
  unit_price: number | null;
  discount: number | null;
  revenue: number | null;
  unit_cost: number | null;
}

const sliceLimit = (options: SliceTransactionsOptions) =>
  options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));

/** The SQL behind {@link sliceTransactions}: the slice's lines, at most `options.limit` of them. */
export function sliceTransactionsSql(f: Filters, options: SliceTransactionsOptions = {}): Statement {
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
  const limit = sliceLimit(options);
  if (limit !== undefined) params.push(limit);
  // Lines of one transaction share ts and transaction_id: product_id makes the order repeatable.
  return statement(
    `
    SELECT ${select.join(',\n           ')}
    FROM sales s
    WHERE ${where.sql}
    ORDER BY s.ts, s.transaction_id, s.product_id${limit === undefined ? '' : '\n    LIMIT ?'}`,
    params,
  );
}

/** The SQL that counts the slice's lines, for {@link sliceTransactions} when `limit` cut the rows short. */
export function sliceTransactionsCountSql(f: Filters): Statement {
  const where = salesClause(f);
  return statement(`SELECT count(*) AS n FROM sales s WHERE ${where.sql}`, where.params);
}

/** The slice's transaction lines, every canonical column, ordered by time then transaction, ready for CSV. */
export async function sliceTransactions(
  db: Connector,
  f: Filters,
  options: SliceTransactionsOptions = {},
): Promise<SliceTransactions> {
  const { sql, params } = sliceTransactionsSql(f, options);
  const result = await db.query<SliceTransactionSqlRow>(sql, params);
  const limit = sliceLimit(options);
  // Only a cut-off result needs counting on its own.
  const total = limit === undefined || result.length < limit ? result.length : await countLines(db, f);
  return { columns: [...COLUMNS], rows: result.map((r) => COLUMNS.map((c) => r[c] ?? null)), total };
}

async function countLines(db: Connector, f: Filters): Promise<number> {
  const { sql, params } = sliceTransactionsCountSql(f);
  const [row] = await db.query<CountSqlRow>(sql, params);
  return Number(row?.n ?? 0);
}
