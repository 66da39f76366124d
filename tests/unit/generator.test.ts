import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  DEFAULT_OPTIONS,
  PRODUCTS_HEADER,
  REGIONS,
  SALES_HEADER,
  generate,
  holidaysBetween,
  promotionsBetween,
} from '../../data/generator';
import { parseCsvRows } from '../helpers/csv';

// Read with the tests' own RFC 4180 reader, written independently of the generator's CSV code.
const parseCsv = parseCsvRows;

interface Line {
  id: string;
  ts: string;
  date: string;
  customer: string;
  product: string;
  name: string;
  category: string;
  region: string;
  qty: number;
  price: number;
  discount: number;
  revenue: number;
  cost: number;
}

function parseSales(text: string): Line[] {
  const [, ...rows] = parseCsv(text);
  return rows.map((r) => {
    const [id = '', ts = '', customer = '', product = '', name = '', category = '', region = ''] = r;
    const [qty, price, discount, revenue, cost] = r.slice(7).map(Number);
    return {
      id,
      ts,
      date: ts.slice(0, 10),
      customer,
      product,
      name,
      category,
      region,
      qty: qty ?? NaN,
      price: price ?? NaN,
      discount: discount ?? NaN,
      revenue: revenue ?? NaN,
      cost: cost ?? NaN,
    };
  });
}

const read = (file: string): string => readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8');
const committedSales = read('retail_sales_data.csv');
const committedProducts = read('products.csv');
const generated = generate(DEFAULT_OPTIONS);
const lines = parseSales(committedSales);
const sales = lines.filter((l) => l.qty > 0);
const returns = lines.filter((l) => l.qty < 0);
const END = DEFAULT_OPTIONS.end;

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every date from start to end inclusive. */
function allDates(start: string, end: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= daysBetween(start, end); i++) {
    out.push(new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
  }
  return out;
}
const dates = allDates(DEFAULT_OPTIONS.start, END);

function sumBy<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((sum, item) => sum + value(item), 0);
}

function perDay(items: readonly Line[], keep: (date: string) => boolean, value: (l: Line) => number): number {
  const days = dates.filter(keep).length;
  return (
    sumBy(
      items.filter((l) => keep(l.date)),
      value,
    ) / days
  );
}

