/**
 * Reorder points, safety stock, days of cover and a status per product, from the demand and
 * stock columns of the Products page. Pure and deterministic: numbers in, rows out.
 *
 * The demand model: each product's forecast is the trailing mean of its daily units sold
 * over the window, zero-sale days included. Robust (no parameters to fit, nothing to blow
 * up on a product with three sales) and unbiased for slow movers, whose average over sale
 * days only would overstate demand many times over. It assumes no trend or seasonality
 * within the lead time; the trend column says when that is doubtful.
 */

/** z of the standard normal for each offered cycle service level (percent). */
export const SERVICE_LEVEL_Z = { 90: 1.2816, 95: 1.6449, 99: 2.3263 } as const;

/** A cycle service level offered on the page: the chance of no stock-out during a lead time. */
export type ServiceLevel = keyof typeof SERVICE_LEVEL_Z;

/** Lead time assumed when a product with a known stock has none (its row says so). */
export const DEFAULT_LEAD_TIME_DAYS = 14;
/** Days of demand an order should cover beyond the reorder point. */
export const DEFAULT_REVIEW_DAYS = 30;
/** Days of cover above which stock is overstock. */
export const DEFAULT_OVERSTOCK_DAYS = 180;
/** Days without a sale after which stock is dead. */
export const DEFAULT_DEAD_DAYS = 90;

/** One line describing the forecast behind every figure, for the page. */
export const DEMAND_MODEL_NOTE =
  'Forecast: mean units sold per day over the window, days without sales counted as 0; σ is the standard deviation of those daily units (population, ÷ days).';

/** The status of a product's stock, most urgent first. */
export type InventoryStatus = 'stockout-risk' | 'reorder' | 'dead' | 'overstock' | 'ok' | 'no-stock-data';

/** Short names of the statuses, for badges. */
export const STATUS_LABELS: Readonly<Record<InventoryStatus, string>> = {
  'stockout-risk': 'Stock-out risk',
  reorder: 'Reorder now',
  dead: 'Dead stock',
  overstock: 'Overstock',
  ok: 'OK',
  'no-stock-data': 'No stock data',
};

/** Options of {@link inventoryPlan}. */
export interface InventoryOptions {
  /** Cycle service level in percent (default 95). */
  serviceLevel?: ServiceLevel;
  /** Days of demand an order covers beyond the reorder point (default {@link DEFAULT_REVIEW_DAYS}). */
  reviewDays?: number;
  /** Days of cover above which stock counts as overstock (default {@link DEFAULT_OVERSTOCK_DAYS}). */
  overstockDays?: number;
  /** Days without a sale that make stock dead (default {@link DEFAULT_DEAD_DAYS}). */
  deadDays?: number;
  /**
   * Lead time used when a product's is unknown (default {@link DEFAULT_LEAD_TIME_DAYS}; the
   * row is flagged `leadTimeAssumed`). Null: such a product gets 'no-stock-data' instead.
   */
  defaultLeadTimeDays?: number | null;
}

/** Thresholds a rule text mentions. */
type RuleOptions = Pick<InventoryOptions, 'overstockDays' | 'deadDays' | 'defaultLeadTimeDays'>;

/** The rule behind each status, in words, with the thresholds in force (evaluated in this order). */
export function statusRules(options: RuleOptions = {}): Readonly<Record<InventoryStatus, string>> {
  const dead = options.deadDays ?? DEFAULT_DEAD_DAYS;
  const over = options.overstockDays ?? DEFAULT_OVERSTOCK_DAYS;
  const lead = options.defaultLeadTimeDays === undefined ? DEFAULT_LEAD_TIME_DAYS : options.defaultLeadTimeDays;
  return {
    'no-stock-data':
      lead === null
        ? 'Stock on hand or lead time unknown: add them in a products file to see this product’s stock status.'
        : `Stock on hand unknown: add it in a products file to see this product’s stock status. (An unknown lead time is taken as ${lead} days, and the row says so.)`,
    'stockout-risk':
      'Selling, and stock on hand ≤ expected demand over the lead time: it runs out before an order placed today could arrive.',
    reorder: 'Selling, and stock on hand ≤ reorder point (expected lead-time demand + safety stock): order now.',
    dead: `Stock on hand > 0 and no sale in the last ${dead} days (or none in the window and the window before).`,
    overstock: `Days of cover (stock ÷ daily demand) above ${over}.`,
    ok: 'None of the above: stock covers the lead time with its safety margin, without piling up.',
  };
}

