import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { productStats, type ProductStatsColumns } from '../../src/data/queries/products/product-stats';
import {
  abcClasses,
  abcXyzMatrix,
  paretoRanking,
  weeklyCv,
  xyzClasses,
  type AbcClass,
  type XyzClass,
} from '../../src/ml/inventory/abc-xyz';
import {
  classifyStatus,
  dailyDemandSd,
  daysOfCover,
  DEFAULT_LEAD_TIME_DAYS,
  demandModel,
  inventoryPlan,
  reorderAlerts,
  reorderPoint,
  safetyStock,
  SERVICE_LEVEL_Z,
  STATUS_LABELS,
  STATUS_RULES,
  statusRules,
  stockoutDay,
  suggestedOrder,
  type InventoryInput,
  type InventoryRow,
  type StatusInput,
} from '../../src/ml/inventory/inventory';
import { fixtureDb, SALES_HEADER } from '../helpers/builtin-db';

// The running example: a 10-day window whose daily units sold are
//   [2, 0, 3, 0, 0, 5, 0, 0, 0, 0]
// Σx = 10, Σx² = 4 + 9 + 25 = 38.
// rate = 10 / 10 = 1 unit/day (zero days count: averaging sale days only would say 3.33).
// σ (population) = √(38/10 − 1²) = √2.8 = 1.6733200530681511.
// Lead time L = 9 days, so √L = 3.
// Safety stock at 95%: 1.6449 × 1.6733200530681511 × 3 = 8.257332465875406.
// Expected lead-time demand = 1 × 9 = 9; reorder point = 9 + 8.257332465875406 = 17.257332465875407.
const SUM = 10;
const SUM_SQ = 38;
const WINDOW = 10;
const SIGMA = Math.sqrt(2.8);
const SS95 = 8.257332465875406;
const ROP95 = 17.257332465875407;

describe('demand and safety stock arithmetic', () => {
  it('forecasts the trailing mean with zero days and its population σ', () => {
    expect(demandModel(SUM, WINDOW)).toBe(1);
    expect(dailyDemandSd(SUM, SUM_SQ, WINDOW)).toBeCloseTo(1.6733200530681511, 12);
    // A constant series: Σx = 30, Σx² = 90 over 10 days → mean 3, σ = √(9 − 9) = 0 (never a NaN from −0.0…1).
    expect(dailyDemandSd(30, 90, 10)).toBe(0);
    // No sales: rate 0, σ 0.
    expect(demandModel(0, WINDOW)).toBe(0);
    expect(dailyDemandSd(0, 0, WINDOW)).toBe(0);
  });

  it('computes safety stock z·σ·√L for each service level, and the reorder point', () => {
    // 5.019960159204453 = σ × √9; × 1.2816 / 1.6449 / 2.3263.
    expect(safetyStock(SERVICE_LEVEL_Z[90], SIGMA, 9)).toBeCloseTo(6.433580940036427, 9);
    expect(safetyStock(SERVICE_LEVEL_Z[95], SIGMA, 9)).toBeCloseTo(SS95, 9);
    expect(safetyStock(SERVICE_LEVEL_Z[99], SIGMA, 9)).toBeCloseTo(11.677933318357319, 9);
    expect(reorderPoint(1, SIGMA, 9, SERVICE_LEVEL_Z[95])).toBeCloseTo(ROP95, 9);
    // Lead time 0: nothing to cover.
    expect(reorderPoint(1, SIGMA, 0, SERVICE_LEVEL_Z[95])).toBe(0);
  });

  it('gives days of cover, the stock-out day and the order quantity', () => {
    expect(daysOfCover(12, 1)).toBe(12);
    expect(daysOfCover(0, 1)).toBe(0);
    expect(daysOfCover(-3, 1)).toBe(0); // backorders: already out
    expect(daysOfCover(12, 0)).toBeNull(); // nothing sells: Infinity → null
    expect(daysOfCover(NaN, 1)).toBeNull();
    // 5 units at 1/day last through the 5th day after 2025-12-31.
    expect(stockoutDay('2025-12-31', 5, 1)).toBe('2026-01-05');
    // 5.5 units: the 6th day starts with half a unit and runs out during it.
    expect(stockoutDay('2025-12-31', 5.5, 1)).toBe('2026-01-06');
    expect(stockoutDay('2025-12-31', 0, 1)).toBe('2025-12-31');
    expect(stockoutDay('2025-12-31', 5, 0)).toBeNull();
    expect(stockoutDay('', 5, 1)).toBeNull();
    // ⌈max(0, 17.2573 + 1 × 30 − 12)⌉ = ⌈35.2573⌉ = 36.
    expect(suggestedOrder(ROP95, 1, 12, 30)).toBe(36);
    // Plenty of stock: max(0, 17.26 + 30 − 100) = 0.
    expect(suggestedOrder(ROP95, 1, 100, 30)).toBe(0);
    // Exactly enough: ⌈10 + 0 − 10⌉ = 0, and float noise is not a unit.
    expect(suggestedOrder(0.1 + 0.2, 0, 0.3, 30)).toBe(0);
  });
});

