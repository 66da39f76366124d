import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, Row, SqlParam } from '../../src/data/engine/connector';
import { ALL, type Filters } from '../../src/data/filters';
import { cohortRetention, cohortRetentionSql, type CohortSqlRow } from '../../src/data/queries/customers/cohorts';
import { customerRfm, customerRfmSql, type RfmSqlRow } from '../../src/data/queries/customers/rfm';
import { dailySeries, dailySeriesSql, type DailySeriesSqlRow } from '../../src/data/queries/forecast/daily-series';
import { pricePoints, pricePointsSql, type PricePointSqlRow } from '../../src/data/queries/forecast/price-points';
import { kpis, kpisSql, type KpiSqlRow } from '../../src/data/queries/kpis';
import {
  productStats,
  productStatsSql,
  STATS_WEEKS,
  type ProductStatsSqlRow,
} from '../../src/data/queries/products/product-stats';
import {
  marginByCategory,
  marginByCategorySql,
  marginByDiscount,
  marginByDiscountSql,
  type DiscountMarginSqlRow,
  type MarginSqlRow,
} from '../../src/data/queries/products/profitability';
import { datasetProfile, datasetProfileSql, type DatasetProfileSqlRow } from '../../src/data/queries/profile';
import { recentTransactions, recentTransactionsSql } from '../../src/data/queries/recent-transactions';
import { importRejects, importRejectsCountSql, importRejectsSql } from '../../src/data/queries/rejects';
import {
  revenueByCategory,
  revenueByCategorySql,
  revenueByRegion,
  revenueByRegionSql,
} from '../../src/data/queries/revenue-by-dimension';
import { revenueTrend, revenueTrendSql } from '../../src/data/queries/revenue-trend';
import {
  sliceTransactions,
  sliceTransactionsCountSql,
  sliceTransactionsSql,
  type SliceTransactionSqlRow,
} from '../../src/data/queries/slice-transactions';
import {
  indentSql,
  inlineParams,
  sqlLiteral,
  statement,
  tidySql,
  type CountSqlRow,
  type Statement,
} from '../../src/data/queries/statement';
import { topProducts, topProductsSql } from '../../src/data/queries/top-products';
import { SALES_COLUMNS } from '../../src/data/schema';
import { builtinDb } from '../helpers/builtin-db';

