import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../src/data/dataset/load-canonical';
import type { Connector } from '../../src/data/engine/connector';
import { ImportError } from '../../src/data/import/errors';
import { runImport } from '../../src/data/import/pipeline';
import { prepareSource } from '../../src/data/import/prepare';
import { stageFile } from '../../src/data/import/stage';
import { completeOptions, proposeOptions } from '../../src/data/import/options';
import { createTablesSql } from '../../src/data/schema';
import { ROOT } from '../helpers/expected';
import { stageFixture } from '../helpers/import';
import { nodeDuckDb } from '../helpers/node-duckdb';

let db: Connector & { close(): void };

/** Everything a page could read from the live tables, as one comparable value. */
async function snapshot(): Promise<unknown> {
  return db.query(
    `SELECT (SELECT count(*) FROM sales) AS sales, (SELECT sum(revenue) FROM sales) AS revenue,
            (SELECT md5(string_agg(concat_ws('|', transaction_id, ts, product_id, revenue), ',' ORDER BY transaction_id, product_id, ts, revenue)) FROM sales) AS sales_hash,
            (SELECT md5(string_agg(concat_ws('|', product_id, stock_on_hand), ',' ORDER BY product_id)) FROM products) AS products_hash,
            (SELECT count(*) FROM rejects) AS rejects`,
  );
}

beforeAll(async () => {
  db = await nodeDuckDb();
  await loadCanonicalCsv(
    db,
    readFileSync(path.join(ROOT, 'data/retail_sales_data.csv')),
    readFileSync(path.join(ROOT, 'data/products.csv')),
  );
}, 60_000);
afterAll(() => db.close());

