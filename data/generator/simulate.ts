/** Runs the whole simulation and keeps the result in memory as compact tables. */
import { holidaysBetween, promotionsBetween, type Holiday, type Promotion } from './calendar';
import { buildCustomers, type Customer } from './customers';
import { parseDay } from './dates';
import { demandCurve } from './intensity';
import { dailyDemand, stockLevels } from './inventory';
import { simulateSales, type SalesLedger } from './orders';
import { buildProducts, type Product } from './products';
import { Rng, cumulative, deriveSeed } from './prng';
import { returnCount, simulateReturns, type ReturnLedger } from './returns';
import { CATEGORIES } from './taxonomy';

/** What to generate. Customer and product counts scale with `rows` unless given. */
export interface GenerateOptions {
  /** Exact number of CSV lines (sales plus returns) to produce. */
  rows: number;
  seed: number;
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  /** Last day (inclusive), 'YYYY-MM-DD'. */
  end: string;
  customers?: number;
  products?: number;
}

/** Options with every count filled in. */
export type ResolvedOptions = Required<GenerateOptions>;

/** The simulated world: catalogue, customers, sales, returns and stock. */
export interface Dataset {
  options: ResolvedOptions;
  startDay: number;
  days: number;
  holidays: Holiday[];
  promotions: Promotion[];
  products: Product[];
  customers: Customer[];
  sales: SalesLedger;
  returns: ReturnLedger;
  /** Units on hand per product index. */
  stock: Int32Array;
}

/** Customers per output line by default (about 1,400 for 5,000 lines). */
export const CUSTOMERS_PER_ROW = 0.28;

/** Output lines per product by default, with a floor of {@link MIN_PRODUCTS}. */
export const ROWS_PER_PRODUCT = 100;

/** Smallest default catalogue: ten products per category. */
export const MIN_PRODUCTS = 60;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Validates options and fills in the default customer and product counts. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const rows = positiveInteger('rows', options.rows);
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  if (parseDay(options.end) < parseDay(options.start)) {
    throw new RangeError(`end (${options.end}) is before start (${options.start})`);
  }
  return {
    rows,
    seed: options.seed,
    start: options.start,
    end: options.end,
    customers: positiveInteger('customers', options.customers ?? Math.max(1, Math.round(rows * CUSTOMERS_PER_ROW))),
    products: positiveInteger(
      'products',
      options.products ?? Math.max(MIN_PRODUCTS, Math.round(rows / ROWS_PER_PRODUCT)),
    ),
  };
}

/** Simulates a dataset; the same options always give the same result. */
export function simulate(options: GenerateOptions): Dataset {
  const opts = resolveOptions(options);
  // Independent streams per stage, so e.g. a change to returns leaves the catalogue untouched.
  const stream = (label: string): Rng => new Rng(deriveSeed(opts.seed, label));
  const holidays = holidaysBetween(opts.start, opts.end);
  const promotions = promotionsBetween(opts.start, opts.end, opts.seed);
  const products = buildProducts(opts.products, stream('products'));
  const available = CATEGORIES.map((_, c) => products.some((p) => p.categoryIndex === c));
  const curve = demandCurve(opts.start, opts.end, holidays, promotions, available);
  const customers = buildCustomers(opts.customers, cumulative(curve.total), available, stream('customers'));
  const returnsWanted = returnCount(opts.rows, curve.days);
  const sales = simulateSales(opts.rows - returnsWanted, curve, customers, products, stream('orders'));
  const returns = simulateReturns(returnsWanted, sales, products, curve.days, stream('returns'));
  const stock = stockLevels(products, dailyDemand(products, sales, curve.days), stream('inventory'));
  return {
    options: opts,
    startDay: curve.startDay,
    days: curve.days,
    holidays,
    promotions,
    products,
    customers,
    sales,
    returns,
    stock,
  };
}
