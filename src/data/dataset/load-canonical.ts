import type { Connector } from '../engine/connector';
import { createTablesSql, csvColumnsStruct, PRODUCTS_COLUMNS, SALES_COLUMNS } from '../schema';

/** What was loaded: row counts and the covered date range (epoch ms). */
export interface LoadSummary {
  salesRows: number;
  productRows: number;
  firstTs: number | null;
  lastTs: number | null;
}

// Fixed internal names: user-chosen file names never reach SQL text.
const SALES_FILE = 'tillsight_canonical_sales.csv';
const PRODUCTS_FILE = 'tillsight_canonical_products.csv';

/**
 * Loads CSVs that already use the canonical headers (the built-in dataset) into fresh
 * `sales` and `products` tables. Types are declared, not sniffed, so a value that does not
 * parse fails loudly instead of turning a column into text.
 */
export async function loadCanonicalCsv(
  db: Connector,
  salesCsv: string | Uint8Array,
  productsCsv?: string | Uint8Array,
): Promise<LoadSummary> {
  // All or nothing: a failed load leaves the tables as they were.
  await db.query('BEGIN TRANSACTION');
  try {
    await loadTables(db, salesCsv, productsCsv);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
  const [summary] = await db.query<{
    sales: number;
    products: number;
    first_ts: number | null;
    last_ts: number | null;
  }>(
    `SELECT (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM products) AS products,
            (SELECT min(ts) FROM sales) AS first_ts, (SELECT max(ts) FROM sales) AS last_ts`,
  );
  return {
    salesRows: summary?.sales ?? 0,
    productRows: summary?.products ?? 0,
    firstTs: summary?.first_ts ?? null,
    lastTs: summary?.last_ts ?? null,
  };
}

async function loadTables(
  db: Connector,
  salesCsv: string | Uint8Array,
  productsCsv?: string | Uint8Array,
): Promise<void> {
  await db.query(createTablesSql());
  await db.registerFile(SALES_FILE, salesCsv);
  try {
    await db.query(
      `INSERT INTO sales SELECT * FROM read_csv('${SALES_FILE}', header = true, auto_detect = false,
         delim = ',', quote = '"', escape = '"', timestampformat = '%Y-%m-%d %H:%M:%S',
         columns = ${csvColumnsStruct(SALES_COLUMNS)})`,
    );
  } finally {
    await db.dropFile(SALES_FILE);
  }
  if (productsCsv !== undefined) {
    await db.registerFile(PRODUCTS_FILE, productsCsv);
    try {
      await db.query(
        `INSERT INTO products SELECT * FROM read_csv('${PRODUCTS_FILE}', header = true, auto_detect = false,
           delim = ',', quote = '"', escape = '"', columns = ${csvColumnsStruct(PRODUCTS_COLUMNS)})`,
      );
    } finally {
      await db.dropFile(PRODUCTS_FILE);
    }
  }
}
