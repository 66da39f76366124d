/** Pure windowing and sorting for VirtualTable: no DOM, no Solid, so it is unit-tested in Node. */

/** A half-open range of row positions: `start` is the first rendered row, `end` is one past the last. */
export interface RowRange {
  start: number;
  end: number;
}

/** A sortable cell value; `null` (and NaN) is an empty cell, which sorts last either way. */
export type SortValue = number | string | null | undefined;

/**
 * The rows to render for a scroll position: those at least partly inside the viewport, plus
 * `overscan` rows either side, clamped to `[0, total)`. A scroll position past the end (the
 * rows just shrank, the browser has not clamped `scrollTop` yet) shows the last rows, never none.
 *
 * @example visibleRange(360, 480, 36, 10_000, 8) // rows 10–23 visible → { start: 2, end: 32 }
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number,
): RowRange {
  if (!(rowHeight > 0)) throw new RangeError(`Row height must be positive, not ${rowHeight}`);
  const rows = Math.max(0, Math.floor(total));
  if (rows === 0) return { start: 0, end: 0 };
  // Negative on iOS rubber-band scrolling; NaN never, but a bad value must not blank the table.
  const top = Number.isFinite(scrollTop) ? Math.max(0, scrollTop) : 0;
  const height = Number.isFinite(viewportHeight) ? Math.max(0, viewportHeight) : 0;
  const extra = Math.max(0, Math.floor(overscan) || 0);
  let first = Math.floor(top / rowHeight);
  let last = Math.max(first + 1, Math.ceil((top + height) / rowHeight));
  if (last > rows) {
    first = Math.max(0, first - (last - rows));
    last = rows;
  }
  return { start: Math.max(0, first - extra), end: Math.min(rows, last + extra) };
}

/** First position in ascending `sorted` whose value is not below `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each row's sort rank, computing `key` once per row: equal values share a rank, numbers rank
 * below text (numerically), text ranks by the browser's locale (as `localeCompare`, like
 * DataTable), and an empty cell (null, undefined, NaN) is -1. Ranks lie in `[0, rows.length)`.
 */
export function sortRanks<T>(rows: readonly T[], key: (row: T) => SortValue): Int32Array {
  const n = rows.length;
  const ranks = new Int32Array(n).fill(-1);
  const numbers = new Float64Array(n);
  const isNumber = new Uint8Array(n);
  const texts = new Map<string, number>();
  const textOf: (string | undefined)[] = new Array<string | undefined>(n);
  let numberCount = 0;
  for (let i = 0; i < n; i++) {
    const v = key(rows[i]!);
    if (typeof v === 'number') {
      if (Number.isNaN(v)) continue;
      numbers[i] = v;
      isNumber[i] = 1;
      numberCount++;
    } else if (typeof v === 'string') {
      textOf[i] = v;
      texts.set(v, 0);
    }
  }
  // Numbers: a native (comparator-free) sort of the values, then each row's first equal position.
  if (numberCount > 0) {
    const sorted = new Float64Array(numberCount);
    for (let i = 0, j = 0; i < n; i++) if (isNumber[i]) sorted[j++] = numbers[i]!;
    sorted.sort();
    for (let i = 0; i < n; i++) if (isNumber[i]) ranks[i] = lowerBound(sorted, numbers[i]!);
  }
  // Text: collate each distinct string once (10,000 product names, not 10,000 × log n key calls).
  if (texts.size > 0) {
    const distinct = [...texts.keys()].sort((a, b) => a.localeCompare(b));
    let rank = numberCount;
    distinct.forEach((s, j) => {
      if (j > 0 && distinct[j - 1]!.localeCompare(s) !== 0) rank = numberCount + j;
      texts.set(s, rank);
    });
    for (let i = 0; i < n; i++) {
      const s = textOf[i];
      if (s !== undefined) ranks[i] = texts.get(s)!;
    }
  }
  return ranks;
}

/**
 * Row indices ordered by rank (from `sortRanks`): a stable counting sort, O(n), so equal ranks
 * keep their input order in both directions and empty cells (-1) come last, in input order.
 */
export function orderByRanks(ranks: Int32Array, descending: boolean): Int32Array {
  const n = ranks.length;
  const starts = new Int32Array(n + 1);
  let empty = 0;
  for (let i = 0; i < n; i++) {
    const r = ranks[i]!;
    if (r < 0) empty++;
    else starts[r]!++;
  }
  // Turn counts into each rank's first output position, walking ranks in the wanted direction.
  let at = 0;
  for (let k = 0; k < n; k++) {
    const r = descending ? n - 1 - k : k;
    const count = starts[r]!;
    starts[r] = at;
    at += count;
  }
  const order = new Int32Array(n);
  let emptyAt = n - empty;
  for (let i = 0; i < n; i++) {
    const r = ranks[i]!;
    if (r < 0) order[emptyAt++] = i;
    else order[starts[r]!++] = i;
  }
  return order;
}

/**
 * Row indices sorted by `key` (computed once per row): stable, empty cells last either way.
 *
 * @example sortedOrder([{ v: 2 }, { v: null }, { v: 5 }], (r) => r.v, true) // Int32Array [2, 0, 1]
 */
export function sortedOrder<T>(rows: readonly T[], key: (row: T) => SortValue, descending: boolean): Int32Array {
  return orderByRanks(sortRanks(rows, key), descending);
}
