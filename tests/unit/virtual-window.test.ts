import { describe, expect, it } from 'vitest';
import {
  orderByRanks,
  sortRanks,
  sortedOrder,
  visibleRange,
  type SortValue,
} from '../../src/components/virtual-window';

describe('visibleRange', () => {
  // [case, scrollTop, viewportHeight, rowHeight, total, overscan, expected]
  const CASES: [string, number, number, number, number, number, { start: number; end: number }][] = [
    // 480 / 36 = 13.3 → rows 0–13 visible (14 rows), + 8 below.
    ['top of 10,000 rows', 0, 480, 36, 10_000, 8, { start: 0, end: 22 }],
    // 360 / 36 = row 10 at the top; (360 + 480) / 36 = 23.3 → rows 10–23; ± 8.
    ['middle', 360, 480, 36, 10_000, 8, { start: 2, end: 32 }],
    // Half a row scrolled: row 0 is still partly visible, row 13 (468–504) too, row 14 (from 504) not.
    ['part-scrolled first row', 18, 480, 36, 10_000, 8, { start: 0, end: 22 }],
    // Exactly one row tall at a row boundary: that row only.
    ['one row at a boundary', 36, 36, 36, 100, 0, { start: 1, end: 2 }],
    // Bottom: max scrollTop = 10,000 × 36 − 480 = 359,520 → rows 9,986–9,999; overscan clamps at 10,000.
    ['bottom of 10,000 rows', 359_520, 480, 36, 10_000, 8, { start: 9_978, end: 10_000 }],
    ['fewer rows than the viewport', 0, 480, 36, 3, 8, { start: 0, end: 3 }],
    ['no rows', 0, 480, 36, 0, 8, { start: 0, end: 0 }],
    ['no rows, scrolled', 5_000, 480, 36, 0, 8, { start: 0, end: 0 }],
    // Rows shrank from 10,000 to 20 before the browser clamped scrollTop: show the last rows.
    ['scrolled past the end', 359_520, 480, 36, 20, 8, { start: 0, end: 20 }],
    // 1e9 / 36 is mid-row, so 11 rows are partly visible: the last 11 (989–999), then 2 above.
    ['scrolled past the end, long list', 1e9, 360, 36, 1_000, 2, { start: 987, end: 1_000 }],
    // iOS rubber-banding gives a negative scrollTop.
    ['negative scrollTop', -40, 480, 36, 10_000, 8, { start: 0, end: 22 }],
    // Before layout the viewport may measure 0: still one row, so the table is never blank.
    ['zero-height viewport', 0, 0, 36, 10_000, 0, { start: 0, end: 1 }],
    ['fractional overscan is floored', 360, 480, 36, 10_000, 2.9, { start: 8, end: 26 }],
  ];
  it.each(CASES)('%s', (_name, top, height, rowHeight, total, overscan, expected) => {
    expect(visibleRange(top, height, rowHeight, total, overscan)).toEqual(expected);
  });

  it('refuses a row height that would divide by zero', () => {
    expect(() => visibleRange(0, 480, 0, 10, 8)).toThrow(RangeError);
  });
});

interface Row {
  id: number;
  v: SortValue;
}
const rowsOf = (values: SortValue[]): Row[] => values.map((v, id) => ({ id, v }));
const order = (values: SortValue[], descending: boolean) => [...sortedOrder(rowsOf(values), (r) => r.v, descending)];

