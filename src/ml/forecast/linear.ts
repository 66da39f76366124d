/**
 * Dense least squares with a per-column ridge (L2) penalty, solved through the normal
 * equations and a Cholesky factorisation of XᵀX + Λ.
 *
 * Sized for the small regressions the forecast and pricing models run (p ≲ 100 columns,
 * n ≲ a few thousand rows). Forming XᵀX costs n·p²/2 multiply-adds in one pass over the
 * rows; everything after that is O(p³) and independent of n, so a caller that wants to try
 * several penalties builds {@link normalEquations} once and calls
 * {@link solveNormalEquations} per penalty.
 *
 * Layout: a design matrix is an array of rows, `X[i][j]` = column j of observation i (rows
 * may be `subarray` views into one buffer, which is how the forecasters build them).
 * Every p×p result is a flat row-major Float64Array: entry (j, k) is at `j * p + k`.
 *
 * Covariance: with Λ ≠ 0 this module reports the Bayesian posterior covariance
 * σ²(XᵀX+Λ)⁻¹ (the ridge penalty read as a Gaussian prior βⱼ ~ N(0, σ²/λⱼ)), not the
 * frequentist sandwich σ²(XᵀX+Λ)⁻¹XᵀX(XᵀX+Λ)⁻¹. The sandwich is smaller and ignores the
 * shrinkage bias, so intervals built from it undercover exactly the coefficients the penalty
 * pulled hardest; the posterior form does not. With Λ = 0 both are the usual σ²(XᵀX)⁻¹.
 */

/** A design matrix as rows: `X[i][j]` is column j of observation i. */
export type DesignRows = readonly Float64Array[];

/** XᵀX, Xᵀy and yᵀy of a regression: all a penalised solve needs from the data. */
export interface NormalEquations {
  n: number;
  p: number;
  /** XᵀX, p×p row-major (both triangles filled). */
  gram: Float64Array;
  xty: Float64Array;
  yty: number;
}

/** A penalised least-squares solution computed from the normal equations alone. */
export interface PenalisedSolution {
  beta: Float64Array;
  /** Posterior covariance σ²(XᵀX+Λ)⁻¹, p×p row-major (see the module comment for why not the sandwich). */
  covariance: Float64Array;
  /** (XᵀX+Λ)⁻¹ alone, for a caller that must supply σ itself (e.g. when residualSd is NaN). */
  unscaledCovariance: Float64Array;
  /** √(RSS / (n − effectiveDf)); NaN when the fit leaves no residual degrees of freedom. */
  residualSd: number;
  /** Residual sum of squares. */
  rss: number;
  /** tr[(XᵀX+Λ)⁻¹XᵀX] = p − Σ λⱼ[(XᵀX+Λ)⁻¹]ⱼⱼ: p for OLS, less as penalties bite. */
  effectiveDf: number;
  /**
   * Ridge added to every diagonal entry because XᵀX+Λ was numerically singular (0 when it
   * was not). Non-zero means some unpenalised columns are (nearly) collinear: the solve then
   * splits the effect between them, as a ridge would, rather than failing.
   */
  jitter: number;
}

/** {@link PenalisedSolution} plus the fitted values Xβ. */
export interface PenalisedFit extends PenalisedSolution {
  fitted: Float64Array;
}

/** An ordinary least-squares fit with the standard error of each coefficient. */
export interface OlsFit extends PenalisedFit {
  /** √diag(σ²(XᵀX)⁻¹), one per column. */
  standardErrors: Float64Array;
  /** n − p. */
  degreesOfFreedom: number;
}

