/**
 * Seasonal naive: every future period repeats the same period one season earlier. The
 * baseline every other model must beat, and the scale of MASE.
 */
import { normalForecast, type FittedModel, type Forecaster, type SeriesData } from './types';

export const seasonalNaiveModel: Forecaster = {
  id: 'seasonal-naive',
  label: 'Seasonal naive',
  summary: 'Repeats the last season (last week at daily grain, last year at weekly grain).',
  usesDrivers: false,
  minHistory: (season) => season + 1,
  async fit(history: SeriesData, { season }): Promise<FittedModel> {
    const y = history.values;
    const n = y.length;
    const m = Math.min(season, n - 1);
    // The residual SD of the one-season-ahead in-sample forecast; k seasons ahead the
    // errors of k independent season-steps add up, so the SD grows with √k (Hyndman & Athanasopoulos, 5.5).
    let sum = 0;
    for (let t = m; t < n; t++) sum += (y[t]! - y[t - m]!) ** 2;
    const sd = Math.sqrt(sum / Math.max(1, n - m));
    return {
      predict(h) {
        const point = new Float64Array(h);
        const spread = new Float64Array(h);
        for (let i = 0; i < h; i++) {
          point[i] = y[n - m + (i % m)]!;
          spread[i] = sd * Math.sqrt(Math.floor(i / m) + 1);
        }
        return normalForecast(point, spread);
      },
      describe: () => [
        { name: 'Season', value: `${m} periods` },
        { name: 'Residual SD', value: sd.toFixed(2) },
      ],
    };
  },
};

/** In-sample mean absolute error of the seasonal naive forecast: MASE's denominator. */
export function seasonalNaiveScale(y: ArrayLike<number>, season: number): number {
  const n = y.length;
  for (const m of [season, 1]) {
    if (n <= m) continue;
    let sum = 0;
    for (let t = m; t < n; t++) sum += Math.abs(y[t]! - y[t - m]!);
    const mae = sum / (n - m);
    // A flat training series has no seasonal-naive error; lag 1 keeps MASE defined when it has any.
    if (mae > 0) return mae;
  }
  return Number.NaN;
}
