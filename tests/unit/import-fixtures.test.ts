import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ImportError } from '../../src/data/import/errors';
import { runImport } from '../../src/data/import/pipeline';
import { createTablesSql } from '../../src/data/schema';
import { ROOT } from '../helpers/expected';
import { proposeOptions } from '../../src/data/import/options';
import { parquetFromBytes, parquetToArrowIpc } from '../../src/data/import/parquet';
import { prepareSource } from '../../src/data/import/prepare';
import { stageFile } from '../../src/data/import/stage';
import { fixtureBytes, importFixture, stageFixture } from '../helpers/import';
import { nodeDuckDb } from '../helpers/node-duckdb';

// Outcomes tallied by tests/fixtures/make-fixtures.ts from the values it wrote, not by the importer.
interface Expected {
  kind: 'ok' | 'error';
  error?: string;
  loaded?: number;
  rejected?: number;
  revenue?: number;
  returns?: number;
  cancelled?: number;
  firstTs?: string;
  lastTs?: string;
  rejects?: { line: number; column: string | null }[];
  mapping?: Record<string, string>;
  dateOrder?: string;
  decimal?: string;
  encoding?: string;
  delimiter?: string;
}
const EXPECTED = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/expected.json'), 'utf8')) as Record<
  string,
  Expected
>;

const isoMs = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await nodeDuckDb();
}, 60_000);
afterAll(() => db.close());
beforeEach(async () => {
  await db.query(createTablesSql());
});

const salesFixtures = Object.entries(EXPECTED).filter(
  ([name]) => name !== 'products-extra.csv' && name !== 'ambiguous-dates.csv',
);

describe('importing each fixture', () => {
  it.each(salesFixtures.filter(([, e]) => e.kind === 'error'))(
    '%s fails with its specific reason',
    async (name, expected) => {
      const attempt = importFixture(db, name);
      await expect(attempt).rejects.toBeInstanceOf(ImportError);
      await expect(attempt).rejects.toMatchObject({ code: expected.error });
      await expect(attempt).rejects.toThrow(name);
    },
  );

  it.each(salesFixtures.filter(([, e]) => e.kind === 'ok'))(
    '%s loads, rejects and totals as written',
    async (name, expected) => {
      const { summary, options } = await importFixture(db, name);
      for (const [field, column] of Object.entries(expected.mapping ?? {}))
        expect(options.mapping[field], field).toBe(column);
      if (expected.dateOrder) expect(options.dateOrder).toBe(expected.dateOrder);
      expect(summary.sales.loaded).toBe(expected.loaded);
      expect(summary.sales.rejected).toBe(expected.rejected);
      expect(summary.sales.revenue).toBeCloseTo(expected.revenue ?? 0, 2);
      expect(summary.sales.returns).toBe(expected.returns ?? 0);
      expect(summary.sales.cancelled).toBe(expected.cancelled ?? 0);
      expect(summary.sales.firstTs).toBe(isoMs(expected.firstTs ?? ''));
      expect(summary.sales.lastTs).toBe(isoMs(expected.lastTs ?? ''));
      const [live] = await db.query<{ n: number; revenue: number }>(
        'SELECT count(*) AS n, sum(revenue) AS revenue FROM sales',
      );
      expect(live?.n).toBe(expected.loaded);
      const rejects = await db.query<{ line: number; field: string | null }>(
        'SELECT line, field FROM rejects ORDER BY line',
      );
      expect(
        rejects.map((r) => ({ line: r.line, column: r.field ? (options.mapping[r.field] ?? null) : null })),
      ).toEqual(expected.rejects ?? []);
    },
    60_000,
  );
});

describe('formats decided from the data', () => {
  it.each(Object.entries(EXPECTED).filter(([, e]) => e.kind === 'ok' && e.delimiter))(
    '%s: encoding and delimiter',
    async (name, expected) => {
      const { staged } = await stageFixture(db, name);
      expect(staged.encoding).toBe(expected.encoding);
      expect(staged.dialect?.delimiter).toBe(expected.delimiter);
    },
  );

  it.each(['latin1.csv', 'superstore.csv'])('%s: Windows-1252 text comes out as the letters it meant', async (name) => {
    await importFixture(db, name);
    const [row] = await db.query<{ names: string }>(
      `SELECT string_agg(DISTINCT product_name, '|') || '|' || coalesce(string_agg(DISTINCT customer_id, '|'), '') AS names FROM sales`,
    );
    const text = row?.names ?? '';
    expect(text).toMatch(/[éüöëø’“€–]/);
    expect(text).not.toMatch(/[\u0080-\u009f\ufffd]/);
  });

  it('flags day/month order it cannot decide, and loads as the user then says', async () => {
    const name = 'ambiguous-dates.csv';
    const expected = EXPECTED[name]!;
    const { options } = await stageFixture(db, name);
    expect(options.dateOrderAmbiguous).toBe(true);
    const { summary } = await importFixture(db, name, { dateOrder: 'dmy' });
    expect(summary.sales.loaded).toBe(expected.loaded);
    expect(summary.sales.firstTs).toBe(isoMs(expected.firstTs ?? ''));
    expect(summary.sales.lastTs).toBe(isoMs(expected.lastTs ?? ''));
  });

  it('loads a saved Arrow stream (what a Parquet URL import keeps) like the Parquet it came from', async () => {
    const expected = EXPECTED['sales.parquet']!;
    const { ipc } = await parquetToArrowIpc(parquetFromBytes(fixtureBytes('sales.parquet')), {
      columns: ['ts', 'revenue', 'quantity'],
    });
    const source = await prepareSource('sales.parquet', ipc);
    expect(source.kind).toBe('arrow');
    const staged = await stageFile(db, 'sales', source);
    const summary = await runImport(db, { sales: { staged, options: await proposeOptions(db, staged) } });
    expect(summary.sales.loaded).toBe(expected.loaded);
    expect(summary.sales.revenue).toBeCloseTo(expected.revenue ?? 0, 2);
  });

  it('loads a products file beside its sales and maps its headers', async () => {
    const sales = await stageFixture(db, 'returns-cancelled.csv');
    const products = await stageFixture(db, 'products-extra.csv', 'products');
    const expected = EXPECTED['products-extra.csv']!;
    for (const [field, column] of Object.entries(expected.mapping ?? {}))
      expect(products.options.mapping[field], field).toBe(column);
    const summary = await runImport(db, { sales, products });
    expect(summary.products?.loaded).toBe(expected.loaded);
    const [row] = await db.query<{ n: number; stock: number }>(
      'SELECT count(*) AS n, count(stock_on_hand) AS stock FROM products',
    );
    expect(row).toEqual({ n: expected.loaded, stock: expected.loaded });
  });
});
