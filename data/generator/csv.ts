/** CSV serialisation. Everything is formatted from integers so output is byte-stable. */
import { formatDay } from './dates';
import type { Dataset } from './simulate';

/** Header of the transaction file. */
export const SALES_HEADER =
  'transaction_id,ts,customer_id,product_id,product_name,category,region,quantity,unit_price,discount,revenue,unit_cost';

/** Header of the product file. */
export const PRODUCTS_HEADER =
  'product_id,product_name,category,unit_price,unit_cost,stock_on_hand,lead_time_days,supplier';

/** RFC 4180 field: quoted (with doubled quotes) only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Integer cents as a fixed two-decimal amount, e.g. -1234 -> "-12.34". */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${PAD2[abs % 100] ?? '00'}`;
}

/** Line revenue in cents: quantity x price x (1 - discount), rounded half away from zero. */
export function revenueCents(quantity: number, priceCents: number, discountPct: number): number {
  // The product is an exact integer, so the only rounding is the final one.
  const hundredths = quantity * priceCents * (100 - discountPct);
  return Math.sign(hundredths) * Math.round(Math.abs(hundredths) / 100);
}

/** 'HH:MM:SS' for seconds after midnight. */
export function formatTime(sec: number): string {
  return `${PAD2[Math.floor(sec / 3600)] ?? '00'}:${PAD2[Math.floor(sec / 60) % 60] ?? '00'}:${PAD2[sec % 60] ?? '00'}`;
}

/**
 * Orders and returns in output order: by timestamp, then transaction id. Values below
 * `sales.orders` are orders; the rest are returns (index minus `sales.orders`).
 */
export function timeline(dataset: Dataset): Uint32Array {
  const { sales, returns } = dataset;
  const total = sales.orders + returns.count;
  const key = new Float64Array(total);
  for (let o = 0; o < sales.orders; o++) key[o] = (sales.orderDay[o] ?? 0) * 86_400 + (sales.orderSec[o] ?? 0);
  for (let r = 0; r < returns.count; r++) {
    key[sales.orders + r] = (returns.day[r] ?? 0) * 86_400 + (returns.sec[r] ?? 0);
  }
  // Ids are handed out in this order, so at equal timestamps "R..." sorts before "T..." and
  // ids within each kind ascend, which is exactly (ts, transaction_id) order.
  const kindRank = (i: number): number => (i >= sales.orders ? 0 : 1);
  return Uint32Array.from({ length: total }, (_, i) => i).sort(
    (a, b) => (key[a] ?? 0) - (key[b] ?? 0) || kindRank(a) - kindRank(b) || a - b,
  );
}

function idFormatter(prefix: string, count: number): (n: number) => string {
  const width = Math.max(6, String(count).length);
  return (n) => `${prefix}${String(n).padStart(width, '0')}`;
}

/** Streams the transaction CSV (header first) to `write` in chunks of roughly `chunkChars` characters. */
export function writeSalesCsv(dataset: Dataset, write: (chunk: string) => void, chunkChars = 1 << 16): void {
  const { sales, returns, products, customers, startDay, days } = dataset;
  const dates = Array.from({ length: days }, (_, d) => formatDay(startDay + d));
  // Everything that repeats is formatted once up front; the hot loop only glues pieces together.
  const productPart = products.map((p) => `${p.id},${csvField(p.name)},${csvField(p.category)},`);
  const pricePart = products.map((p) => `,${formatCents(p.priceCents)},`);
  const costPart = products.map((p) => `,${formatCents(p.costCents)}\n`);
  const regionPart = customers.map((c) => `${csvField(c.region)},`);
  const discountPart = Array.from({ length: 101 }, (_, pct) => `${(pct / 100).toFixed(2)},`);
  const orderId = idFormatter('T', sales.orders);
  const returnId = idFormatter('R', returns.count);

  // Short-lived small chunks: holding many unflattened line strings at once makes GC dominate.
  let chunk = `${SALES_HEADER}\n`;
  const emit = (prefix: string, customer: number, lineIndex: number, qty: number): void => {
    const p = sales.lineProduct[lineIndex] ?? 0;
    const pct = sales.lineDiscountPct[lineIndex] ?? 0;
    const revenue = revenueCents(qty, products[p]?.priceCents ?? 0, pct);
    chunk +=
      prefix +
      (productPart[p] ?? '') +
      (regionPart[customer] ?? '') +
      qty +
      (pricePart[p] ?? '') +
      (discountPart[pct] ?? '') +
      formatCents(revenue) +
      (costPart[p] ?? '');
    if (chunk.length >= chunkChars) {
      write(chunk);
      chunk = '';
    }
  };

  let nextOrder = 1;
  let nextReturn = 1;
  for (const doc of timeline(dataset)) {
    if (doc < sales.orders) {
      const customer = sales.orderCustomer[doc] ?? 0;
      const prefix = `${orderId(nextOrder++)},${dates[sales.orderDay[doc] ?? 0] ?? ''} ${formatTime(sales.orderSec[doc] ?? 0)},${customers[customer]?.id ?? ''},`;
      const first = sales.orderFirstLine[doc] ?? 0;
      const last = first + (sales.orderLines[doc] ?? 0);
      for (let l = first; l < last; l++) emit(prefix, customer, l, sales.lineQty[l] ?? 0);
    } else {
      const r = doc - sales.orders;
      const source = returns.sourceLine[r] ?? 0;
      const customer = sales.orderCustomer[sales.lineOrder[source] ?? 0] ?? 0;
      const prefix = `${returnId(nextReturn++)},${dates[returns.day[r] ?? 0] ?? ''} ${formatTime(returns.sec[r] ?? 0)},${customers[customer]?.id ?? ''},`;
      emit(prefix, customer, source, returns.qty[r] ?? 0);
    }
  }
  if (chunk.length > 0) write(chunk);
}

/** The product CSV, header included. */
export function productsCsv(dataset: Dataset): string {
  const rows = dataset.products.map(
    (p) =>
      `${p.id},${csvField(p.name)},${csvField(p.category)},${formatCents(p.priceCents)},${formatCents(p.costCents)},` +
      `${dataset.stock[p.index] ?? 0},${p.leadTimeDays},${csvField(p.supplier)}\n`,
  );
  return `${PRODUCTS_HEADER}\n${rows.join('')}`;
}
