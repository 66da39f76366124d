import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL, type Filters } from '../../src/data/filters';
import { kpis } from '../../src/data/queries/kpis';
import { builtinDb, fixtureDb, SALES_HEADER } from '../helpers/builtin-db';
import { expectedKpis, readLines, shiftDay, slice, type Line } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
});
afterAll(() => db.close());

function expectFigures(actual: Awaited<ReturnType<typeof kpis>>['current'], expected: ReturnType<typeof expectedKpis>) {
  expect(actual.revenue).toBeCloseTo(expected.revenue, 2);
  expect(actual.orders).toBe(expected.orders);
  expect(actual.customers).toBe(expected.customers);
  expect(actual.units).toBeCloseTo(expected.units, 6);
  expect(actual.aov).toBeCloseTo(expected.aov ?? NaN, 6);
  expect(actual.margin).toBeCloseTo(expected.margin ?? NaN, 9);
}

describe('kpis on the built-in data', () => {
  it('equal the figures computed line by line over all dates', async () => {
    const result = await kpis(db, ALL);
    expectFigures(result.current, expectedKpis(lines));
    const days = lines.map((l) => l.day).sort();
    expect(result.period).toEqual({ from: days[0], to: days[days.length - 1] });
    // Nothing precedes the first sale, so there is no change to report.
    expect(result.hasPrevious).toBe(false);
  });

  it.each([
    { from: '2025-03-01', to: '2025-03-31', categories: [], regions: [] },
    { from: '2025-11-01', to: '2025-12-31', categories: ['Electronics', 'Toys'], regions: [] },
    { from: '2024-06-10', to: '2024-06-10', categories: [], regions: ['North'] },
    { from: '2025-01-01', to: '2025-06-30', categories: ['Home & Garden'], regions: ['East', 'West'] },
  ])('match a slice and the equally long period before it: %o', async (s) => {
    const f: Filters = { ...s, grain: 'month' };
    const result = await kpis(db, f);
    expectFigures(result.current, expectedKpis(slice(lines, s)));
    const length = (Date.parse(s.to) - Date.parse(s.from)) / 86_400_000 + 1;
    const prev = { ...s, from: shiftDay(s.from, -length), to: shiftDay(s.from, -1) };
    expect(result.previousPeriod).toEqual({ from: prev.from, to: prev.to });
    expectFigures(result.previous, expectedKpis(slice(lines, prev)));
    expect(result.hasPrevious).toBe(true);
  });

  it('report an empty slice as zeros, and ratios as unknown, never NaN', async () => {
    const result = await kpis(db, { ...ALL, regions: ['Atlantis'] });
    expect(result.current).toEqual({ revenue: 0, orders: 0, customers: 0, units: 0, aov: null, margin: null });
  });

  it('run a one-sided range to the end (or from the start) of the data', async () => {
    const days = lines.map((l) => l.day).sort();
    const last = days[days.length - 1] ?? '';
    const first = days[0] ?? '';
    const fromOnly = await kpis(db, { ...ALL, from: '2025-10-01' });
    expect(fromOnly.period).toEqual({ from: '2025-10-01', to: last });
    expectFigures(fromOnly.current, expectedKpis(slice(lines, { from: '2025-10-01' })));
    const toOnly = await kpis(db, { ...ALL, to: '2024-03-31' });
    expect(toOnly.period).toEqual({ from: first, to: '2024-03-31' });
    expectFigures(toOnly.current, expectedKpis(slice(lines, { to: '2024-03-31' })));
  });

  it('keep a one-sided range outside the data a real (empty) period, not a reversed one', async () => {
    const result = await kpis(db, { ...ALL, from: '2030-01-01' });
    expect(result.period).toEqual({ from: '2030-01-01', to: '2030-01-01' });
    expect(result.current.orders).toBe(0);
  });

  it('compare with a previous period that only partly overlaps the data', async () => {
    const s = { from: '2024-01-15', to: '2024-02-14' };
    const result = await kpis(db, { ...ALL, ...s });
    expect(result.previousPeriod).toEqual({ from: '2023-12-15', to: '2024-01-14' });
    expectFigures(result.previous, expectedKpis(slice(lines, { from: '2023-12-15', to: '2024-01-14' })));
    expect(result.hasPrevious).toBe(true);
  });

  it('treat a hostile filter value as data, never as SQL', async () => {
    const result = await kpis(db, { ...ALL, regions: ["North' OR '1'='1"] });
    expect(result.current.orders).toBe(0);
  });
});

describe('kpis on hand-made data', () => {
  it('count returns against revenue and units but not as orders', async () => {
    const csv = [
      SALES_HEADER,
      'T1,2025-01-01 10:00:00,C1,P1,Widget,A,North,2,10.00,0.00,20.00,4.00',
      'T1,2025-01-01 10:00:00,C1,P2,Gadget,A,North,1,5.00,0.00,5.00,1.00',
      'T2,2025-01-02 11:00:00,C2,P1,Widget,A,South,1,10.00,0.10,9.00,4.00',
      'R1,2025-01-05 12:00:00,C1,P1,Widget,A,North,-1,10.00,0.00,-10.00,4.00',
    ].join('\n');
    const small = await fixtureDb(csv);
    const { current } = await kpis(small, ALL);
    expect(current.revenue).toBeCloseTo(24, 9); // 20 + 5 + 9 − 10
    expect(current.orders).toBe(2);
    expect(current.customers).toBe(2);
    expect(current.units).toBe(3);
    expect(current.aov).toBeCloseTo(12, 9);
    // cost 8 + 1 + 4 − 4 = 9 on revenue 24
    expect(current.margin).toBeCloseTo((24 - 9) / 24, 9);
    small.close();
  });

  it('say null, not zero, when customers or costs are unknown', async () => {
    const csv = [SALES_HEADER, 'T1,2025-01-01 10:00:00,,P1,Widget,A,North,2,10.00,0.00,20.00,'].join('\n');
    const small = await fixtureDb(csv);
    const { current } = await kpis(small, ALL);
    expect(current.revenue).toBe(20);
    expect(current.customers).toBeNull();
    expect(current.margin).toBeNull();
    small.close();
  });

  it('take the unit cost from the products table when the line has none, even if a product is listed twice', async () => {
    const csv = [SALES_HEADER, 'T1,2025-01-01 10:00:00,C1,P1,Widget,A,North,2,10.00,0.00,20.00,'].join('\n');
    const products =
      'product_id,product_name,category,unit_price,unit_cost,stock_on_hand,lead_time_days,supplier\nP1,Widget,A,10,6,3,7,Acme\nP1,Widget,A,10,6,3,7,Acme\n';
    const small = await fixtureDb(csv, products);
    const { current } = await kpis(small, ALL);
    expect(current.revenue).toBe(20); // not doubled by the duplicate product row
    expect(current.margin).toBeCloseTo((20 - 12) / 20, 9);
    small.close();
  });
});
