import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL, type Filters } from '../../src/data/filters';
import { productStats, STATS_WEEKS, type ProductStatsColumns } from '../../src/data/queries/products/product-stats';
import { abcClasses, abcXyzMatrix, xyzClasses } from '../../src/ml/inventory/abc-xyz';
import { inventoryPlan, reorderAlerts } from '../../src/ml/inventory/inventory';
import { builtinDb } from '../helpers/builtin-db';
import { parseCsv } from '../helpers/csv';
import { readLines, ROOT, shiftDay, slice, type Line, type Slice } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
let catalog: Record<string, string>[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
  catalog = parseCsv(readFileSync(path.join(ROOT, 'data/products.csv'), 'utf8'));
});
afterAll(() => db.close());

const isSale = (l: Line) => l.quantity >= 0 && l.revenue >= 0;

/** Everything productStats should say, computed line by line from the CSVs. */
function expected(s: Slice, windowDays: number) {
  const dims = { categories: s.categories ?? [], regions: s.regions ?? [] };
  const inDims = slice(lines, dims);
  // Demand is counted over every region (stock is one figure for the whole business).
  const inCategories = slice(lines, { categories: dims.categories, regions: [] });
  const endDay = s.to ?? lines.reduce((m, l) => (l.day > m ? l.day : m), '');
  const windowStart = shiftDay(endDay, -(windowDays - 1));
  const previousStart = shiftDay(endDay, -(2 * windowDays - 1));
  const ids = new Set(inDims.map((l) => l.product_id));
  for (const p of catalog)
    if (!dims.categories.length || dims.categories.includes(p.category ?? '')) ids.add(p.product_id ?? '');
  const sorted = [...ids].sort();
  return sorted.map((id) => {
    const mine = inDims.filter((l) => l.product_id === id);
    const demand = inCategories.filter((l) => l.product_id === id);
    const inSlice = slice(mine, s);
    const revenue = inSlice.reduce((a, l) => a + l.revenue, 0);
    const units = inSlice.reduce((a, l) => a + l.quantity, 0);
    const costed = inSlice.filter((l) => l.unit_cost !== null);
    const cost = costed.reduce((a, l) => a + l.quantity * (l.unit_cost ?? 0), 0);
    const costedRevenue = costed.reduce((a, l) => a + l.revenue, 0);
    // Units sold per calendar day of the window: an entry for EVERY day, zeros included.
    const daily = Array.from({ length: windowDays }, (_, k) => {
      const day = shiftDay(windowStart, k);
      return demand.filter((l) => l.day === day && isSale(l)).reduce((a, l) => a + l.quantity, 0);
    });
    const previous = demand
      .filter((l) => isSale(l) && l.day >= previousStart && l.day < windowStart)
      .reduce((a, l) => a + l.quantity, 0);
    const weekly = Array.from({ length: STATS_WEEKS }, (_, k) => {
      const first = shiftDay(endDay, -7 * (STATS_WEEKS - k) + 1);
      const last = shiftDay(endDay, -7 * (STATS_WEEKS - 1 - k));
      return demand.filter((l) => isSale(l) && l.day >= first && l.day <= last).reduce((a, l) => a + l.quantity, 0);
    });
    const sold = demand.filter((l) => isSale(l) && l.quantity > 0 && l.day <= endDay).map((l) => l.day);
    const p = catalog.find((c) => c.product_id === id);
    return {
      id,
      name: mine[0]?.product_name ?? p?.product_name ?? '',
      category: mine[0]?.category ?? p?.category ?? '',
      revenue,
      units,
      cost: costed.length ? cost : NaN,
      margin: costed.length && costedRevenue > 0 ? (costedRevenue - cost) / costedRevenue : NaN,
      daily,
      previous,
      weekly,
      lastSale: sold.reduce((m, d) => (d > m ? d : m), ''),
      stock: p?.stock_on_hand ? Number(p.stock_on_hand) : NaN,
      leadTime: p?.lead_time_days ? Number(p.lead_time_days) : NaN,
      endDay,
    };
  });
}

function compare(got: ProductStatsColumns, want: ReturnType<typeof expected>, windowDays: number) {
  expect(got.ids).toEqual(want.map((w) => w.id));
  expect(got.length).toBe(want.length);
  expect(got.windowDays).toBe(windowDays);
  want.forEach((w, i) => {
    expect(got.names[i]).toBe(w.name);
    expect(got.categories[i]).toBe(w.category);
    expect(got.revenue[i]).toBeCloseTo(w.revenue, 6);
    expect(got.units[i]).toBe(w.units);
    if (Number.isNaN(w.cost)) expect(got.cost[i]).toBeNaN();
    else expect(got.cost[i]).toBeCloseTo(w.cost, 6);
    if (Number.isNaN(w.margin)) expect(got.marginPct[i]).toBeNaN();
    else expect(got.marginPct[i]).toBeCloseTo(w.margin, 9);
    const sum = w.daily.reduce((a, x) => a + x, 0);
    const sumSq = w.daily.reduce((a, x) => a + x * x, 0);
    expect(got.windowUnits[i]).toBe(sum);
    expect(got.dailyUnitsSum[i]).toBe(sum);
    expect(got.dailyUnitsSumSq[i]).toBe(sumSq);
    expect(got.previousWindowUnits[i]).toBe(w.previous);
    expect(Array.from(got.weeklyUnits.subarray(i * STATS_WEEKS, (i + 1) * STATS_WEEKS))).toEqual(w.weekly);
    expect(got.lastSaleDay[i]).toBe(w.lastSale);
    if (Number.isNaN(w.stock)) expect(got.stock[i]).toBeNaN();
    else expect(got.stock[i]).toBe(w.stock);
    if (Number.isNaN(w.leadTime)) expect(got.leadTime[i]).toBeNaN();
    else expect(got.leadTime[i]).toBe(w.leadTime);
  });
  if (want[0]) expect(got.endDay).toBe(want[0].endDay);
}

