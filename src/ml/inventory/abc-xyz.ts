/**
 * ABC (how much revenue) × XYZ (how steady the demand) classification of products. Pure:
 * columns in, classes out; index i is the same product everywhere. With the columns of
 * `productStats` (ordered by product id), ties by index are ties by product id.
 */

/** Revenue class: A makes the first 80% of revenue, B the next 15%, C the rest (default thresholds). */
export type AbcClass = 'A' | 'B' | 'C';
/** Demand-variability class by the coefficient of variation of weekly units; 'none' when nothing sold. */
export type XyzClass = 'X' | 'Y' | 'Z' | 'none';

/** Cumulative revenue shares ending A and B. */
export const DEFAULT_ABC_THRESHOLDS: readonly [number, number] = [0.8, 0.95];
/** Largest coefficients of variation of X and Y. */
export const DEFAULT_XYZ_THRESHOLDS: readonly [number, number] = [0.5, 1.0];

export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];
export const XYZ_CLASSES: readonly Exclude<XyzClass, 'none'>[] = ['X', 'Y', 'Z'];

/** Products by revenue for a Pareto chart: only those with positive revenue. */
export interface ParetoRanking {
  /** Indices of products with revenue > 0, highest revenue first (ties by index). */
  order: Int32Array;
  /** Share of total positive revenue made before each product of `order` is added. */
  shareBefore: Float64Array;
  /** Share made including it (the Pareto curve). */
  shareAfter: Float64Array;
  /** Σ of the positive revenues. */
  total: number;
}

// Cumulative sums are rounded: a share that is 0.8 on paper must not read 0.7999999.
const EPS = 1e-9;

const ascending = (t: readonly [number, number]): [number, number] => (t[0] <= t[1] ? [t[0], t[1]] : [t[1], t[0]]);

/** Products with positive revenue, sorted, with cumulative shares. */
export function paretoRanking(revenue: ArrayLike<number>): ParetoRanking {
  const idx: number[] = [];
  let total = 0;
  for (let i = 0; i < revenue.length; i++) {
    const r = revenue[i]!;
    if (r > 0 && Number.isFinite(r)) {
      idx.push(i);
      total += r;
    }
  }
  idx.sort((a, b) => revenue[b]! - revenue[a]! || a - b);
  const order = Int32Array.from(idx);
  const shareBefore = new Float64Array(idx.length);
  const shareAfter = new Float64Array(idx.length);
  let cum = 0;
  idx.forEach((i, k) => {
    shareBefore[k] = cum / total;
    cum += revenue[i]!;
    shareAfter[k] = cum / total;
  });
  return { order, shareBefore, shareAfter, total };
}

/**
 * ABC class per product by Pareto on revenue. Convention: a product's class is decided by
 * the cumulative share BEFORE it is added, so the product that crosses 80% is still A (it
 * is part of what makes the first 80%), and the first product is always A. Revenue ≤ 0 is C.
 *
 * @example
 * abcClasses([50, 30, 15, 5]) // shares before: 0, .5, .8, .95 → ['A', 'A', 'B', 'C']
 */
export function abcClasses(
  revenue: ArrayLike<number>,
  thresholds: readonly [number, number] = DEFAULT_ABC_THRESHOLDS,
): AbcClass[] {
  const [a, b] = ascending(thresholds);
  const out = new Array<AbcClass>(revenue.length).fill('C');
  const { order, shareBefore } = paretoRanking(revenue);
  order.forEach((i, k) => {
    const before = shareBefore[k]!;
    out[i] = before < a - EPS ? 'A' : before < b - EPS ? 'B' : 'C';
  });
  return out;
}

/**
 * Coefficient of variation of each product's weekly units: population SD ÷ mean over its
 * `weeks` weeks (the weeks are the whole record described, so ÷ n). Null when the mean is ≤ 0.
 * `weeklyUnits` is flat and row-major: product i's weeks are [i × weeks, (i + 1) × weeks).
 */
export function weeklyCv(weeklyUnits: ArrayLike<number>, weeks: number): (number | null)[] {
  const n = weeks > 0 ? Math.floor(weeklyUnits.length / weeks) : 0;
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let sumSq = 0;
    for (let k = 0; k < weeks; k++) {
      const v = weeklyUnits[i * weeks + k]!;
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / weeks;
    out[i] = mean > 0 && Number.isFinite(mean) ? Math.sqrt(Math.max(0, sumSq / weeks - mean * mean)) / mean : null;
  }
  return out;
}

/**
 * XYZ class per product: X when CV ≤ 0.5, Y when ≤ 1.0, Z above (default thresholds);
 * 'none' for a product that sold nothing in those weeks (CV undefined).
 */
export function xyzClasses(
  weeklyUnits: ArrayLike<number>,
  weeks: number,
  thresholds: readonly [number, number] = DEFAULT_XYZ_THRESHOLDS,
): XyzClass[] {
  const [x, y] = ascending(thresholds);
  return weeklyCv(weeklyUnits, weeks).map((cv) =>
    cv === null ? 'none' : cv <= x + EPS ? 'X' : cv <= y + EPS ? 'Y' : 'Z',
  );
}

/** Products and revenue in each ABC × XYZ cell. */
export interface AbcXyzMatrix {
  /** counts[abc][xyz]: rows A, B, C; columns X, Y, Z. */
  counts: number[][];
  /** Revenue of the products in each cell, same layout. */
  revenue: number[][];
  /** Per ABC row (A, B, C), the products with no demand in the weeks (XYZ 'none'), outside the 3×3. */
  noDemand: { counts: number[]; revenue: number[] };
  /** All products and their revenue: the cells plus `noDemand` add up to these. */
  total: { count: number; revenue: number };
}

/** Counts and revenue per ABC × XYZ cell (products without demand kept apart in `noDemand`). */
export function abcXyzMatrix(
  abc: readonly AbcClass[],
  xyz: readonly XyzClass[],
  revenue: ArrayLike<number>,
): AbcXyzMatrix {
  const grid = () => ABC_CLASSES.map(() => XYZ_CLASSES.map(() => 0));
  const m: AbcXyzMatrix = {
    counts: grid(),
    revenue: grid(),
    noDemand: { counts: [0, 0, 0], revenue: [0, 0, 0] },
    total: { count: 0, revenue: 0 },
  };
  const n = Math.min(abc.length, xyz.length, revenue.length);
  for (let i = 0; i < n; i++) {
    const r = ABC_CLASSES.indexOf(abc[i]!);
    const c = xyz[i] === 'none' ? -1 : XYZ_CLASSES.indexOf(xyz[i] as Exclude<XyzClass, 'none'>);
    const value = Number.isFinite(revenue[i]) ? revenue[i]! : 0;
    if (r < 0) continue;
    if (c < 0) {
      m.noDemand.counts[r]! += 1;
      m.noDemand.revenue[r]! += value;
    } else {
      m.counts[r]![c]! += 1;
      m.revenue[r]![c]! += value;
    }
    m.total.count += 1;
    m.total.revenue += value;
  }
  return m;
}