describe('committed sample data', () => {
  it('is byte-identical to a fresh generation with seed 42', () => {
    expect(generated.salesCsv === committedSales).toBe(true);
    expect(generated.productsCsv === committedProducts).toBe(true);
  });

  it('has the exact header and 5,000 transaction lines', () => {
    const raw = committedSales.split('\n');
    expect(raw[0]).toBe(SALES_HEADER);
    expect(raw.at(-1)).toBe('');
    expect(raw.length - 2).toBe(5000);
    expect(lines).toHaveLength(5000);
    expect(generated.stats.rows).toBe(5000);
    expect(committedSales.includes('\r')).toBe(false);
  });

  it('quotes names that need it and keeps every row at 12 fields', () => {
    expect(parseCsv(committedSales).every((r) => r.length === 12)).toBe(true);
    expect(lines.some((l) => l.name.includes(','))).toBe(true);
    expect(committedProducts).toContain('"Board Game ""Castle Quest"""');
  });

  it('is sorted by timestamp then transaction id, within store hours', () => {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1];
      const b = lines[i];
      if (!a || !b) throw new Error('missing line');
      expect(a.ts < b.ts || (a.ts === b.ts && a.id <= b.id)).toBe(true);
    }
    for (const l of lines) {
      expect(l.ts).toMatch(/^\d{4}-\d{2}-\d{2} (0[89]|1\d|2[01]):[0-5]\d:[0-5]\d$/);
      expect(l.id).toMatch(/^[TR]\d{6}$/);
      expect(l.customer).toMatch(/^C\d{5}$/);
      expect(l.product).toMatch(/^P\d{4}$/);
    }
    const first = lines[0]?.date ?? '';
    const last = lines.at(-1)?.date ?? '9999';
    expect(first >= DEFAULT_OPTIONS.start).toBe(true);
    expect(last <= END).toBe(true);
  });

  it('uses exactly 6 categories and 4 regions, one region per customer', () => {
    expect(new Set(lines.map((l) => l.category))).toEqual(new Set(CATEGORIES));
    expect(new Set(lines.map((l) => l.region))).toEqual(new Set(REGIONS));
    const regionOf = new Map<string, string>();
    for (const l of lines) {
      expect(regionOf.get(l.customer) ?? l.region).toBe(l.region);
      regionOf.set(l.customer, l.region);
    }
  });

  it('prices categories at different levels', () => {
    const median = (category: string): number => {
      const prices = sales
        .filter((l) => l.category === category)
        .map((l) => l.price)
        .sort((a, b) => a - b);
      return prices[Math.floor(prices.length / 2)] ?? NaN;
    };
    expect(median('Electronics')).toBeGreaterThan(100);
    expect(median('Beauty')).toBeLessThan(35);
    expect(median('Toys')).toBeLessThan(35);
  });

  it('computes revenue as round(quantity x price x (1 - discount), 2) on every line', () => {
    for (const l of lines) {
      expect(Number.isInteger(l.qty)).toBe(true);
      expect(l.qty).not.toBe(0);
      expect(l.discount).toBeGreaterThanOrEqual(0);
      expect(l.discount).toBeLessThan(1);
      // Float maths can land a half-cent either side, hence a tolerance of one cent.
      const expected = Math.round(l.qty * l.price * (1 - l.discount) * 100) / 100;
      expect(Math.abs(l.revenue - expected)).toBeLessThanOrEqual(0.01 + 1e-9);
      expect(l.cost).toBeGreaterThan(0);
      expect(l.cost).toBeLessThan(l.price);
    }
  });

  it('has more revenue per day in Nov-Dec than in the rest of the year', () => {
    const peak = (date: string): boolean => date.slice(5, 7) === '11' || date.slice(5, 7) === '12';
    const peakRevenue = perDay(lines, peak, (l) => l.revenue);
    const restRevenue = perDay(
      lines,
      (d) => !peak(d),
      (l) => l.revenue,
    );
    expect(peakRevenue).toBeGreaterThan(restRevenue * 1.3);
  });

  it('grows: 2025 revenue exceeds 2024 revenue', () => {
    const revenueIn = (year: string): number =>
      sumBy(
        lines.filter((l) => l.date.startsWith(year)),
        (l) => l.revenue,
      );
    expect(revenueIn('2025')).toBeGreaterThan(revenueIn('2024') * 1.1);
  });

  it('sells more per day at weekends than on weekdays', () => {
    const weekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const orderDays = new Map<string, string>();
    for (const l of sales) orderDays.set(l.id, l.date);
    const orders = [...orderDays.values()];
    const weekendRate = orders.filter(weekend).length / dates.filter(weekend).length;
    const weekdayRate = orders.filter((d) => !weekend(d)).length / dates.filter((d) => !weekend(d)).length;
    expect(weekendRate).toBeGreaterThan(weekdayRate * 1.1);
  });

  it('discounts promoted categories and sells more units on promotion days', () => {
    const promotions = promotionsBetween(DEFAULT_OPTIONS.start, END, DEFAULT_OPTIONS.seed);
    expect(promotions.length).toBeGreaterThanOrEqual(8);
    const promoted = (date: string, category: string): boolean =>
      promotions.some((p) => p.start <= date && date <= p.end && (p.category === null || p.category === category));
    let promoUnits = 0;
    let promoDays = 0;
    let otherUnits = 0;
    let otherDays = 0;
    for (const category of CATEGORIES) {
      const inCategory = sales.filter((l) => l.category === category);
      const onPromo = inCategory.filter((l) => promoted(l.date, category));
      const offPromo = inCategory.filter((l) => !promoted(l.date, category));
      const days = dates.filter((d) => promoted(d, category)).length;
      if (days === 0) continue;
      const meanDiscount = (ls: Line[]): number => sumBy(ls, (l) => l.discount) / ls.length;
      expect(onPromo.length).toBeGreaterThan(0);
      expect(meanDiscount(onPromo)).toBeGreaterThan(meanDiscount(offPromo) + 0.05);
      promoUnits += sumBy(onPromo, (l) => l.qty);
      otherUnits += sumBy(offPromo, (l) => l.qty);
      promoDays += days;
      otherDays += dates.length - days;
    }
    expect(promoUnits / promoDays).toBeGreaterThan((otherUnits / otherDays) * 1.3);
  });

  it('has about 1,400 customers: one-off buyers, heavy repeat buyers and lapsed ones', () => {
    const orders = new Map<string, Set<string>>();
    const lastPurchase = new Map<string, string>();
    for (const l of sales) {
      orders.set(l.customer, (orders.get(l.customer) ?? new Set()).add(l.id));
      if ((lastPurchase.get(l.customer) ?? '') < l.date) lastPurchase.set(l.customer, l.date);
    }
    const customers = new Set(lines.map((l) => l.customer));
    expect(customers.size).toBeGreaterThanOrEqual(1300);
    expect(customers.size).toBeLessThanOrEqual(1500);
    const counts = [...orders.values()].map((s) => s.size);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThan(customers.size * 0.25);
    expect(counts.filter((n) => n >= 15).length).toBeGreaterThanOrEqual(5);
    const lapsed = [...orders].filter(
      ([c, ids]) => ids.size >= 2 && daysBetween(lastPurchase.get(c) ?? END, END) > 180,
    );
    expect(lapsed.length).toBeGreaterThan(customers.size * 0.1);
  });

  it('has 1-4 lines per order', () => {
    const size = new Map<string, number>();
    for (const l of sales) size.set(l.id, (size.get(l.id) ?? 0) + 1);
    const sizes = [...size.values()];
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(4);
    expect(sizes.filter((n) => n <= 2).length / sizes.length).toBeGreaterThan(0.75);
    expect(sales.every((l) => l.id.startsWith('T'))).toBe(true);
  });

  it('returns 1-3% of lines, each reversing an earlier purchase 3-30 days before', () => {
    const share = returns.length / lines.length;
    expect(share).toBeGreaterThanOrEqual(0.01);
    expect(share).toBeLessThanOrEqual(0.03);
    for (const r of returns) {
      expect(r.id.startsWith('R')).toBe(true);
      expect(r.revenue).toBeLessThan(0);
      const original = sales.find(
        (s) =>
          s.customer === r.customer &&
          s.product === r.product &&
          s.price === r.price &&
          s.discount === r.discount &&
          s.qty >= -r.qty &&
          daysBetween(s.date, r.date) >= 3 &&
          daysBetween(s.date, r.date) <= 30,
      );
      expect(original).toBeDefined();
      expect(r.date <= END).toBe(true);
    }
  });
});

