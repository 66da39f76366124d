import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { revenueByCategory, revenueByRegion } from '../../src/data/queries/revenue-by-dimension';
import { builtinDb, fixtureDb, SALES_HEADER } from '../helpers/builtin-db';
import { readLines, revenueBy, slice, type Line } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
});
afterAll(() => db.close());

describe('revenue by category and region', () => {
  it('sums each category, largest first, with shares adding to one', async () => {
    const rows = await revenueByCategory(db, ALL);
    const expected = revenueBy(lines, (l) => l.category);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(rows.map((r) => r.label)).toEqual([...expected.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k));
    for (const r of rows) {
      expect(r.revenue).toBeCloseTo(expected.get(r.label ?? '') ?? NaN, 2);
      expect(r.share).toBeCloseTo((expected.get(r.label ?? '') ?? NaN) / total, 9);
    }
    expect(rows.reduce((a, r) => a + (r.share ?? 0), 0)).toBeCloseTo(1, 9);
  });

  it('sums each region within a filtered slice', async () => {
    const s = { from: '2024-11-01', to: '2024-12-31', categories: ['Electronics'] };
    const rows = await revenueByRegion(db, { ...ALL, ...s });
    const expected = revenueBy(slice(lines, s), (l) => l.region);
    expect(rows).toHaveLength(expected.size);
    for (const r of rows) expect(r.revenue).toBeCloseTo(expected.get(r.label ?? '') ?? NaN, 2);
  });

  it('keeps lines without a category as a null label', async () => {
    const csv = [
      SALES_HEADER,
      'T1,2025-01-15 10:00:00,C1,P1,Widget,,North,1,10.00,0.00,10.00,4.00',
      'T2,2025-01-16 10:00:00,C1,P1,Widget,A,North,1,30.00,0.00,30.00,4.00',
    ].join('\n');
    const small = await fixtureDb(csv);
    const rows = await revenueByCategory(small, ALL);
    expect(rows.map((r) => [r.label, r.revenue, r.share])).toEqual([
      ['A', 30, 0.75],
      [null, 10, 0.25],
    ]);
    small.close();
  });
});
