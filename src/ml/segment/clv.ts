/**
 * Customer lifetime value from a BG/NBD model (how many purchases) and a Gamma–Gamma model
 * (how much per purchase), as lifetimes' `customer_lifetime_value`:
 *
 *   CLV = Σₖ₌₁ᴴ  E[spend] · (E[Y(kL)] − E[Y((k−1)L)]) / (1 + d)ᵏ
 *
 * with H periods of L model time units each, discounted at d per period at each period's
 * end. Spend is the expected spend per transaction, not a margin: multiply by a margin
 * rate for profit. lifetimes' `time`, `discount_rate` and `freq` map to `horizon`,
 * `discountRate` and `periodLength` = 30 (freq "D", its default), 4.345 ("W"), 1 ("M").
 */
import { expectedPurchases, type BgnbdParams } from './bgnbd';
import { expectedAverageSpend, type GammaGammaParams } from './gamma-gamma';

/** One customer's summary: BG/NBD's x, t_x, T and the mean spend of the repeat purchases. */
export interface ClvCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** Mean spend of the repeat purchases (ignored when frequency is 0). */
  monetary: number;
}

/** Horizon and discounting of {@link customerLifetimeValue}. */
export interface ClvOptions {
  /** Number of periods to sum over (a non-negative integer). */
  horizon: number;
  /** Discount rate per period, e.g. 0.01 a month ≈ 12.7 % a year. */
  discountRate: number;
  /** Model time units per period, e.g. 4.345 for months over a weekly model (default 1). */
  periodLength?: number;
}

function checkOptions(options: ClvOptions): number {
  const { horizon, discountRate } = options;
  const periodLength = options.periodLength ?? 1;
  if (!(Number.isInteger(horizon) && horizon >= 0))
    throw new RangeError(`CLV: horizon must be a whole number of periods ≥ 0, got ${horizon}`);
  if (!(discountRate > -1)) throw new RangeError(`CLV: discountRate must be > −1, got ${discountRate}`);
  if (!(periodLength > 0)) throw new RangeError(`CLV: periodLength must be > 0, got ${periodLength}`);
  return periodLength;
}

function clv(
  bgnbd: BgnbdParams,
  gg: GammaGammaParams,
  x: number,
  tx: number,
  T: number,
  monetary: number,
  horizon: number,
  discountRate: number,
  periodLength: number,
): number {
  const spend = expectedAverageSpend(gg, x, monetary);
  let total = 0;
  let previous = 0; // E[Y(0)] = 0
  let discount = 1;
  for (let k = 1; k <= horizon; k++) {
    // E[Y(t)] is cumulative, so each period's purchases are a difference of two calls;
    // carrying the previous value halves the (series-summing) calls.
    const cumulative = expectedPurchases(bgnbd, k * periodLength, x, tx, T);
    discount /= 1 + discountRate;
    total += spend * (cumulative - previous) * discount;
    previous = cumulative;
  }
  return total;
}

/**
 * Discounted expected revenue of one customer over `horizon` periods (lifetimes' method).
 * @example
 * // CDNOW (weekly): 12 months of 4.345 weeks at 1 % a month
 * customerLifetimeValue(bgnbdFit, ggFit, { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 },
 *   { horizon: 12, discountRate: 0.01, periodLength: 4.345 });
 */
export function customerLifetimeValue(
  bgnbd: BgnbdParams,
  gg: GammaGammaParams,
  customer: ClvCustomer,
  options: ClvOptions,
): number {
  const periodLength = checkOptions(options);
  const { frequency, recency, T, monetary } = customer;
  return clv(bgnbd, gg, frequency, recency, T, monetary, options.horizon, options.discountRate, periodLength);
}

/** {@link customerLifetimeValue} for every customer of columnar data, into one Float64Array. */
export function customerLifetimeValues(
  bgnbd: BgnbdParams,
  gg: GammaGammaParams,
  data: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array },
  options: ClvOptions,
): Float64Array {
  const periodLength = checkOptions(options);
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n || data.monetary.length !== n) {
    throw new RangeError('CLV: frequency, recency, T and monetary differ in length');
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = clv(
      bgnbd,
      gg,
      data.frequency[i]!,
      data.recency[i]!,
      data.T[i]!,
      data.monetary[i]!,
      options.horizon,
      options.discountRate,
      periodLength,
    );
  }
  return out;
}
