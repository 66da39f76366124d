/**
 * A small, bounded Nelder–Mead minimiser for the customer-model MLEs (BG/NBD, Gamma–Gamma).
 *
 * Why our own and not `fmin`'s `nelderMead` (0.0.4, a dependency already). On CDNOW it
 * does reach the published BG/NBD optimum, but: `import { nelderMead } from 'fmin'` fails
 * in Node (its `main` is a UMD bundle inside a `"type": "module"` package, so it exports
 * nothing and sets `globalThis.fmin` instead); its shrink step assigns an undeclared loop
 * variable (`for (i = 1; …)`), a ReferenceError in strict mode the first time the simplex
 * has to shrink; its `minTolerance` option reads `minErrorDelta`, so the x-tolerance cannot
 * be set; it reports neither iterations nor convergence; and it has no bounds. Owning the
 * ~150 lines below beats patching a vendored copy.
 *
 * The objectives are smooth with 3–4 parameters, which is where Nelder–Mead is cheap and
 * reliable; its one known weakness (collapsing onto a non-stationary point, McKinnon 1998)
 * is handled by restarting from the best vertex with a fresh simplex until a restart no
 * longer improves the value (Lagarias et al. 1998 for the coefficients and tie rules).
 */

/** Options of {@link nelderMead}; every field has a default suited to log-parameters. */
export interface MinimizeOptions {
  /** Iteration budget over all restarts (default 5000). */
  maxIterations?: number;
  /** Stop when every vertex is within this of the best in every coordinate (default 1e-7). */
  xTolerance?: number;
  /** …and every vertex's value is within this of the best value (default 1e-10). */
  fTolerance?: number;
  /** Edge length of the initial simplex along each axis (default 0.5: a factor e^0.5 in log-space). */
  initialStep?: number;
  /** Restarts after the first convergence (default 3). */
  maxRestarts?: number;
  /** Edge length of a restart's simplex (default 0.05): big enough to leave a false stop, small enough to be cheap. */
  restartStep?: number;
  /** Per-coordinate lower bounds; trial points are clamped into the box (default -Infinity). */
  lower?: ArrayLike<number>;
  /** Per-coordinate upper bounds (default +Infinity). */
  upper?: ArrayLike<number>;
}

/** Result of {@link nelderMead}. */
export interface MinimizeResult {
  /** The best point found. */
  x: Float64Array;
  /** The objective at `x`. */
  fx: number;
  /** Simplex iterations, summed over restarts. */
  iterations: number;
  /** Objective evaluations. */
  evaluations: number;
  /** Both tolerances met and the last restart did not improve on the previous optimum. */
  converged: boolean;
}

// Standard coefficients: reflection, expansion, contraction, shrink.
const RHO = 1;
const CHI = 2;
const GAMMA = 0.5;
const SIGMA = 0.5;

