import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Connector } from '../../src/data/engine/connector';
import { ALL } from '../../src/data/filters';
import { sliceTransactions } from '../../src/data/queries/slice-transactions';
import { builtinDb } from '../helpers/builtin-db';
import { readLines, slice, type Line } from '../helpers/expected';

let db: Connector & { close(): void };
let lines: Line[];
beforeAll(async () => {
  db = await builtinDb();
  lines = readLines();
});
afterAll(() => db.close());

const S = { from: '2024-03-01', to: '2024-08-31', categories: ['Electronics', 'Toys'], regions: ['North', 'West'] };
const column = (result: { columns: string[]; rows: unknown[][] }, name: string) => {
  const i = result.columns.indexOf(name);
  return result.rows.map((r) => r[i]);
};

describe('sliceTransactions', () => {
  it('returns every line of a filtered slice with all canonical columns', async () => {
    const expected = slice(lines, S);
    expect(expected.length).toBeGreaterThan(50); // the slice must be a real test
    const result = await sliceTransactions(db, { ...ALL, ...S }, {});
    expect(result.columns).toEqual([
      'transaction_id',
      'ts',
      'customer_id',
      'product_id',
      'product_name',
      'category',
      'region',
      'quantity',
      'unit_price',
      'discount',
      'revenue',
      'unit_cost',
    ]);
    expect(result.total).toBe(expected.length);
    expect(result.rows).toHaveLength(expected.length);
    const revenue = column(result, 'revenue').reduce<number>((a, v) => a + Number(v), 0);
    expect(revenue).toBeCloseTo(
      expected.reduce((a, l) => a + l.revenue, 0),
      2,
    );
    expect(new Set(column(result, 'category'))).toEqual(new Set(expected.map((l) => l.category)));
  });

  it('writes ts as YYYY-MM-DD HH:MM:SS text, ordered by time then transaction', async () => {
    const result = await sliceTransactions(db, { ...ALL, ...S }, {});
    const ts = column(result, 'ts') as string[];
    const ids = column(result, 'transaction_id') as string[];
    expect(ts.every((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t))).toBe(true);
    expect(new Set(ts)).toEqual(new Set(slice(lines, S).map((l) => l.ts)));
    const keys = ts.map((t, i) => [t, ids[i] ?? ''] as const);
    const sorted = [...keys].sort((a, b) =>
      a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
    );
    expect(keys).toEqual(sorted);
  });

  it('cuts off at the limit but still reports the whole slice', async () => {
    const all = await sliceTransactions(db, { ...ALL, ...S });
    const first = await sliceTransactions(db, { ...ALL, ...S }, { limit: 10 });
    expect(first.rows).toEqual(all.rows.slice(0, 10));
    expect(first.total).toBe(all.total);
    expect((await sliceTransactions(db, { ...ALL, ...S }, { limit: 0 })).total).toBe(all.total);
  });

  it('replaces customer ids with salted SHA-256 pseudonyms, the rest unchanged', async () => {
    const salt = "0123456789abcdef'--";
    const plain = await sliceTransactions(db, { ...ALL, ...S });
    const hidden = await sliceTransactions(db, { ...ALL, ...S }, { pseudonymiseSalt: salt });
    const ids = column(plain, 'customer_id') as string[];
    const expected = ids.map((id) =>
      createHash('sha256')
        .update(salt + id)
        .digest('hex')
        .slice(0, 16),
    );
    expect(column(hidden, 'customer_id')).toEqual(expected);
    expect(new Set(expected).size).toBe(new Set(ids).size); // no two customers merged
    const withoutCustomer = (r: { rows: unknown[][] }) => r.rows.map((row) => row.filter((_, i) => i !== 2));
    expect(withoutCustomer(hidden)).toEqual(withoutCustomer(plain));
  });
});