/** The rules with the default thresholds, for the page's legend. */
export const STATUS_RULES = statusRules();

/** What {@link inventoryPlan} reads: a subset of `ProductStatsColumns`, one entry per product. */
export interface InventoryInput {
  length: number;
  /** Days in the demand window. */
  windowDays: number;
  /** Last day of the window, 'YYYY-MM-DD' ('' when unknown). */
  endDay: string;
  /** Σ units sold per day over the window (zero days add 0). */
  dailyUnitsSum: ArrayLike<number>;
  /** Σ (units sold per day)² over the window. */
  dailyUnitsSumSq: ArrayLike<number>;
  /** Units sold in the window and in the window before it. */
  windowUnits: ArrayLike<number>;
  previousWindowUnits: ArrayLike<number>;
  /** Stock on hand; NaN when unknown. */
  stock: ArrayLike<number>;
  /** Lead time in days; NaN when unknown. */
  leadTime: ArrayLike<number>;
  /** Last day with a sale, 'YYYY-MM-DD' ('' when never). */
  lastSaleDay: readonly string[];
}

/** The inventory figures of one product. Null where the data cannot say: never NaN or Infinity. */
export interface InventoryRow {
  /** Position in the input columns. */
  index: number;
  /** Forecast demand, units per day (the sales velocity): {@link demandModel}. */
  rate: number;
  /** Standard deviation of daily units over the window (population). */
  sigma: number;
  /** Units sold in the window vs the window before, as a fraction (+0.1 = +10%); null when nothing sold before. */
  trend: number | null;
  /** Stock on hand; null when unknown. */
  stock: number | null;
  /** Lead time used, in days (known or assumed); null when unknown and not assumed. */
  leadTimeDays: number | null;
  /** True when `leadTimeDays` is the assumed default, not the product's own. */
  leadTimeAssumed: boolean;
  /** rate × lead time; null without a lead time. */
  leadTimeDemand: number | null;
  /** z × σ × √lead time; null without a lead time. */
  safetyStock: number | null;
  /** Lead-time demand + safety stock; null without a lead time. */
  reorderPoint: number | null;
  /** Stock ÷ rate; 0 when stock ≤ 0; null when stock is unknown or nothing sells. */
  daysOfCover: number | null;
  /** Expected stock-out day 'YYYY-MM-DD' at the forecast rate; null when it never comes or cannot be dated. */
  stockoutDay: string | null;
  /** Units to order now: ⌈max(0, ROP + rate × review days − stock)⌉; null without stock or lead time. */
  suggestedOrder: number | null;
  /** Days from the last sale to the window's end; null when never sold or no end day. */
  daysSinceLastSale: number | null;
  status: InventoryStatus;
}

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of 'YYYY-MM-DD', or null. */
function dayNumber(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.round(ms / DAY_MS) : null;
}

const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A known, usable number or null (NaN, ±Infinity → null). */
const known = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/** Forecast daily demand: the trailing mean of units sold per day, zero days included (Σ ÷ window days). */
export function demandModel(dailyUnitsSum: number, windowDays: number): number {
  return windowDays > 0 && Number.isFinite(dailyUnitsSum) ? dailyUnitsSum / windowDays : 0;
}

/**
 * Standard deviation of daily units over the window, zero days included: the population
 * form √(Σx²/n − mean²). Every day of the window is counted, so the window is the whole
 * record; at n ≥ 28 days the sample (n − 1) form would differ by under 2%.
 */
