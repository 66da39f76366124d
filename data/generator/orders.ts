/**
 * Order simulation: turns customers and the demand curve into order lines. Days are offsets
 * into the simulated range; money stays in integer cents.
 */
import type { Customer, CustomerKind } from './customers';
import type { DemandCurve } from './intensity';
import type { Product } from './products';
import { cumulative, searchCumulative, type Rng } from './prng';
import { CATEGORIES } from './taxonomy';

/** All sale orders and their lines, struct-of-arrays so a million lines stay cheap. */
export interface SalesLedger {
  orders: number;
  orderDay: Int32Array;
  /** Seconds after midnight, store-local. */
  orderSec: Int32Array;
  orderCustomer: Int32Array;
  orderFirstLine: Int32Array;
  orderLines: Uint8Array;
  lines: number;
  lineOrder: Int32Array;
  lineProduct: Int32Array;
  lineQty: Int16Array;
  lineDiscountPct: Uint8Array;
}

/** Opening hour of the stores; the last hour starts at 21:00. */
export const OPEN_HOUR = 8;

/** Relative traffic per opening hour from 08:00 to 21:00: a lunch bump and an after-work peak. */
export const HOUR_WEIGHTS: readonly number[] = [0.4, 0.6, 0.8, 1.0, 1.3, 1.2, 1.1, 1.2, 1.4, 1.6, 1.7, 1.5, 1.0, 0.6];

/** Order sizes 1-4 lines; VIPs fill bigger baskets. */
const BASKET_WEIGHTS: readonly number[] = [0.6, 0.27, 0.09, 0.04];
const VIP_BASKET_WEIGHTS: readonly number[] = [0.38, 0.32, 0.18, 0.12];

/** Units per line by price band: nobody buys four tablets, plenty buy four lip balms. */
const QTY_EXPENSIVE: readonly number[] = [0.88, 0.1, 0.02];
const QTY_MID: readonly number[] = [0.68, 0.22, 0.08, 0.02];
const QTY_CHEAP: readonly number[] = [0.55, 0.27, 0.12, 0.04, 0.02];

/** Orders every repeat customer gets before the rest are shared out by appetite. */
const MIN_ORDERS: Record<CustomerKind, number> = { vip: 3, regular: 2, lapsing: 2, 'one-off': 1 };

/** Chance that a line comes from the customer's favourite category rather than the day's mix. */
const FAVOURITE_AFFINITY = 0.3;

const AD_HOC_DISCOUNTS: readonly number[] = [5, 10, 15];
const AD_HOC_WEIGHTS: readonly number[] = [0.5, 0.35, 0.15];

function meanBasket(weights: readonly number[]): number {
  let sum = 0;
  let mean = 0;
  weights.forEach((w, k) => {
    sum += w;
    mean += w * (k + 1);
  });
  return mean / sum;
}

/** Expected lines per order for a customer. */
function basketSize(c: Customer): number {
  return meanBasket(c.kind === 'vip' ? VIP_BASKET_WEIGHTS : BASKET_WEIGHTS);
}

/**
 * Per-day shopping density for repeat customers such that, summed over whoever is active,
 * expected order lines follow the demand curve even as customers join and lapse and the mix
 * of big-basket VIPs shifts. `repeatLines` is the line budget the repeat customers share.
 */
