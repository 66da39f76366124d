import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  expectedPurchases,
  fitBgnbd,
  hyp2f1,
  lgamma,
  probabilityAlive,
  type BgnbdData,
  type BgnbdParams,
} from '../../src/ml/segment/bgnbd';
import { nelderMead } from '../../src/ml/segment/optimize';
import { parseCsv } from '../helpers/csv';
import { ROOT } from '../helpers/expected';
import { simulateBgnbd, standardErrors } from '../helpers/simulate-bgnbd';

const CDNOW = path.join(ROOT, 'tests/fixtures/cdnow');

function loadCdnow(): BgnbdData {
  const rows = parseCsv(readFileSync(path.join(CDNOW, 'cdnow_customers_summary.csv'), 'utf8'));
  return {
    frequency: Float64Array.from(rows, (r) => Number(r.frequency)),
    recency: Float64Array.from(rows, (r) => Number(r.recency)),
    T: Float64Array.from(rows, (r) => Number(r.T)),
  };
}

/** FHL (2005) Table/§5 and the lifetimes Quickstart (`bgf.summary`, 6 digits). */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const LIFETIMES = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

const relErr = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

/**
 * The BG/NBD likelihood written as FHL's eq. 6 with no logs and no gamma function at all:
 * Γ(r+x)/Γ(r) and the beta ratios are finite products, so a slip in the module's log-space
 * algebra (signs, the x−1, the log-sum-exp) cannot be copied here.
 */
function directLogLikelihood(p: BgnbdParams, data: BgnbdData): number {
  let total = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i]!;
    const tx = data.recency[i]!;
    const T = data.T[i]!;
    let rising = 1; // Γ(r+x) / Γ(r)
    let betaRatio = 1; // B(a, b+x) / B(a, b)
    for (let k = 0; k < x; k++) {
      rising *= p.r + k;
      betaRatio *= (p.b + k) / (p.a + p.b + k);
    }
    const nbd = (t: number) => (rising * Math.pow(p.alpha, p.r)) / Math.pow(p.alpha + t, p.r + x);
    let L = betaRatio * nbd(T);
    // B(a+1, b+x−1) / B(a, b) = a/(b+x−1) · B(a, b+x) / B(a, b)
    if (x > 0) L += ((betaRatio * p.a) / (p.b + x - 1)) * nbd(tx);
    total += Math.log(L);
  }
  return total;
}

describe('lgamma', () => {
  // Reference values: mpmath at 30 digits (ln|Γ|), as the nearest doubles.
  const KNOWN: [number, number][] = [
    [0.5, 0.5723649429247001], // ln √π
    [1, 0],
    [2, 0],
    [3, Math.LN2],
    [1.5, -0.12078223763524522],
    [0.1, 2.252712651734206],
    [1 / 3, 0.9854206469277671],
    [0.999, 0.0005780385328913797],
    [2.5, 0.2846828704729192],
    [10, 12.80182748008147], // ln 9!
    [100, 359.1342053695754],
    [171.5, 709.1431630309282],
    [1000, 5905.220423209181],
    [1e5, 1051287.7089736569],
    [1e-5, 11.512919692895826],
    [-0.5, 1.2655121234846454], // ln 2√π, by reflection
    [-2.5, -0.056243716497674054],
  ];
  it.each(KNOWN)('lgamma(%d) matches the reference', (x, expected) => {
    expect(Math.abs(lgamma(x) - expected)).toBeLessThanOrEqual(2e-14 * Math.max(1, Math.abs(expected)));
  });

  it('satisfies lnΓ(x+1) − lnΓ(x) = ln x', () => {
    for (const x of [0.013, 0.243, 0.793, 1.7, 2.426, 4.414, 37.5, 612.3]) {
      expect(lgamma(x + 1) - lgamma(x)).toBeCloseTo(Math.log(x), 12);
    }
  });

  it('is NaN at the poles', () => {
    for (const x of [0, -1, -7, NaN]) expect(lgamma(x)).toBeNaN();
  });
});

