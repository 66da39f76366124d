import type { Connector } from '../engine/connector';
import { SALES_COLUMNS, type SalesColumn } from '../schema';
import { statement, type Statement } from './statement';

/** What the loaded dataset holds: size, span, and which canonical columns carry values. */
export interface DatasetProfile {
  salesRows: number;
  productRows: number;
  /** First and last sale (epoch ms, UTC wall time); null when empty. */
  firstTs: number | null;
  lastTs: number | null;
  /** Sales columns with at least one non-null value. */
  present: ReadonlySet<SalesColumn>;
  /** Products with stock levels, for inventory features. */
  hasStock: boolean;
  categories: string[];
  regions: string[];
}

/**
 * A row of {@link datasetProfileSql}: sizes, span and value lists, and for every canonical
 * sales column (a column named after it) how many lines carry a value.
 */
export type DatasetProfileSqlRow = Record<SalesColumn, number> & {
  rows: number;
  /** First and last sale (epoch ms, UTC wall time); null when empty. */
  first_ts: number | null;
  last_ts: number | null;
  product_rows: number;
  /** Products with a stock level. */
  stock_rows: number;
  categories: string[] | null;
  regions: string[] | null;
};

const NAMES = Object.keys(SALES_COLUMNS) as SalesColumn[];

/** The SQL behind {@link datasetProfile}: one {@link DatasetProfileSqlRow}. */
export function datasetProfileSql(): Statement {
  const counts = NAMES.map((c) => `count("${c}") AS "${c}"`).join(',\n           ');
  return statement(`
    SELECT count(*) AS rows, min(ts) AS first_ts, max(ts) AS last_ts,
           ${counts},
           (SELECT count(*) FROM products) AS product_rows,
           (SELECT count(stock_on_hand) FROM products) AS stock_rows,
           (SELECT list(DISTINCT category ORDER BY category) FROM sales WHERE category IS NOT NULL) AS categories,
           (SELECT list(DISTINCT region ORDER BY region) FROM sales WHERE region IS NOT NULL) AS regions
    FROM sales`);
}

/** Profiles the loaded `sales` and `products` tables in one round trip. */
export async function datasetProfile(db: Connector): Promise<DatasetProfile> {
  const { sql, params } = datasetProfileSql();
  const [row] = await db.query<DatasetProfileSqlRow>(sql, params);
  const present = new Set<SalesColumn>(NAMES.filter((c) => Number(row?.[c] ?? 0) > 0));
  return {
    salesRows: Number(row?.rows ?? 0),
    productRows: Number(row?.product_rows ?? 0),
    firstTs: row?.first_ts ?? null,
    lastTs: row?.last_ts ?? null,
    present,
    hasStock: Number(row?.stock_rows ?? 0) > 0,
    categories: row?.categories ?? [],
    regions: row?.regions ?? [],
  };
}
