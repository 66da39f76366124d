import { readFileSync } from 'node:fs';
import { loadCanonicalCsv } from '../../src/data/dataset/load-canonical';
import { ALL, type Filters } from '../../src/data/filters';
import { overview } from '../../src/data/queries/overview';
import { nodeDuckDb } from '../helpers/node-duckdb';

/** Ingest and Overview query timings on one file, in DuckDB-WASM under Node (one thread). */
export interface QueryFigures {
  rows: number;
  ingestMs: number;
  overviewAllMs: number;
  overviewFilteredMs: number;
}

const FILTERED: Filters = {
  from: '2025-01-01',
  to: '2025-06-30',
  categories: ['Electronics', 'Toys'],
  regions: ['North'],
  grain: 'month',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Loads `salesFile` (+ products) and times the Overview's queries (median of `repeats`). */
export async function measureQueries(salesFile: string, productsFile: string, repeats = 3): Promise<QueryFigures> {
  const db = await nodeDuckDb();
  const sales = readFileSync(salesFile);
  const products = readFileSync(productsFile);
  let t = performance.now();
  const summary = await loadCanonicalCsv(db, sales, products);
  const ingestMs = performance.now() - t;
  const time = async (f: Filters) => {
    const runs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      t = performance.now();
      await overview(db, f);
      runs.push(performance.now() - t);
    }
    return median(runs);
  };
  await overview(db, ALL); // warm-up
  const result = {
    rows: summary.salesRows,
    ingestMs,
    overviewAllMs: await time(ALL),
    overviewFilteredMs: await time(FILTERED),
  };
  db.close();
  return result;
}