describe('products file', () => {
  const [header, ...rows] = parseCsv(committedProducts);
  const products = rows.map(
    ([id = '', name = '', category = '', price = '', cost = '', stock = '', lead = '', supplier = '']) => ({
      id,
      name,
      category,
      price: Number(price),
      cost: Number(cost),
      stock: Number(stock),
      lead: Number(lead),
      supplier,
    }),
  );

  it('lists 60 products, ten per category, matching the sales lines', () => {
    expect(header?.join(',')).toBe(PRODUCTS_HEADER);
    expect(products).toHaveLength(60);
    for (const category of CATEGORIES) expect(products.filter((p) => p.category === category)).toHaveLength(10);
    const byId = new Map(products.map((p) => [p.id, p]));
    for (const l of lines) {
      const p = byId.get(l.product);
      expect(p?.name).toBe(l.name);
      expect(p?.price).toBe(l.price);
      expect(p?.cost).toBe(l.cost);
    }
  });

  it('keeps costs at 40-75% of price and lead times at 3-30 days', () => {
    for (const p of products) {
      expect(p.cost / p.price).toBeGreaterThanOrEqual(0.39);
      expect(p.cost / p.price).toBeLessThanOrEqual(0.76);
      expect(p.lead).toBeGreaterThanOrEqual(3);
      expect(p.lead).toBeLessThanOrEqual(30);
      expect(Number.isInteger(p.stock) && p.stock >= 0).toBe(true);
      expect(p.supplier).not.toBe('');
    }
  });

  it('has some products out of or low on stock and some overstocked slow sellers', () => {
    const cutoff = allDates(DEFAULT_OPTIONS.start, END).at(-90) ?? END;
    const daily = new Map<string, number>();
    for (const l of sales) if (l.date >= cutoff) daily.set(l.product, (daily.get(l.product) ?? 0) + l.qty / 90);
    const cover = products.map((p) => p.stock / Math.max(daily.get(p.id) ?? 0, 1e-9));
    expect(products.some((p) => p.stock === 0)).toBe(true);
    expect(cover.filter((c) => c < 10).length).toBeGreaterThanOrEqual(4);
    expect(cover.filter((c) => c > 180).length).toBeGreaterThanOrEqual(3);
    expect(cover.filter((c) => c >= 15 && c <= 100).length).toBeGreaterThan(products.length / 2);
  });
});

