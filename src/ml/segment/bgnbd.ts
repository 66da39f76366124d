/**
 * BG/NBD ("beta-geometric / negative binomial") repeat-purchase model of Fader, Hardie &
 * Lee (2005), "Counting your customers the easy way", Marketing Science 24(2).
 *
 * While alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each repeat
 * purchase they drop out with probability p ~ Beta(a, b). A customer is summarised by
 * x (repeat purchases), t_x (time of the last one since the first purchase) and T (time
 * since the first purchase), all in one time unit of the caller's choosing.
 *
 * This module also holds the special functions the customer models share (`lgamma`,
 * `hyp2f1`): gamma-gamma.ts imports them from here.
 */
import { nelderMead } from './optimize';

/** BG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α); dropout p ~ Beta(a, b). */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Per-customer summaries, one entry per customer, all in the same time unit. */
export interface BgnbdData {
  /** Repeat purchases x (an integer count ≥ 0). */
  frequency: Float64Array;
  /** Time of the last repeat purchase t_x, since the first purchase (0 when x = 0). */
  recency: Float64Array;
  /** Time since the first purchase (the customer's age), T ≥ t_x. */
  T: Float64Array;
}

/** Options of {@link fitBgnbd}. */
export interface BgnbdFitOptions {
  /** Starting point (default: r = a = b = 1 and α matched to the mean purchase rate). */
  initial?: BgnbdParams;
  /** Nelder–Mead iteration budget (default 5000). */
  maxIterations?: number;
}

/** A fitted BG/NBD model. */
export interface BgnbdFit extends BgnbdParams {
  /** Total log-likelihood at the estimate (natural log, summed over customers). */
  logLikelihood: number;
  /** Nelder–Mead iterations used. */
  iterations: number;
  /** Tolerances met, confirmed by a restart, and no parameter pinned at a bound. */
  converged: boolean;
}

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
// Lanczos (g = 7, n = 9) coefficients, as in Numerical Recipes and Boost: ~1e-15 relative
// accuracy for Γ over the positive reals, which beats Stirling with a recurrence shift on
// both speed and code size.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** ln |Γ(x)| (Lanczos approximation; reflection below 0.5); NaN at the poles 0, −1, −2, …. */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    if (Number.isInteger(x)) return NaN;
    // Reflection Γ(x)Γ(1−x) = π / sin(πx) keeps the approximation on its accurate side.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  if (x === Infinity) return Infinity;
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let k = 1; k < LANCZOS.length; k++) sum += LANCZOS[k]! / (z + k);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const HYP_EPS = 1e-16;
const HYP_MAX_TERMS = 200_000;

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) by its power series Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ.
 *
 * Domain: |z| < 1 and c not 0, −1, −2, … (NaN otherwise). The series converges like
 * |z|ᵏ·k^(a+b−c−1), so it needs a few dozen terms for z ≤ 0.5 and thousands close to 1
 * (z = 0.99: ~4,000); past `maxTerms` it returns NaN rather than an unconverged sum.
 * It stops once the neglected tail, bounded by a geometric series with the larger of the
 * current term ratio and |z|, is below 1e-16 of the sum; that bound is only trusted while
 * the ratio is falling or already below |z|, because the ratio tends to z monotonically
 * only eventually.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = HYP_MAX_TERMS): number {
  if (!(Math.abs(z) < 1) || (c <= 0 && Number.isInteger(c))) return NaN;
  let term = 1;
  let sum = 1;
  let prevRatio = Infinity;
  const absZ = Math.abs(z);
  for (let k = 0; k < maxTerms; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    if (term === 0) return sum; // a or b is a non-positive integer: a polynomial
    const q = Math.abs(ratio);
    if (q < 1 && (q <= absZ || q <= prevRatio)) {
      const bound = Math.max(q, absZ);
      if ((Math.abs(term) * bound) / (1 - bound) <= HYP_EPS * Math.abs(sum)) return sum;
    }
    prevRatio = q;
  }
  return NaN;
}

/** The data collapsed to distinct (x, t_x, T) rows with multiplicities, plus scratch. */
interface Prepared {
  customers: number;
  /** Distinct rows. */
  rows: number;
  weight: Float64Array;
  x: Float64Array;
  /** Index of each row's x in `xs`. */
  xIndex: Int32Array;
  /** Distinct x values, ascending. */
  xs: Float64Array;
  /** Index of each row's T and t_x in `times`. */
  tIndex: Int32Array;
  txIndex: Int32Array;
  /** Distinct values of T and t_x, ascending. */
  times: Float64Array;
  /** Scratch, per distinct x: A1 + A2 of the likelihood, and ln(a / (b + x − 1)). */
  head: Float64Array;
  lnA4: Float64Array;
  /** Scratch, per distinct time u: ln(α + u). */
  lnTimes: Float64Array;
}

