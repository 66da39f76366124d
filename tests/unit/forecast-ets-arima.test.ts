import { describe, expect, it } from 'vitest';
import { arimaModel, parseArimaSummary } from '../../src/ml/forecast/arima';
import { etsModel, fitEts } from '../../src/ml/forecast/ets';
import type { SeriesData } from '../../src/ml/forecast/types';
import { gaussian, mulberry32 } from '../../src/ml/random';

const PATTERN = [100, 80, 90, 110, 150, 200, 60];
const daily = (values: Float64Array): SeriesData => ({ start: '2024-01-01', grain: 'day', values });
const ctx = { seed: 7, season: 7, horizon: 28 };
const mape = (actual: ArrayLike<number>, forecast: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!) / Math.abs(actual[i]!);
  return s / actual.length;
};

/** Values t = from..to−1 of a series defined by a formula plus seeded Gaussian noise. */
function build(n: number, at: (t: number) => number, noise: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, t) => at(t) + noise * gaussian(rand));
}

describe('exponential smoothing', () => {
  it('recovers a pure weekly season: next four weeks within 3% (noise SD 2%)', async () => {
    const y = build(728, (t) => PATTERN[t % 7]!, 2, 1);
    const fit = await etsModel.fit(daily(y), ctx);
    const truth = Float64Array.from({ length: 28 }, (_, i) => PATTERN[(728 + i) % 7]!);
    expect(mape(truth, fit.predict(28).point)).toBeLessThan(0.03);
    expect(fit.describe()[0]!.value).toMatch(/^ETS\(A,N,A\)|^ETS\(A,Ad?,A\)/);
  });

  it('follows a trend with noise: 30 days ahead within 2% of the true line', async () => {
    const y = build(500, (t) => 200 + 0.8 * t, 4, 2);
    const e = fitEts(y, 1);
    expect(e.trend).not.toBe('none');
    const fit = await etsModel.fit(daily(y), { ...ctx, season: 1 });
    const f = fit.predict(30).point;
    for (const h of [0, 29])
      expect(Math.abs(f[h]! - (200 + 0.8 * (500 + h))) / (200 + 0.8 * (500 + h))).toBeLessThan(0.02);
  });

  it('moves to the new level after a step change', async () => {
    // Level 100 for 400 days, then 160: a well-tuned α learns the new level within weeks.
    const y = build(500, (t) => (t < 400 ? 100 : 160) + PATTERN[t % 7]! - 113, 3, 3);
    const f = (await etsModel.fit(daily(y), ctx)).predict(14).point;
    const mean = f.reduce((a, b) => a + b, 0) / f.length;
    expect(Math.abs(mean - 160)).toBeLessThan(8);
  });

  it('widens its intervals with the horizon and is deterministic', async () => {
    const y = build(300, (t) => PATTERN[t % 7]!, 10, 4);
    const a = (await etsModel.fit(daily(y), ctx)).predict(21);
    const b = (await etsModel.fit(daily(y), ctx)).predict(21);
    expect(Array.from(a.point)).toEqual(Array.from(b.point));
    expect(a.upper95[20]! - a.lower95[20]!).toBeGreaterThan(a.upper95[0]! - a.lower95[0]!);
  });
});

describe('ARIMA', () => {
  it('recovers the dynamics of an AR(1) process with coefficient 0.7', async () => {
    // The stepwise AIC search may pick AR(1) or an ARMA with a near-cancelling factor; either
    // way the forecast must decay like the process: each step's change is φ times the last.
    // SE of φ̂ ≈ √((1 − φ²)/n) = 0.027 at n = 700; the tolerance is 3 SE.
    const rand = mulberry32(11);
    const y = new Float64Array(700);
    for (let t = 1; t < y.length; t++) y[t] = 0.7 * y[t - 1]! + gaussian(rand);
    for (let t = 0; t < y.length; t++) y[t]! += 50;
    const fit = await arimaModel.fit(daily(y), { ...ctx, season: 1 });
    const params = Object.fromEntries(fit.describe().map((p) => [p.name, p.value]));
    expect(params.Order).toMatch(/^ARIMA\(\d,0,\d\)$/);
    const f = fit.predict(40).point;
    for (let h = 3; h < 8; h++) {
      const ratio = (f[h + 1]! - f[h]!) / (f[h]! - f[h - 1]!);
      expect(Math.abs(ratio - 0.7)).toBeLessThan(3 * 0.027);
    }
    // It settles at the process mean (50, within the sampling error of a 700-point mean ≈ 0.1).
    expect(Math.abs(f[39]! - 50)).toBeLessThan(0.5);
    fit.dispose?.();
  });

  it('finds the weekly season in a seasonal series', async () => {
    const y = build(400, (t) => PATTERN[t % 7]!, 5, 12);
    const fit = await arimaModel.fit(daily(y), ctx);
    const order = fit.describe()[0]!.value;
    expect(order).toMatch(/\[7\]$/);
    const truth = Float64Array.from({ length: 14 }, (_, i) => PATTERN[(400 + i) % 7]!);
    expect(mape(truth, fit.predict(14).point)).toBeLessThan(0.06);
  });

  it('reads the library’s printout', () => {
    const lines = [
      'ARIMA Seasonal Order : ( 1, 0, 0) * (1, 1, 1) ',
      'AR1              0.0793576           0.037962',
      'SMA1             1     0.03',
      'AIC criterion : 2528.32 ',
    ];
    expect(parseArimaSummary(lines, 7)).toEqual({
      order: '(1,0,0)(1,1,1)[7]',
      aic: 2528.32,
      coefficients: { AR1: 0.0793576, SMA1: 1 },
    });
    expect(parseArimaSummary(['ARIMA Seasonal Order : ( 0, 1, 1) * (0, 0, 0)'], 52)?.order).toBe('(0,1,1)');
    expect(parseArimaSummary(['nothing'], 7)).toBeNull();
  });
});
