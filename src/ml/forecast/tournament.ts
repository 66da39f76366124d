/**
 * Scores backtest runs: accuracy per model and per origin, intervals calibrated on backtest
 * errors with honest (leave-one-origin-out) coverage, an ensemble of the best models, and
 * the recommended model.
 */
import { calibrate, calibrationFrom, conformityScores, impliedSd, type Calibration } from './conformal';
import { accuracy, coverage, type AccuracyMetrics } from './metrics';
import type { ModelRun, OriginForecast } from './backtest';
import { seasonalNaiveScale } from './seasonal-naive';
import { normalForecast, type Forecast, type ModelId, type ModelParameter, type SeriesData } from './types';

/** How many of the best single models the ensemble averages. */
export const ENSEMBLE_SIZE = 3;

export interface OriginScore {
  date: string;
  mase: number;
  smape: number;
  wape: number;
  coverage80: number;
  coverage95: number;
}

export interface ModelScore {
  id: ModelId;
  label: string;
  summary: string;
  usesDrivers: boolean;
  /** MASE is the mean of the origins' MASE (each scaled on its own training window); the rest pool all backtest periods. */
  metrics: AccuracyMetrics;
  /** Share of backtest actuals inside the calibrated 80% / 95% intervals (each origin calibrated on the others), percent. */
  coverage80: number;
  coverage95: number;
  byOrigin: OriginScore[];
  /** Calibration from all origins, applied to the final forecast. */
  calibration: Calibration;
  /** The forecast from the whole history, with calibrated intervals. */
  forecast: Forecast;
  /** Backtest forecasts with leave-one-origin-out calibrated intervals (for the accuracy-over-time chart). */
  backtests: OriginForecast[];
  parameters: ModelParameter[];
  seconds: number;
  /** Ensemble members and their weights. */
  members?: { id: ModelId; weight: number }[];
}

export interface FailedModel {
  id: ModelId;
  label: string;
  error: string;
}

export interface TournamentResult {
  horizon: number;
  season: number;
  /** Backtest origin dates, oldest first. */
  origins: string[];
  /** Successful models, best (lowest MASE) first. */
  models: ModelScore[];
  failed: FailedModel[];
  recommended: ModelId;
  /** 1 − MASE(recommended) ÷ MASE(seasonal naive): 0.25 = 25% lower error than the baseline. */
  improvementOverNaive: number | null;
  /** Lower bound the intervals were clipped at (0 when the series never went negative). */
  floor: number;
}

function lowerFloor(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (values[i]! < 0) return -Infinity;
  return 0;
}

function actualsAt(series: SeriesData, origin: number, horizon: number): Float64Array {
  return series.values.subarray(origin, origin + horizon);
}