/** The columns of a hand-made set of products; defaults are the running example. */
function input(
  products: Partial<Record<keyof Omit<InventoryInput, 'length' | 'windowDays' | 'endDay'>, number | string>>[],
): InventoryInput {
  const num = (
    key: 'dailyUnitsSum' | 'dailyUnitsSumSq' | 'windowUnits' | 'previousWindowUnits' | 'stock' | 'leadTime',
    d: number,
  ) => Float64Array.from(products, (p) => (p[key] === undefined ? d : Number(p[key])));
  return {
    length: products.length,
    windowDays: WINDOW,
    endDay: '2025-12-31',
    dailyUnitsSum: num('dailyUnitsSum', SUM),
    dailyUnitsSumSq: num('dailyUnitsSumSq', SUM_SQ),
    windowUnits: num('windowUnits', SUM),
    previousWindowUnits: num('previousWindowUnits', 8),
    stock: num('stock', 12),
    leadTime: num('leadTime', 9),
    lastSaleDay: products.map((p) => (p.lastSaleDay === undefined ? '2025-12-26' : String(p.lastSaleDay))),
  };
}

describe('inventoryPlan statuses', () => {
  it('applies each rule, in order', () => {
    const rows = inventoryPlan(
      input([
        // 0: stock 5 ≤ lead-time demand 9 → stock-out risk; runs out 2025-12-31 + 5.
        { stock: 5 },
        // 1: 9 < 12 ≤ ROP 17.26 → reorder now.
        { stock: 12 },
        // 2: 17.26 < 100, cover 100 days ≤ 180 → OK.
        { stock: 100 },
        // 3: cover 200 days > 180 → overstock.
        { stock: 200 },
        // 4: no sale for 121 days (2025-09-01 → 2025-12-31), nothing in either window → dead.
        {
          stock: 10,
          dailyUnitsSum: 0,
          dailyUnitsSumSq: 0,
          windowUnits: 0,
          previousWindowUnits: 0,
          lastSaleDay: '2025-09-01',
        },
        // 5: stock unknown → no stock data (lead-time figures still computed).
        { stock: NaN },
        // 6: never sold, some stock → dead.
        { stock: 7, dailyUnitsSum: 0, dailyUnitsSumSq: 0, windowUnits: 0, previousWindowUnits: 0, lastSaleDay: '' },
        // 7: never sold, no stock → nothing to do: OK (not a stock-out risk: 0 ≤ 0 demand is no risk).
        { stock: 0, dailyUnitsSum: 0, dailyUnitsSumSq: 0, windowUnits: 0, previousWindowUnits: 0, lastSaleDay: '' },
        // 8: lead time unknown → 14 days assumed: LTD = 14, ROP = 14 + 1.6449 × 1.67332 × √14 = 24.2985; 20 → reorder.
        { stock: 20, leadTime: NaN },
        // 9: last sale 90 days before the end (2025-10-02) with stock → dead even though the window sold.
        { stock: 60, lastSaleDay: '2025-10-02' },
      ]),
    );
    expect(rows.map((r) => r.status)).toEqual([
      'stockout-risk',
      'reorder',
      'ok',
      'overstock',
      'dead',
      'no-stock-data',
      'dead',
      'ok',
      'reorder',
      'dead',
    ]);
    const [risk, reorder, , over, dead, unknown, , , assumed] = rows as [InventoryRow, ...InventoryRow[]];
    expect(risk.stockoutDay).toBe('2026-01-05');
    expect(risk.daysOfCover).toBe(5);
    expect(risk.leadTimeDemand).toBe(9);
    expect(risk.safetyStock).toBeCloseTo(SS95, 9);
    expect(risk.reorderPoint).toBeCloseTo(ROP95, 9);
    expect(risk.suggestedOrder).toBe(43); // ⌈17.2573 + 30 − 5⌉ = ⌈42.2573⌉
    expect(reorder?.suggestedOrder).toBe(36);
    // Trend: 10 sold vs 8 before → +25%.
    expect(reorder?.trend).toBeCloseTo(0.25, 12);
    expect(over?.daysOfCover).toBe(200);
    expect(dead?.rate).toBe(0);
    expect(dead?.daysOfCover).toBeNull();
    expect(dead?.stockoutDay).toBeNull();
    expect(dead?.trend).toBeNull(); // nothing sold before: no trend, not Infinity
    expect(dead?.daysSinceLastSale).toBe(121);
    expect(unknown?.stock).toBeNull();
    expect(unknown?.daysOfCover).toBeNull();
    expect(unknown?.suggestedOrder).toBeNull();
    expect(unknown?.reorderPoint).toBeCloseTo(ROP95, 9);
    expect(assumed?.leadTimeDays).toBe(DEFAULT_LEAD_TIME_DAYS);
    expect(assumed?.leadTimeAssumed).toBe(true);
    expect(assumed?.reorderPoint).toBeCloseTo(14 + 1.6449 * SIGMA * Math.sqrt(14), 9);
    expect(rows.filter((r) => r.leadTimeAssumed)).toHaveLength(1);
  });

  it('never returns NaN or Infinity', () => {
    const rows = inventoryPlan(
      input([
        {
          stock: NaN,
          leadTime: NaN,
          dailyUnitsSum: 0,
          dailyUnitsSumSq: 0,
          windowUnits: 0,
          previousWindowUnits: 0,
          lastSaleDay: '',
        },
        { stock: Infinity, leadTime: -3 },
        { stock: 0, leadTime: 0 },
      ]),
    );
    for (const r of rows) {
      for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    }
    expect(rows[0]?.status).toBe('no-stock-data');
    // Stock Infinity is not a stock; a negative lead time is not a lead time (14 assumed).
    expect(rows[1]?.stock).toBeNull();
    expect(rows[1]?.leadTimeAssumed).toBe(true);
    // Lead time 0: LTD 0; stock 0 ≤ 0 while selling → stock-out risk, out on the end day.
    expect(rows[2]?.status).toBe('stockout-risk');
    expect(rows[2]?.stockoutDay).toBe('2025-12-31');
  });

  it('says no stock data for an unknown lead time when no default is wanted', () => {
    const [row] = inventoryPlan(input([{ stock: 20, leadTime: NaN }]), { defaultLeadTimeDays: null });
    expect(row?.status).toBe('no-stock-data');
    expect(row?.reorderPoint).toBeNull();
    expect(statusRules({ defaultLeadTimeDays: null })['no-stock-data']).toContain('lead time unknown');
  });

  it('honours the service level and adjustable thresholds', () => {
    // Stock 16: ROP at 90% = 9 + 6.4336 = 15.43 < 16 → OK; at 95% (17.26) → reorder.
    expect(inventoryPlan(input([{ stock: 16 }]), { serviceLevel: 90 })[0]?.status).toBe('ok');
    expect(inventoryPlan(input([{ stock: 16 }]), { serviceLevel: 95 })[0]?.status).toBe('reorder');
    // Cover 100 days: overstock from 60 days on.
    expect(inventoryPlan(input([{ stock: 100 }]), { overstockDays: 60 })[0]?.status).toBe('overstock');
    // Last sale 5 days ago with a 3-day dead threshold.
    expect(inventoryPlan(input([{ stock: 100 }]), { deadDays: 3 })[0]?.status).toBe('dead');
    // Review period 0: order = ⌈17.2573 − 12⌉ = 6.
    expect(inventoryPlan(input([{ stock: 12 }]), { reviewDays: 0 })[0]?.suggestedOrder).toBe(6);
  });

  it('documents every status', () => {
    for (const s of ['stockout-risk', 'reorder', 'dead', 'overstock', 'ok', 'no-stock-data'] as const) {
      expect(STATUS_LABELS[s].length).toBeGreaterThan(0);
      expect(STATUS_RULES[s].length).toBeGreaterThan(0);
    }
    expect(STATUS_RULES.dead).toContain('90');
    expect(STATUS_RULES.overstock).toContain('180');
    expect(statusRules({ overstockDays: 365 }).overstock).toContain('365');
  });

  it('classifyStatus needs demand for a stock-out risk', () => {
    const base: StatusInput = {
      stock: 0,
      rate: 0,
      leadTimeDemand: 0,
      reorderPoint: 0,
      daysOfCover: null,
      daysSinceLastSale: 10,
      windowUnits: 0,
      previousWindowUnits: 3,
    };
    expect(classifyStatus(base)).toBe('ok');
    expect(classifyStatus({ ...base, rate: 0.1 })).toBe('stockout-risk');
  });

  it('orders alerts: stock-out risk by earliest date, then reorder by stock ÷ ROP', () => {
    const rows = inventoryPlan(
      input([
        { stock: 100 }, // 0: OK, not an alert
        { stock: 14 }, // 1: reorder, 14 / 17.26 = 0.81
        { stock: 6 }, // 2: risk, out 2026-01-06
        { stock: 10 }, // 3: reorder, 10 / 17.26 = 0.58
        { stock: 2 }, // 4: risk, out 2026-01-02
        { stock: 2 }, // 5: risk, same day as 4: product order
      ]),
    );
    expect(reorderAlerts(rows).map((r) => r.index)).toEqual([4, 5, 2, 3, 1]);
  });
});

