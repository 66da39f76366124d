import { describe, expect, it } from 'vitest';
import { accuracy, coverage } from '../../src/ml/forecast/metrics';
import { seasonalNaiveModel, seasonalNaiveScale } from '../../src/ml/forecast/seasonal-naive';
import { calibrate, conformalQuantile, conformityScores } from '../../src/ml/forecast/conformal';
import { backtestOrigins, runModel, type ModelRun } from '../../src/ml/forecast/backtest';
import { scoreTournament } from '../../src/ml/forecast/tournament';
import { normalForecast, Z80, type Forecast, type SeriesData } from '../../src/ml/forecast/types';
import { toSeries, periodsFor } from '../../src/ml/forecast/series';
import { dayNumber, holidaysBetween, isoDay, weekdayOf } from '../../src/ml/forecast/calendar';
import { parseHorizon } from '../../src/state/horizon';
import { mulberry32, gaussian } from '../../src/ml/random';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('accuracy metrics', () => {
  it('match values worked out by hand', () => {
    // Errors 2, −2... : |e| = 2, 2, 3, 0; squares 4, 4, 9, 0; actual mean 15.
    const m = accuracy([10, 20, 30, 0], [12, 18, 33, 0], 2);
    expect(m.mae).toBeCloseTo(1.75, 12);
    expect(m.mase).toBeCloseTo(0.875, 12);
    expect(m.smape).toBeCloseTo(((200 * 2) / 22 + (200 * 2) / 38 + (200 * 3) / 63 + 0) / 4, 12);
    expect(m.wape).toBeCloseTo((100 * 7) / 60, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(17 / 4), 12);
    // SST = 25 + 25 + 225 + 225 = 500.
    expect(m.r2).toBeCloseTo(1 - 17 / 500, 12);
  });

  it('counts coverage inclusively', () => {
    expect(coverage([1, 2, 3, 4], [1, 0, 4, 0], [1, 1, 5, 4])).toBe(50);
  });

  it('scales MASE by the in-sample seasonal naive error, falling back to lag 1 on a flat season', () => {
    // Season 2: |3−1|, |4−2|, |5−3| → mean 2.
    expect(seasonalNaiveScale([1, 2, 3, 4, 5], 2)).toBe(2);
    // A series that repeats every 2 has no seasonal error; lag 1 gives |5−1| every step.
    expect(seasonalNaiveScale([1, 5, 1, 5], 2)).toBe(4);
    expect(seasonalNaiveScale([3, 3, 3], 1)).toBeNaN();
  });
});

describe('conformal calibration', () => {
  it('takes the ⌈(n+1)·level⌉-th smallest score', () => {
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(conformalQuantile(scores, 0.8)).toBe(9); // rank ⌈8.8⌉ = 9
    expect(conformalQuantile(scores, 0.95)).toBe(10); // rank 11 > n: the largest
    expect(conformalQuantile([], 0.8)).toBeNaN();
  });

  it('rescales a model’s own interval width', () => {
    const f = normalForecast(f64([100, 100]), [10, 20]);
    const scores = conformityScores([115, 60], f);
    expect(Array.from(scores)).toEqual([1.5, 2].map((v) => expect.closeTo(v, 9)));
    const c = calibrate(f, { q80: 2, q95: 3 }, 0);
    expect(c.upper80[0]).toBeCloseTo(120, 9);
    expect(c.lower80[1]).toBeCloseTo(60, 9);
    expect(c.upper95[1]).toBeCloseTo(160, 9);
    // Clipped at the floor: 100 − 3·20·… would go below 0 only with larger q.
    expect(calibrate(f, { q80: 6, q95: 9 }, 0).lower95[1]).toBe(0);
  });
});