/** Scores one run. `null` when it has no backtest forecasts. */
/** `floor` clips the final forecast's bands; each backtest uses the floor its own training data shows. */
export function scoreRun(series: SeriesData, run: ModelRun, season: number, floor: number): ModelScore | null {
  if (run.error || !run.final || run.origins.length === 0) return null;
  const horizon = run.final.point.length;
  const scores = run.origins.map((o) => conformityScores(actualsAt(series, o.origin, horizon), o.forecast));
  const all = concat(scores);
  const byOrigin: OriginScore[] = [];
  const backtests: OriginForecast[] = [];
  const actualAll: number[] = [];
  const pointAll: number[] = [];
  let inside80 = 0;
  let inside95 = 0;
  let masesum = 0;
  run.origins.forEach((o, k) => {
    const actual = actualsAt(series, o.origin, horizon);
    // Honest coverage: this origin's intervals are calibrated only on the other origins' errors.
    const others = concat(scores.filter((_, j) => j !== k));
    // The floor as it was known at this origin: the backtest must not learn it from its own future.
    const originFloor = lowerFloor(series.values.subarray(0, o.origin));
    const calibrated = calibrate(o.forecast, calibrationFrom(others.length ? others : scores[k]!), originFloor);
    backtests.push({ ...o, forecast: calibrated });
    const scale = seasonalNaiveScale(series.values.subarray(0, o.origin), season);
    const m = accuracy(actual, o.forecast.point, scale);
    const c80 = coverage(actual, calibrated.lower80, calibrated.upper80);
    const c95 = coverage(actual, calibrated.lower95, calibrated.upper95);
    inside80 += (c80 * actual.length) / 100;
    inside95 += (c95 * actual.length) / 100;
    masesum += m.mase;
    byOrigin.push({ date: o.date, mase: m.mase, smape: m.smape, wape: m.wape, coverage80: c80, coverage95: c95 });
    actualAll.push(...actual);
    pointAll.push(...o.forecast.point);
  });
  const pooled = accuracy(actualAll, pointAll, 1);
  const calibration = calibrationFrom(all);
  return {
    id: run.id,
    label: run.label,
    summary: run.summary,
    usesDrivers: run.usesDrivers,
    metrics: { ...pooled, mase: masesum / run.origins.length },
    coverage80: (100 * inside80) / actualAll.length,
    coverage95: (100 * inside95) / actualAll.length,
    byOrigin,
    calibration,
    forecast: calibrate(run.final, calibration, floor),
    backtests,
    parameters: run.parameters,
    seconds: run.seconds,
  };
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Weighted average of forecasts; the implied σ is averaged with the same weights (a conservative width before calibration). */
function blend(forecasts: Forecast[], weights: number[]): Forecast {
  const h = forecasts[0]!.point.length;
  const point = new Float64Array(h);
  const sd = new Float64Array(h);
  forecasts.forEach((f, k) => {
    const s = impliedSd(f);
    for (let i = 0; i < h; i++) {
      point[i]! += weights[k]! * f.point[i]!;
      sd[i]! += weights[k]! * s[i]!;
    }
  });
  // Only the width matters downstream (calibration rescales it).
  return normalForecast(point, sd);
}

/**
 * The ensemble run: the best {@link ENSEMBLE_SIZE} single models other than the baseline,
 * weighted by 1 ÷ backtest MASE. Members are chosen on the same backtest they are scored
 * on, which flatters the ensemble slightly; with three origins there is no spare one to hold out.
 */
export function ensembleRun(
  runs: ModelRun[],
  scored: ModelScore[],
): { run: ModelRun; members: { id: ModelId; weight: number }[] } | null {
  const members = scored
    .filter((s) => s.id !== 'seasonal-naive' && Number.isFinite(s.metrics.mase) && s.metrics.mase > 0)
    .slice(0, ENSEMBLE_SIZE);
  if (members.length < 2) return null;
  const inverse = members.map((m) => 1 / m.metrics.mase);
  const total = inverse.reduce((a, b) => a + b, 0);
  const weights = inverse.map((w) => w / total);
  const memberRuns = members.map((m) => runs.find((r) => r.id === m.id)!);
  const origins = memberRuns[0]!.origins.map((o, k) => ({
    ...o,
    forecast: blend(
      memberRuns.map((r) => r.origins[k]!.forecast),
      weights,
    ),
  }));
  const run: ModelRun = {
    id: 'ensemble',
    label: 'Ensemble',
    summary: `Weighted average of the ${members.length} best models, weights ∝ 1 ÷ backtest MASE.`,
    usesDrivers: memberRuns.some((r) => r.usesDrivers),
    origins,
    final: blend(
      memberRuns.map((r) => r.final!),
      weights,
    ),
    parameters: members.map((m, k) => ({ name: m.label, value: `weight ${(weights[k]! * 100).toFixed(0)}%` })),
    seconds: 0,
  };
  return { run, members: members.map((m, k) => ({ id: m.id, weight: weights[k]! })) };
}

/** Scores every run, adds the ensemble, and picks the recommended model by backtest MASE. */
export function scoreTournament(
  series: SeriesData,
  runs: ModelRun[],
  horizon: number,
  season: number,
): TournamentResult {
  const floor = lowerFloor(series.values);
  const failed: FailedModel[] = runs.filter((r) => r.error).map((r) => ({ id: r.id, label: r.label, error: r.error! }));
  // NaN (a flat history has no error scale) sorts last; ties go by name, so the order is stable.
  const key = (m: ModelScore) => (Number.isFinite(m.metrics.mase) ? m.metrics.mase : Infinity);
  const byMase = (a: ModelScore, b: ModelScore) => key(a) - key(b) || a.id.localeCompare(b.id);
  const scored = runs
    .map((r) => scoreRun(series, r, season, floor))
    .filter((s): s is ModelScore => s !== null)
    .sort(byMase);
  const ensemble = ensembleRun(runs, scored);
  if (ensemble) {
    const s = scoreRun(series, ensemble.run, season, floor);
    if (s) {
      s.members = ensemble.members;
      scored.push(s);
      scored.sort(byMase);
    }
  }
  // Without a finite MASE nothing was shown to beat the baseline, so the baseline is recommended.
  const best =
    scored.find((s) => Number.isFinite(s.metrics.mase)) ?? scored.find((s) => s.id === 'seasonal-naive') ?? scored[0];
  const naive = scored.find((s) => s.id === 'seasonal-naive');
  return {
    horizon,
    season,
    origins: runs.find((r) => r.origins.length)?.origins.map((o) => o.date) ?? [],
    models: scored,
    failed,
    recommended: best?.id ?? 'seasonal-naive',
    improvementOverNaive:
      best && naive && naive.metrics.mase > 0 && Number.isFinite(best.metrics.mase)
        ? 1 - best.metrics.mase / naive.metrics.mase
        : null,
    floor,
  };
}