function validate(data: BgnbdData): void {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n) {
    throw new RangeError(
      `BG/NBD: frequency, recency and T differ in length (${n}, ${data.recency.length}, ${data.T.length})`,
    );
  }
  if (n === 0) throw new RangeError('BG/NBD: no customers');
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i]!;
    const tx = data.recency[i]!;
    const T = data.T[i]!;
    // Swapped or unit-mismatched columns show up here, so name the customer and values.
    if (!(x >= 0 && Number.isInteger(x)) || !(tx >= 0) || !(T >= tx) || !Number.isFinite(T)) {
      throw new RangeError(
        `BG/NBD: customer #${i} has frequency ${x}, recency ${tx}, T ${T}; need integer x ≥ 0 and 0 ≤ recency ≤ T`,
      );
    }
  }
}

/** Sorted distinct values of `values` and, for each value, its index among them. */
function distinct(values: Float64Array): { values: Float64Array; index: Int32Array } {
  const sorted = Float64Array.from(values).sort();
  let m = 0;
  for (let k = 0; k < sorted.length; k++) if (m === 0 || sorted[m - 1] !== sorted[k]) sorted[m++] = sorted[k]!;
  const unique = sorted.slice(0, m);
  const index = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    // Binary search: unique is sorted and every value is in it.
    let lo = 0;
    let hi = m - 1;
    const v = values[k]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (unique[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    index[k] = lo;
  }
  return { values: unique, index };
}

function prepare(data: BgnbdData): Prepared {
  validate(data);
  const n = data.frequency.length;
  const fx = data.frequency;
  const fT = data.T;
  // t_x plays no part when x = 0, so zero it to let all one-off customers of an age merge.
  const rec = data.recency.map((t, i) => (fx[i] === 0 ? 0 : t));
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  // Sorting makes equal rows adjacent (and the row order deterministic); most customers
  // of a real shop are one-off buyers who differ only in T, so this shrinks the loop a lot.
  idx.sort((i, j) => fx[i]! - fx[j]! || fT[i]! - fT[j]! || rec[i]! - rec[j]!);

  const weight = new Float64Array(n);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  let rows = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const xi = fx[i]!;
    const ti = rec[i]!;
    const Ti = fT[i]!;
    if (rows > 0 && x[rows - 1] === xi && T[rows - 1] === Ti && tx[rows - 1] === ti) {
      weight[rows - 1]!++;
    } else {
      x[rows] = xi;
      tx[rows] = ti;
      T[rows] = Ti;
      weight[rows] = 1;
      rows++;
    }
  }
  const xd = distinct(x.subarray(0, rows));
  // Ages and recencies are usually whole days or weeks, so a few hundred distinct values
  // serve every row: ln(α + u) becomes a table lookup instead of two logs per row.
  const both = new Float64Array(2 * rows);
  both.set(T.subarray(0, rows));
  both.set(tx.subarray(0, rows), rows);
  const td = distinct(both);
  return {
    customers: n,
    rows,
    weight: weight.subarray(0, rows),
    x: x.subarray(0, rows),
    xIndex: xd.index,
    xs: xd.values,
    tIndex: td.index.subarray(0, rows),
    txIndex: td.index.subarray(rows),
    times: td.values,
    head: new Float64Array(xd.values.length),
    lnA4: new Float64Array(xd.values.length),
    lnTimes: new Float64Array(td.values.length),
  };
}

/**
 * Total log-likelihood (FHL 2005 eq. 6, in the log form of Hardie's note 004):
 *   ℓ = A₁ + A₂ + ln(e^A₃ + [x > 0] e^A₄), with
 *   A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,  A₂ = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x),
 *   A₃ = −(r+x) ln(α+T),               A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * What depends on x alone is computed once per distinct x, and ln(α + u) once per distinct
 * time, so the row loop is one exp and one log1p (none when x = 0) and allocates nothing.
 */
function logLikelihoodPrepared(p: Prepared, r: number, alpha: number, a: number, b: number): number {
  const lgR = lgamma(r);
  const lgB = lgamma(b);
  const lgAB = lgamma(a + b);
  const rLnAlpha = r * Math.log(alpha);
  const lnA = Math.log(a);
  const { xs, head, lnA4 } = p;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    head[k] = lgamma(r + x) - lgR + rLnAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
    lnA4[k] = x > 0 ? lnA - Math.log(b + x - 1) : 0;
  }
  const { times, lnTimes } = p;
  for (let u = 0; u < times.length; u++) lnTimes[u] = Math.log(alpha + times[u]!);
  const { weight, x, xIndex, tIndex, txIndex } = p;
  let total = 0;
  for (let i = 0; i < p.rows; i++) {
    const xi = x[i]!;
    const k = xIndex[i]!;
    const rx = r + xi;
    const a3 = -rx * lnTimes[tIndex[i]!]!;
    let ll: number;
    if (xi > 0) {
      const a4 = lnA4[k]! - rx * lnTimes[txIndex[i]!]!;
      // log-sum-exp: factor out the larger exponent so neither term underflows to 0.
      ll = a3 > a4 ? a3 + Math.log1p(Math.exp(a4 - a3)) : a4 + Math.log1p(Math.exp(a3 - a4));
    } else {
      ll = a3;
    }
    total += weight[i]! * (head[k]! + ll);
  }
  return total;
}