describe('ABC classes', () => {
  it('keeps the product that crosses 80% in A', () => {
    // Total 100. Shares before each: 0, .60, .90, .96.
    // 60 → A; 30 takes the share from .60 to .90, crossing .80 → still A; 6 starts at .90 < .95 → B; 4 starts at .96 → C.
    expect(abcClasses([60, 30, 6, 4])).toEqual(['A', 'A', 'B', 'C']);
    // A product starting exactly at 80% is past the first 80%: [50, 30, 15, 5] → before 0, .5, .8, .95.
    expect(abcClasses([50, 30, 15, 5])).toEqual(['A', 'A', 'B', 'C']);
  });

  it('breaks ties by position (product id) and sends zero or negative revenue to C', () => {
    // Five products of 20 each: before 0, .2, .4, .6, .8 in index order → the last is B.
    expect(abcClasses([20, 20, 20, 20, 20])).toEqual(['A', 'A', 'A', 'A', 'B']);
    // Unsorted input, ties, a zero and a return-heavy product. Positive total = 100.
    // Order: idx1 (40, before 0), idx3 (40, .4), idx0 (10, .8 → B), idx2 (6, .9 → B), idx4 (4, .96 → C).
    expect(abcClasses([10, 40, 6, 40, 4, 0, -5])).toEqual(['B', 'A', 'B', 'A', 'C', 'C', 'C']);
    const p = paretoRanking([10, 40, 6, 40, 4, 0, -5]);
    expect(Array.from(p.order)).toEqual([1, 3, 0, 2, 4]);
    expect(p.total).toBe(100);
    expect(Array.from(p.shareAfter)).toEqual([0.4, 0.8, 0.9, 0.96, 1]);
  });

  it('takes adjustable thresholds, and nothing sold is all C', () => {
    // A up to 50%: before 0 → A, .6 → B (< .95), .9 → B, .96 → C.
    expect(abcClasses([60, 30, 6, 4], [0.5, 0.95])).toEqual(['A', 'B', 'B', 'C']);
    expect(abcClasses([0, 0])).toEqual(['C', 'C']);
    expect(abcClasses([])).toEqual([]);
  });
});

