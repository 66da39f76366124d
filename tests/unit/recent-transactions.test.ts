import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { recentTransactions } from '../../src/data/queries/recent-transactions';
import { builtinDb } from '../helpers/builtin-db';
import { readLines, slice, type Line } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
});
afterAll(() => db.close());

function expectedRecent(subset: Line[], n: number) {
  const byId = new Map<string, { ts: string; revenue: number; lines: number }>();
  for (const l of subset) {
    const t = byId.get(l.transaction_id) ?? { ts: l.ts, revenue: 0, lines: 0 };
    t.ts = t.ts > l.ts ? t.ts : l.ts;
    t.revenue += l.revenue;
    t.lines += 1;
    byId.set(l.transaction_id, t);
  }
  return [...byId.entries()]
    .sort((a, b) => (a[1].ts === b[1].ts ? (a[0] < b[0] ? 1 : -1) : a[1].ts < b[1].ts ? 1 : -1))
    .slice(0, n);
}

describe('recentTransactions', () => {
  it('lists the newest transactions of a filtered slice', async () => {
    const s = { to: '2025-06-30', regions: ['East'], categories: ['Beauty', 'Toys'] };
    const rows = await recentTransactions(db, { ...ALL, ...s }, 7);
    const expected = expectedRecent(slice(lines, s), 7);
    expect(rows.map((r) => r.transaction_id)).toEqual(expected.map(([id]) => id));
  });

  it('lists the 20 newest transactions with all their lines summed', async () => {
    const rows = await recentTransactions(db, ALL, 20);
    const expected = expectedRecent(lines, 20);
    expect(rows.map((r) => r.transaction_id)).toEqual(expected.map(([id]) => id));
    rows.forEach((r, i) => {
      const e = expected[i]?.[1];
      expect(r.revenue).toBeCloseTo(e?.revenue ?? NaN, 2);
      expect(r.lines).toBe(e?.lines);
      expect(new Date(r.ts).toISOString().slice(0, 19).replace('T', ' ')).toBe(e?.ts);
    });
  });
});