/** Total BG/NBD log-likelihood of `data` at `params` (natural log, summed over customers). */
export function bgnbdLogLikelihood(params: BgnbdParams, data: BgnbdData): number {
  return logLikelihoodPrepared(prepare(data), params.r, params.alpha, params.a, params.b);
}

// Box for the log-parameters: e^±20 spans 2e-9 … 5e8, far beyond any sensible fit in any
// time unit, and keeps lgamma and the powers finite when the data push a parameter away
// (e.g. b → ∞ when nobody seems to drop out).
const LOG_BOUND = 20;

/**
 * Fits BG/NBD by maximum likelihood: Nelder–Mead on (ln r, ln α, ln a, ln b), minimising
 * the mean negative log-likelihood per customer so the tolerances do not depend on n.
 * @example
 * const fit = fitBgnbd({ frequency, recency, T }); // CDNOW: r ≈ 0.243, α ≈ 4.414, a ≈ 0.793, b ≈ 2.426
 */
export function fitBgnbd(data: BgnbdData, options: BgnbdFitOptions = {}): BgnbdFit {
  const prepared = prepare(data);
  const n = prepared.customers;
  let start = options.initial;
  if (!start) {
    let sumX = 0;
    let sumT = 0;
    for (let i = 0; i < n; i++) {
      sumX += data.frequency[i]!;
      sumT += data.T[i]!;
    }
    // With r = 1 the mean rate is 1/α, so α ≈ mean T / mean x puts the start on the data's time scale.
    const alpha = Math.min(1e6, Math.max(1e-6, sumT / Math.max(sumX, 1e-3)));
    start = { r: 1, alpha, a: 1, b: 1 };
  }
  const x0 = [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)];
  const objective = (u: Float64Array): number =>
    -logLikelihoodPrepared(prepared, Math.exp(u[0]!), Math.exp(u[1]!), Math.exp(u[2]!), Math.exp(u[3]!)) / n;
  const res = nelderMead(objective, x0, {
    maxIterations: options.maxIterations ?? 5000,
    lower: [-LOG_BOUND, -LOG_BOUND, -LOG_BOUND, -LOG_BOUND],
    upper: [LOG_BOUND, LOG_BOUND, LOG_BOUND, LOG_BOUND],
  });
  const [r, alpha, a, b] = Array.from(res.x, Math.exp) as [number, number, number, number];
  const pinned = Array.from(res.x).some((u) => Math.abs(u) > LOG_BOUND - 1e-6);
  return {
    r,
    alpha,
    a,
    b,
    logLikelihood: logLikelihoodPrepared(prepared, r, alpha, a, b),
    iterations: res.iterations,
    converged: res.converged && !pinned,
  };
}

/**
 * P(alive | x, t_x, T) (Hardie's note 021): 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * Exactly 1 when x = 0: in BG/NBD a customer can only drop out right after a repeat purchase.
 */
export function probabilityAlive(params: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  // In logs, because ((α+T)/(α+t_x))^(r+x) overflows for frequent buyers long gone.
  const logOdds = (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)) + Math.log(a) - Math.log(b + x - 1);
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * (1 − z)^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z), the hypergeometric part of FHL eq. 10.
 * Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns it into
 * (1 − z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose upper parameters do not grow with x:
 * its terms decay like k^(a−r−x−2) zᵏ instead of k^(r+x−a) zᵏ, so frequent buyers need few
 * terms instead of overflowing ones. It is the better series whenever a < 1 + r + x.
 */
function hypergeometricPart(r: number, a: number, b: number, x: number, z: number): number {
  if (a < 1 + r + x) return Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  return Math.pow(1 - z, r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
}

function expectedPurchasesAt(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const z = t / (alpha + T + t);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - hypergeometricPart(r, a, b, x, z));
  const denominator =
    x > 0
      ? 1 + Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)) + Math.log(a) - Math.log(b + x - 1))
      : 1;
  return numerator / denominator;
}

// a = 1 is a removable singularity of eq. 10 (0/0); the mean of the two sides at ±1e-6 is
// the limit to O(1e-12), well below what the data can say about a.
const A_NEAR_ONE = 1e-6;

/**
 * E[purchases in (T, T + t] | x, t_x, T] (FHL 2005 eq. 10); NaN if the ₂F₁ series does not
 * converge (t/(α+T+t) within ~1e-4 of 1, i.e. a horizon thousands of times α+T).
 */
export function expectedPurchases(params: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  if (Math.abs(a - 1) < A_NEAR_ONE) {
    return (
      (expectedPurchasesAt(r, alpha, 1 - A_NEAR_ONE, b, t, x, tx, T) +
        expectedPurchasesAt(r, alpha, 1 + A_NEAR_ONE, b, t, x, tx, T)) /
      2
    );
  }
  return expectedPurchasesAt(r, alpha, a, b, t, x, tx, T);
}