describe('XYZ classes', () => {
  // Four weeks per product, flat. CV = population SD / mean:
  // [2,4,2,4]: mean 3, SD 1 → 0.333 (X); [1,5,1,5]: mean 3, SD 2 → 0.667 (Y);
  // [0,6,0,6]: mean 3, SD 3 → 1.0 (Y, the limit is inclusive); [0,0,0,12]: mean 3, SD √(144/4 − 9) = √27 → 1.732 (Z);
  // [1,1,1,1]: CV 0 (X); [0,0,0,0]: no demand → none.
  const weekly = Float64Array.from([2, 4, 2, 4, 1, 5, 1, 5, 0, 6, 0, 6, 0, 0, 0, 12, 1, 1, 1, 1, 0, 0, 0, 0]);

  it('computes the coefficient of variation of weekly units', () => {
    const cv = weeklyCv(weekly, 4);
    expect(cv[0]).toBeCloseTo(1 / 3, 12);
    expect(cv[1]).toBeCloseTo(2 / 3, 12);
    expect(cv[2]).toBeCloseTo(1, 12);
    expect(cv[3]).toBeCloseTo(Math.sqrt(27) / 3, 12);
    expect(cv[4]).toBe(0);
    expect(cv[5]).toBeNull();
  });

  it('classes X ≤ 0.5 < Y ≤ 1.0 < Z, and none without demand', () => {
    expect(xyzClasses(weekly, 4)).toEqual(['X', 'Y', 'Y', 'Z', 'X', 'none']);
    // Tighter thresholds: X ≤ 0.2, Y ≤ 0.7.
    expect(xyzClasses(weekly, 4, [0.2, 0.7])).toEqual(['Y', 'Y', 'Z', 'Z', 'X', 'none']);
  });
});