export function dailyDemandSd(dailyUnitsSum: number, dailyUnitsSumSq: number, windowDays: number): number {
  if (!(windowDays > 0) || !Number.isFinite(dailyUnitsSum) || !Number.isFinite(dailyUnitsSumSq)) return 0;
  const mean = dailyUnitsSum / windowDays;
  // Rounding can leave a tiny negative variance for a constant series.
  return Math.sqrt(Math.max(0, dailyUnitsSumSq / windowDays - mean * mean));
}

/** Safety stock = z × σ(daily demand) × √(lead time in days). */
export function safetyStock(z: number, sigma: number, leadTimeDays: number): number {
  return z * sigma * Math.sqrt(Math.max(0, leadTimeDays));
}

/** Reorder point = expected demand over the lead time (rate × L) + safety stock. */
export function reorderPoint(rate: number, sigma: number, leadTimeDays: number, z: number): number {
  return rate * leadTimeDays + safetyStock(z, sigma, leadTimeDays);
}

/** Days the stock lasts at the forecast rate: stock ÷ rate; 0 when stock ≤ 0; null when nothing sells. */
export function daysOfCover(stock: number, rate: number): number | null {
  if (!Number.isFinite(stock) || !(rate > 0)) return null;
  return Math.max(0, stock) / rate;
}

/**
 * The day stock is expected to run out: `endDay` + ⌈stock ÷ rate⌉ (stock of 10 at 1/day
 * lasts through the 10th day after the end); `endDay` itself when stock ≤ 0; null when
 * nothing sells or the end day is unknown.
 */
export function stockoutDay(endDay: string, stock: number, rate: number): string | null {
  const end = dayNumber(endDay);
  const cover = daysOfCover(stock, rate);
  if (end === null || cover === null) return null;
  // Beyond about 270,000 years a date cannot be written; such stock is overstock anyway.
  return cover > 1e8 ? null : isoDay(end + Math.ceil(cover - 1e-9));
}

/** Units to order: ⌈max(0, ROP + rate × review days − stock)⌉ (a hair of rounding is not a unit). */
export function suggestedOrder(reorderPointUnits: number, rate: number, stock: number, reviewDays: number): number {
  return Math.max(0, Math.ceil(reorderPointUnits + rate * reviewDays - stock - 1e-9));
}

/** What {@link classifyStatus} looks at. */
export interface StatusInput {
  stock: number | null;
  rate: number;
  leadTimeDemand: number | null;
  reorderPoint: number | null;
  daysOfCover: number | null;
  daysSinceLastSale: number | null;
  windowUnits: number;
  previousWindowUnits: number;
}

/**
 * The status, by the first rule that holds ({@link statusRules}): no stock data; stock-out
 * risk and reorder (only for products that sell: no demand, nothing to reorder); dead;
 * overstock; OK.
 */
export function classifyStatus(p: StatusInput, options: RuleOptions = {}): InventoryStatus {
  if (p.stock === null || p.leadTimeDemand === null || p.reorderPoint === null) return 'no-stock-data';
  // Below zero is already out (or a stock count to check), selling or not.
  if (p.stock < 0 || (p.rate > 0 && p.stock <= p.leadTimeDemand)) return 'stockout-risk';
  if (p.rate > 0 && p.stock <= p.reorderPoint) return 'reorder';
  const deadDays = options.deadDays ?? DEFAULT_DEAD_DAYS;
  const idle = p.daysSinceLastSale === null || p.daysSinceLastSale >= deadDays;
  if (p.stock > 0 && (idle || (p.windowUnits <= 0 && p.previousWindowUnits <= 0))) return 'dead';
  if (p.daysOfCover !== null && p.daysOfCover > (options.overstockDays ?? DEFAULT_OVERSTOCK_DAYS)) return 'overstock';
  return 'ok';
}

/**
 * Demand forecast, safety stock, reorder point, cover, stock-out day, order quantity and
 * status for every product of the columns, in their order.
 *
 * @example
 * const stats = await productStats(db, filters, { windowDays: 90 });
 * const rows = inventoryPlan(stats, { serviceLevel: 95 });
 * const alerts = reorderAlerts(rows); // most urgent first
 */
