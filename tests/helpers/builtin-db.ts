import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCubes } from '../../src/data/cube/build-cubes';
import { loadCanonicalCsv } from '../../src/data/dataset/load-canonical';
import type { Connector } from '../../src/data/engine/connector';
import { ROOT } from './expected';
import { nodeDuckDb } from './node-duckdb';

/** A real DuckDB holding the built-in dataset, loaded the way the app loads it. */
export async function builtinDb(): Promise<Connector & { close(): void }> {
  const db = await nodeDuckDb();
  await loadCanonicalCsv(
    db,
    readFileSync(path.join(ROOT, 'data/retail_sales_data.csv')),
    readFileSync(path.join(ROOT, 'data/products.csv')),
  );
  await buildCubes(db);
  return db;
}

/** A real DuckDB holding a small hand-made canonical CSV. */
export async function fixtureDb(salesCsv: string, productsCsv?: string): Promise<Connector & { close(): void }> {
  const db = await nodeDuckDb();
  await loadCanonicalCsv(db, salesCsv, productsCsv);
  await buildCubes(db);
  return db;
}

/** The canonical header, for hand-made fixtures. */
export const SALES_HEADER =
  'transaction_id,ts,customer_id,product_id,product_name,category,region,quantity,unit_price,discount,revenue,unit_cost';