describe('ABC × XYZ matrix', () => {
  it('counts products and sums revenue per cell; cells and no-demand add up to the totals', () => {
    const abc: AbcClass[] = ['A', 'A', 'B', 'C', 'C', 'A'];
    const xyz: XyzClass[] = ['X', 'X', 'Z', 'Y', 'none', 'Y'];
    const revenue = [100, 50, 20, 5, 0, 70];
    const m = abcXyzMatrix(abc, xyz, revenue);
    expect(m.counts).toEqual([
      [2, 1, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(m.revenue).toEqual([
      [150, 70, 0],
      [0, 0, 20],
      [0, 5, 0],
    ]);
    expect(m.noDemand).toEqual({ counts: [0, 0, 1], revenue: [0, 0, 0] });
    // 2 + 1 + 1 + 1 + 1 (no demand) = 6 products; 150 + 70 + 20 + 5 + 0 = 245.
    expect(m.total).toEqual({ count: 6, revenue: 245 });
    const cells = m.counts.flat().reduce((a, b) => a + b, 0) + m.noDemand.counts.reduce((a, b) => a + b, 0);
    expect(cells).toBe(m.total.count);
  });
});

// End to end on a hand-made dataset: productStats → inventoryPlan, with a product of each
// awkward kind. Filter: 2025-01-01 … 2025-01-10; window 10 days ending 2025-01-10.
//
// P1 Widget: sold 2 (01-01), 3 (01-03), 5 (01-06), one returned (01-07), and 4 on 2024-12-25.
//   Slice: revenue 20 + 30 + 50 − 10 = 90; units 2 + 3 + 5 − 1 = 9; cost 9 × 6 = 54;
//   margin (90 − 54) / 90 = 0.4. Window demand: the running example (Σ 10, Σ² 38; the return
//   is not demand). Previous window 2024-12-22 … 12-31: 4 → trend (10 − 4) / 4 = +150%.
//   Stock 12, lead 9 → reorder (9 < 12 ≤ 17.257).
// P2 NoCost: 1 sold for 15 (01-05), no cost anywhere → margin unknown. Stock 3, lead time
//   unknown → 14 assumed. rate 0.1, σ = √(1/10 − 0.01) = 0.3, LTD = 1.4,
//   SS = 1.6449 × 0.3 × √14 = 1.84640, ROP = 3.24640 → 1.4 < 3 ≤ 3.246: reorder;
//   order ⌈3.2464 + 0.1 × 30 − 3⌉ = 4.
// P3 Idle: in the products file only, stock 7 → zero sales, dead.
// P4 Mystery: sold, not in the products file → no stock data.
const SALES = [
  SALES_HEADER,
  'T1,2025-01-01 10:00:00,C1,P1,Widget,A,N,2,10,0,20,6',
  'T2,2025-01-03 10:00:00,C1,P1,Widget,A,N,3,10,0,30,6',
  'T3,2025-01-06 10:00:00,C2,P1,Widget,A,S,5,10,0,50,6',
  'T4,2025-01-07 10:00:00,C2,P1,Widget,A,S,-1,10,0,-10,6',
  'T5,2024-12-25 10:00:00,C3,P1,Widget,A,N,4,10,0,40,6',
  'T6,2025-01-05 10:00:00,C3,P2,NoCost,A,N,1,15,0,15,',
  'T7,2025-01-10 10:00:00,C4,P4,Mystery,B,S,1,5,0,5,2',
].join('\n');
const PRODUCTS = [
  'product_id,product_name,category,unit_price,unit_cost,stock_on_hand,lead_time_days,supplier',
  'P1,Widget,A,10,6,12,9,S1',
  'P2,NoCost,A,15,,3,,S1',
  'P3,Idle,B,5,2,7,5,S2',
].join('\n');

describe('products with zero sales, no stock, no cost (end to end)', () => {
  let db: Connector & { close(): void };
  let stats: ProductStatsColumns;
  beforeAll(async () => {
    db = await fixtureDb(SALES, PRODUCTS);
    stats = await productStats(db, { ...ALL, from: '2025-01-01', to: '2025-01-10' }, { windowDays: 10 });
  });
  afterAll(() => db.close());

  it('gives each product sensible figures, never NaN where a value is known', () => {
    expect(stats.ids).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(stats.endDay).toBe('2025-01-10');
    expect(Array.from(stats.revenue)).toEqual([90, 15, 0, 5]);
    expect(Array.from(stats.units)).toEqual([9, 1, 0, 1]);
    expect(stats.cost[0]).toBe(54);
    expect(stats.marginPct[0]).toBeCloseTo(0.4, 12);
    // No cost: margin unknown (NaN in the columns, "—" on the page), revenue still counted.
    expect(stats.cost[1]).toBeNaN();
    expect(stats.marginPct[1]).toBeNaN();
    expect(stats.grossMargin[1]).toBeNaN();
    expect(stats.costedRevenue[1]).toBe(0);
    // Zero sales: zeros, and a margin that cannot be computed.
    expect(stats.marginPct[2]).toBeNaN();
    expect(stats.lastSaleDay[2]).toBe('');
    // P4 is not in the products file.
    expect(stats.stock[3]).toBeNaN();
    expect(stats.leadTime[3]).toBeNaN();
    expect(stats.leadTime[1]).toBeNaN();
    expect(Array.from(stats.dailyUnitsSum)).toEqual([10, 1, 0, 1]);
    expect(Array.from(stats.dailyUnitsSumSq)).toEqual([38, 1, 0, 1]);
    expect(Array.from(stats.previousWindowUnits)).toEqual([4, 0, 0, 0]);
    expect(stats.hasStockData).toBe(true);
  });

  it('turns them into statuses', () => {
    const rows = inventoryPlan(stats);
    expect(rows.map((r) => r.status)).toEqual(['reorder', 'reorder', 'dead', 'no-stock-data']);
    const [p1, p2, p3, p4] = rows as [InventoryRow, InventoryRow, InventoryRow, InventoryRow];
    expect(p1.rate).toBe(1);
    expect(p1.reorderPoint).toBeCloseTo(ROP95, 9);
    expect(p1.trend).toBeCloseTo(1.5, 12);
    expect(p1.suggestedOrder).toBe(36);
    expect(p2.leadTimeAssumed).toBe(true);
    expect(p2.sigma).toBeCloseTo(0.3, 12);
    expect(p2.reorderPoint).toBeCloseTo(1.4 + 1.6449 * 0.3 * Math.sqrt(14), 9);
    expect(p2.suggestedOrder).toBe(4);
    expect(p3.rate).toBe(0);
    expect(p3.daysOfCover).toBeNull();
    expect(p4.stock).toBeNull();
    // Most urgent first: both reorder; P1 at 12 / 17.26 = 0.70 comes before P2 at 3 / 3.25 = 0.92.
    expect(reorderAlerts(rows).map((r) => stats.ids[r.index])).toEqual(['P1', 'P2']);
  });

  it('calls negative stock a stock-out, selling or not', () => {
    const rows = inventoryPlan({ ...stats, stock: Float64Array.from([12, 3, -4, Number.NaN]) });
    // P3 sells nothing in the window but shows −4 on the shelf: already out (or a count to check).
    expect(rows[2]!.status).toBe('stockout-risk');
  });

  it('never counts days past the data as days without demand', async () => {
    // `to` after the last sale (2025-01-10): the window still ends on the last sale.
    const late = await productStats(db, { ...ALL, to: '2025-01-31' }, { windowDays: 10 });
    expect(late.endDay).toBe('2025-01-10');
    expect(late.windowDays).toBe(10);
    expect(late.dailyUnitsSum[0]).toBe(10);
    // A 56-day window on 17 days of history (2024-12-25 … 2025-01-10) covers 17 days.
    const long = await productStats(db, ALL, { windowDays: 56 });
    expect(long.windowDays).toBe(17);
    expect(inventoryPlan(long)[0]!.rate).toBeCloseTo(14 / 17, 12);
  });

  it('counts demand over every region, since stock is one figure for the business', async () => {
    // P1 sold 5 of its 10 window units in region S; filtered to N its demand is still 10.
    const north = await productStats(
      db,
      { ...ALL, from: '2025-01-01', to: '2025-01-10', regions: ['N'] },
      { windowDays: 10 },
    );
    expect(north.revenue[north.ids.indexOf('P1')]).toBe(50);
    expect(north.dailyUnitsSum[north.ids.indexOf('P1')]).toBe(10);
  });

  it('says no stock data for every product without a products file', async () => {
    const bare = await fixtureDb(SALES);
    try {
      const s = await productStats(bare, { ...ALL, to: '2025-01-10' }, { windowDays: 10 });
      expect(s.ids).toEqual(['P1', 'P2', 'P4']);
      expect(s.hasStockData).toBe(false);
      expect(Array.from(s.stock).every(Number.isNaN)).toBe(true);
      // Without a products file P2 still has no cost; P1 and P4 carry theirs on the lines.
      expect(Number.isNaN(s.marginPct[1]!)).toBe(true);
      const rows = inventoryPlan(s);
      expect(rows.every((r) => r.status === 'no-stock-data' && r.stock === null && r.daysOfCover === null)).toBe(true);
      expect(reorderAlerts(rows)).toEqual([]);
    } finally {
      bare.close();
    }
  });
});
