import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSalesCube, type SalesCube } from '../../../src/data/cube/sales-cube';
import type { Connector } from '../../../src/data/engine/connector';
import { ALL } from '../../../src/data/filters';
import { resolvePeriods } from '../../../src/data/periods';
import { salesOverTime } from '../../../src/data/queries/analytics';
import { builtinDb } from '../../helpers/builtin-db';
import { expectedKpis, readLines, slice, type Line } from '../../helpers/expected';

let db: Connector & { close(): void };
let cube: SalesCube;
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  cube = await loadSalesCube(db);
  lines = readLines();
});
afterAll(() => db.close());

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const SPAN = { from: '2024-01-01', to: '2025-12-31' };

describe('salesOverTime', () => {
  it('gives each week its revenue and orders, and the weeks before underneath', async () => {
    const f = { ...ALL, from: '2025-03-03', to: '2025-04-27', grain: 'week' as const, regions: ['North', 'East'] };
    const periods = resolvePeriods(f, SPAN);
    const { current, previous } = await salesOverTime(cube, f, periods);
    expect(current).toHaveLength(8);
    expect(previous).toHaveLength(8);
    expect(iso(current[0]?.period ?? 0)).toBe('2025-03-03');
    // The previous period is laid on the current axis, each day moved forward by the 56 days of the range.
    expect(previous.map((p) => p.period)).toEqual(current.map((p) => p.period));
    for (const [series, points, shift] of [
      ['cur', current, 0],
      ['prev', previous, 56],
    ] as const) {
      for (const p of points) {
        const start = iso(p.period - shift * 86_400_000);
        const end = iso(p.period + (6 - shift) * 86_400_000);
        const want = expectedKpis(slice(lines, { from: start, to: end, regions: f.regions }));
        expect([series, start, p.revenue]).toEqual([series, start, expect.closeTo(want.revenue, 2)]);
        expect(p.orders).toBe(want.orders);
      }
    }
  });

  it('lines the previous month up day for day, even when months differ in length', () => {
    const f = { ...ALL, from: '2025-03-01', to: '2025-03-31', grain: 'day' as const };
    const periods = resolvePeriods(f, SPAN);
    const { current, previous } = salesOverTime(cube, f, periods);
    expect(previous).toHaveLength(current.length);
    const before = expectedKpis(slice(lines, periods.previous)).revenue;
    expect(previous.reduce((a, p) => a + p.revenue, 0)).toBeCloseTo(before, 2);
  });

  it('fills every day of the range at day grain, and leaves out a previous period with no data', async () => {
    const f = { ...ALL, from: '2024-01-01', to: '2024-01-31', grain: 'day' as const, categories: ['Toys'] };
    const { current, previous } = await salesOverTime(cube, f, resolvePeriods(f, SPAN));
    expect(current).toHaveLength(31);
    expect(previous).toEqual([]);
    const total = current.reduce((a, p) => a + p.revenue, 0);
    expect(total).toBeCloseTo(expectedKpis(slice(lines, { from: f.from, to: f.to, categories: ['Toys'] })).revenue, 2);
  });
});
