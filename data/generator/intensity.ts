/**
 * The daily demand curve: trend x yearly seasonality x weekly pattern x holidays x promotions,
 * per category. Everything the analytics and forecasting views should rediscover lives here.
 */
import type { Holiday, Promotion } from './calendar';
import { dayOfYear, parseDay, weekday } from './dates';
import { CATEGORIES } from './taxonomy';

/** Year-over-year growth of the underlying demand. */
export const ANNUAL_GROWTH = 0.2;

/** Demand multiplier by weekday, Sunday first: Friday and Saturday peak, Monday and Tuesday trough. */
export const WEEKDAY_FACTORS: readonly number[] = [1.05, 0.82, 0.85, 0.93, 1.0, 1.22, 1.3];

/** Share of order lines each category draws on an ordinary day, aligned with CATEGORIES. */
export const CATEGORY_SHARES: readonly number[] = [0.14, 0.22, 0.18, 0.14, 0.17, 0.15];

interface Bump {
  /** Zero-based day of year at the bump's centre. */
  center: number;
  /** Standard deviation in days. */
  width: number;
  /** Added to the multiplier at the centre (negative for dips). */
  amplitude: number;
  /** Standard deviation after the centre, when the bump ends faster than it starts. */
  tail?: number;
}

// Shared retail seasonality: the gift season builds through Nov-Dec and collapses after
// Christmas into the January hangover; summer gets a mild lift.
const COMMON_SEASON: readonly Bump[] = [
  { center: 350, width: 26, amplitude: 0.75, tail: 5 },
  { center: 191, width: 35, amplitude: 0.15 },
  { center: 22, width: 16, amplitude: -0.25 },
];

// Category-specific seasons on top of the shared one, aligned with CATEGORIES.
const CATEGORY_SEASON: readonly (readonly Bump[])[] = [
  [{ center: 340, width: 20, amplitude: 0.25, tail: 8 }],
  [
    { center: 232, width: 15, amplitude: 0.25 },
    { center: 100, width: 25, amplitude: 0.15 },
  ],
  [
    { center: 115, width: 30, amplitude: 0.45 },
    { center: 350, width: 26, amplitude: -0.2, tail: 5 },
  ],
  [
    { center: 191, width: 40, amplitude: 0.3 },
    { center: 12, width: 10, amplitude: 0.35 },
  ],
  [
    { center: 41, width: 6, amplitude: 0.25 },
    { center: 350, width: 26, amplitude: 0.1, tail: 5 },
  ],
  [{ center: 352, width: 18, amplitude: 0.6, tail: 4 }],
];

/** Signed distance from `center` to `doy` on a 365-day circle, in (-182.5, 182.5]. */
function circularOffset(doy: number, center: number): number {
  const d = (((doy - center) % 365) + 365) % 365;
  return d > 182.5 ? d - 365 : d;
}

function bumps(list: readonly Bump[], doy: number): number {
  let sum = 0;
  for (const b of list) {
    const offset = circularOffset(doy, b.center);
    const z = offset / (offset > 0 ? (b.tail ?? b.width) : b.width);
    sum += b.amplitude * Math.exp(-0.5 * z * z);
  }
  return sum;
}

/** Yearly seasonal multiplier for a category on a zero-based day of year. */
export function seasonality(categoryIndex: number, doy: number): number {
  return Math.max(0.2, 1 + bumps(COMMON_SEASON, doy) + bumps(CATEGORY_SEASON[categoryIndex] ?? [], doy));
}

/** Expected relative demand per day and category over the simulated range. */
export interface DemandCurve {
  /** First simulated epoch day. */
  startDay: number;
  /** Number of simulated days. */
  days: number;
  /** Demand per day and category, index day * CATEGORIES.length + category. */
  byCategory: Float64Array;
  /** Demand per day summed over categories. */
  total: Float64Array;
  /** Promotion discount in whole percent per day and category (0 when none), same layout. */
  promoDiscountPct: Uint8Array;
}

/** Builds the demand curve; categories with a zero `available` flag get no demand. */
export function demandCurve(
  start: string,
  end: string,
  holidays: readonly Holiday[],
  promotions: readonly Promotion[],
  available: readonly boolean[],
): DemandCurve {
  const startDay = parseDay(start);
  const days = parseDay(end) - startDay + 1;
  const n = CATEGORIES.length;
  const holidayLift = new Float64Array(days).fill(1);
  for (const h of holidays) {
    const i = parseDay(h.date) - startDay;
    if (i >= 0 && i < days) holidayLift[i] = (holidayLift[i] ?? 1) * h.lift;
  }
  const promoLift = new Float64Array(days * n).fill(1);
  const promoDiscountPct = new Uint8Array(days * n);
  for (const p of promotions) {
    const from = Math.max(0, parseDay(p.start) - startDay);
    const to = Math.min(days - 1, parseDay(p.end) - startDay);
    for (let d = from; d <= to; d++) {
      for (let c = 0; c < n; c++) {
        if (p.category !== null && CATEGORIES[c] !== p.category) continue;
        promoLift[d * n + c] = p.lift;
        promoDiscountPct[d * n + c] = Math.round(p.discount * 100);
      }
    }
  }
  const byCategory = new Float64Array(days * n);
  const total = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const day = startDay + d;
    const doy = dayOfYear(day);
    // Continuous compounding so the curve has no steps at year boundaries.
    const trend = Math.pow(1 + ANNUAL_GROWTH, d / 365.25);
    const common = trend * (WEEKDAY_FACTORS[weekday(day)] ?? 1) * (holidayLift[d] ?? 1);
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const v = available[c]
        ? common * (CATEGORY_SHARES[c] ?? 0) * seasonality(c, doy) * (promoLift[d * n + c] ?? 1)
        : 0;
      byCategory[d * n + c] = v;
      sum += v;
    }
    total[d] = sum;
  }
  return { startDay, days, byCategory, total, promoDiscountPct };
}
