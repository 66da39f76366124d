import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSalesCube, type SalesCube } from '../../../src/data/cube/sales-cube';
import type { Connector } from '../../../src/data/engine/connector';
import { ALL } from '../../../src/data/filters';
import {
  discountEffect,
  hourOfDay,
  orderValueHistogram,
  regionByMonth,
  weekdayPattern,
} from '../../../src/data/queries/analytics';
import { builtinDb, fixtureDb, SALES_HEADER } from '../../helpers/builtin-db';
import { readLines, revenueBy, slice, type Line } from '../../helpers/expected';

let db: Connector & { close(): void };
let cube: SalesCube;
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  cube = await loadSalesCube(db);
  lines = readLines();
});
afterAll(() => db.close());

const isoDow = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe('patterns', () => {
  it('weekdayPattern averages revenue over every such weekday in the range, sales or not', async () => {
    const range = { from: '2025-03-01', to: '2025-03-31' };
    const rows = await weekdayPattern(cube, { ...ALL, regions: ['West'] }, range);
    const subset = slice(lines, { ...range, regions: ['West'] });
    const byDow = revenueBy(subset, (l) => String(isoDow(l.day)));
    // March 2025 starts on a Saturday: five Saturdays, Sundays and Mondays, four of the rest.
    const count = (d: number) => (d === 6 || d === 7 || d === 1 ? 5 : 4);
    expect(rows.map((r) => r.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const r of rows) {
      expect(r.days).toBe(count(r.weekday));
      expect(r.avg_revenue).toBeCloseTo((byDow.get(String(r.weekday)) ?? 0) / count(r.weekday), 6);
    }
  });

  it('regionByMonth sums each region in each month', async () => {
    const s = { from: '2024-10-01', to: '2024-12-31', categories: ['Home & Garden'] };
    const cells = await regionByMonth(cube, { ...ALL, ...s });
    const want = revenueBy(slice(lines, s), (l) => `${l.region}|${l.day.slice(0, 7)}`);
    expect(cells).toHaveLength(want.size);
    for (const c of cells) {
      const key = `${c.region}|${new Date(c.month).toISOString().slice(0, 7)}`;
      expect(c.revenue).toBeCloseTo(want.get(key) ?? NaN, 2);
    }
  });

  it('hourOfDay sums revenue per hour, and says null for date-only data', async () => {
    const hours = await hourOfDay(cube, ALL);
    expect(hours).toHaveLength(24);
    const want = revenueBy(lines, (l) => String(Number(l.ts.slice(11, 13))));
    for (const h of hours ?? []) expect(h.revenue).toBeCloseTo(want.get(String(h.hour)) ?? 0, 2);

    const dateOnly = await fixtureDb(
      [
        SALES_HEADER,
        'T1,2025-01-01 00:00:00,C1,P1,W,A,North,1,10.00,0.00,10.00,4.00',
        'T2,2025-01-02 00:00:00,C1,P1,W,A,North,1,10.00,0.00,10.00,4.00',
      ].join('\n'),
    );
    expect(hourOfDay(await loadSalesCube(dateOnly), ALL)).toBeNull();
    dateOnly.close();
  });

  it('discountEffect gives each day its list-weighted discount, and bands that cover every day', async () => {
    const s = { from: '2025-01-01', to: '2025-12-31', categories: ['Clothing'] };
    const { days, bands } = await discountEffect(cube, { ...ALL, ...s });
    const subset = slice(lines, s).filter((l) => l.quantity > 0);
    const byDay = new Map<string, { list: number; paid: number }>();
    for (const l of subset) {
      const d = byDay.get(l.day) ?? { list: 0, paid: 0 };
      d.list += l.quantity * l.unit_price;
      d.paid += l.revenue;
      byDay.set(l.day, d);
    }
    expect(days).toHaveLength(byDay.size);
    for (const d of days) {
      const want = byDay.get(new Date(d.day).toISOString().slice(0, 10));
      expect(d.discount).toBeCloseTo(1 - (want?.paid ?? NaN) / (want?.list ?? NaN), 9);
    }
    expect(bands.reduce((a, b) => a + b.days, 0)).toBe(days.length);
    // The built-in data has promotions: some days are discounted 10% or more.
    expect(bands.some((b) => b.lower >= 0.1)).toBe(true);
  });

  it('orderValueHistogram puts every order of the slice in the bin of its value', async () => {
    const s = { from: '2025-06-01', to: '2025-08-31', regions: ['North'] };
    const bins = await orderValueHistogram(cube, { ...ALL, ...s });
    const orders = new Map<string, number>();
    for (const l of slice(lines, s)) {
      if (l.quantity < 0 || l.revenue < 0) continue;
      orders.set(l.transaction_id, (orders.get(l.transaction_id) ?? 0) + l.revenue);
    }
    expect(bins.reduce((a, b) => a + b.orders, 0)).toBe(orders.size);
    for (const b of bins) {
      // A value right on an edge may fall either side through floating point; allow a cent.
      const inBin = [...orders.values()].filter((v) => v >= b.lower && v < b.upper).length;
      const near = [...orders.values()].filter(
        (v) => Math.abs(v - b.lower) < 0.01 || Math.abs(v - b.upper) < 0.01,
      ).length;
      expect(Math.abs(b.orders - inBin)).toBeLessThanOrEqual(near);
      expect(b.upper / b.lower).toBeCloseTo(2 ** 0.25, 9);
    }
  });
});
