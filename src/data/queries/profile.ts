import type { Connector } from '../engine/connector';
import { SALES_COLUMNS, type SalesColumn } from '../schema';

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

/** Profiles the loaded `sales` and `products` tables in one round trip. */
export async function datasetProfile(db: Connector): Promise<DatasetProfile> {
  const names = Object.keys(SALES_COLUMNS) as SalesColumn[];
  const counts = names.map((c) => `count("${c}") AS "${c}"`).join(', ');
  const [row] = await db.query(
    `SELECT count(*) AS rows, min(ts) AS first_ts, max(ts) AS last_ts, ${counts},
            (SELECT count(*) FROM products) AS product_rows,
            (SELECT count(stock_on_hand) FROM products) AS stock_rows,
            (SELECT list(DISTINCT category ORDER BY category) FROM sales WHERE category IS NOT NULL) AS categories,
            (SELECT list(DISTINCT region ORDER BY region) FROM sales WHERE region IS NOT NULL) AS regions
     FROM sales`,
  );
  const present = new Set<SalesColumn>(names.filter((c) => Number(row?.[c] ?? 0) > 0));
  return {
    salesRows: Number(row?.rows ?? 0),
    productRows: Number(row?.product_rows ?? 0),
    firstTs: (row?.first_ts as number | null) ?? null,
    lastTs: (row?.last_ts as number | null) ?? null,
    present,
    hasStock: Number(row?.stock_rows ?? 0) > 0,
    categories: (row?.categories as string[] | null) ?? [],
    regions: (row?.regions as string[] | null) ?? [],
  };
}
