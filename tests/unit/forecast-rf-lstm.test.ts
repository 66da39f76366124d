/**
 * Feature rows, the random forest and the LSTM, on series built here from a seeded PRNG.
 * Every expected value follows from how the series was built (a known weekly pattern, a
 * known discount lift, a known noise level), never from a model run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { featureColumns, featureRows, type FeatureLayout } from '../../src/ml/forecast/features';
import { lstmModel, liveTensors } from '../../src/ml/forecast/lstm';
import { randomForestModel } from '../../src/ml/forecast/random-forest';
import type { Forecast, SeriesData } from '../../src/ml/forecast/types';
import { gaussian, mulberry32 } from '../../src/ml/random';

/** Sales by ISO weekday (Monday first) relative to the weekly mean: the mean of these is 1. */
const WEEKLY = [0.8, 0.9, 1.0, 1.05, 1.2, 1.5, 0.55];
const BASE = 1000;
const DAYS = 730;
const HORIZON = 14;
/** A Monday, so period t falls on weekday t mod 7. */
const START = '2023-01-02';

interface Synthetic {
  history: SeriesData;
  /** The noise-free value of every period, history and the next HORIZON days. */
  truth: Float64Array;
}

/**
 * BASE × weekly pattern × (1 + lift × discount) × (1 + noise·ε), ε standard normal. With
 * `promoShare` > 0, that share of days (at random) run a 20% discount.
 */
function weeklySeries(seed: number, noise: number, promoShare = 0, lift = 0): Synthetic {
  const rand = mulberry32(seed);
  const n = DAYS + HORIZON;
  const truth = new Float64Array(n);
  const values = new Float64Array(DAYS);
  const discount = new Float64Array(DAYS);
  for (let t = 0; t < n; t++) {
    const d = promoShare > 0 && rand() < promoShare ? 0.2 : 0;
    truth[t] = BASE * WEEKLY[t % 7]! * (1 + lift * d);
    if (t < DAYS) {
      discount[t] = d;
      values[t] = truth[t]! * (1 + noise * gaussian(rand));
    }
  }
  const history: SeriesData = { start: START, grain: 'day', values };
  if (promoShare > 0) history.discount = discount;
  return { history, truth };
}

/** The noise-free weekly pattern over the forecast days. */
function futurePattern(): Float64Array {
  return Float64Array.from({ length: HORIZON }, (_, h) => BASE * WEEKLY[(DAYS + h) % 7]!);
}

function mape(forecast: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(forecast[i]! - actual[i]!) / Math.abs(actual[i]!);
  return sum / actual.length;
}