describe('hyp2f1', () => {
  it.each([0.05, 0.3, 0.9, 0.99])('₂F₁(1,1;2;z) = −ln(1−z)/z at z = %d', (z) => {
    expect(relErr(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
  });

  it.each([0.2, -0.6, 0.95])('₂F₁(a,b;b;z) = (1−z)^−a at z = %d', (z) => {
    expect(relErr(hyp2f1(2.7, 0.4, 0.4, z), Math.pow(1 - z, -2.7))).toBeLessThan(1e-13);
  });

  it.each([0.1, 0.5, 0.9])('₂F₁(½,½;3/2;z²) = asin(z)/z at z = %d', (z) => {
    expect(relErr(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
  });

  it('terminates as a polynomial when a is a non-positive integer', () => {
    const [b, c, z] = [3.3, 1.7, 0.8];
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it("satisfies Euler's transformation, which expectedPurchases relies on", () => {
    for (const [A, B, C, z] of [
      [30.2, 31.4, 32.2, 0.3],
      [0.9, 3.6, 4.2, 0.7],
      [1.243, 3.426, 3.219, 0.95],
    ] as const) {
      const euler = Math.pow(1 - z, C - A - B) * hyp2f1(C - A, C - B, C, z);
      expect(relErr(hyp2f1(A, B, C, z), euler)).toBeLessThan(1e-11);
    }
  });

  it('is NaN outside its domain or when the series does not converge in time', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, -1.5)).toBeNaN();
    expect(hyp2f1(1, 1, -3, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 0.999, 100)).toBeNaN();
  });
});

describe('nelderMead', () => {
  const rosenbrock = (u: Float64Array) => {
    let f = 0;
    for (let i = 0; i + 1 < u.length; i++) f += 100 * (u[i + 1]! - u[i]! ** 2) ** 2 + (1 - u[i]!) ** 2;
    return f;
  };

  it('finds the minimum of the 4-D Rosenbrock valley', () => {
    const res = nelderMead(rosenbrock, [-1.2, 1, -1.2, 1], {
      xTolerance: 1e-10,
      fTolerance: 1e-16,
      maxIterations: 20_000,
    });
    expect(res.converged).toBe(true);
    for (const v of res.x) expect(v).toBeCloseTo(1, 6);
    expect(res.evaluations).toBeGreaterThan(res.iterations);
  });

  it('stays inside its bounds and backs away from non-finite values', () => {
    const bounded = nelderMead((u) => (u[0]! - 5) ** 2 + (u[1]! + 5) ** 2, [0, 0], { lower: [-1, -1], upper: [1, 1] });
    expect(Array.from(bounded.x)).toEqual([1, -1]);
    const walled = nelderMead((u) => (u[0]! < 0.5 ? NaN : (u[0]! - 2) ** 2), [3], {});
    expect(walled.x[0]).toBeCloseTo(2, 6);
  });

  it('says when it ran out of iterations', () => {
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 }).converged).toBe(false);
  });
});

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const data = loadCdnow();
  let fit: ReturnType<typeof fitBgnbd>;
  beforeAll(() => {
    fit = fitBgnbd(data);
  });

  it('reads the 2,357 customers', () => {
    expect(data.frequency.length).toBe(2357);
  });

  it('fits the published parameters and log-likelihood', () => {
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    // To the digits published (3 significant for r and a, 4 for α and b)…
    expect(fit.r).toBeCloseTo(PUBLISHED.r, 3);
    expect(fit.alpha).toBeCloseTo(PUBLISHED.alpha, 3);
    expect(fit.a).toBeCloseTo(PUBLISHED.a, 3);
    expect(fit.b).toBeCloseTo(PUBLISHED.b, 3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    // …and to lifetimes' 6-digit summary: a different optimiser landing on the same optimum.
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(relErr(fit[key], LIFETIMES[key])).toBeLessThan(1e-5);
  });

  it('reports the log-likelihood of the parameters it returns', () => {
    expect(fit.logLikelihood).toBeCloseTo(bgnbdLogLikelihood(fit, data), 8);
  });

  it('matches lifetimes’ documented predictions for the next week (Quickstart, t = 1)', () => {
    const cases: [x: number, tx: number, T: number, expected: number][] = [
      [18, 35.14, 35.86, 0.424877], // ID 509
      [19, 34.0, 34.14, 0.474738], // ID 841
      [17, 28.43, 28.86, 0.486526], // ID 1981
      [29, 37.71, 38.0, 0.662396], // ID 157
      [26, 30.86, 31.0, 0.710623], // ID 1516
    ];
    for (const [x, tx, T, expected] of cases)
      expect(relErr(expectedPurchases(fit, 1, x, tx, T), expected)).toBeLessThan(2e-5);
  });
});