describe('generator options', () => {
  it('gives different data for a different seed', () => {
    const other = generate({ ...DEFAULT_OPTIONS, seed: 7 });
    expect(other.salesCsv).not.toBe(generated.salesCsv);
    expect(parseSales(other.salesCsv)).toHaveLength(5000);
  });

  it('produces exactly the requested number of rows and scales the catalogue', () => {
    const small = generate({ rows: 321, seed: 1, start: '2024-03-01', end: '2024-09-30' });
    expect(parseSales(small.salesCsv)).toHaveLength(321);
    const big = generate({ ...DEFAULT_OPTIONS, rows: 12_000 });
    expect(big.stats.rows).toBe(12_000);
    expect(big.stats.products).toBe(120);
    expect(parseCsv(big.productsCsv)).toHaveLength(121);
  });
});

describe('calendar', () => {
  it('places the retail holidays', () => {
    const holidays = holidaysBetween('2024-01-01', '2025-12-31');
    const on = (name: string): string[] => holidays.filter((h) => h.name === name).map((h) => h.date);
    expect(on('Black Friday')).toEqual(['2024-11-29', '2025-11-28']);
    expect(on('Cyber Monday')).toEqual(['2024-12-02', '2025-12-01']);
    expect(on("Mother's Day")).toEqual(['2024-05-12', '2025-05-11']);
    expect(on("Valentine's Day")).toEqual(['2024-02-14', '2025-02-14']);
    expect(holidays.find((h) => h.name === "New Year's Day")?.lift).toBeLessThan(1);
    expect(holidays.filter((h) => h.date >= '2024-12-18' && h.date <= '2024-12-24').every((h) => h.lift > 1)).toBe(
      true,
    );
  });

  it('plans about five 5-10 day promotions a year with 10-30% off', () => {
    const promotions = promotionsBetween('2024-01-01', '2025-12-31', 42);
    expect(promotions).toHaveLength(10);
    for (const p of promotions) {
      const days = daysBetween(p.start, p.end) + 1;
      expect(days).toBeGreaterThanOrEqual(5);
      expect(days).toBeLessThanOrEqual(10);
      expect(p.discount).toBeGreaterThanOrEqual(0.1);
      expect(p.discount).toBeLessThanOrEqual(0.3);
      expect(p.category === null || (CATEGORIES as readonly string[]).includes(p.category)).toBe(true);
    }
    expect(promotionsBetween('2024-01-01', '2025-12-31', 42)).toEqual(promotions);
  });
});
