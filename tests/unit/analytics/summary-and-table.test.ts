import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSalesCube, type SalesCube } from '../../../src/data/cube/sales-cube';
import type { Connector } from '../../../src/data/engine/connector';
import { ALL, type Filters } from '../../../src/data/filters';
import { sliceSummary, sliceTable } from '../../../src/data/queries/analytics';
import { builtinDb } from '../../helpers/builtin-db';
import { expectedKpis, readLines, slice, type Line, type Slice } from '../../helpers/expected';

let db: Connector & { close(): void };
let cube: SalesCube;
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  cube = await loadSalesCube(db);
  lines = readLines();
});
afterAll(() => db.close());

const listDiscount = (ls: Line[]) => {
  const priced = ls.filter((l) => l.quantity > 0);
  const list = priced.reduce((a, l) => a + l.quantity * l.unit_price, 0);
  return list ? 1 - priced.reduce((a, l) => a + l.revenue, 0) / list : null;
};

const SLICES: Slice[] = [
  {},
  { from: '2025-11-01', to: '2025-12-31' },
  { categories: ['Toys', 'Beauty'], regions: ['South'] },
  { from: '2024-02-01', to: '2024-02-29', categories: ['Electronics'] },
];

describe('sliceSummary (from the cubes)', () => {
  it.each(SLICES)('equals the line-by-line figures for %o', async (s) => {
    const f: Filters = { ...ALL, ...s, categories: s.categories ?? [], regions: s.regions ?? [] };
    const got = await sliceSummary(cube, f);
    const subset = slice(lines, s);
    const want = expectedKpis(subset);
    expect(got.revenue).toBeCloseTo(want.revenue, 2);
    // Orders across several categories: an order holding two chosen categories counts once.
    expect(got.orders).toBe(want.orders);
    expect(got.units).toBeCloseTo(want.units, 6);
    expect(got.aov).toBeCloseTo(want.aov ?? NaN, 6);
    expect(got.margin).toBeCloseTo(want.margin ?? NaN, 9);
    expect(got.discount).toBeCloseTo(listDiscount(subset) ?? NaN, 9);
  });
});

describe('sliceTable', () => {
  it('gives each category × region its revenue, orders and share', async () => {
    const s = { from: '2025-01-01', to: '2025-06-30' };
    const rows = await sliceTable(cube, { ...ALL, ...s });
    const subset = slice(lines, s);
    const total = subset.reduce((a, l) => a + l.revenue, 0);
    const cells = new Set(subset.map((l) => `${l.category}|${l.region}`));
    expect(rows).toHaveLength(cells.size);
    for (const r of rows) {
      const cell = subset.filter((l) => l.category === r.category && l.region === r.region);
      const want = expectedKpis(cell);
      expect(r.revenue).toBeCloseTo(want.revenue, 2);
      expect(r.orders).toBe(want.orders);
      expect(r.share).toBeCloseTo(want.revenue / total, 9);
    }
    const revenues = rows.map((r) => r.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  });
});

describe('an empty slice', () => {
  it('gives zeros and empty lists, never NaN', async () => {
    const { breakdown, discountEffect, hourOfDay, orderValueHistogram, regionByMonth, salesOverTime, weekdayPattern } =
      await import('../../../src/data/queries/analytics');
    const f: Filters = { ...ALL, regions: ['Atlantis'], from: '2025-01-01', to: '2025-01-31' };
    const periods = {
      current: { from: '2025-01-01', to: '2025-01-31' },
      previous: { from: '2024-12-01', to: '2024-12-31' },
    };
    expect(sliceSummary(cube, f)).toEqual({
      revenue: 0,
      orders: 0,
      units: 0,
      aov: null,
      margin: null,
      discount: null,
      returns: 0,
    });
    expect(sliceTable(cube, f)).toEqual([]);
    expect(breakdown(cube, f, 'category', periods)).toEqual([]);
    expect(regionByMonth(cube, f)).toEqual([]);
    expect(orderValueHistogram(cube, f)).toEqual([]);
    expect(discountEffect(cube, f)).toEqual({ days: [], bands: [] });
    const overTime = salesOverTime(cube, f, periods);
    expect(overTime.current.every((p) => p.revenue === 0 && p.orders === 0)).toBe(true);
    expect(overTime.previous).toEqual([]);
    expect(weekdayPattern(cube, f, periods.current).every((w) => w.avg_revenue === 0)).toBe(true);
    expect(hourOfDay(cube, f)?.every((h) => h.revenue === 0)).toBe(true);
  });
});