describe('BG/NBD log-likelihood against an independent formula', () => {
  const data = loadCdnow();
  it.each<[string, BgnbdParams]>([
    ['published', PUBLISHED],
    ['r=1 α=10 a=0.5 b=5', { r: 1, alpha: 10, a: 0.5, b: 5 }],
    ['r=0.1 α=1 a=3 b=0.7', { r: 0.1, alpha: 1, a: 3, b: 0.7 }],
    ['r=2.5 α=40 a=1 b=1', { r: 2.5, alpha: 40, a: 1, b: 1 }],
  ])('agrees at %s', (_, params) => {
    expect(relErr(bgnbdLogLikelihood(params, data), directLogLikelihood(params, data))).toBeLessThan(1e-11);
  });

  it('gives −9582.4 at the published parameters', () => {
    expect(bgnbdLogLikelihood(PUBLISHED, data)).toBeCloseTo(-9582.4, 0);
  });

  it('names the customer when the data are impossible', () => {
    const bad = { frequency: Float64Array.of(1, 2), recency: Float64Array.of(3, 9), T: Float64Array.of(5, 8) };
    expect(() => bgnbdLogLikelihood(PUBLISHED, bad)).toThrow(/customer #1/);
    expect(() =>
      fitBgnbd({ frequency: Float64Array.of(1.5), recency: Float64Array.of(1), T: Float64Array.of(2) }),
    ).toThrow(RangeError);
  });
});

describe('BG/NBD parameter recovery from simulated customers', () => {
  it('recovers known parameters within 4 standard errors', () => {
    const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    // CDNOW-like: 30,000 customers who joined over 12 weeks and were watched until week 39.
    const sim = simulateBgnbd(truth, { customers: 30_000, seed: 20050301, T: (rand) => 27 + 12 * rand() });
    const fit = fitBgnbd(sim);
    expect(fit.converged).toBe(true);

    // Tolerance: the MLE is asymptotically normal with covariance = inverse observed
    // information, so each log-parameter lands within 4 of its standard errors of the truth
    // with probability ≈ 0.99994. The errors are measured on this very sample, so the bound
    // scales with how informative the data are instead of being a guessed percentage.
    const u = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
    const se = standardErrors(
      (v) =>
        -bgnbdLogLikelihood(
          { r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) },
          sim,
        ),
      u,
    );
    const truthU = [truth.r, truth.alpha, truth.a, truth.b].map(Math.log);
    for (let k = 0; k < 4; k++) {
      // A 4-SE band is only a test if it is narrow: < 25 % on every parameter here.
      expect(se[k]).toBeLessThan(0.25);
      expect(Math.abs(u[k]! - truthU[k]!)).toBeLessThan(4 * se[k]!);
    }
  });

  it('recovers a fast-buying, slow-churning population in day units too', () => {
    const truth = { r: 1.6, alpha: 60, a: 1.2, b: 7 };
    const sim = simulateBgnbd(truth, { customers: 20_000, seed: 7, T: (rand) => 1 + Math.floor(730 * rand()) });
    const fit = fitBgnbd(sim);
    expect(fit.converged).toBe(true);
    const u = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
    const se = standardErrors(
      (v) =>
        -bgnbdLogLikelihood(
          { r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) },
          sim,
        ),
      u,
    );
    const truthU = [truth.r, truth.alpha, truth.a, truth.b].map(Math.log);
    for (let k = 0; k < 4; k++) expect(Math.abs(u[k]! - truthU[k]!)).toBeLessThan(4 * se[k]!);
  });
});

