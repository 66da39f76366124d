/**
 * The one interface every forecasting model implements. Models are pure TypeScript (or a
 * library loaded by the caller) over typed arrays, deterministic given `FitContext.seed`,
 * so the same code runs in the forecast worker and in Node tests.
 */

export type Grain = 'day' | 'week';

export type ModelId = 'seasonal-naive' | 'ets' | 'arima' | 'prophet' | 'random-forest' | 'lstm' | 'ensemble';

/** A regular series: one value per calendar day (zero on days without sales) or per Monday-started week. */
export interface SeriesData {
  /** The first period: a day, or the Monday a week starts on, as 'YYYY-MM-DD'. */
  start: string;
  grain: Grain;
  values: Float64Array;
  /**
   * Revenue-weighted average discount of each period (fraction 0..1), when the data has a
   * discount column. Models that take drivers use it as their promotion regressor.
   */
  discount?: Float64Array;
}

/** What the future holds for the drivers a model takes (one value per forecast step). */
export interface FutureDrivers {
  discount?: Float64Array;
}

/** A point forecast with its 80% and 95% prediction intervals, one entry per step. */
export interface Forecast {
  point: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
}

export interface FitContext {
  /** Seed for every random choice the model makes (initial weights, bootstrap samples). */
  seed: number;
  /** Season length in periods: 7 at daily grain, 52 at weekly grain. */
  season: number;
  /** Longest horizon the fitted model will be asked for (models that train per horizon use it). */
  horizon: number;
  /** Fraction of this fit done, 0..1, for models that train long enough to need a progress bar. */
  onProgress?: (fraction: number) => void;
  /**
   * The same model fitted on the previous, shorter training window of this backtest. A model
   * that trains iteratively may start from it (a warm start): it saw only data before its own,
   * earlier end, so nothing from this fit's future leaks in.
   */
  previous?: FittedModel;
}

/** A named quantity a fitted model reports about itself (shown on the page, collapsed). */
export interface ModelParameter {
  name: string;
  value: string;
}

export interface FittedModel {
  predict(horizon: number, drivers?: FutureDrivers): Forecast;
  /** Fitted parameters in words and numbers, e.g. "α (level) = 0.12". */
  describe(): ModelParameter[];
  /** Frees memory held outside the JS heap (WASM models, tensors); the fit is unusable after. */
  dispose?(): void;
}

export interface Forecaster {
  readonly id: ModelId;
  readonly label: string;
  /** One line on how the model works, shown on the leaderboard. */
  readonly summary: string;
  /** Whether the model takes the discount driver (and so responds to the what-if sliders). */
  readonly usesDrivers: boolean;
  /** The shortest history the model can be fitted on, in periods. */
  minHistory(season: number): number;
  fit(history: SeriesData, context: FitContext): Promise<FittedModel>;
}

/** z-scores of the central 80% and 95% normal intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/** Builds a {@link Forecast} from points and a per-step standard deviation of the error. */
export function normalForecast(point: Float64Array, sd: ArrayLike<number>): Forecast {
  const h = point.length;
  const f: Forecast = {
    point,
    lower80: new Float64Array(h),
    upper80: new Float64Array(h),
    lower95: new Float64Array(h),
    upper95: new Float64Array(h),
  };
  for (let i = 0; i < h; i++) {
    const s = sd[i] ?? 0;
    f.lower80[i] = point[i]! - Z80 * s;
    f.upper80[i] = point[i]! + Z80 * s;
    f.lower95[i] = point[i]! - Z95 * s;
    f.upper95[i] = point[i]! + Z95 * s;
  }
  return f;
}