describe('sortedOrder', () => {
  it('sorts numbers either way', () => {
    expect(order([3, 1, 2], false)).toEqual([1, 2, 0]);
    expect(order([3, 1, 2], true)).toEqual([0, 2, 1]);
  });

  it('sorts negative numbers, -0 and 0 as equal, and infinities', () => {
    expect(order([0, -Infinity, -0, -2.5, Infinity], false)).toEqual([1, 3, 0, 2, 4]);
  });

  it('keeps ties in input order, ascending and descending', () => {
    expect(order([2, 1, 2, 1, 2], false)).toEqual([1, 3, 0, 2, 4]);
    expect(order([2, 1, 2, 1, 2], true)).toEqual([0, 2, 4, 1, 3]);
  });

  it('puts empty cells (null, undefined, NaN) last either way, in input order', () => {
    expect(order([null, 5, NaN, 1, undefined], false)).toEqual([3, 1, 0, 2, 4]);
    expect(order([null, 5, NaN, 1, undefined], true)).toEqual([1, 3, 0, 2, 4]);
  });

  it('sorts text A→Z as localeCompare does, equal strings stable', () => {
    expect(order(['pear', 'Apple', 'banana', 'apple', 'pear'], false)).toEqual([3, 1, 2, 0, 4]);
    expect(order(['pear', 'Apple', 'banana', 'apple', 'pear'], true)).toEqual([0, 4, 2, 1, 3]);
  });

  it('puts numbers before text in a mixed column', () => {
    expect(order(['b', 10, null, 2, 'a'], false)).toEqual([3, 1, 4, 0, 2]);
    expect(order(['b', 10, null, 2, 'a'], true)).toEqual([0, 4, 1, 3, 2]);
  });

  it('handles no rows and one row', () => {
    expect(order([], false)).toEqual([]);
    expect(order([null], true)).toEqual([0]);
    expect(order([7], true)).toEqual([0]);
  });

  it('calls the key once per row', () => {
    let calls = 0;
    sortedOrder(
      rowsOf([3, 1, 2, 'x', null]),
      (r) => {
        calls++;
        return r.v;
      },
      false,
    );
    expect(calls).toBe(5);
  });

  it('reverses from the same ranks without recomputing keys', () => {
    const ranks = sortRanks(rowsOf([30, null, 10, 20, 10]), (r) => r.v);
    expect([...ranks]).toEqual([3, -1, 0, 2, 0]);
    expect([...orderByRanks(ranks, false)]).toEqual([2, 4, 3, 0, 1]);
    expect([...orderByRanks(ranks, true)]).toEqual([0, 3, 2, 4, 1]);
  });
});

describe('sortedOrder on 10,000 rows matches a reference sort', () => {
  // A seeded LCG, so the case is the same on every run.
  let seed = 20240601;
  const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const WORDS = ['Oat', 'milk', 'Éclair', 'coffee', 'Beans', 'tea', 'Bread', 'cheese', 'apple', 'Zest'];
  const N = 10_000;
  const rows = Array.from({ length: N }, (_, id) => ({
    id,
    // Few distinct values, so ties are common; about 5% empty.
    units: next() < 0.05 ? null : Math.round(next() * 200) - 20,
    revenue: next() < 0.05 ? null : next() * 1e6,
    name: next() < 0.05 ? null : `${WORDS[Math.floor(next() * WORDS.length)]} ${Math.floor(next() * 300)}`,
  }));
  type R = (typeof rows)[number];

  /** The obvious way (DataTable's comparator on a stable Array.sort), slow but clearly right. */
  function reference(key: (r: R) => number | string | null, descending: boolean): number[] {
    return rows
      .map((r, i) => ({ i, k: key(r) }))
      .sort((a, b) => {
        if (a.k == null || b.k == null) return a.k == null ? (b.k == null ? 0 : 1) : -1;
        const o =
          typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k));
        return descending ? -o : o;
      })
      .map((x) => x.i);
  }

  const KEYS: [string, (r: R) => number | string | null][] = [
    ['units (many ties)', (r) => r.units],
    ['revenue', (r) => r.revenue],
    ['name (text)', (r) => r.name],
  ];
  for (const [name, key] of KEYS) {
    for (const descending of [false, true]) {
      it(`${name}, ${descending ? 'descending' : 'ascending'}`, () => {
        const got = sortedOrder(rows, key, descending);
        expect(got).toBeInstanceOf(Int32Array);
        expect([...got]).toEqual(reference(key, descending));
      });
    }
  }
});
