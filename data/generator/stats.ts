/** Headline numbers about a simulated dataset, for the CLI summary and sanity checks. */
import { formatCents, formatTime, revenueCents } from './csv';
import { formatDay } from './dates';
import type { Dataset } from './simulate';

/** Summary of what was generated. */
export interface GenerateStats {
  rows: number;
  saleLines: number;
  returnLines: number;
  /** Return lines as a fraction of all lines. */
  returnShare: number;
  orders: number;
  /** Customers with at least one line. */
  customers: number;
  products: number;
  promotions: number;
  start: string;
  end: string;
  firstTs: string;
  lastTs: string;
  /** Net revenue (sales minus refunds), in currency units rounded to cents. */
  revenue: number;
}

/** Computes {@link GenerateStats} for a dataset. */
export function datasetStats(dataset: Dataset): GenerateStats {
  const { sales, returns, products } = dataset;
  let cents = 0;
  for (let i = 0; i < sales.lines; i++) {
    const p = products[sales.lineProduct[i] ?? 0];
    cents += revenueCents(sales.lineQty[i] ?? 0, p?.priceCents ?? 0, sales.lineDiscountPct[i] ?? 0);
  }
  for (let r = 0; r < returns.count; r++) {
    const line = returns.sourceLine[r] ?? 0;
    const p = products[sales.lineProduct[line] ?? 0];
    cents += revenueCents(returns.qty[r] ?? 0, p?.priceCents ?? 0, sales.lineDiscountPct[line] ?? 0);
  }
  const buyers = new Uint8Array(dataset.customers.length);
  let first = Infinity;
  let last = -Infinity;
  for (let o = 0; o < sales.orders; o++) {
    buyers[sales.orderCustomer[o] ?? 0] = 1;
    const key = (sales.orderDay[o] ?? 0) * 86_400 + (sales.orderSec[o] ?? 0);
    first = Math.min(first, key);
    last = Math.max(last, key);
  }
  for (let r = 0; r < returns.count; r++) {
    const key = (returns.day[r] ?? 0) * 86_400 + (returns.sec[r] ?? 0);
    first = Math.min(first, key);
    last = Math.max(last, key);
  }
  const ts = (key: number): string =>
    Number.isFinite(key) ? `${formatDay(dataset.startDay + Math.floor(key / 86_400))} ${formatTime(key % 86_400)}` : '';
  const rows = sales.lines + returns.count;
  return {
    rows,
    saleLines: sales.lines,
    returnLines: returns.count,
    returnShare: rows > 0 ? returns.count / rows : 0,
    orders: sales.orders,
    customers: buyers.reduce((sum, b) => sum + b, 0),
    products: products.length,
    promotions: dataset.promotions.length,
    start: dataset.options.start,
    end: dataset.options.end,
    firstTs: ts(first),
    lastTs: ts(last),
    revenue: Number(formatCents(cents)),
  };
}