describe('productStats on the built-in data', () => {
  it('matches the CSVs for every product over all the data (90-day window)', async () => {
    const got = await productStats(db, ALL, { windowDays: 90 });
    const want = expected({}, 90);
    // 58 products sold, plus P0108 and P0137 that only the products file knows.
    expect(got.length).toBe(60);
    expect(got.endDay).toBe('2025-12-31');
    compare(got, want, 90);
    expect(got.hasStockData).toBe(true);
  });

  it('spot-checks a product by hand-readable figures', async () => {
    const got = await productStats(db, ALL, { windowDays: 90 });
    const i = got.ids.indexOf('P0101');
    const mine = lines.filter((l) => l.product_id === 'P0101');
    // Revenue, units, margin over everything.
    const revenue = mine.reduce((a, l) => a + l.revenue, 0);
    const cost = mine.reduce((a, l) => a + l.quantity * (l.unit_cost ?? 0), 0);
    expect(got.revenue[i]).toBeCloseTo(revenue, 6);
    expect(got.units[i]).toBe(mine.reduce((a, l) => a + l.quantity, 0));
    expect(got.marginPct[i]).toBeCloseTo((revenue - cost) / revenue, 9);
    expect(got.grossMargin[i]).toBeCloseTo(revenue - cost, 6);
    // The window 2025-10-03 … 2025-12-31 is 90 days, most without a sale of this product:
    // the mean is Σ / 90, not Σ / (days with sales).
    const saleDays = new Set(mine.filter((l) => l.day >= '2025-10-03' && isSale(l)).map((l) => l.day));
    expect(saleDays.size).toBeLessThan(90);
    const sum = mine.filter((l) => l.day >= '2025-10-03' && isSale(l)).reduce((a, l) => a + l.quantity, 0);
    expect(got.dailyUnitsSum[i]).toBe(sum);
    // products.csv: P0101 stock 12, lead time 24 days.
    expect(got.stock[i]).toBe(12);
    expect(got.leadTime[i]).toBe(24);
  });

  it('keeps products without sales in the slice, with zeros', async () => {
    const got = await productStats(db, ALL, { windowDays: 30 });
    for (const id of ['P0108', 'P0137']) {
      const i = got.ids.indexOf(id);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(got.names[i]).toBe(catalog.find((c) => c.product_id === id)?.product_name);
      expect(got.revenue[i]).toBe(0);
      expect(got.units[i]).toBe(0);
      expect(got.windowUnits[i]).toBe(0);
      expect(got.dailyUnitsSumSq[i]).toBe(0);
      expect(got.marginPct[i]).toBeNaN();
      expect(got.lastSaleDay[i]).toBe('');
      expect(Number.isFinite(got.stock[i])).toBe(true);
    }
  });

  it('answers for a category, a region and a period (30-day window ending on `to`)', async () => {
    const s = { from: '2025-04-01', to: '2025-06-30', categories: ['Electronics'], regions: ['North'] };
    const f: Filters = { ...ALL, ...s };
    const got = await productStats(db, f, { windowDays: 30 });
    const want = expected(s, 30);
    compare(got, want, 30);
    expect(got.endDay).toBe('2025-06-30');
    // All ten Electronics products are listed; three sold nothing in the North that quarter.
    expect(got.categories.every((c) => c === 'Electronics')).toBe(true);
    expect(got.length).toBe(10);
    const idle = want.filter((w) => w.revenue === 0 && w.units === 0).map((w) => w.id);
    expect(idle).toContain('P0108');
    expect(idle.length).toBe(3);
    for (const id of idle) expect(got.revenue[got.ids.indexOf(id)]).toBe(0);
  });

  it('answers for a region alone over a date range without `to`', async () => {
    const s = { from: '2025-01-01', regions: ['South'] };
    compare(await productStats(db, { ...ALL, ...s }, { windowDays: 45 }), expected(s, 45), 45);
  });

  it('times the query and the inventory computations', async () => {
    const t0 = performance.now();
    const stats = await productStats(db, ALL, { windowDays: 90 });
    const t1 = performance.now();
    const rows = inventoryPlan(stats, { serviceLevel: 95 });
    const alerts = reorderAlerts(rows);
    const abc = abcClasses(stats.revenue);
    const xyz = xyzClasses(stats.weeklyUnits, stats.weeks);
    const matrix = abcXyzMatrix(abc, xyz, stats.revenue);
    const t2 = performance.now();
    console.info(
      `productStats ${(t1 - t0).toFixed(1)} ms, inventory + ABC/XYZ ${(t2 - t1).toFixed(1)} ms for ${stats.length} products (${alerts.length} alerts)`,
    );
    expect(matrix.total.count).toBe(stats.length);
    expect(matrix.total.revenue).toBeCloseTo(
      stats.revenue.reduce((a, b) => a + b, 0),
      6,
    );
    // Every figure on every row is a number or null: never NaN or Infinity.
    for (const r of rows)
      for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });
});
