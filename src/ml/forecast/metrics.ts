/**
 * Forecast accuracy measures, as defined in Hyndman & Koehler (2006) and Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice" (3rd ed.), 5.8.
 */

export interface AccuracyMetrics {
  /** Mean absolute scaled error: MAE ÷ the in-sample seasonal-naive MAE. Below 1 beats that baseline in-sample. */
  mase: number;
  /** Symmetric MAPE in percent (0..200); periods where actual and forecast are both 0 count as 0. */
  smape: number;
  /** Weighted absolute percentage error: Σ|error| ÷ Σ|actual|, in percent. */
  wape: number;
  rmse: number;
  /** 1 − SSE ÷ Σ(actual − mean actual)² over the evaluated periods. */
  r2: number;
  mae: number;
}

/** Accuracy of `forecast` against `actual`, with MASE scaled by `scale`. */
export function accuracy(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): AccuracyMetrics {
  const n = actual.length;
  if (n === 0 || forecast.length !== n)
    throw new RangeError('accuracy: actual and forecast must be non-empty and of equal length');
  let absSum = 0;
  let sqSum = 0;
  let smapeSum = 0;
  let actualAbs = 0;
  let actualSum = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const f = forecast[i]!;
    const e = a - f;
    absSum += Math.abs(e);
    sqSum += e * e;
    const denom = Math.abs(a) + Math.abs(f);
    smapeSum += denom === 0 ? 0 : (200 * Math.abs(e)) / denom;
    actualAbs += Math.abs(a);
    actualSum += a;
  }
  const mean = actualSum / n;
  let total = 0;
  for (let i = 0; i < n; i++) total += (actual[i]! - mean) ** 2;
  const mae = absSum / n;
  return {
    mase: mae / scale,
    smape: smapeSum / n,
    wape: actualAbs === 0 ? Number.NaN : (100 * absSum) / actualAbs,
    rmse: Math.sqrt(sqSum / n),
    r2: total === 0 ? Number.NaN : 1 - sqSum / total,
    mae,
  };
}

/** Share of `actual` inside [lower, upper], in percent. */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  }
  return (100 * inside) / actual.length;
}