export function inventoryPlan(input: InventoryInput, options: InventoryOptions = {}): InventoryRow[] {
  const z = SERVICE_LEVEL_Z[options.serviceLevel ?? 95];
  const reviewDays = options.reviewDays ?? DEFAULT_REVIEW_DAYS;
  const fallbackLead = options.defaultLeadTimeDays === undefined ? DEFAULT_LEAD_TIME_DAYS : options.defaultLeadTimeDays;
  const end = dayNumber(input.endDay);
  const rows: InventoryRow[] = new Array<InventoryRow>(input.length);
  for (let i = 0; i < input.length; i++) {
    const sum = input.dailyUnitsSum[i] ?? 0;
    const rate = Math.max(0, demandModel(sum, input.windowDays));
    const sigma = dailyDemandSd(sum, input.dailyUnitsSumSq[i] ?? 0, input.windowDays);
    const stock = known(input.stock[i]);
    const ownLead = known(input.leadTime[i]);
    const leadOk = ownLead !== null && ownLead >= 0;
    const leadTimeDays = leadOk ? ownLead : fallbackLead;
    const leadTimeDemand = leadTimeDays === null ? null : rate * leadTimeDays;
    const ss = leadTimeDays === null ? null : safetyStock(z, sigma, leadTimeDays);
    const rop = leadTimeDemand === null || ss === null ? null : leadTimeDemand + ss;
    const cover = stock === null ? null : daysOfCover(stock, rate);
    const last = dayNumber(input.lastSaleDay[i] ?? '');
    const daysSinceLastSale = last === null || end === null ? null : end - last;
    const windowUnits = input.windowUnits[i] ?? 0;
    const previousWindowUnits = input.previousWindowUnits[i] ?? 0;
    rows[i] = {
      index: i,
      rate,
      sigma,
      trend: previousWindowUnits > 0 ? (windowUnits - previousWindowUnits) / previousWindowUnits : null,
      stock,
      leadTimeDays,
      leadTimeAssumed: !leadOk && leadTimeDays !== null,
      leadTimeDemand,
      safetyStock: ss,
      reorderPoint: rop,
      daysOfCover: cover,
      stockoutDay: stock === null ? null : stockoutDay(input.endDay, stock, rate),
      suggestedOrder: stock === null || rop === null ? null : suggestedOrder(rop, rate, stock, reviewDays),
      daysSinceLastSale,
      status: classifyStatus(
        {
          stock,
          rate,
          leadTimeDemand,
          reorderPoint: rop,
          daysOfCover: cover,
          daysSinceLastSale,
          windowUnits,
          previousWindowUnits,
        },
        options,
      ),
    };
  }
  return rows;
}

/**
 * The rows that need an order, most urgent first: stock-out risk by earliest stock-out day,
 * then reorder now by lowest stock ÷ reorder point; ties keep input (product id) order.
 */
export function reorderAlerts(rows: readonly InventoryRow[]): InventoryRow[] {
  const urgency = (r: InventoryRow) => (r.status === 'stockout-risk' ? 0 : 1);
  const ratio = (r: InventoryRow) => (r.stock ?? 0) / (r.reorderPoint || 1);
  return rows
    .filter((r) => r.status === 'stockout-risk' || r.status === 'reorder')
    .sort((a, b) => {
      const byStatus = urgency(a) - urgency(b);
      if (byStatus !== 0) return byStatus;
      if (a.status === 'stockout-risk') {
        // ISO days order as text; an undated one (no end day) sorts first, to be looked at.
        const da = a.stockoutDay ?? '';
        const db = b.stockoutDay ?? '';
        if (da !== db) return da < db ? -1 : 1;
      } else {
        const byRatio = ratio(a) - ratio(b);
        if (byRatio !== 0) return byRatio;
      }
      return a.index - b.index;
    });
}