/** Accumulates XᵀX (upper triangle, then mirrored), Xᵀy and yᵀy in a single pass over the rows. */
export function normalEquations(X: DesignRows, y: ArrayLike<number>): NormalEquations {
  const n = X.length;
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
  const p = n > 0 ? X[0]!.length : 0;
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  let yty = 0;
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== p) throw new RangeError(`row ${i} has ${row.length} columns, expected ${p}`);
    const yi = y[i]!;
    yty += yi * yi;
    for (let j = 0; j < p; j++) {
      const xj = row[j]!;
      // Holiday dummies and not-yet-active changepoint hinges are mostly zero.
      if (xj === 0) continue;
      xty[j]! += xj * yi;
      const base = j * p;
      for (let k = j; k < p; k++) gram[base + k]! += xj * row[k]!;
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) gram[j * p + k] = gram[k * p + j]!;
  return { n, p, gram, xty, yty };
}

/** Solves min ‖y − Xβ‖² + Σ λⱼβⱼ² from precomputed normal equations. */
export function solveNormalEquations(ne: NormalEquations, penalty: ArrayLike<number>): PenalisedSolution {
  const core = solveCore(ne, penalty);
  // yᵀy − 2βᵀXᵀy + βᵀXᵀXβ: exact algebra, but it cancels when the fit is near perfect;
  // penalisedLeastSquares recomputes RSS from the residuals instead.
  const { p, gram, xty } = ne;
  let rss = ne.yty;
  for (let j = 0; j < p; j++) {
    const bj = core.beta[j]!;
    let gb = 0;
    for (let k = 0; k < p; k++) gb += gram[j * p + k]! * core.beta[k]!;
    rss += bj * (gb - 2 * xty[j]!);
  }
  return finish(core, Math.max(rss, 0), ne.n);
}

/**
 * Penalised (ridge) least squares: minimises ‖y − Xβ‖² + Σ λⱼβⱼ², one λⱼ ≥ 0 per column
 * (0 leaves the column unpenalised, e.g. an intercept).
 *
 * @example
 * // y ≈ a + b·x with b shrunk towards 0 by λ = 2:
 * const X = xs.map((x) => Float64Array.of(1, x));
 * const { beta, covariance } = penalisedLeastSquares(X, y, Float64Array.of(0, 2));
 */
export function penalisedLeastSquares(X: DesignRows, y: ArrayLike<number>, penalty: ArrayLike<number>): PenalisedFit {
  return fitFromNormalEquations(normalEquations(X, y), X, y, penalty);
}

/**
 * {@link penalisedLeastSquares} for a caller that already holds the normal equations of
 * (X, y), e.g. after trying several penalties with {@link solveNormalEquations}: RSS and σ
 * come from the residuals, not from the cancellation-prone normal-equation identity.
 */
export function fitFromNormalEquations(
  ne: NormalEquations,
  X: DesignRows,
  y: ArrayLike<number>,
  penalty: ArrayLike<number>,
): PenalisedFit {
  const core = solveCore(ne, penalty);
  const fitted = multiply(X, core.beta);
  let rss = 0;
  for (let i = 0; i < ne.n; i++) rss += (y[i]! - fitted[i]!) ** 2;
  return { ...finish(core, rss, ne.n), fitted };
}

/** Ordinary least squares (no penalty) with coefficient standard errors, e.g. for coefficient ± SE tables. */
export function ordinaryLeastSquares(X: DesignRows, y: ArrayLike<number>): OlsFit {
  const p = X.length > 0 ? X[0]!.length : 0;
  const fit = penalisedLeastSquares(X, y, new Float64Array(p));
  const standardErrors = new Float64Array(p);
  for (let j = 0; j < p; j++) standardErrors[j] = Math.sqrt(fit.covariance[j * p + j]!);
  return { ...fit, standardErrors, degreesOfFreedom: X.length - p };
}

/** Xβ for a design given as rows. */
export function multiply(X: DesignRows, beta: ArrayLike<number>): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const row = X[i]!;
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * beta[j]!;
    out[i] = s;
  }
  return out;
}

interface Core {
  beta: Float64Array;
  /** (XᵀX+Λ)⁻¹, before scaling by σ². */
  inverse: Float64Array;
  effectiveDf: number;
  jitter: number;
}

