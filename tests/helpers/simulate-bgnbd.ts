/**
 * Seeded simulators of the BG/NBD and Gamma–Gamma generative stories, for parameter
 * recovery and Monte-Carlo checks of the customer models. Written from the model
 * definitions (FHL 2005), not from src/ml, so a shared misreading cannot hide in both.
 */

/** mulberry32: a tiny 32-bit PRNG, uniform on [0, 1); plenty for tests, and seedable. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform on (0, 1]: safe to take the log of. */
function openUniform(rand: () => number): number {
  return 1 - rand();
}

/** Standard normal by Box–Muller (one of the pair; simplicity over speed). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(openUniform(rand))) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), boosted by U^(1/shape) when shape < 1. */
export function gamma(rand: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(rand, shape + 1, rate) * Math.pow(openUniform(rand), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    if (Math.log(openUniform(rand)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rand: () => number, a: number, b: number): number {
  const x = gamma(rand, a, 1);
  return x / (x + gamma(rand, b, 1));
}

/** Exponential with the given rate (Infinity when the rate is 0). */
export function exponential(rand: () => number, rate: number): number {
  return -Math.log(openUniform(rand)) / rate;
}

/** Simulated customers: calibration summaries plus what happened next. */
export interface SimulatedBgnbd {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** Purchases in (T, T + holdout]. */
  holdout: Float64Array;
  /** Still alive at T (the latent truth behind P(alive)). */
  aliveAtT: Uint8Array;
}

/** Options of {@link simulateBgnbd}. */
export interface SimulateBgnbdOptions {
  customers: number;
  seed: number;
  /** Each customer's age T: a constant, or drawn from the PRNG. */
  T: number | ((rand: () => number) => number);
  /** Length of the holdout window after T (default 0). */
  holdout?: number;
}

/**
 * Simulates BG/NBD customers: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at Poisson(λ)
 * times from the first purchase at 0; after each repeat purchase the customer leaves with
 * probability p (never before the first repeat, which is why x = 0 means alive).
 */
export function simulateBgnbd(
  params: { r: number; alpha: number; a: number; b: number },
  options: SimulateBgnbdOptions,
): SimulatedBgnbd {
  const rand = mulberry32(options.seed);
  const n = options.customers;
  const horizon = options.holdout ?? 0;
  const out: SimulatedBgnbd = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    holdout: new Float64Array(n),
    aliveAtT: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const T = typeof options.T === 'number' ? options.T : options.T(rand);
    const lambda = gamma(rand, params.r, params.alpha);
    const p = beta(rand, params.a, params.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    let later = 0;
    let deathTime = Infinity;
    for (;;) {
      t += exponential(rand, lambda);
      if (t > T + horizon) break;
      if (t <= T) {
        x++;
        tx = t;
      } else later++;
      if (rand() < p) {
        deathTime = t;
        break;
      }
    }
    out.frequency[i] = x;
    out.recency[i] = tx;
    out.T[i] = T;
    out.holdout[i] = later;
    out.aliveAtT[i] = deathTime > T ? 1 : 0;
  }
  return out;
}

/** Simulated spend for customers with given transaction counts. */
export interface SimulatedSpend {
  /** Mean of the customer's `frequency` transactions (0 when frequency is 0). */
  monetary: Float64Array;
  /** One further transaction's spend, drawn from the same customer. */
  next: Float64Array;
}

/** Simulates Gamma–Gamma spend: ν ~ Gamma(q, v), each transaction ~ Gamma(p, ν). */
export function simulateGammaGamma(
  params: { p: number; q: number; v: number },
  frequency: Float64Array,
  seed: number,
): SimulatedSpend {
  const rand = mulberry32(seed);
  const n = frequency.length;
  const monetary = new Float64Array(n);
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const nu = gamma(rand, params.q, params.v);
    const x = frequency[i]!;
    let sum = 0;
    for (let k = 0; k < x; k++) sum += gamma(rand, params.p, nu);
    monetary[i] = x > 0 ? sum / x : 0;
    next[i] = gamma(rand, params.p, nu);
  }
  return { monetary, next };
}

/**
 * Asymptotic standard errors of a maximum-likelihood estimate, from the inverse of the
 * observed information (a central-difference Hessian of the negative log-likelihood `f`
 * at the estimate `u`, in whatever parameterisation `u` uses; here log-parameters).
 * Returns NaN entries when the Hessian is not positive definite.
 */
export function standardErrors(f: (u: number[]) => number, u: number[], h = 1e-3): number[] {
  const n = u.length;
  const at = (di: number, si: number, dj: number, sj: number): number => {
    const v = u.slice();
    v[di] = v[di]! + si * h;
    v[dj] = v[dj]! + sj * h;
    return f(v);
  };
  const f0 = f(u);
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const hij =
        i === j
          ? (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (h * h)
          : (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * h);
      H[i]![j] = hij;
      H[j]![i] = hij;
    }
  }
  // Gauss–Jordan inversion with partial pivoting: n is 3 or 4.
  const A = H.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const pivot = A[c]![c]!;
    if (!(Math.abs(pivot) > 0)) return new Array<number>(n).fill(NaN);
    for (let k = 0; k < 2 * n; k++) A[c]![k] = A[c]![k]! / pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = A[r]![c]!;
      for (let k = 0; k < 2 * n; k++) A[r]![k] = A[r]![k]! - factor * A[c]![k]!;
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const variance = A[i]![n + i]!;
    return variance > 0 ? Math.sqrt(variance) : NaN;
  });
}
