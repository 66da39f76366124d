import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { topProducts } from '../../src/data/queries/top-products';
import { builtinDb } from '../helpers/builtin-db';
import { readLines, revenueBy, slice, type Line } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
});
afterAll(() => db.close());

function expectedTop(subset: Line[], n: number) {
  const byProduct = revenueBy(subset, (l) => l.product_id);
  return [...byProduct.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

describe('topProducts', () => {
  it('ranks the ten products with the most net revenue', async () => {
    const rows = await topProducts(db, ALL, 10);
    const expected = expectedTop(lines, 10);
    expect(rows.map((r) => r.product_id)).toEqual(expected.map(([id]) => id));
    const total = lines.reduce((a, l) => a + l.revenue, 0);
    rows.forEach((r, i) => {
      expect(r.revenue).toBeCloseTo(expected[i]?.[1] ?? NaN, 2);
      expect(r.share).toBeCloseTo((expected[i]?.[1] ?? NaN) / total, 9);
    });
    const names = new Map(lines.map((l) => [l.product_id, l.product_name]));
    for (const r of rows) expect(r.product_name).toBe(names.get(r.product_id));
  });

  it('ranks within a slice and honours the limit', async () => {
    const s = { from: '2025-07-01', to: '2025-09-30', regions: ['South'] };
    const rows = await topProducts(db, { ...ALL, ...s }, 3);
    expect(rows.map((r) => r.product_id)).toEqual(expectedTop(slice(lines, s), 3).map(([id]) => id));
  });
});
