/** Product returns: a small share of purchased lines come back a few days to weeks later. */
import type { SalesLedger } from './orders';
import { HOUR_WEIGHTS, OPEN_HOUR } from './orders';
import type { Product } from './products';
import { cumulative, type Rng } from './prng';

/** Returned lines, each pointing at the sale line it reverses. */
export interface ReturnLedger {
  count: number;
  sourceLine: Int32Array;
  day: Int32Array;
  sec: Int32Array;
  /** Negative unit count. */
  qty: Int16Array;
}

/** Share of all output lines that are returns. */
export const RETURN_SHARE = 0.02;

/** Earliest and latest return, in days after purchase. */
export const RETURN_DELAY: readonly [min: number, max: number] = [3, 30];

// Clothing comes back (fit), beauty rarely does (opened); aligned with CATEGORIES.
const CATEGORY_RETURN_PROPENSITY: readonly number[] = [1.3, 2.5, 0.8, 1.0, 0.5, 0.8];

/** How many of `rows` output lines should be returns for a range of `days` days. */
export function returnCount(rows: number, days: number): number {
  // A return needs a purchase at least the minimum delay before the last day.
  return days > RETURN_DELAY[0] ? Math.round(rows * RETURN_SHARE) : 0;
}

/** Picks up to `count` distinct sale lines to be returned and dates each return. */
export function simulateReturns(
  count: number,
  sales: SalesLedger,
  products: readonly Product[],
  days: number,
  rng: Rng,
): ReturnLedger {
  const lastDay = days - 1;
  const weights = new Float64Array(sales.lines);
  let eligible = 0;
  for (let i = 0; i < sales.lines; i++) {
    const day = sales.orderDay[sales.lineOrder[i] ?? 0] ?? 0;
    const category = products[sales.lineProduct[i] ?? 0]?.categoryIndex ?? 0;
    if (lastDay - day >= RETURN_DELAY[0]) {
      weights[i] = CATEGORY_RETURN_PROPENSITY[category] ?? 1;
      eligible++;
    }
  }
  const target = Math.min(count, eligible);
  const weightCum = cumulative(weights);
  const taken = new Uint8Array(sales.lines);
  const hourCum = cumulative(HOUR_WEIGHTS);
  const out: ReturnLedger = {
    count: target,
    sourceLine: new Int32Array(target),
    day: new Int32Array(target),
    sec: new Int32Array(target),
    qty: new Int16Array(target),
  };
  let made = 0;
  // Rejection sampling is cheap here because returns are a tiny fraction of all lines.
  while (made < target) {
    const line = rng.pickCumulative(weightCum);
    if (taken[line] === 1 || (weights[line] ?? 0) === 0) continue;
    taken[line] = 1;
    const day = sales.orderDay[sales.lineOrder[line] ?? 0] ?? 0;
    const room = lastDay - day;
    const delay = rng.int(RETURN_DELAY[0], Math.min(RETURN_DELAY[1], room));
    const bought = sales.lineQty[line] ?? 1;
    // Most returns are the whole line; some keep part of a multi-unit purchase.
    const units = bought > 1 && rng.chance(0.2) ? rng.int(1, bought - 1) : bought;
    out.sourceLine[made] = line;
    out.day[made] = day + delay;
    out.sec[made] = (OPEN_HOUR + rng.pickCumulative(hourCum)) * 3600 + rng.int(0, 3599);
    out.qty[made] = -units;
    made++;
  }
  return out;
}
