import { describe, expect, it } from 'vitest';
import { carryForward } from '../../src/data/queries/forecast/daily-series';
import { backtestOrigins, runModel } from '../../src/ml/forecast/backtest';
import { calibrate } from '../../src/ml/forecast/conformal';
import { MODELS } from '../../src/ml/forecast/models';
import { projections } from '../../src/ml/forecast/projection';
import { scoreTournament } from '../../src/ml/forecast/tournament';
import { normalForecast, type SeriesData } from '../../src/ml/forecast/types';
import { gaussian, mulberry32 } from '../../src/ml/random';

/** A daily series with a weekly pattern, a trend, noise and a varying discount. */
function series(n: number, seed: number): SeriesData {
  const rand = mulberry32(seed);
  const pattern = [100, 80, 90, 110, 150, 200, 60];
  return {
    start: '2024-01-01',
    grain: 'day',
    values: Float64Array.from({ length: n }, (_, t) => pattern[t % 7]! + 0.1 * t + 10 * gaussian(rand)),
    discount: Float64Array.from({ length: n }, (_, t) => (t % 50 < 7 ? 0.2 : 0.02)),
  };
}

/** The same series with every value and discount from `from` on replaced by others. */
function withFutureChanged(s: SeriesData, from: number): SeriesData {
  const rand = mulberry32(99);
  const values = Float64Array.from(s.values);
  const discount = Float64Array.from(s.discount!);
  for (let t = from; t < values.length; t++) {
    values[t] = 1000 * rand();
    discount[t] = rand() / 2;
  }
  return { ...s, values, discount };
}

describe('backtests see no future', () => {
  // Every model, LSTM warm starts included: changing the data after an origin must not move
  // the forecasts made at it or before it.
  for (const model of MODELS) {
    it(`${model.id}: forecasts at the first two origins ignore everything after the second`, async () => {
      const base = series(300, 1);
      const h = 14;
      const [, second] = backtestOrigins(base.values.length, h) as [number, number, number];
      const changed = withFutureChanged(base, second);
      const options = { horizon: h, season: 7, seed: 42 };
      const a = (await runModel(model, base, options)).run;
      const b = (await runModel(model, changed, options)).run;
      expect(a.error).toBeUndefined();
      for (const k of [0, 1])
        expect(Array.from(b.origins[k]!.forecast.point)).toEqual(Array.from(a.origins[k]!.forecast.point));
      // …and the last origin, which may see the change, does move.
      expect(Array.from(b.origins[2]!.forecast.point)).not.toEqual(Array.from(a.origins[2]!.forecast.point));
    }, 60_000);
  }
});

describe('degenerate histories', () => {
  it('recommends seasonal naive on a flat history, with no NaN in the forecast', () => {
    const values = new Float64Array(60).fill(50);
    const s: SeriesData = { start: '2024-01-01', grain: 'day', values };
    const flat = (id: 'seasonal-naive' | 'ets') => ({
      id,
      label: id,
      summary: '',
      usesDrivers: false,
      origins: backtestOrigins(60, 7).map((origin) => ({
        origin,
        date: '',
        forecast: normalForecast(new Float64Array(7).fill(50), new Float64Array(7)),
      })),
      final: normalForecast(new Float64Array(7).fill(50), new Float64Array(7)),
      parameters: [],
      seconds: 0,
    });
    const r = scoreTournament(s, [flat('ets'), flat('seasonal-naive')], 7, 7);
    expect(r.recommended).toBe('seasonal-naive');
    expect(r.improvementOverNaive).toBeNull();
    for (const m of r.models) for (const v of m.forecast.upper95) expect(Number.isFinite(v)).toBe(true);
  });

  it('keeps a near-zero native width from blowing the calibrated band up', () => {
    // σ of 1e-11 at one step: as a divisor it would make a score of ~1e12.
    const f = normalForecast(Float64Array.from([100, 100, 100]), [10, 1e-11, 10]);
    const c = calibrate(f, { q80: 2, q95: 3 });
    expect(c.upper95[1]! - c.point[1]!).toBeLessThan(100);
    expect(c.upper95[1]! - c.point[1]!).toBeGreaterThan(0);
  });

  it('keeps the point on or above the floor with its band', () => {
    const f = normalForecast(Float64Array.from([-5, 20]), [10, 10]);
    const c = calibrate(f, { q80: 1, q95: 2 }, 0);
    expect(c.point[0]).toBe(0);
    expect(c.lower80[0]).toBe(0);
  });

  it('carries the last discount over days without sales', () => {
    expect(Array.from(carryForward([null, 0.1, null, null, 0.3, null]))).toEqual([0.1, 0.1, 0.1, 0.1, 0.3, 0.3]);
    expect(Array.from(carryForward([null, null]))).toEqual([0, 0]);
  });

  it('measures a projection range from the upper band when the lower one was clipped', () => {
    // Point 10 a day, 80% half-width 1.2816 × 20 per day, clipped below at 0.
    const f = calibrate(
      normalForecast(new Float64Array(3).fill(10), new Float64Array(3).fill(20)),
      { q80: 1.2815515655446004, q95: 2 },
      0,
    );
    const [p] = projections(
      new Float64Array(400).fill(10),
      'day',
      f,
      [],
      [{ label: '3 days', from: 0, periods: 3 }],
      0,
    );
    const half = Math.sqrt(3) * 1.2815515655446004 * 20;
    expect(p!.high80 - p!.total).toBeCloseTo(half, 9);
    expect(p!.low80).toBe(0);
  });
});