function mae(forecast: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(forecast[i]! - actual[i]!);
  return sum / actual.length;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

const DAILY = { season: 7, horizon: HORIZON };

describe('featureRows', () => {
  // Values 1, 2, 3, … from Sunday 2024-12-01, so day t holds t + 1 and every lag is easy to read.
  const start = '2024-12-01';
  const values = Float64Array.from({ length: 40 }, (_, t) => t + 1);
  const discount = new Float64Array(40);
  discount[24] = 0.25;
  const christmas = 24; // 2024-12-25, a Wednesday (ISO weekday 2)
  // 2024 is a leap year; 25 December is its 360th day, so 359 days have passed.
  const year = (2 * Math.PI * 359) / 366;

  it('builds the hand-checked row of Christmas Day 2024 (sin/cos weekday, raw lags)', () => {
    const layout: FeatureLayout = { start, grain: 'day', season: 7, weekday: 'sin-cos', discount: true, lags: 'raw' };
    const [row] = featureRows(layout, values, discount, christmas, christmas + 1);
    const expected = [
      Math.sin((2 * Math.PI * 2) / 7),
      Math.cos((2 * Math.PI * 2) / 7),
      Math.sin(year),
      Math.cos(year),
      Math.sin(2 * year),
      Math.cos(2 * year),
      1, // Christmas Day
      0.25, // the discount of that day
      18, // day 17 (a week earlier) holds 18
      11, // day 10 (two weeks earlier) holds 11
      21, // mean of 18 … 24
      12.5, // the 28 values before day 24 do not exist yet: mean of 1 … 24
    ];
    expect(row).toHaveLength(expected.length);
    expected.forEach((v, i) => expect(row![i]).toBeCloseTo(v, 12));
    expect(featureColumns(layout).map((c) => c.name)).toEqual([
      'weekday sin',
      'weekday cos',
      'year sin 1',
      'year cos 1',
      'year sin 2',
      'year cos 2',
      'holiday',
      'discount',
      'lag 7',
      'lag 14',
      'mean last 7',
      'mean last 28',
    ]);
  });

  it('one-hot weekday and lags relative to the level', () => {
    const layout: FeatureLayout = {
      start,
      grain: 'day',
      season: 7,
      weekday: 'one-hot',
      discount: false,
      lags: 'relative',
    };
    const [row] = featureRows(layout, values, undefined, christmas, christmas + 1);
    const expected = [
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      Math.sin(year),
      Math.cos(year),
      Math.sin(2 * year),
      Math.cos(2 * year),
      1,
      18 / 21,
      11 / 21,
      12.5 / 21,
    ];
    expect(row).toHaveLength(expected.length);
    expected.forEach((v, i) => expect(row![i]).toBeCloseTo(v, 12));
    expect(featureColumns(layout)).toHaveLength(expected.length);
  });

  it('flags only holidays, and falls back to the one-season lag before two seasons exist', () => {
    const layout: FeatureLayout = { start, grain: 'day', season: 7, weekday: 'sin-cos', discount: false, lags: 'raw' };
    const rows = featureRows(layout, values, undefined, 9, 11); // 10 and 11 December
    expect(rows.map((r) => r[6])).toEqual([0, 0]);
    // Day 10: lag 7 is day 3 (value 4); day −4 does not exist, so lag 14 repeats lag 7.
    expect(rows[1]!.slice(7, 9)).toEqual([4, 4]);
  });

  it('at weekly grain, flags a week holding any holiday and places it in the year by its Thursday', () => {
    const layout: FeatureLayout = {
      start: '2024-12-09',
      grain: 'week',
      season: 52,
      weekday: 'sin-cos',
      discount: false,
      lags: 'none',
    };
    const rows = featureRows(layout, [], undefined, 0, 5);
    // Weeks of 9 Dec (none), 16 Dec (Christmas run-up from the 18th), 23 Dec (Christmas),
    // 30 Dec (New Year's Eve and Day), 6 Jan (none).
    expect(rows.map((r) => r[4])).toEqual([0, 1, 1, 1, 0]);
    expect(rows[0]).toHaveLength(5);
    expect(rows[0]![0]).toBeCloseTo(Math.sin((2 * Math.PI * 346) / 366), 12); // Thursday 12 December 2024
  });
});

describe('randomForestModel', () => {
  let seasonal: Synthetic;
  let forecast: Forecast;

  beforeAll(async () => {
    seasonal = weeklySeries(11, 0.05);
    const fitted = await randomForestModel.fit(seasonal.history, { ...DAILY, seed: 42 });
    forecast = fitted.predict(HORIZON);
  });

  it('forecasts a weekly pattern with 5% noise within 5% MAPE of the true pattern', () => {
    // The flat mean is 24.7% off this pattern; the noise averages out over ~100 weeks of history.
    expect(mape(forecast.point, futurePattern())).toBeLessThan(0.05);
  });

  it('sets intervals from the 5% noise and widens them with the horizon', () => {
    // The 80% half-width of 5% noise is 1.28 × 5% ≈ 6.4% of the level.
    const firstWeek = (f: ArrayLike<number>) => mean(Array.from({ length: 7 }, (_, h) => f[h]!));
    const halfWidth = firstWeek(forecast.upper80) - firstWeek(forecast.point);
    const relative = halfWidth / firstWeek(forecast.point);
    expect(relative).toBeGreaterThan(0.03);
    expect(relative).toBeLessThan(0.15);
    expect(forecast.upper95[HORIZON - 1]! - forecast.lower95[HORIZON - 1]!).toBeGreaterThan(
      forecast.upper95[0]! - forecast.lower95[0]!,
    );
  });

  it('lifts the forecast when the future discount is higher (built with a +30% lift at 20% off)', async () => {
    // Lift 1.5 × discount: a 20% discount day sells 1.3 × a normal one.
    const promo = weeklySeries(12, 0.03, 0.15, 1.5);
    const fitted = await randomForestModel.fit(promo.history, { ...DAILY, seed: 42 });
    const none = fitted.predict(HORIZON, { discount: new Float64Array(HORIZON) });
    const all = fitted.predict(HORIZON, { discount: new Float64Array(HORIZON).fill(0.2) });
    for (let h = 0; h < HORIZON; h++) expect(all.point[h]).toBeGreaterThan(none.point[h]!);
    const lift = (from: number) => mean(all.point.subarray(from, from + 7)) / mean(none.point.subarray(from, from + 7));
    expect(lift(0)).toBeGreaterThan(1.15);
    expect(lift(0)).toBeLessThan(1.45);
    // No compounding: the second week is lifted like the first, not by 1.3².
    expect(lift(7) / lift(0)).toBeGreaterThan(0.9);
    expect(lift(7) / lift(0)).toBeLessThan(1.1);
  });

  it('gives identical forecasts for the same seed, and different ones for another seed', async () => {
    const again = (await randomForestModel.fit(seasonal.history, { ...DAILY, seed: 42 })).predict(HORIZON);
    expect(again).toEqual(forecast);
    const other = (await randomForestModel.fit(seasonal.history, { ...DAILY, seed: 43 })).predict(HORIZON);
    expect(other.point).not.toEqual(forecast.point);
  });
});

describe('lstmModel', () => {
  let seasonal: Synthetic;
  let forecast: Forecast;
  const progress: number[] = [];

  beforeAll(async () => {
    seasonal = weeklySeries(21, 0.03);
    const fitted = await lstmModel.fit(seasonal.history, { ...DAILY, seed: 7, onProgress: (f) => progress.push(f) });
    forecast = fitted.predict(HORIZON);
  });

  it('follows the weekly pattern and beats the in-sample mean by a wide margin', () => {
    const truth = futurePattern();
    const flat = new Float64Array(HORIZON).fill(mean(seasonal.history.values));
    // The flat mean misses this pattern by 214 a day on average (1000 × mean |pattern − 1|); a model that learnt the
    // pattern should miss by noise-sized amounts: at most a quarter of that.
    expect(mae(forecast.point, truth)).toBeLessThan(0.25 * mae(flat, truth));
    expect(correlation(forecast.point, truth)).toBeGreaterThan(0.9);
  });

  it('reports training progress per epoch, ending at 1', () => {
    expect(progress.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]!);
    expect(progress.at(-1)).toBe(1);
  });

  it('gives identical forecasts for the same seed, and different ones for another seed', async () => {
    const again = (await lstmModel.fit(seasonal.history, { ...DAILY, seed: 7 })).predict(HORIZON);
    expect(again).toEqual(forecast);
    const other = (await lstmModel.fit(seasonal.history, { ...DAILY, seed: 8 })).predict(HORIZON);
    expect(other.point).not.toEqual(forecast.point);
  });

  it('leaves no tensors behind after a fit and forecast', async () => {
    for (let i = 0; i < 2; i++) {
      const before = liveTensors();
      (await lstmModel.fit(seasonal.history, { ...DAILY, seed: 100 + i })).predict(HORIZON);
      expect(liveTensors()).toBe(before);
    }
  });
});
