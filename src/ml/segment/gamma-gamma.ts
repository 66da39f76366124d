/**
 * Gamma–Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
 * using iso-value curves for customer base analysis", JMR 42(4); Fader & Hardie's note 025;
 * lifetimes' GammaGammaFitter is the reference implementation).
 *
 * A customer's transactions are Gamma(p, ν) (shape p, rate ν), and ν ~ Gamma(q, v) across
 * customers; the customer's mean spend over x transactions, m̄, is what we observe. Spend
 * is assumed independent of purchase frequency: check that before trusting the model.
 */
import { lgamma } from './bgnbd';
import { nelderMead } from './optimize';

/** Gamma–Gamma parameters: transaction spend ~ Gamma(p, ν), ν ~ Gamma(shape q, rate v). */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Per-customer inputs; customers with frequency 0 are ignored by the fit. */
export interface GammaGammaData {
  /** Repeat purchases x: the number of transactions averaged in `monetary`. */
  frequency: Float64Array;
  /** Mean spend of those transactions, m̄ (must be > 0 to be used). */
  monetary: Float64Array;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** Starting point (default p = 1, q = 2, v = mean spend, i.e. the population mean). */
  initial?: GammaGammaParams;
  /** Nelder–Mead iteration budget (default 5000). */
  maxIterations?: number;
}

/** A fitted Gamma–Gamma model. */
export interface GammaGammaFit extends GammaGammaParams {
  /** Total log-likelihood over the customers used. */
  logLikelihood: number;
  /** Customers used: frequency > 0 and a finite monetary value > 0. */
  customers: number;
  /** Nelder–Mead iterations used. */
  iterations: number;
  /** Tolerances met, confirmed by a restart, and no parameter pinned at a bound. */
  converged: boolean;
}

interface Prepared {
  n: number;
  x: Float64Array;
  lnM: Float64Array;
  xm: Float64Array;
  xIndex: Int32Array;
  xs: Float64Array;
  lnXs: Float64Array;
  /** Scratch per distinct x: lnΓ(px+q) − lnΓ(px) + px ln x. */
  head: Float64Array;
}

function prepare(data: GammaGammaData): Prepared {
  const { frequency, monetary } = data;
  if (frequency.length !== monetary.length) {
    throw new RangeError(
      `Gamma–Gamma: frequency and monetary differ in length (${frequency.length}, ${monetary.length})`,
    );
  }
  // Net spend can be ≤ 0 when returns outweigh sales; the model is for positive amounts,
  // so such customers are left out (and counted out in `customers`) rather than failing.
  const used: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    const m = monetary[i]!;
    if (x > 0 && Number.isFinite(x) && m > 0 && Number.isFinite(m)) used.push(i);
  }
  // Sorting by x lets the per-x terms be looked up by a run index (and fixes the sum order).
  used.sort((i, j) => frequency[i]! - frequency[j]! || i - j);
  const n = used.length;
  if (n === 0) throw new RangeError('Gamma–Gamma: no customer with frequency > 0 and positive spend');
  const x = new Float64Array(n);
  const lnM = new Float64Array(n);
  const xm = new Float64Array(n);
  const xIndex = new Int32Array(n);
  const xsList: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = used[k]!;
    const xi = frequency[i]!;
    const mi = monetary[i]!;
    x[k] = xi;
    lnM[k] = Math.log(mi);
    xm[k] = xi * mi;
    if (xsList.length === 0 || xsList[xsList.length - 1] !== xi) xsList.push(xi);
    xIndex[k] = xsList.length - 1;
  }
  const xs = Float64Array.from(xsList);
  return { n, x, lnM, xm, xIndex, xs, lnXs: xs.map(Math.log), head: new Float64Array(xs.length) };
}

/**
 * ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln v + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ + v),
 * the density of m̄ (a Gamma(px, xν) mean) integrated over ν. The x-only part is computed
 * once per distinct x, so the customer loop is one log and allocates nothing.
 */
function logLikelihoodPrepared(d: Prepared, p: number, q: number, v: number): number {
  const constant = q * Math.log(v) - lgamma(q);
  const { xs, lnXs, head } = d;
  for (let k = 0; k < xs.length; k++) {
    const px = p * xs[k]!;
    head[k] = lgamma(px + q) - lgamma(px) + px * lnXs[k]!;
  }
  const { x, lnM, xm, xIndex } = d;
  let total = 0;
  for (let i = 0; i < d.n; i++) {
    const px = p * x[i]!;
    total += head[xIndex[i]!]! + (px - 1) * lnM[i]! - (px + q) * Math.log(xm[i]! + v);
  }
  return total + d.n * constant;
}

/** Total Gamma–Gamma log-likelihood at `params` over the customers with x > 0 and m̄ > 0. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: GammaGammaData): number {
  return logLikelihoodPrepared(prepare(data), params.p, params.q, params.v);
}

// Same box as BG/NBD: e^±20 on every parameter keeps lgamma and the logs finite.
const LOG_BOUND = 20;

/**
 * Fits Gamma–Gamma by maximum likelihood on the customers with frequency > 0 (Nelder–Mead
 * on ln p, ln q, ln v, minimising the mean negative log-likelihood per customer).
 * @example
 * const gg = fitGammaGamma({ frequency, monetary }); // CDNOW: p ≈ 6.25, q ≈ 3.74, v ≈ 15.45
 */
export function fitGammaGamma(data: GammaGammaData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  const d = prepare(data);
  let start = options.initial;
  if (!start) {
    let sum = 0;
    for (let i = 0; i < d.n; i++) sum += Math.exp(d.lnM[i]!);
    // p = 1, q = 2 make the population mean p·v/(q−1) equal to v: start it at the data's mean.
    start = { p: 1, q: 2, v: sum / d.n };
  }
  const objective = (u: Float64Array): number =>
    -logLikelihoodPrepared(d, Math.exp(u[0]!), Math.exp(u[1]!), Math.exp(u[2]!)) / d.n;
  const res = nelderMead(objective, [Math.log(start.p), Math.log(start.q), Math.log(start.v)], {
    maxIterations: options.maxIterations ?? 5000,
    lower: [-LOG_BOUND, -LOG_BOUND, -LOG_BOUND],
    upper: [LOG_BOUND, LOG_BOUND, LOG_BOUND],
  });
  const [p, q, v] = Array.from(res.x, Math.exp) as [number, number, number];
  const pinned = Array.from(res.x).some((u) => Math.abs(u) > LOG_BOUND - 1e-6);
  return {
    p,
    q,
    v,
    logLikelihood: logLikelihoodPrepared(d, p, q, v),
    customers: d.n,
    iterations: res.iterations,
    converged: res.converged && !pinned,
  };
}

/**
 * E[spend per transaction | x, m̄] = p(v + x m̄) / (px + q − 1) (note 025 eq. 5): a weighted
 * mean of the customer's own m̄ and the population mean pv/(q−1), leaning on m̄ as x grows.
 * For x = 0 it is the population mean (m̄ is ignored); NaN where that mean is undefined (q ≤ 1).
 */
export function expectedAverageSpend(params: GammaGammaParams, frequency: number, monetary: number): number {
  const { p, q, v } = params;
  const x = frequency > 0 ? frequency : 0;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return NaN;
  return x === 0 ? (p * v) / denominator : (p * (v + x * monetary)) / denominator;
}