/**
 * Minimises `f` from `x0` by Nelder–Mead with restarts, inside optional box bounds.
 * `f` receives a scratch array that is reused between calls: read it, never keep it.
 * A non-finite value of `f` is treated as +Infinity, so the simplex backs away from it.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new RangeError('nelderMead: x0 is empty');
  const maxIterations = options.maxIterations ?? 5000;
  // 1e-7 in log-parameters is 7 significant digits, far inside any standard error, and each
  // further decade costs ~25 more evaluations of a 100k-customer likelihood.
  const xTol = options.xTolerance ?? 1e-7;
  const fTol = options.fTolerance ?? 1e-10;
  const step = options.initialStep ?? 0.5;
  const maxRestarts = options.maxRestarts ?? 3;
  const restartStep = options.restartStep ?? 0.05;
  const lower = new Float64Array(n).fill(-Infinity);
  const upper = new Float64Array(n).fill(Infinity);
  for (let j = 0; j < n; j++) {
    if (options.lower) lower[j] = options.lower[j] ?? -Infinity;
    if (options.upper) upper[j] = options.upper[j] ?? Infinity;
  }

  // One flat buffer for the n+1 vertices (row i = vertex i) and scratch points, so the
  // loop allocates nothing: the objective is the expensive part and runs 100k-row loops.
  const verts = new Float64Array((n + 1) * n);
  const fv = new Float64Array(n + 1);
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  const probe = new Float64Array(n);
  let evaluations = 0;

  const evaluate = (p: Float64Array): number => {
    probe.set(p);
    evaluations++;
    const v = f(probe);
    return Number.isFinite(v) ? v : Infinity;
  };
  const clamp = (p: Float64Array): void => {
    for (let j = 0; j < n; j++) p[j] = Math.min(upper[j]!, Math.max(lower[j]!, p[j]!));
  };
  // p = c + t * (c - worst): reflection (t = ρ), expansion (t = ρχ), contractions (±γ…).
  const along = (out: Float64Array, worst: number, t: number): void => {
    for (let j = 0; j < n; j++) {
      const c = centroid[j]!;
      out[j] = c + t * (c - verts[worst * n + j]!);
    }
    clamp(out);
  };
  const replace = (row: number, p: Float64Array, fp: number): void => {
    verts.set(p, row * n);
    fv[row] = fp;
  };
  // Insertion sort of n+1 indices by value: n is 3 or 4, and it keeps ties in order.
  const sortOrder = (): void => {
    for (let i = 1; i <= n; i++) {
      const k = order[i]!;
      let j = i - 1;
      while (j >= 0 && fv[order[j]!]! > fv[k]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = k;
    }
  };

  const best = new Float64Array(n);
  best.set(Array.from(x0));
  clamp(best);
  let bestF = evaluate(best);
  let iterations = 0;
  let converged = false;

  for (let restart = 0; restart <= maxRestarts && iterations < maxIterations; restart++) {
    // Fresh simplex around the current best: a step up each axis, or down if up is blocked.
    const edge = restart === 0 ? step : restartStep;
    verts.set(best, 0);
    fv[0] = bestF;
    for (let i = 1; i <= n; i++) {
      const row = i * n;
      verts.set(best, row);
      const j = i - 1;
      const up = best[j]! + edge;
      verts[row + j] = up <= upper[j]! ? up : best[j]! - edge;
      xr.set(verts.subarray(row, row + n));
      clamp(xr);
      replace(i, xr, evaluate(xr));
    }
    for (let i = 0; i <= n; i++) order[i] = i;

    let runConverged = false;
    while (iterations < maxIterations) {
      sortOrder();
      const b = order[0]!;
      const w = order[n]!;
      const secondWorst = order[n - 1]!;

      let xSpread = 0;
      let fSpread = 0;
      for (let i = 1; i <= n; i++) {
        const k = order[i]!;
        fSpread = Math.max(fSpread, Math.abs(fv[k]! - fv[b]!));
        for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs(verts[k * n + j]! - verts[b * n + j]!));
      }
      if (xSpread <= xTol && fSpread <= fTol) {
        runConverged = true;
        break;
      }
      iterations++;

      centroid.fill(0);
      for (let i = 0; i < n; i++) {
        const k = order[i]!;
        for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + verts[k * n + j]! / n;
      }

      along(xr, w, RHO);
      const fr = evaluate(xr);
      if (fr < fv[b]!) {
        along(xe, w, RHO * CHI);
        const fe = evaluate(xe);
        if (fe < fr) replace(w, xe, fe);
        else replace(w, xr, fr);
        continue;
      }
      if (fr < fv[secondWorst]!) {
        replace(w, xr, fr);
        continue;
      }
      // Contract: outside if the reflection beat the worst vertex, inside otherwise.
      const outside = fr < fv[w]!;
      along(xc, w, outside ? RHO * GAMMA : -GAMMA);
      const fc = evaluate(xc);
      if (outside ? fc <= fr : fc < fv[w]!) {
        replace(w, xc, fc);
        continue;
      }
      // Shrink towards the best vertex.
      for (let i = 1; i <= n; i++) {
        const k = order[i]!;
        for (let j = 0; j < n; j++) {
          const bj = verts[b * n + j]!;
          xr[j] = bj + SIGMA * (verts[k * n + j]! - bj);
        }
        replace(k, xr, evaluate(xr));
      }
    }

    sortOrder();
    const b = order[0]!;
    const improvement = bestF - fv[b]!;
    if (fv[b]! <= bestF) {
      best.set(verts.subarray(b * n, b * n + n));
      bestF = fv[b]!;
    }
    if (!runConverged) break;
    // A restart that lands where the last run stopped confirms a true minimum.
    if (maxRestarts === 0 || (restart > 0 && improvement <= fTol)) {
      converged = true;
      break;
    }
  }

  return { x: best, fx: bestF, iterations, evaluations, converged };
}