describe('a failed or cancelled import leaves the data as it was', () => {
  it('when no row can be loaded', async () => {
    const before = await snapshot();
    const text = 'date,amount\nyesterday,1\nsoon,2\n';
    const staged = await stageFile(db, 'sales', await prepareSource('all-bad.csv', new TextEncoder().encode(text)));
    // Mapped by hand, as a user would: no value in "date" looks like a date, so it is not proposed.
    const options = await completeOptions(db, staged, { ts: 'date', revenue: 'amount' });
    const attempt = runImport(db, { sales: { staged, options } });
    await expect(attempt).rejects.toMatchObject({ code: 'no-rows' });
    await expect(attempt).rejects.toThrow(/line 2, column date: Not a date/);
    expect(await snapshot()).toEqual(before);
  });

  it('when it is cancelled after the rows were checked', async () => {
    const before = await snapshot();
    const sales = await stageFixture(db, 'online-retail.csv');
    const controller = new AbortController();
    controller.abort();
    await expect(runImport(db, { sales }, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(await snapshot()).toEqual(before);
  });

  it('when a required column is not mapped', async () => {
    const before = await snapshot();
    const sales = await stageFixture(db, 'no-revenue.csv');
    await expect(runImport(db, { sales })).rejects.toBeInstanceOf(ImportError);
    expect(await snapshot()).toEqual(before);
  });

  it('and a good import then replaces it whole', async () => {
    const sales = await stageFixture(db, 'online-retail.csv');
    const summary = await runImport(db, { sales });
    const [row] = await db.query<{ n: number; p: number }>(
      'SELECT (SELECT count(*) FROM sales) AS n, (SELECT count(*) FROM products) AS p',
    );
    expect(row).toEqual({ n: summary.sales.loaded, p: 0 });
  });
});

describe('values that change what is loaded', () => {
  async function load(text: string, role: 'sales' | 'products' = 'sales') {
    await db.query(createTablesSql());
    const staged = await stageFile(db, role, await prepareSource('case.csv', new TextEncoder().encode(text)));
    const options = await proposeOptions(db, staged);
    if (role === 'products') {
      const sales = await stageFile(
        db,
        'sales',
        await prepareSource('s.csv', new TextEncoder().encode('date,amount\n2024-01-01,1\n')),
      );
      return {
        summary: await runImport(db, {
          sales: { staged: sales, options: await proposeOptions(db, sales) },
          products: { staged, options },
        }),
        options,
      };
    }
    return { summary: await runImport(db, { sales: { staged, options } }), options };
  }

  it('reads discounts written with % as percentages, and negative discounts by their size', async () => {
    const { options } = await load('date,qty,price,discount\n2024-01-01,1,100,10%\n2024-01-02,2,50,20%\n');
    expect(options.discount).toBe('percent');
    const [row] = await db.query<{ revenue: number }>('SELECT sum(revenue) AS revenue FROM sales');
    expect(row?.revenue).toBeCloseTo(100 * 0.9 + 2 * 50 * 0.8, 6);
    await load('date,qty,price,discount\n2024-01-01,1,100,-0.1\n');
    const [neg] = await db.query<{ revenue: number }>('SELECT sum(revenue) AS revenue FROM sales');
    expect(neg?.revenue).toBeCloseTo(90, 6);
  });

  it('derives the cost of a return from its profit with the same sign as its revenue', async () => {
    await load('date,quantity,sales,profit\n2024-01-01,2,100,20\n2024-01-02,-1,50,10\n');
    const rows = await db.query<{ quantity: number; revenue: number; unit_cost: number }>(
      'SELECT quantity, revenue, unit_cost FROM sales ORDER BY quantity',
    );
    expect(rows).toEqual([
      { quantity: -1, revenue: -50, unit_cost: 40 },
      { quantity: 2, revenue: 100, unit_cost: 40 },
    ]);
  });

  it('rejects a duplicate product id with its line instead of dropping it silently', async () => {
    const { summary } = await load('sku,stock\nA,1\nA,2\nB,3\n', 'products');
    expect(summary.products).toMatchObject({ loaded: 2, rejected: 1 });
    const rejects = await db.query<{ line: number; reason: string }>(
      `SELECT line, reason FROM rejects WHERE role = 'products'`,
    );
    expect(rejects).toEqual([{ line: 3, reason: expect.stringMatching(/^Duplicate product id/) }]);
  });
});

describe('reject line numbers', () => {
  it('count empty lines and rows DuckDB could not split, as an editor numbers lines', async () => {
    await db.query(createTablesSql());
    const text = [
      'date,amount',
      '2024-01-01,1',
      '',
      '2024-01-02,x',
      '2024-01-03,1,9',
      '',
      '2024-01-04,bad',
      '2024-01-05,2',
      '',
    ].join('\n');
    const staged = await stageFile(db, 'sales', await prepareSource('gaps.csv', new TextEncoder().encode(text)));
    const summary = await runImport(db, { sales: { staged, options: await proposeOptions(db, staged) } });
    expect(summary.sales).toMatchObject({ loaded: 2, rejected: 3 });
    const lines = await db.query<{ line: number }>('SELECT line FROM rejects ORDER BY line');
    expect(lines.map((r) => r.line)).toEqual([4, 5, 7]);
  });
});

describe('decimal marks', () => {
  it('reads "1.234" as a thousand and more when the rest of the file writes decimal commas', async () => {
    await db.query(createTablesSql());
    const text = 'Datum\tMenge\tUmsatz\n2024-01-02\t1.000\t2,50\n2024-01-03\t2\t1.234\n';
    const staged = await stageFile(db, 'sales', await prepareSource('sap.tsv', new TextEncoder().encode(text)));
    await runImport(db, { sales: { staged, options: await proposeOptions(db, staged) } });
    const rows = await db.query<{ quantity: number; revenue: number }>(
      'SELECT quantity, revenue FROM sales ORDER BY ts',
    );
    expect(rows).toEqual([
      { quantity: 1000, revenue: 2.5 },
      { quantity: 2, revenue: 1234 },
    ]);
  });
});

describe('a separate time column', () => {
  it('adds the time of day to a date without one, as Square exports write them', async () => {
    await db.query(createTablesSql());
    const text = 'Date,Time,Gross Sales\n2024-01-02,13:05:09,4.50\n2024-01-03,9:15 am,3.00\n';
    const staged = await stageFile(db, 'sales', await prepareSource('square.csv', new TextEncoder().encode(text)));
    const options = await proposeOptions(db, staged);
    expect(options.mapping).toMatchObject({ ts: 'Date', time: 'Time', revenue: 'Gross Sales' });
    await runImport(db, { sales: { staged, options } });
    const rows = await db.query<{ ts: number }>('SELECT ts FROM sales ORDER BY ts');
    expect(rows.map((r) => new Date(r.ts).toISOString())).toEqual([
      '2024-01-02T13:05:09.000Z',
      '2024-01-03T09:15:00.000Z',
    ]);
  });
});
