import { describe, expect, it } from 'vitest';
import { dayNumber, isoDay, yearFraction } from '../../src/ml/forecast/calendar';
import { ordinaryLeastSquares, penalisedLeastSquares } from '../../src/ml/forecast/linear';
import { isDecomposable, prophetModel, type DecomposableFit } from '../../src/ml/forecast/prophet';
import type { Grain, SeriesData } from '../../src/ml/forecast/types';
import { gaussian, mulberry32 } from '../../src/ml/random';

/** A series whose period i (first day `day`) is `mean(day, i)` plus N(0, noise²) noise. */
function synthetic(
  start: string,
  grain: Grain,
  periods: number,
  mean: (day: number, i: number) => number,
  noise: number,
  seed: number,
): { series: SeriesData; truth: (i: number) => number } {
  const rand = mulberry32(seed);
  const first = dayNumber(start);
  const step = grain === 'week' ? 7 : 1;
  const truth = (i: number) => mean(first + i * step, i);
  const values = Float64Array.from({ length: periods }, (_, i) => truth(i) + noise * gaussian(rand));
  return { series: { start, grain, values }, truth };
}

async function fitDecomposable(
  series: SeriesData,
  season = series.grain === 'week' ? 52 : 7,
): Promise<DecomposableFit> {
  const fitted = await prophetModel.fit(series, { seed: 1, season, horizon: 30 });
  if (!isDecomposable(fitted)) throw new Error('the Prophet-style fit should be decomposable');
  return fitted;
}

function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!) / Math.abs(actual[i]!);
  return s / actual.length;
}

describe('penalisedLeastSquares / ordinaryLeastSquares', () => {
  // y ≈ a + b·x on five points: the textbook simple-regression formulas are the reference.
  const xs = [1, 2, 3, 4, 5];
  const ys = [2.1, 3.9, 6.2, 7.8, 10.1];
  const X = xs.map((x) => Float64Array.of(1, x));
  const y = Float64Array.from(ys);
  const n = xs.length;
  const xBar = 3;
  const yBar = ys.reduce((a, b) => a + b) / n;
  const sxx = xs.reduce((s, x) => s + (x - xBar) ** 2, 0); // 10
  const sxy = xs.reduce((s, x, i) => s + (x - xBar) * (ys[i]! - yBar), 0);

  it('matches the closed-form OLS slope, intercept and standard errors', () => {
    const slope = sxy / sxx;
    const intercept = yBar - slope * xBar;
    const rss = xs.reduce((s, x, i) => s + (ys[i]! - intercept - slope * x) ** 2, 0);
    const sigma = Math.sqrt(rss / (n - 2));
    const fit = ordinaryLeastSquares(X, y);
    expect(fit.beta[0]).toBeCloseTo(intercept, 12);
    expect(fit.beta[1]).toBeCloseTo(slope, 12);
    expect(fit.residualSd).toBeCloseTo(sigma, 12);
    expect(fit.standardErrors[1]).toBeCloseTo(sigma / Math.sqrt(sxx), 12);
    expect(fit.standardErrors[0]).toBeCloseTo(sigma * Math.sqrt(1 / n + xBar ** 2 / sxx), 12);
    expect(fit.degreesOfFreedom).toBe(3);
    expect(fit.effectiveDf).toBeCloseTo(2, 12);
    expect(fit.jitter).toBe(0);
    expect(fit.fitted[4]).toBeCloseTo(intercept + 5 * slope, 12);
  });

  it('shrinks only the penalised slope: b = Sxy / (Sxx + λ), Var(b) = σ² / (Sxx + λ)', () => {
    const lambda = 4;
    const slope = sxy / (sxx + lambda);
    const intercept = yBar - slope * xBar;
    const rss = xs.reduce((s, x, i) => s + (ys[i]! - intercept - slope * x) ** 2, 0);
    const effectiveDf = 1 + sxx / (sxx + lambda);
    const variance = rss / (n - effectiveDf);
    const fit = penalisedLeastSquares(X, y, Float64Array.of(0, lambda));
    expect(fit.beta[1]).toBeCloseTo(slope, 12);
    expect(fit.beta[0]).toBeCloseTo(intercept, 12);
    expect(fit.effectiveDf).toBeCloseTo(effectiveDf, 12);
    expect(fit.residualSd).toBeCloseTo(Math.sqrt(variance), 12);
    expect(fit.covariance[3]).toBeCloseTo(variance / (sxx + lambda), 12);
  });

  it('adds jitter instead of failing on collinear unpenalised columns, and says so', () => {
    const collinear = xs.map((x) => Float64Array.of(1, x, 2 * x));
    const fit = penalisedLeastSquares(collinear, y, new Float64Array(3));
    expect(fit.jitter).toBeGreaterThan(0);
    // The split between the twin columns is arbitrary; the fit through them is not.
    const slope = sxy / sxx;
    expect(fit.beta[1]! + 2 * fit.beta[2]!).toBeCloseTo(slope, 6);
    expect(fit.fitted[0]).toBeCloseTo(yBar - slope * xBar + slope, 6);
  });
});

