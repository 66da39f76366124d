/** Stock on hand, derived from each product's simulated recent demand. */
import type { SalesLedger } from './orders';
import type { Product } from './products';
import type { Rng } from './prng';

/** Recent demand is measured over this many final days of the range. */
export const DEMAND_WINDOW_DAYS = 90;

/** Share of products deliberately left short (a few days of cover or none) to trigger reorder alerts. */
export const LOW_STOCK_SHARE = 0.12;

/** Average units sold per day for each product over the final window (whole range if it sold nothing then). */
export function dailyDemand(products: readonly Product[], sales: SalesLedger, days: number): Float64Array {
  const from = Math.max(0, days - DEMAND_WINDOW_DAYS);
  const recent = new Float64Array(products.length);
  const overall = new Float64Array(products.length);
  for (let i = 0; i < sales.lines; i++) {
    const p = sales.lineProduct[i] ?? 0;
    const q = sales.lineQty[i] ?? 0;
    overall[p] = (overall[p] ?? 0) + q;
    if ((sales.orderDay[sales.lineOrder[i] ?? 0] ?? 0) >= from) recent[p] = (recent[p] ?? 0) + q;
  }
  const windowDays = days - from;
  return recent.map((units, p) => (units > 0 ? units / windowDays : (overall[p] ?? 0) / days));
}

/**
 * Units in stock per product: mostly 20-90 days of cover, a low-stock group with a few days
 * or nothing, and dead stock that sells little yet fills the shelves.
 */
export function stockLevels(products: readonly Product[], demand: Float64Array, rng: Rng): Int32Array {
  const stock = new Int32Array(products.length);
  const live = products.filter((p) => !p.dead).map((p) => p.index);
  const low = new Set(rng.shuffle(live).slice(0, Math.round(products.length * LOW_STOCK_SHARE)));
  for (const p of products) {
    const daily = demand[p.index] ?? 0;
    let units: number;
    if (p.dead) {
      units = Math.max(Math.ceil(daily * rng.int(180, 540)), rng.int(25, 150));
    } else if (low.has(p.index)) {
      // Whole units: for slow sellers even one unit can be a week or more of cover.
      units = rng.chance(1 / 3) ? 0 : Math.max(1, Math.round(daily * rng.between(1, 5)));
    } else {
      units = Math.max(1, Math.round(daily * rng.between(20, 90)));
    }
    stock[p.index] = units;
  }
  return stock;
}
