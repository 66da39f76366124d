import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from './csv';

/** A sales line of the built-in CSV, parsed by the test's own reader. */
export interface Line {
  transaction_id: string;
  day: string;
  ts: string;
  customer_id: string;
  product_id: string;
  product_name: string;
  category: string;
  region: string;
  quantity: number;
  unit_price: number;
  discount: number;
  revenue: number;
  unit_cost: number | null;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Reads a canonical sales CSV (default: the built-in one) with the test's own parser. */
export function readLines(file = path.join(ROOT, 'data/retail_sales_data.csv')): Line[] {
  return parseCsv(readFileSync(file, 'utf8')).map((r) => ({
    transaction_id: r.transaction_id ?? '',
    day: (r.ts ?? '').slice(0, 10),
    ts: r.ts ?? '',
    customer_id: r.customer_id ?? '',
    product_id: r.product_id ?? '',
    product_name: r.product_name ?? '',
    category: r.category ?? '',
    region: r.region ?? '',
    quantity: Number(r.quantity),
    unit_price: Number(r.unit_price),
    discount: Number(r.discount),
    revenue: Number(r.revenue),
    unit_cost: r.unit_cost === '' || r.unit_cost === undefined ? null : Number(r.unit_cost),
  }));
}

/** A filter in the test's own terms. */
export interface Slice {
  from?: string;
  to?: string;
  categories?: string[];
  regions?: string[];
}

/** Lines inside a slice (dates inclusive). */
export function slice(lines: Line[], s: Slice): Line[] {
  return lines.filter(
    (l) =>
      (!s.from || l.day >= s.from) &&
      (!s.to || l.day <= s.to) &&
      (!s.categories?.length || s.categories.includes(l.category)) &&
      (!s.regions?.length || s.regions.includes(l.region)),
  );
}

const isSale = (l: Line) => l.quantity >= 0 && l.revenue >= 0;

/** Headline figures computed line by line, as a spreadsheet would. */
export function expectedKpis(lines: Line[]) {
  const revenue = lines.reduce((a, l) => a + l.revenue, 0);
  const orders = new Set(lines.filter(isSale).map((l) => l.transaction_id)).size;
  const customers = new Set(lines.filter(isSale).map((l) => l.customer_id)).size;
  const units = lines.reduce((a, l) => a + l.quantity, 0);
  const costed = lines.filter((l) => l.unit_cost !== null);
  const costedRevenue = costed.reduce((a, l) => a + l.revenue, 0);
  const cost = costed.reduce((a, l) => a + l.quantity * (l.unit_cost ?? 0), 0);
  return {
    revenue,
    orders,
    customers,
    units,
    aov: orders ? revenue / orders : null,
    margin: costedRevenue ? (costedRevenue - cost) / costedRevenue : null,
  };
}

/** Sums revenue by a key. */
export function revenueBy(lines: Line[], key: (l: Line) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(key(l), (m.get(key(l)) ?? 0) + l.revenue);
  return m;
}

/** Adds days to a YYYY-MM-DD date. */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