describe('prophetModel', () => {
  it('recovers a weekly profile and forecasts the next two weeks', async () => {
    const pattern = [-100, -50, 0, 50, 150, 250, -300]; // Monday first, sums to 0
    // 2023-01-02 is a Monday; 280 days (< 1 year) so the model leaves yearly terms out.
    const { series, truth } = synthetic('2023-01-02', 'day', 280 + 14, (_, i) => 1000 + pattern[i % 7]!, 20, 7);
    const history = { ...series, values: series.values.subarray(0, 280) };
    const fit = await fitDecomposable(history);
    const profile = fit.weeklyProfile()!;
    expect(profile).toHaveLength(7);
    // Per-weekday means of 40 noisy days have sd 20/√40 ≈ 3.2; 15 is ~5 of them.
    for (let d = 0; d < 7; d++) expect(Math.abs(profile[d]! - pattern[d]!)).toBeLessThan(15);
    expect(fit.yearlyProfile(12)).toBeNull();
    expect(fit.describe().find((p) => p.name === 'Yearly seasonality')?.value).toMatch(/off/);
    const forecast = fit.predict(14);
    const actual = series.values.subarray(280);
    expect(mape(actual, forecast.point)).toBeLessThan(0.05);
    for (let k = 0; k < 14; k++) expect(Math.abs(forecast.point[k]! - truth(280 + k))).toBeLessThan(30);
  });

  it('extrapolates a linear trend', async () => {
    const n = 300;
    const { series, truth } = synthetic('2023-03-01', 'day', n, (_, i) => 500 + 2 * i, 30, 11);
    const fit = await fitDecomposable(series);
    const forecast = fit.predict(30);
    const slope = (forecast.point[29]! - forecast.point[0]!) / 29;
    // OLS slope SE over 300 days at σ = 30 is ≈ 0.02/day; the damped hinges add a little.
    expect(slope).toBeGreaterThan(1.8);
    expect(slope).toBeLessThan(2.2);
    expect(Math.abs(forecast.point[29]! - truth(n + 29))).toBeLessThan(0.03 * truth(n + 29));
    // Intervals widen with the horizon and nest.
    expect(forecast.upper95[29]! - forecast.lower95[29]!).toBeGreaterThan(forecast.upper95[0]! - forecast.lower95[0]!);
    expect(forecast.upper95[0]!).toBeGreaterThan(forecast.upper80[0]!);
  });

  it('follows a change in trend slope and dates it near the true changepoint', async () => {
    // Under a year, so no yearly term: between one and two years a smooth yearly shape and a
    // spread of small slope changes explain a single kink about equally well (see prophet.ts).
    const n = 300;
    const breakAt = 150;
    const level = (i: number) => 1000 + (i > breakAt ? 5 * (i - breakAt) : 0);
    const { series } = synthetic('2022-01-03', 'day', n, (_, i) => level(i), 20, 23);
    const fit = await fitDecomposable(series);
    const forecast = fit.predict(30);
    for (const h of [1, 15, 30]) {
      expect(Math.abs(forecast.point[h - 1]! - level(n - 1 + h)) / level(n - 1 + h)).toBeLessThan(0.03);
    }
    const slope = (forecast.point[29]! - forecast.point[0]!) / 29;
    expect(Math.abs(slope - 5)).toBeLessThan(0.5);
    const changes = fit.changepoints();
    const largest = changes.reduce((a, b) => (Math.abs(b.slopeChange) > Math.abs(a.slopeChange) ? b : a));
    const trueDay = dayNumber('2022-01-03') + breakAt;
    // Hinges are ~10 days apart; the largest should be one of the two either side of the break.
    expect(Math.abs(dayNumber(largest.day) - trueDay)).toBeLessThanOrEqual(12);
    expect(fit.describe().find((p) => p.name === 'Largest slope change')?.value).toContain(largest.day);
  });

  it('recovers a planted holiday effect and shrinks an inert holiday towards zero', async () => {
    const christmasEve = new Set(['2021-12-24', '2022-12-24', '2023-12-24']);
    const weekly = [0, 20, 40, 60, 120, 200, -440];
    const { series } = synthetic(
      '2021-01-04',
      'day',
      3 * 364,
      (day, i) => 1000 + 0.2 * i + weekly[i % 7]! + (christmasEve.has(isoDay(day)) ? 500 : 0),
      50,
      5,
    );
    const fit = await fitDecomposable(series);
    const effects = new Map(fit.holidayEffects().map((h) => [h.name, h]));
    const eve = effects.get('Christmas Eve')!;
    expect(eve.occurrences).toBe(3);
    // Three noisy days at σ = 50 leave an SE near 50/√3 ≈ 29.
    expect(eve.se).toBeGreaterThan(15);
    expect(eve.se).toBeLessThan(45);
    expect(Math.abs(eve.effect - 500)).toBeLessThan(3 * eve.se);
    for (const inert of ['Labor Day', 'Easter Sunday', "Valentine's Day"]) {
      const h = effects.get(inert)!;
      expect(Math.abs(h.effect)).toBeLessThan(3 * h.se);
      expect(Math.abs(h.effect)).toBeLessThan(100);
    }
    // Christmas Eve 2024 is in the forecast; its effect is carried forward.
    const lastDay = dayNumber('2021-01-04') + series.values.length - 1;
    const toEve = dayNumber('2024-12-24') - lastDay;
    const toEveMinusWeek = toEve - 7;
    const forecast = fit.predict(toEve);
    expect(forecast.point[toEve - 1]! - forecast.point[toEveMinusWeek - 1]!).toBeGreaterThan(350);
  });

  it('drops holidays the history never saw', async () => {
    // 2023-03-06 … 2023-05-04: Easter Sunday (9 April) only.
    const { series } = synthetic('2023-03-06', 'day', 60, () => 100, 5, 3);
    const fit = await fitDecomposable(series);
    expect(fit.holidayEffects().map((h) => h.name)).toEqual(['Easter Sunday']);
  });

  it('estimates the discount effect and responds to the what-if discount', async () => {
    const n = 400;
    const rand = mulberry32(99);
    const discount = Float64Array.from({ length: n }, () => (rand() < 0.2 ? 0.1 + 0.2 * rand() : 0));
    const perPoint = 20;
    const weekly = [0, 10, 20, 30, 60, 100, -220];
    const { series } = synthetic(
      '2023-01-02',
      'day',
      n,
      (_, i) => 1000 + weekly[i % 7]! + perPoint * 100 * discount[i]!,
      30,
      41,
    );
    const fit = await fitDecomposable({ ...series, discount });
    const effect = fit.discountEffect()!;
    expect(effect.se).toBeGreaterThan(0);
    expect(Math.abs(effect.perPoint - perPoint)).toBeLessThan(3 * effect.se);

    const none = fit.predict(14, { discount: new Float64Array(14) });
    const promo = fit.predict(14, { discount: new Float64Array(14).fill(0.2) });
    for (let k = 0; k < 14; k++) {
      expect(promo.point[k]! - none.point[k]!).toBeCloseTo(20 * effect.perPoint, 6);
      expect(Math.abs(promo.point[k]! - none.point[k]! - 20 * perPoint)).toBeLessThan(20 * 3 * effect.se);
    }
    // Without drivers the future gets the median discount of the last 8 weeks: 0 here.
    const lastWeeks = Array.from(discount.subarray(n - 56)).sort((a, b) => a - b);
    expect(lastWeeks[28]).toBe(0);
    expect(fit.predict(14).point).toEqual(none.point);

    const decomposition = fit.decompose();
    expect(decomposition.drivers[0]! - decomposition.drivers[1]!).toBeCloseTo(
      effect.perPoint * 100 * (discount[0]! - discount[1]!),
      6,
    );
  });

  it('ignores a discount column that never varies', async () => {
    const { series } = synthetic('2023-01-02', 'day', 100, () => 500, 10, 8);
    const fit = await fitDecomposable({ ...series, discount: new Float64Array(100).fill(0.1) });
    expect(fit.discountEffect()).toBeNull();
  });

  it('works at weekly grain with a yearly season', async () => {
    const weeks = 3 * 52;
    const shape = (day: number) =>
      2000 * Math.sin(2 * Math.PI * yearFraction(day + 3)) + 800 * Math.cos(4 * Math.PI * yearFraction(day + 3));
    // 2021-01-04 is a Monday.
    const { series, truth } = synthetic(
      '2021-01-04',
      'week',
      weeks + 26,
      (day, i) => 10_000 + 10 * i + shape(day),
      200,
      17,
    );
    const history = { ...series, values: series.values.subarray(0, weeks) };
    const fit = await fitDecomposable(history);
    expect(fit.weeklyProfile()).toBeNull();
    const yearly = fit.yearlyProfile(52)!;
    expect(yearly).toHaveLength(52);
    // The intercept absorbs any constant, so compare shapes after removing the means.
    const profileMean = yearly.reduce((a, b) => a + b) / 52;
    let squaredError = 0;
    for (let i = 0; i < 52; i++) {
      const f = i / 52;
      const expected = 2000 * Math.sin(2 * Math.PI * f) + 800 * Math.cos(4 * Math.PI * f);
      squaredError += (yearly[i]! - profileMean - expected) ** 2 / 52;
    }
    // Noise 200 per week seen three times, smoothed by 12 Fourier terms: RMS error ≈ 60-100.
    expect(Math.sqrt(squaredError)).toBeLessThan(200);
    const forecast = fit.predict(26);
    const actual = Float64Array.from({ length: 26 }, (_, k) => truth(weeks + k));
    expect(mape(actual, forecast.point)).toBeLessThan(0.05);
    const parts = fit.decompose();
    expect(parts.weekly.every((v) => v === 0)).toBe(true);
    for (let i = 0; i < weeks; i += 13) {
      expect(parts.trend[i]! + parts.yearly[i]! + parts.holidays[i]! + parts.drivers[i]!).toBeCloseTo(
        parts.fitted[i]!,
        6,
      );
    }
  });

  it('is deterministic', async () => {
    const { series } = synthetic('2022-01-03', 'day', 500, (_, i) => 800 + Math.sin(i / 9) * 50 + (i % 7) * 10, 25, 2);
    const a = (await prophetModel.fit(series, { seed: 1, season: 7, horizon: 60 })).predict(60);
    const b = (await prophetModel.fit(series, { seed: 2, season: 7, horizon: 60 })).predict(60);
    expect(b).toEqual(a);
  });

  it('fits 730 daily points quickly', async () => {
    const weekly = [0, 20, 40, 60, 120, 200, -440];
    const { series } = synthetic(
      '2022-01-03',
      'day',
      730,
      (day, i) => 1000 + 0.3 * i + weekly[i % 7]! + 300 * Math.sin(2 * Math.PI * yearFraction(day)),
      60,
      4,
    );
    const discount = Float64Array.from({ length: 730 }, (_, i) => (i % 11 === 0 ? 0.15 : 0));
    await prophetModel.fit({ ...series, discount }, { seed: 1, season: 7, horizon: 90 }); // warm-up (JIT)
    const started = performance.now();
    const fit = await prophetModel.fit({ ...series, discount }, { seed: 1, season: 7, horizon: 90 });
    const elapsed = performance.now() - started;
    console.info(`Prophet-style fit on 730 daily points: ${elapsed.toFixed(1)} ms`);
    console.info(
      fit
        .describe()
        .map((p) => `${p.name}: ${p.value}`)
        .join('\n'),
    );
    expect(fit.predict(90).point.every(Number.isFinite)).toBe(true);
  });
});