describe('probabilityAlive', () => {
  const p = PUBLISHED;

  it('is exactly 1 with no repeat purchase, however long ago the first one was', () => {
    for (const T of [0, 1, 39, 500]) expect(probabilityAlive(p, 0, 0, T)).toBe(1);
  });

  it('stays within [0, 1], even for frequent buyers long gone', () => {
    for (let x = 1; x <= 60; x += 3) {
      for (const T of [1, 39, 400]) {
        for (const tx of [0, T / 3, T]) {
          const pa = probabilityAlive(p, x, tx, T);
          expect(pa).toBeGreaterThanOrEqual(0);
          expect(pa).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(probabilityAlive(p, 500, 1, 10_000)).toBe(0);
  });

  it('falls as the gap since the last purchase grows', () => {
    for (const x of [1, 3, 10]) {
      let previous = Infinity;
      for (let gap = 0; gap <= 39; gap += 3) {
        const pa = probabilityAlive(p, x, 39 - gap, 39); // same age, earlier last purchase
        expect(pa).toBeLessThan(previous);
        previous = pa;
      }
      previous = Infinity;
      for (let T = 20; T <= 80; T += 5) {
        const pa = probabilityAlive(p, x, 20, T); // same last purchase, watched for longer
        expect(pa).toBeLessThan(previous);
        previous = pa;
      }
    }
  });
});

describe('Monte-Carlo checks against the simulator', () => {
  // Two populations: CDNOW's (a < 1, so every prediction takes the Euler-transformed ₂F₁)
  // and one with a ≥ 1 + r, whose one-off buyers take the direct series.
  const populations: [string, BgnbdParams][] = [
    ['CDNOW', PUBLISHED],
    ['a ≥ 1 + r', { r: 0.5, alpha: 8, a: 2.5, b: 6 }],
  ];
  const bins: [string, (x: number) => boolean][] = [
    ['x = 0', (x) => x === 0],
    ['x = 1', (x) => x === 1],
    ['x = 2–3', (x) => x >= 2 && x <= 3],
    ['x ≥ 4', (x) => x >= 4],
  ];

  /** Mean of `truthValue − predicted` in each bin, and the Monte-Carlo bound 4·sd/√n. */
  function binGaps(x: Float64Array, truthValue: (i: number) => number, predicted: (i: number) => number) {
    return bins.map(([name, inBin]) => {
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < x.length; i++) {
        if (!inBin(x[i]!)) continue;
        const d = truthValue(i) - predicted(i);
        n++;
        sum += d;
        sumSq += d * d;
      }
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
      return { name, n, gap: Math.abs(mean), bound: (4 * sd) / Math.sqrt(n) };
    });
  }

  it.each(populations)('expectedPurchases matches simulated holdout purchases (%s)', (_, params) => {
    // By the law of total expectation, E[holdout − E[Y(t) | x, t_x, T]] = 0 within any set of
    // customers chosen by their history, so each bin's mean gap is pure simulation noise.
    const sim = simulateBgnbd(params, { customers: 40_000, seed: 11, T: (rand) => 27 + 12 * rand(), holdout: 39 });
    const predicted = sim.frequency.map((x, i) => expectedPurchases(params, 39, x, sim.recency[i]!, sim.T[i]!));
    for (const b of binGaps(
      sim.frequency,
      (i) => sim.holdout[i]!,
      (i) => predicted[i]!,
    )) {
      expect(b.n, b.name).toBeGreaterThan(300);
      expect(b.gap, b.name).toBeLessThan(b.bound);
    }
  });

  it.each(populations)('probabilityAlive matches the simulated share still alive (%s)', (_, params) => {
    const sim = simulateBgnbd(params, { customers: 40_000, seed: 12, T: (rand) => 27 + 12 * rand() });
    for (const b of binGaps(
      sim.frequency,
      (i) => sim.aliveAtT[i]!,
      (i) => probabilityAlive(params, sim.frequency[i]!, sim.recency[i]!, sim.T[i]!),
    )) {
      if (b.name === 'x = 0')
        expect(b.gap).toBe(0); // nobody can leave before a repeat purchase
      else expect(b.gap, b.name).toBeLessThan(b.bound);
    }
  });
});

/**
 * E[Y(t) | x, t_x, T] without ₂F₁: given (λ, p) and alive, E[Y(t)] = (1 − e^(−λpt))/p, and
 * integrating λ against its Gamma posterior in closed form leaves one integral over p,
 *   ∫₀¹ p^(a−2) (1−p)^(b+x−1) [1 − ((α+T)/(α+T+pt))^(r+x)] dp
 *   / (B(a, b+x) · [1 + [x>0] a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]),
 * done by the midpoint rule after p = u^m: the integrand behaves like p^(a−1) at 0, i.e.
 * like u^(ma−1) in u, and m ≥ 2/a makes that smooth enough for O(h²) accuracy.
 */
function integratedExpectation(q: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = q;
  const m = Math.max(1, Math.ceil(2 / a));
  const steps = 200_000;
  let sum = 0;
  for (let k = 0; k < steps; k++) {
    const u = (k + 0.5) / steps;
    const p = Math.pow(u, m);
    const bracket = -Math.expm1((r + x) * Math.log((alpha + T) / (alpha + T + p * t)));
    sum += Math.pow(p, a - 2) * Math.pow(1 - p, b + x - 1) * bracket * m * Math.pow(u, m - 1);
  }
  const integral = sum / steps;
  const logBeta = lgamma(a) + lgamma(b + x) - lgamma(a + b + x);
  const alive = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return integral / Math.exp(logBeta) / alive;
}

describe('expectedPurchases', () => {
  const p = PUBLISHED;

  it.each<[string, BgnbdParams, number, number, number, number]>([
    ['CDNOW, one-off buyer', PUBLISHED, 39, 0, 0, 38.86],
    ['CDNOW, ID 1', PUBLISHED, 13, 2, 30.43, 38.86],
    ['CDNOW, ID 157', PUBLISHED, 1, 29, 37.71, 38],
    ['a ≥ 1 + r, one-off buyer (direct series)', { r: 0.5, alpha: 8, a: 2.5, b: 6 }, 39, 0, 0, 30],
    ['a ≥ 1 + r, x = 1 (direct series)', { r: 0.3, alpha: 8, a: 2.5, b: 6 }, 52, 1, 10, 30],
    ['a ≥ 1 + r, x = 5 (Euler series)', { r: 0.5, alpha: 8, a: 2.5, b: 6 }, 20, 5, 25, 30],
    ['long horizon, z ≈ 0.98', PUBLISHED, 2000, 2, 30, 39],
  ])('agrees with a ₂F₁-free integral: %s', (_, q, t, x, tx, T) => {
    expect(relErr(expectedPurchases(q, t, x, tx, T), integratedExpectation(q, t, x, tx, T))).toBeLessThan(1e-9);
  });

  it('is 0 over no time and grows with the horizon', () => {
    expect(expectedPurchases(p, 0, 3, 20, 39)).toBe(0);
    for (const [x, tx] of [
      [0, 0],
      [2, 30.43],
      [29, 37.71],
    ] as const) {
      let previous = 0;
      for (const t of [1, 4, 13, 52, 520, 2000]) {
        const e = expectedPurchases(p, t, x, tx, 38.86);
        expect(Number.isFinite(e)).toBe(true);
        expect(e).toBeGreaterThan(previous);
        previous = e;
      }
    }
  });

  it('is continuous through the removable singularity at a = 1', () => {
    const at = (a: number) => expectedPurchases({ ...p, a }, 13, 2, 30, 39);
    expect(relErr(at(1), (at(1 - 1e-4) + at(1 + 1e-4)) / 2)).toBeLessThan(1e-7);
    expect(relErr(at(1 + 5e-7), at(1))).toBeLessThan(1e-6);
  });
});