describe('sqlLiteral', () => {
  it.each<[SqlParam, string]>([
    [null, 'NULL'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [0, '0'],
    [42, '42'],
    [2.5, '2.5'],
    [-3, '(-3)'],
    [1e21, '1e+21'],
    ['', "''"],
    ['North', "'North'"],
    ["O'Hara's", "'O''Hara''s'"],
    ["''", "''''''"],
  ])('writes %o as %s', (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s: no SQL literal means the same', (value) => {
    expect(() => sqlLiteral(value)).toThrow(/finite/);
  });
});

describe('inlineParams', () => {
  const inline = (sql: string, ...params: SqlParam[]) => inlineParams({ sql, params });

  it('replaces each placeholder by its parameter, in order', () => {
    expect(inline('SELECT * FROM sales s WHERE s.region IN (?, ?) LIMIT ?', 'North', "O'Hara", 5)).toBe(
      "SELECT * FROM sales s WHERE s.region IN ('North', 'O''Hara') LIMIT 5",
    );
  });

  it('leaves a ? inside strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT '?' AS a, 'it''s ?' AS b, "col?" AS "c""?", ? AS d -- why? because ?
/* a ? in a block
   comment ? */ FROM t WHERE x = ?`;
    expect(inline(sql, 1, 'x')).toBe(`SELECT '?' AS a, 'it''s ?' AS b, "col?" AS "c""?", 1 AS d -- why? because ?
/* a ? in a block
   comment ? */ FROM t WHERE x = 'x'`);
  });

  it('does not read placeholders in a value it has just written', () => {
    expect(inline('SELECT ?, ?', "? -- '?", '/* ?')).toBe("SELECT '? -- ''?', '/* ?'");
  });

  it('throws when there are fewer parameters than placeholders', () => {
    expect(() => inline('SELECT ?, ?', 1)).toThrow(/more placeholders/);
  });

  it('throws when there are more parameters than placeholders', () => {
    expect(() => inline('SELECT ?', 1, 2)).toThrow(/1 placeholders but 2 parameters/);
    expect(() => inline("SELECT '?'", 1)).toThrow(/0 placeholders but 1 parameters/);
  });

  it('writes NULL, booleans and numbers as literals', () => {
    expect(inline('SELECT ?, ?, ?, ?', null, true, false, 0.25)).toBe('SELECT NULL, TRUE, FALSE, 0.25');
  });

  it('refuses a non-finite number', () => {
    expect(() => inline('SELECT ?', NaN)).toThrow(/finite/);
  });

  it('dedents the SQL but keeps a multi-line value exactly as given', () => {
    expect(inline('\n    SELECT ?\n    FROM t\n  ', 'a\n    b')).toBe("SELECT 'a\n    b'\nFROM t");
  });
});

describe('tidySql', () => {
  it('drops the common indent, leading blank lines and trailing space', () => {
    expect(tidySql('\n\n    SELECT a,\n           b\n\n    FROM t\n   \n')).toBe('SELECT a,\n       b\n\nFROM t');
  });

  it('leaves SQL without indent as it is', () => {
    expect(tidySql('SELECT 1\n  FROM t')).toBe('SELECT 1\n  FROM t');
    expect(tidySql('')).toBe('');
  });

  it('is what statement() applies to the SQL', () => {
    expect(statement('\n  SELECT ?\n  FROM t', [1])).toEqual({ sql: 'SELECT ?\nFROM t', params: [1] });
  });
});

describe('indentSql', () => {
  it('indents every line but the first', () => {
    expect(indentSql('(\n  SELECT 1\n)', 4)).toBe('(\n      SELECT 1\n    )');
  });
});

// --- Every query module, on the real built-in data through real DuckDB-WASM ---

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await builtinDb();
});
afterAll(() => db.close());

/**
 * Runs a statement both ways: as a prepared statement with its parameters, and as the plain
 * text "view SQL" shows. They must return the same rows; those rows are returned.
 */
async function bothWays<T extends Row>(st: Statement): Promise<T[]> {
  // No template placeholder left behind, and the SQL already reads as the console shows it.
  expect(st.sql).not.toMatch(/__[A-Z_]+__/);
  expect(tidySql(st.sql)).toBe(st.sql);
  const viaParams = await db.query<T>(st.sql, st.params);
  const viaText = await db.query<T>(inlineParams(st));
  expect(viaText).toEqual(viaParams);
  return viaParams;
}

const HOSTILE = "O'Hara's ? -- /* */";

const FILTERS: [string, Filters][] = [
  ['all data', ALL],
  ['a date range', { ...ALL, from: '2024-03-01', to: '2024-05-31', grain: 'week' }],
  ['categories and regions', { ...ALL, categories: ['Electronics', 'Toys'], regions: ['North', 'West'], grain: 'day' }],
  ['a filter matching nothing', { ...ALL, from: '2024-01-01', categories: [HOSTILE], regions: [HOSTILE] }],
];
const matchesNothing = (f: Filters) => f.categories.includes(HOSTILE);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.each(FILTERS)('statements for %s', (_name, f) => {
  /** The main statement's rows must be there for a real slice, or the comparison proves little. */
  const expectRows = (rows: unknown[]) => {
    if (!matchesNothing(f)) expect(rows.length).toBeGreaterThan(0);
  };

  it('kpis', async () => {
    const rows = await bothWays<KpiSqlRow>(kpisSql(f));
    expect(rows.map((r) => r.period).sort()).toEqual(['current', 'previous']);
    const result = await kpis(db, f);
    for (const [period, figures, range] of [
      ['current', result.current, result.period],
      ['previous', result.previous, result.previousPeriod],
    ] as const) {
      const row = rows.find((r) => r.period === period)!;
      expect(range).toEqual({ from: isoDay(row.start_day), to: isoDay(row.end_day) });
      expect(figures.revenue).toBe(row.lines === 0 ? 0 : (row.revenue ?? 0));
      expect(figures.orders).toBe(row.orders);
    }
    expect(result.hasPrevious).toBe(rows.find((r) => r.period === 'previous')!.lines > 0);
    if (!matchesNothing(f)) expect(rows.find((r) => r.period === 'current')!.lines).toBeGreaterThan(0);
  });

  it('revenueTrend', async () => {
    const rows = await bothWays(revenueTrendSql(f));
    expectRows(rows);
    expect(await revenueTrend(db, f)).toEqual(rows);
  });

  it('revenueByCategory and revenueByRegion', async () => {
    const categories = await bothWays(revenueByCategorySql(f));
    const regions = await bothWays(revenueByRegionSql(f));
    expectRows(categories);
    expect(await revenueByCategory(db, f)).toEqual(categories);
    expect(await revenueByRegion(db, f)).toEqual(regions);
  });

  it('topProducts', async () => {
    const rows = await bothWays(topProductsSql(f, 3));
    expectRows(rows);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(await topProducts(db, f, 3)).toEqual(rows);
    expect(await topProducts(db, f)).toEqual(await bothWays(topProductsSql(f)));
  });

  it('recentTransactions', async () => {
    const rows = await bothWays(recentTransactionsSql(f, 7));
    expectRows(rows);
    expect(await recentTransactions(db, f, 7)).toEqual(rows);
  });

  it('sliceTransactions, cut short and pseudonymised, and whole', async () => {
    const options = { limit: 25, pseudonymiseSalt: "s'alt?" };
    const rows = await bothWays<SliceTransactionSqlRow>(sliceTransactionsSql(f, options));
    const [count] = await bothWays<CountSqlRow>(sliceTransactionsCountSql(f));
    expectRows(rows);
    const columns = Object.keys(SALES_COLUMNS);
    const cut = await sliceTransactions(db, f, options);
    expect(cut.rows).toEqual(rows.map((r) => columns.map((c) => r[c] ?? null)));
    expect(cut.total).toBe(count!.n);
    const whole = await sliceTransactions(db, f);
    expect(whole.rows).toHaveLength(count!.n);
    expect(await bothWays(sliceTransactionsSql(f))).toHaveLength(count!.n);
  });

  it('cohortRetention', async () => {
    const rows = await bothWays<CohortSqlRow>(cohortRetentionSql(f));
    if (matchesNothing(f)) expect(rows).toEqual([]);
    expectRows(rows);
    expect(await cohortRetention(db, f)).toEqual(
      rows.map((r) => ({
        cohort: r.cohort,
        month: r.month,
        monthsSince: r.months_since,
        cohortSize: r.cohort_size,
        active: r.active,
        retention: r.retention,
        revenue: r.revenue,
      })),
    );
  });

  it('customerRfm, its end day and its customers in one statement', async () => {
    const rows = await bothWays<RfmSqlRow>(customerRfmSql(f));
    const customers = rows.filter((r) => r.customer_id !== null);
    // A slice without customers is one row that only says the end day.
    if (matchesNothing(f)) expect(rows).toEqual([expect.objectContaining({ customer_id: null })]);
    else expect(customers).toHaveLength(rows.length);
    const result = await customerRfm(db, f);
    expect(result.endDay).toBe(rows[0]!.end_day! * 86_400_000);
    expect(result.ids).toEqual(customers.map((r) => r.customer_id));
    expect(Array.from(result.frequency)).toEqual(customers.map((r) => r.orders));
    expect(Array.from(result.monetary)).toEqual(customers.map((r) => r.revenue));
    expect(Array.from(result.firstDay)).toEqual(customers.map((r) => r.first_day * 86_400_000));
    expect(Array.from(result.recencyDays)).toEqual(customers.map((r) => r.end_day! - r.last_day));
  });

  it('dailySeries (categories and regions only)', async () => {
    const rows = await bothWays<DailySeriesSqlRow>(dailySeriesSql(f));
    expectRows(rows);
    const result = await dailySeries(db, f);
    expect(result.start).toBe(rows[0]?.day ?? null);
    expect(Array.from(result.revenue)).toEqual(rows.map((r) => r.revenue));
    if (rows.length) expect(result.discount).toHaveLength(rows.length);
  });

  it('pricePoints (categories and regions only)', async () => {
    const rows = await bothWays<PricePointSqlRow>(pricePointsSql(f));
    expectRows(rows);
    const result = await pricePoints(db, f);
    expect(result.day).toEqual(rows.map((r) => r.day));
    expect(Array.from(result.category, (i) => result.categories[i])).toEqual(rows.map((r) => r.cat));
    expect(Array.from(result.units)).toEqual(rows.map((r) => r.units));
    expect(Array.from(result.priceIndex)).toEqual(rows.map((r) => r.price_index));
  });

  it('productStats', async () => {
    const options = { windowDays: 30 };
    const rows = await bothWays<ProductStatsSqlRow>(productStatsSql(f, options));
    expectRows(rows);
    const result = await productStats(db, f, options);
    expect(result.ids).toEqual(rows.map((r) => r.id));
    expect(Array.from(result.revenue)).toEqual(rows.map((r) => r.revenue));
    expect(Array.from(result.cost)).toEqual(rows.map((r) => r.cost));
    expect(Array.from(result.windowUnits)).toEqual(rows.map((r) => r.window_units));
    expect(Array.from(result.weeklyUnits)).toEqual(
      rows.flatMap((r) => Array.from({ length: STATS_WEEKS }, (_, k) => r[`w${k}`])),
    );
    expect(result.lastSaleDay).toEqual(rows.map((r) => r.last_sale));
    if (rows.length) expect(result.endDay).toBe(rows[0]!.end_day);
  });

  it('marginByCategory and marginByDiscount', async () => {
    const byCategory = await bothWays<MarginSqlRow>(marginByCategorySql(f));
    const byDiscount = await bothWays<DiscountMarginSqlRow>(marginByDiscountSql(f));
    expectRows(byCategory);
    expectRows(byDiscount);
    const categories = await marginByCategory(db, f);
    expect(categories.map((r) => [r.label, r.revenue, r.margin, r.lines])).toEqual(
      byCategory.map((r) => [r.label, r.revenue, r.margin, r.lines]),
    );
    const discounts = await marginByDiscount(db, f);
    expect(discounts.map((r) => [r.revenue, r.margin, r.lines])).toEqual(
      byDiscount.map((r) => [r.revenue, r.margin, r.lines]),
    );
  });
});

describe('statements without filters', () => {
  it('datasetProfile', async () => {
    const [row] = await bothWays<DatasetProfileSqlRow>(datasetProfileSql());
    const profile = await datasetProfile(db);
    expect(profile.salesRows).toBe(row!.rows);
    expect(profile.productRows).toBe(row!.product_rows);
    expect(profile.firstTs).toBe(row!.first_ts);
    expect(profile.categories).toEqual(row!.categories);
    expect(profile.present.size).toBe(Object.keys(SALES_COLUMNS).filter((c) => row![c as 'ts'] > 0).length);
    expect(row!.rows).toBeGreaterThan(1000);
  });

  it('importRejects, limited and whole', async () => {
    const limited = await bothWays(importRejectsSql(3));
    const all = await bothWays(importRejectsSql());
    const [count] = await bothWays<CountSqlRow>(importRejectsCountSql());
    expect(await importRejects(db, 3)).toEqual({ rows: limited, total: count!.n });
    expect(await importRejects(db)).toEqual({ rows: all, total: count!.n });
  });
});

describe('inlined values through DuckDB', () => {
  it('come back exactly as the bound parameters do, hostile text included', async () => {
    const values: SqlParam[] = [
      HOSTILE,
      'a\n    b',
      'back\\slash',
      '"double"',
      '',
      'ünïcødé ✓',
      null,
      true,
      false,
      0,
      42,
      -7,
      2.5,
      -0.125,
    ];
    const st = statement(`SELECT ${values.map((_, i) => `? AS v${i}`).join(', ')}`, values);
    const [row] = await bothWays(st);
    expect(Object.values(row!)).toEqual(values);
  });

  it('keep a negative number from turning `-?` into a comment', async () => {
    const [row] = await bothWays<{ x: number }>(statement('SELECT 1 -? AS x', [-5]));
    expect(row!.x).toBe(6);
  });
});
