/**
 * Calibrating prediction intervals on backtest errors (split conformal prediction, with
 * each model's own interval width as the scale: Lei et al. 2018, "locally weighted"
 * residuals). A model's native intervals give the shape — wider further ahead — and the
 * backtest decides how wide they must really be for 80% and 95% of actual values to fall
 * inside.
 */
import { Z80, type Forecast } from './types';

/** The standard deviation a forecast's own 80% interval implies, per step (never zero). */
export function impliedSd(forecast: Forecast): Float64Array {
  const h = forecast.point.length;
  const sd = new Float64Array(h);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < h; i++) {
    const s = (forecast.upper80[i]! - forecast.lower80[i]!) / (2 * Z80);
    sd[i] = Number.isFinite(s) && s > 0 ? s : 0;
    if (sd[i]! > 0) {
      sum += sd[i]!;
      count++;
    }
  }
  // A model without a usable width gets a flat one, so the calibration is in plain units.
  if (count === 0) return sd.fill(1);
  // A width far below the model's typical one, or below a thousandth of the forecast's level,
  // is a numerical accident (a noise-free fit): as a divisor it would turn one ordinary error
  // into a score of 1e11 and the calibrated band into nonsense.
  let level = 0;
  for (let i = 0; i < h; i++) level += Math.abs(forecast.point[i]!);
  const floor = Math.max(0.05 * (sum / count), (1e-3 * level) / h, 1e-12);
  for (let i = 0; i < h; i++) sd[i] = Math.max(sd[i]!, floor);
  return sd;
}

/** Nonconformity scores |actual − point| ÷ σ, one per forecast step. */
export function conformityScores(actual: ArrayLike<number>, forecast: Forecast): Float64Array {
  const sd = impliedSd(forecast);
  const out = new Float64Array(actual.length);
  for (let i = 0; i < actual.length; i++) out[i] = Math.abs(actual[i]! - forecast.point[i]!) / sd[i]!;
  return out;
}

/**
 * The split-conformal quantile: the ⌈(n+1)·level⌉-th smallest score, which covers a new
 * exchangeable point with probability ≥ level. With too few scores for that rank, the
 * largest score is used (and coverage may fall short; the backtest shows by how much).
 */
export function conformalQuantile(scores: ArrayLike<number>, level: number): number {
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.ceil((n + 1) * level);
  return sorted[Math.min(n, rank) - 1]!;
}

export interface Calibration {
  q80: number;
  q95: number;
}

export function calibrationFrom(scores: ArrayLike<number>): Calibration {
  return { q80: conformalQuantile(scores, 0.8), q95: conformalQuantile(scores, 0.95) };
}

/**
 * The forecast with intervals point ± q·σ. `floor` clips the lower bounds (0 for a series
 * that was never negative: revenue with no net-return days).
 */
export function calibrate(forecast: Forecast, calibration: Calibration, floor = -Infinity): Forecast {
  const sd = impliedSd(forecast);
  const h = forecast.point.length;
  const out: Forecast = {
    point: Float64Array.from(forecast.point),
    lower80: new Float64Array(h),
    upper80: new Float64Array(h),
    lower95: new Float64Array(h),
    upper95: new Float64Array(h),
  };
  for (let i = 0; i < h; i++) {
    // The point too: a forecast below zero sales would sit under its own band.
    const p = Math.max(floor, forecast.point[i]!);
    out.point[i] = p;
    out.lower80[i] = Math.max(floor, p - calibration.q80 * sd[i]!);
    out.upper80[i] = p + calibration.q80 * sd[i]!;
    out.lower95[i] = Math.max(floor, p - calibration.q95 * sd[i]!);
    out.upper95[i] = p + calibration.q95 * sd[i]!;
  }
  return out;
}
