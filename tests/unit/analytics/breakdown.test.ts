import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSalesCube, type SalesCube } from '../../../src/data/cube/sales-cube';
import type { Connector } from '../../../src/data/engine/connector';
import { ALL } from '../../../src/data/filters';
import { resolvePeriods } from '../../../src/data/periods';
import { breakdown } from '../../../src/data/queries/analytics';
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

const SPAN = { from: '2024-01-01', to: '2025-12-31' };

describe('breakdown', () => {
  it('gives each category revenue, growth, share, orders, AOV and discount', async () => {
    const f = { ...ALL, from: '2025-07-01', to: '2025-12-31' };
    const rows = await breakdown(cube, f, 'category', resolvePeriods(f, SPAN));
    const cur = slice(lines, { from: '2025-07-01', to: '2025-12-31' });
    // 184 days, so the period before is 2024-12-29 … 2025-06-30.
    const prev = slice(lines, { from: '2024-12-29', to: '2025-06-30' });
    const total = cur.reduce((a, l) => a + l.revenue, 0);
    expect(rows.map((r) => r.label).sort()).toEqual([...new Set(cur.map((l) => l.category))].sort());
    for (const r of rows) {
      const mine = cur.filter((l) => l.category === r.label);
      const before = prev.filter((l) => l.category === r.label);
      const want = expectedKpis(mine);
      const wantPrev = expectedKpis(before).revenue;
      expect(r.revenue).toBeCloseTo(want.revenue, 2);
      expect(r.previous_revenue).toBeCloseTo(wantPrev, 2);
      expect(r.growth).toBeCloseTo((want.revenue - wantPrev) / wantPrev, 9);
      expect(r.share).toBeCloseTo(want.revenue / total, 9);
      expect(r.orders).toBe(want.orders);
      expect(r.aov).toBeCloseTo(want.aov ?? NaN, 6);
      const sold = mine.filter((l) => l.quantity > 0);
      const list = sold.reduce((a, l) => a + l.quantity * l.unit_price, 0);
      expect(r.discount).toBeCloseTo(1 - sold.reduce((a, l) => a + l.revenue, 0) / list, 9);
    }
  });

  it('counts an order spanning two categories once per region', async () => {
    const f = { ...ALL, categories: ['Clothing', 'Sports'] };
    const rows = await breakdown(cube, f, 'region', resolvePeriods(f, SPAN));
    for (const r of rows) {
      const want = expectedKpis(slice(lines, { categories: f.categories, regions: [r.label ?? ''] }));
      expect(r.orders).toBe(want.orders);
      expect(r.revenue).toBeCloseTo(want.revenue, 2);
    }
  });
});