function repeatDensity(total: Float64Array, repeat: readonly Customer[], repeatLines: number): Float64Array {
  const days = total.length;
  const count = repeat.length;
  // Flat per-customer columns: this loop runs a few dozen times over up to ~10^5 customers.
  const first = Int32Array.from(repeat, (c) => c.firstDay);
  const last = Int32Array.from(repeat, (c) => c.lastDay);
  const rate = Float64Array.from(repeat, (c) => c.rate);
  const basket = Float64Array.from(repeat, basketSize);
  const minOrders = Float64Array.from(repeat, (c) => MIN_ORDERS[c.kind]);
  let minimumLines = 0;
  for (let i = 0; i < count; i++) minimumLines += (minOrders[i] ?? 0) * (basket[i] ?? 0);
  let demandSum = 0;
  for (const v of total) demandSum += v;
  const g = total.map((v) => (demandSum > 0 ? (v * days) / demandSum : 0));
  const mass = new Float64Array(count);
  // Fixed-point iteration: g = demand / (expected lines per unit density of the active base),
  // where that base itself depends on g through each customer's share of it.
  for (let iter = 0; iter < 50; iter++) {
    const cum = cumulative(g);
    let appetite = 0;
    for (let i = 0; i < count; i++) {
      const a = first[i] ?? 0;
      const m = (cum[last[i] ?? 0] ?? 0) - (a > 0 ? (cum[a - 1] ?? 0) : 0);
      mass[i] = m;
      appetite += (rate[i] ?? 0) * m * (basket[i] ?? 0);
    }
    // Extra orders are shared in proportion to rate x mass; scale them to fill the line budget.
    const scale = appetite > 0 ? Math.max(0, repeatLines - minimumLines) / appetite : 0;
    const diff = new Float64Array(days + 1);
    for (let i = 0; i < count; i++) {
      const m = mass[i] ?? 0;
      if (m <= 0) continue;
      const perMass = (((minOrders[i] ?? 0) + scale * (rate[i] ?? 0) * m) * (basket[i] ?? 0)) / m;
      const a = first[i] ?? 0;
      const b = (last[i] ?? 0) + 1;
      diff[a] = (diff[a] ?? 0) + perMass;
      diff[b] = (diff[b] ?? 0) - perMass;
    }
    // Only the shape of g matters; renormalising keeps its scale from drifting each round.
    const next = new Float64Array(days);
    let base = 0;
    let sum = 0;
    for (let d = 0; d < days; d++) {
      base += diff[d] ?? 0;
      // Days nobody is active on are never sampled; the threshold absorbs float residue there.
      next[d] = base > 1e-9 ? (total[d] ?? 0) / base : 0;
      sum += next[d] ?? 0;
    }
    let worst = 0;
    for (let d = 0; d < days; d++) {
      const v = sum > 0 ? ((next[d] ?? 0) * days) / sum : 0;
      const prev = g[d] ?? 0;
      if (prev > 0) worst = Math.max(worst, Math.abs(v / prev - 1));
      g[d] = v;
    }
    // Converges geometrically (about 2.5x per round); stop once the shape has settled.
    if (worst < 1e-9) break;
  }
  return g;
}

