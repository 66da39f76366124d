import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { revenueTrend } from '../../src/data/queries/revenue-trend';
import { builtinDb, fixtureDb, SALES_HEADER } from '../helpers/builtin-db';
import { readLines, revenueBy, slice, type Line } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
});
afterAll(() => db.close());

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('revenueTrend', () => {
  it('sums net revenue per calendar month over all data', async () => {
    const points = await revenueTrend(db, ALL);
    const expected = revenueBy(lines, (l) => `${l.day.slice(0, 7)}-01`);
    expect(points.map((p) => iso(p.period))).toEqual([...expected.keys()].sort());
    for (const p of points) expect(p.revenue).toBeCloseTo(expected.get(iso(p.period)) ?? NaN, 2);
  });

  it('gives one point per day of a filtered range, at day grain', async () => {
    const s = { from: '2025-02-01', to: '2025-02-28', regions: ['West'] };
    const points = await revenueTrend(db, { ...ALL, ...s, grain: 'day' });
    expect(points).toHaveLength(28);
    const expected = revenueBy(slice(lines, s), (l) => l.day);
    for (const p of points) expect(p.revenue).toBeCloseTo(expected.get(iso(p.period)) ?? 0, 2);
  });

  it('starts weeks on Monday and counts orders per week', async () => {
    const s = { from: '2025-03-03', to: '2025-03-30' };
    const points = await revenueTrend(db, { ...ALL, ...s, grain: 'week' });
    expect(points.map((p) => iso(p.period))).toEqual(['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24']);
    const inWeek = (start: string) =>
      slice(lines, { from: start, to: iso(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000) });
    for (const p of points) {
      const week = inWeek(iso(p.period));
      const orders = new Set(week.filter((l) => l.quantity >= 0 && l.revenue >= 0).map((l) => l.transaction_id)).size;
      expect(p.orders).toBe(orders);
    }
  });

  it('fills months without sales with zero', async () => {
    const csv = [
      SALES_HEADER,
      'T1,2025-01-15 10:00:00,C1,P1,Widget,A,North,1,10.00,0.00,10.00,4.00',
      'T2,2025-04-02 10:00:00,C1,P1,Widget,A,North,1,10.00,0.00,10.00,4.00',
    ].join('\n');
    const small = await fixtureDb(csv);
    const points = await revenueTrend(small, ALL);
    expect(points.map((p) => [iso(p.period), p.revenue])).toEqual([
      ['2025-01-01', 10],
      ['2025-02-01', 0],
      ['2025-03-01', 0],
      ['2025-04-01', 10],
    ]);
    small.close();
  });

  it('returns no points for a slice without sales', async () => {
    expect(await revenueTrend(db, { ...ALL, categories: ['Nothing'] })).toEqual([]);
  });
});