describe('series preparation', () => {
  it('places three origins one horizon apart, the last forecasting the last periods', () => {
    expect(backtestOrigins(100, 10)).toEqual([70, 80, 90]);
  });

  it('sums Monday-to-Sunday weeks and drops partial ones', () => {
    // 2024-01-03 is a Wednesday: the first whole week starts Monday 2024-01-08.
    const start = '2024-01-03';
    expect(weekdayOf(dayNumber(start))).toBe(2);
    const days = 5 + 14 + 3; // partial, two whole weeks, partial
    const revenue = Float64Array.from({ length: days }, (_, i) => i + 1);
    const discount = Float64Array.from({ length: days }, (_, i) => (i >= 5 && i < 12 ? 0.1 : 0));
    const s = toSeries(start, revenue, discount, 'week');
    expect(s.start).toBe('2024-01-08');
    expect(Array.from(s.values)).toEqual([6 + 7 + 8 + 9 + 10 + 11 + 12, 13 + 14 + 15 + 16 + 17 + 18 + 19]);
    expect(s.discount![0]).toBeCloseTo(0.1, 12);
    expect(s.discount![1]).toBe(0);
    expect(periodsFor(30, 'week')).toBe(5);
    expect(periodsFor(30, 'day')).toBe(30);
  });

  it('knows the retail calendar', () => {
    const h = holidaysBetween(dayNumber('2024-01-01'), dayNumber('2025-12-31'));
    expect(h.get(dayNumber('2024-11-29'))).toBe('Black Friday');
    expect(h.get(dayNumber('2025-11-28'))).toBe('Black Friday');
    expect(h.get(dayNumber('2024-03-31'))).toBe('Easter Sunday');
    expect(h.get(dayNumber('2025-04-20'))).toBe('Easter Sunday');
    expect(h.get(dayNumber('2024-05-27'))).toBe('Memorial Day');
    expect(h.get(dayNumber('2024-12-20'))).toBe('Christmas run-up');
    expect(isoDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });

  it('reads the horizon from the URL, 7 to 180 whole days', () => {
    expect(parseHorizon('28')).toEqual({ days: 28, notices: [] });
    expect(parseHorizon(undefined).days).toBe(30);
    expect(parseHorizon('6').notices[0]).toMatch(/7 to 180/);
    expect(parseHorizon('181').days).toBe(30);
    expect(parseHorizon('12.5').notices[0]).toMatch(/whole number/);
    expect(parseHorizon('abc').days).toBe(30);
  });
});

/** A daily series with a known weekly pattern and noise, built here. */
function weekly(n: number, noise: number, seed = 1): SeriesData {
  const rand = mulberry32(seed);
  const pattern = [100, 80, 90, 110, 150, 200, 60];
  const values = Float64Array.from({ length: n }, (_, t) => pattern[t % 7]! + noise * gaussian(rand));
  return { start: '2024-01-01', grain: 'day', values };
}

describe('seasonal naive', () => {
  it('repeats the last season exactly and widens its interval every season', async () => {
    const s = weekly(70, 0);
    const fit = await seasonalNaiveModel.fit(s, { seed: 1, season: 7, horizon: 14 });
    const f = fit.predict(14);
    expect(Array.from(f.point)).toEqual([...Array.from(s.values.subarray(63)), ...Array.from(s.values.subarray(63))]);
    const noisy = await seasonalNaiveModel.fit(weekly(70, 5), { seed: 1, season: 7, horizon: 14 });
    const g = noisy.predict(14);
    const width = (i: number) => g.upper80[i]! - g.lower80[i]!;
    expect(width(7) / width(0)).toBeCloseTo(Math.SQRT2, 9);
  });
});

describe('the tournament', () => {
  /** A run whose backtest forecasts are the actuals plus a fixed offset, with unit-width native intervals. */
  function planted(id: ModelRun['id'], series: SeriesData, horizon: number, offset: (i: number) => number): ModelRun {
    const origins = backtestOrigins(series.values.length, horizon).map((origin) => ({
      origin,
      date: String(origin),
      forecast: normalForecast(
        Float64Array.from({ length: horizon }, (_, i) => series.values[origin + i]! + offset(i)),
        new Float64Array(horizon).fill(1),
      ),
    }));
    return {
      id,
      label: id,
      summary: '',
      usesDrivers: false,
      origins,
      final: normalForecast(new Float64Array(horizon).fill(100), new Float64Array(horizon).fill(1)),
      parameters: [],
      seconds: 0,
    };
  }

  it('ranks by MASE, weighs the ensemble by 1 ÷ MASE, and grades coverage on held-out origins', () => {
    const values = Float64Array.from({ length: 60 }, (_, t) => 100 + (t % 7) * 10);
    const series: SeriesData = { start: '2024-01-01', grain: 'day', values };
    const h = 10;
    // Errors of 1 and 2 everywhere; the naive run is off by 4.
    const runs = [
      planted('seasonal-naive', series, h, () => 4),
      planted('ets', series, h, () => 1),
      planted('arima', series, h, (i) => (i % 2 ? 2 : -2)),
    ];
    const r = scoreTournament(series, runs, h, 7);
    // The ensemble's errors partly cancel: ⅔·1 + ⅓·(±2) is 0 or 4/3, a mean of ⅔ — better than any member.
    expect(r.models.map((m) => m.id)).toEqual(['ensemble', 'ets', 'arima', 'seasonal-naive']);
    const ets = r.models[1]!;
    // In-sample seasonal-naive MAE of this series is 0 → lag-1 scale: mean |Δ| over each training window.
    const scaleOf = (n: number) => seasonalNaiveScale(values.subarray(0, n), 7);
    const expectedMase = [30, 40, 50].reduce((s, n) => s + 1 / scaleOf(n), 0) / 3;
    expect(ets.metrics.mase).toBeCloseTo(expectedMase, 9);
    // Every score is 1, so every held-out calibration has q = 1 and the actual sits on the edge: covered.
    expect(ets.coverage80).toBe(100);
    const ens = r.models.find((m) => m.id === 'ensemble')!;
    const wEts = 1 / ets.metrics.mase;
    const wArima = 1 / r.models.find((m) => m.id === 'arima')!.metrics.mase;
    expect(ens.members).toEqual([
      { id: 'ets', weight: expect.closeTo(wEts / (wEts + wArima), 9) },
      { id: 'arima', weight: expect.closeTo(wArima / (wEts + wArima), 9) },
    ]);
    // ARIMA's MASE is exactly twice ETS's, so the weights are ⅔ and ⅓.
    expect(ens.members![0]!.weight).toBeCloseTo(2 / 3, 9);
    expect(ens.metrics.mase).toBeCloseTo((2 / 3) * expectedMase, 9);
    expect(r.recommended).toBe('ensemble');
    expect(r.improvementOverNaive).toBeCloseTo(
      1 - ens.metrics.mase / r.models.find((m) => m.id === 'seasonal-naive')!.metrics.mase,
      12,
    );
    // The final forecast's 80% band is the native σ (1) times the calibrated q (1): ±1.
    expect(ets.forecast.upper80[0]! - ets.forecast.point[0]!).toBeCloseTo(1, 9);
    expect(Z80).toBeGreaterThan(1.28);
  });

  it('reports coverage below target when the held-out origins were calmer than the one graded', () => {
    const values = Float64Array.from({ length: 40 }, () => 100);
    const series: SeriesData = { start: '2024-01-01', grain: 'day', values };
    // The last origin's errors are 10× the others': calibrated on the first two, it is mostly missed.
    const run = planted('ets', series, 10, () => 0);
    run.origins.forEach((o, k) => {
      for (let i = 0; i < 10; i++) o.forecast.point[i] = 100 + (k === 2 ? 10 : 1) * (i % 2 ? 1 : -1);
    });
    const r = scoreTournament(series, [run], 10, 7);
    const byOrigin = r.models[0]!.byOrigin;
    expect(byOrigin[2]!.coverage80).toBe(0);
    expect(byOrigin[0]!.coverage80).toBe(100);
  });

  it('says why a model cannot run on a short history', async () => {
    const series = weekly(30, 1);
    const { run } = await runModel(seasonalNaiveModel, series, { horizon: 7, season: 7, seed: 1 });
    expect(run.error).toBeUndefined();
    const short = await runModel(seasonalNaiveModel, weekly(26, 1), { horizon: 7, season: 7, seed: 1 });
    expect(short.run.error).toMatch(/needs 8 periods before the first backtest origin; this history has 5/);
    const f: Forecast = run.final!;
    expect(f.point).toHaveLength(7);
  });
});