/** Simulates orders until exactly `lineTarget` sale lines exist (the last order may be cut short). */
export function simulateSales(
  lineTarget: number,
  curve: DemandCurve,
  customers: readonly Customer[],
  products: readonly Product[],
  rng: Rng,
): SalesLedger {
  const n = CATEGORIES.length;
  const ledger: SalesLedger = {
    orders: 0,
    orderDay: new Int32Array(lineTarget),
    orderSec: new Int32Array(lineTarget),
    orderCustomer: new Int32Array(lineTarget),
    orderFirstLine: new Int32Array(lineTarget),
    orderLines: new Uint8Array(lineTarget),
    lines: 0,
    lineOrder: new Int32Array(lineTarget),
    lineProduct: new Int32Array(lineTarget),
    lineQty: new Int16Array(lineTarget),
    lineDiscountPct: new Uint8Array(lineTarget),
  };

  // Products are stored grouped by category, so each category is a slice of one popularity table.
  const popularityCum = cumulative(products.map((p) => p.popularity));
  const catFirst = new Int32Array(n).fill(-1);
  const catLast = new Int32Array(n).fill(-1);
  for (const p of products) {
    if (catFirst[p.categoryIndex] === -1) catFirst[p.categoryIndex] = p.index;
    catLast[p.categoryIndex] = p.index;
  }
  // Within-day running totals of category demand, one block of n per day.
  const categoryCum = new Float64Array(curve.days * n);
  for (let d = 0; d < curve.days; d++) {
    let sum = 0;
    for (let c = 0; c < n; c++) {
      sum += curve.byCategory[d * n + c] ?? 0;
      categoryCum[d * n + c] = sum;
    }
  }
  const hourCum = cumulative(HOUR_WEIGHTS);
  const basketCum = cumulative(BASKET_WEIGHTS);
  const vipBasketCum = cumulative(VIP_BASKET_WEIGHTS);
  const qtyCum: readonly [Float64Array, Float64Array, Float64Array] = [
    cumulative(QTY_EXPENSIVE),
    cumulative(QTY_MID),
    cumulative(QTY_CHEAP),
  ];
  const adHocCum = cumulative(AD_HOC_WEIGHTS);

  const pickCategory = (customer: Customer, day: number): number => {
    if (catFirst[customer.favouriteCategory] !== -1 && rng.chance(FAVOURITE_AFFINITY)) {
      return customer.favouriteCategory;
    }
    const base = day * n;
    const u = rng.uniform() * (categoryCum[base + n - 1] ?? 0);
    return searchCumulative(categoryCum, u, base, base + n - 1) - base;
  };

  const quantity = (product: Product, promo: boolean, vip: boolean): number => {
    const band = product.priceCents >= 10_000 ? 0 : product.priceCents >= 3_000 ? 1 : 2;
    let q = 1 + rng.pickCumulative(qtyCum[band]);
    // Promotions make people stock up; VIPs buy a little more of everything.
    if (promo && rng.chance(0.5)) q += 1;
    if (promo && band === 2 && rng.chance(0.3)) q += 1;
    if (vip && rng.chance(0.15)) q += 1;
    return q;
  };

  const placeOrder = (customer: Customer, day: number): void => {
    const room = lineTarget - ledger.lines;
    if (room <= 0) return;
    const vip = customer.kind === 'vip';
    const size = Math.min(room, 1 + rng.pickCumulative(vip ? vipBasketCum : basketCum));
    const o = ledger.orders++;
    ledger.orderDay[o] = day;
    ledger.orderSec[o] = (OPEN_HOUR + rng.pickCumulative(hourCum)) * 3600 + rng.int(0, 3599);
    ledger.orderCustomer[o] = customer.index;
    ledger.orderFirstLine[o] = ledger.lines;
    ledger.orderLines[o] = size;
    for (let k = 0; k < size; k++) {
      let product = -1;
      // A basket holds distinct products; give up after a few clashes rather than loop forever.
      for (let attempt = 0; attempt < 8; attempt++) {
        const c = pickCategory(customer, day);
        const candidate = rng.pickCumulative(popularityCum, catFirst[c] ?? 0, catLast[c] ?? 0);
        product = candidate;
        let clash = false;
        for (let j = ledger.orderFirstLine[o] ?? 0; j < ledger.lines; j++) {
          if (ledger.lineProduct[j] === candidate) clash = true;
        }
        if (!clash) break;
      }
      const p = products[product];
      if (!p) throw new Error('Product selection fell outside the catalogue');
      const promoPct = curve.promoDiscountPct[day * n + p.categoryIndex] ?? 0;
      let discount = promoPct;
      if (discount === 0 && rng.chance(vip ? 0.06 : 0.025)) {
        discount = AD_HOC_DISCOUNTS[rng.pickCumulative(adHocCum)] ?? 5;
      }
      const line = ledger.lines++;
      ledger.lineOrder[line] = o;
      ledger.lineProduct[line] = product;
      ledger.lineQty[line] = quantity(p, promoPct > 0, vip);
      ledger.lineDiscountPct[line] = discount;
    }
  };

  const repeat = customers.filter((c) => c.kind !== 'one-off');
  const oneOffLines = (customers.length - repeat.length) * meanBasket(BASKET_WEIGHTS);
  const density = repeatDensity(curve.total, repeat, lineTarget - oneOffLines);
  const densityCum = cumulative(density);
  const dayIn = (c: Customer): number => rng.pickCumulative(densityCum, c.firstDay, c.lastDay);

  // One-off buyers: their single visit was fixed when the customer was created.
  for (const c of customers) if (c.kind === 'one-off') placeOrder(c, c.firstDay);
  // Everyone who is meant to come back does so at least a couple of times...
  for (const c of repeat) for (let k = 0; k < MIN_ORDERS[c.kind]; k++) placeOrder(c, dayIn(c));
  // ...and the rest of the orders go to whoever has the bigger appetite over a longer window.
  // Tiny customer bases can lack repeat customers entirely; then everyone comes back instead.
  const pool = repeat.length > 0 ? repeat : customers;
  const appetiteCum = cumulative(
    pool.map(
      (c) =>
        Math.max(c.rate, 1e-9) *
        Math.max(1e-12, (densityCum[c.lastDay] ?? 0) - (c.firstDay > 0 ? (densityCum[c.firstDay - 1] ?? 0) : 0)),
    ),
  );
  while (ledger.lines < lineTarget && pool.length > 0) {
    const c = pool[rng.pickCumulative(appetiteCum)];
    if (!c) break;
    placeOrder(c, dayIn(c));
  }
  return ledger;
}
