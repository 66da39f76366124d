/**
 * Rolling-origin backtest: each model is fitted at three origins spaced one horizon apart,
 * the last ending at the last period, each time only on the periods before the origin, and
 * then once on the whole history for the forecast itself.
 */
import { isoDay, periodDay } from './calendar';
import type { FittedModel, Forecast, Forecaster, ModelId, ModelParameter, SeriesData } from './types';

export const BACKTEST_ORIGINS = 3;

/** Period indexes where the backtest forecasts start, oldest first. */
export function backtestOrigins(length: number, horizon: number, origins = BACKTEST_ORIGINS): number[] {
  const out: number[] = [];
  for (let k = origins; k >= 1; k--) out.push(length - k * horizon);
  return out;
}

/** The first `length` periods of a series (a training window). */
export function head(series: SeriesData, length: number): SeriesData {
  return {
    start: series.start,
    grain: series.grain,
    values: series.values.subarray(0, length),
    ...(series.discount ? { discount: series.discount.subarray(0, length) } : {}),
  };
}

export interface OriginForecast {
  /** Index of the first forecast period. */
  origin: number;
  /** Its date, 'YYYY-MM-DD'. */
  date: string;
  forecast: Forecast;
}

/** What one model did: its backtest forecasts and its forecast from the whole history (native intervals). */
export interface ModelRun {
  id: ModelId;
  label: string;
  summary: string;
  usesDrivers: boolean;
  origins: OriginForecast[];
  final: Forecast | null;
  parameters: ModelParameter[];
  /** Why the model could not run, in words for the page; the other fields are then empty. */
  error?: string;
  /** Wall time of all fits, in seconds. */
  seconds: number;
}

export interface RunOptions {
  horizon: number;
  season: number;
  seed: number;
  /** Fraction done of this model's fits, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Checked between fits, so a cancel takes effect within one fit. */
  cancelled?: () => boolean;
}

export class Cancelled extends Error {
  constructor() {
    super('The forecast was cancelled.');
    this.name = 'AbortError';
  }
}

/**
 * Fits `model` at every origin and on the whole history. Returns the run and the final
 * fitted model (kept by the caller for what-if questions), or the run with `error` set when
 * the history is too short or a fit fails.
 */
export async function runModel(
  model: Forecaster,
  series: SeriesData,
  options: RunOptions,
): Promise<{ run: ModelRun; fitted: FittedModel | null }> {
  const started = performance.now();
  const { horizon, season, seed } = options;
  const base = { id: model.id, label: model.label, summary: model.summary, usesDrivers: model.usesDrivers };
  const origins = backtestOrigins(series.values.length, horizon);
  const fail = (error: string) => ({
    run: { ...base, origins: [], final: null, parameters: [], error, seconds: (performance.now() - started) / 1000 },
    fitted: null,
  });
  const needed = model.minHistory(season);
  if (origins[0]! < needed) {
    return fail(
      `needs ${needed} periods before the first backtest origin; this history has ${Math.max(0, origins[0]!)}`,
    );
  }
  const fits = origins.length + 1;
  const out: OriginForecast[] = [];
  let previous: FittedModel | undefined;
  try {
    for (let k = 0; k < fits; k++) {
      if (options.cancelled?.()) throw new Cancelled();
      const length = k < origins.length ? origins[k]! : series.values.length;
      const onProgress = options.onProgress
        ? (f: number) => options.onProgress!((k + Math.min(1, Math.max(0, f))) / fits)
        : undefined;
      const fitted = await model.fit(head(series, length), {
        seed,
        season,
        horizon,
        ...(onProgress ? { onProgress } : {}),
        ...(previous ? { previous } : {}),
      });
      previous?.dispose?.();
      previous = fitted;
      const forecast = fitted.predict(horizon);
      if (forecast.point.some((v) => !Number.isFinite(v))) throw new Error('it gave a forecast that is not a number');
      options.onProgress?.((k + 1) / fits);
      if (k < origins.length) {
        out.push({ origin: length, date: isoDay(periodDay(series.start, series.grain, length)), forecast });
      } else {
        return {
          run: {
            ...base,
            origins: out,
            final: forecast,
            parameters: fitted.describe(),
            seconds: (performance.now() - started) / 1000,
          },
          fitted,
        };
      }
    }
  } catch (err) {
    previous?.dispose?.();
    if (err instanceof Cancelled) throw err;
    return fail(err instanceof Error ? err.message : String(err));
  }
  return fail('no fit was made');
}