// Relative size of the first jitter tried, and how far each retry scales it up: from 1e-10
// (invisible next to any real penalty) to 1e-2 of the mean diagonal, beyond which the matrix
// is broken rather than ill-conditioned.
const FIRST_JITTER = 1e-10;
const JITTER_GROWTH = 100;
const JITTER_TRIES = 5;

function solveCore(ne: NormalEquations, penalty: ArrayLike<number>): Core {
  const { p, gram, xty } = ne;
  if (penalty.length !== p) throw new RangeError(`penalty has ${penalty.length} entries, expected ${p}`);
  const a = new Float64Array(p * p);
  let meanDiagonal = 0;
  for (let j = 0; j < p; j++) {
    const lambda = penalty[j]!;
    if (!(lambda >= 0)) throw new RangeError(`penalty ${j} is ${lambda}; penalties must be ≥ 0`);
    meanDiagonal += (gram[j * p + j]! + lambda) / Math.max(p, 1);
  }
  const jitterUnit = meanDiagonal > 0 ? meanDiagonal : 1;
  let jitter = 0;
  for (let attempt = 0; ; attempt++) {
    a.set(gram);
    for (let j = 0; j < p; j++) a[j * p + j]! += penalty[j]! + jitter;
    if (choleskyInPlace(a, p)) break;
    if (attempt === JITTER_TRIES) throw new Error('penalised least squares: XᵀX + Λ is not positive definite');
    jitter = jitter === 0 ? FIRST_JITTER * jitterUnit : jitter * JITTER_GROWTH;
  }
  const beta = choleskySolve(a, p, xty);
  const inverse = choleskyInverse(a, p);
  let effectiveDf = p;
  for (let j = 0; j < p; j++) effectiveDf -= (penalty[j]! + jitter) * inverse[j * p + j]!;
  return { beta, inverse, effectiveDf, jitter };
}

function finish(core: Core, rss: number, n: number): PenalisedSolution {
  const dof = n - core.effectiveDf;
  // Below one residual degree of freedom the variance estimate is noise (or 0/0).
  const residualSd = dof >= 1 - 1e-9 ? Math.sqrt(rss / dof) : Number.NaN;
  const variance = residualSd * residualSd;
  const covariance = core.inverse.map((v) => v * variance);
  return {
    beta: core.beta,
    covariance,
    unscaledCovariance: core.inverse,
    residualSd,
    rss,
    effectiveDf: core.effectiveDf,
    jitter: core.jitter,
  };
}

// A pivot this small relative to its original diagonal entry means the column is a linear
// combination of earlier ones to ~12 digits: solving on would return noise-sized coefficients.
const PIVOT_TOLERANCE = 1e-12;

/**
 * Overwrites the lower triangle of the symmetric p×p matrix `a` with its Cholesky factor L
 * (A = LLᵀ); returns false when A is not numerically positive definite.
 */
function choleskyInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    const rowJ = j * p;
    const diagonal = a[rowJ + j]!;
    let pivot = diagonal;
    for (let k = 0; k < j; k++) pivot -= a[rowJ + k]! ** 2;
    if (!(pivot > PIVOT_TOLERANCE * Math.abs(diagonal))) return false;
    const ljj = Math.sqrt(pivot);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      const rowI = i * p;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/** Solves LLᵀx = b given the factor in the lower triangle of `l`. */
function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** (LLᵀ)⁻¹ = L⁻ᵀL⁻¹, full symmetric p×p row-major. */
function choleskyInverse(l: Float64Array, p: number): Float64Array {
  // L⁻¹ is lower triangular; column c solves L·x = e_c by forward substitution.
  const linv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    linv[c * p + c] = 1 / l[c * p + c]!;
    for (let i = c + 1; i < p; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[i * p + k]! * linv[k * p + c]!;
      linv[i * p + c] = s / l[i * p + i]!;
    }
  }
  const inverse = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      for (let i = j; i < p; i++) s += linv[i * p + j]! * linv[i * p + k]!;
      inverse[j * p + k] = s;
      inverse[k * p + j] = s;
    }
  }
  return inverse;
}
