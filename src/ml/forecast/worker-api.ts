import type { ModelRun } from './backtest';
import type { Decomposition as HistoryParts, DiscountEffect, HolidayEffect } from './prophet';
import type { TournamentResult } from './tournament';
import type { ElasticityEstimate, Elasticity, PricePointsInput } from './elasticity';
import type { ModelId, SeriesData } from './types';

export interface ForecastRequest {
  series: SeriesData;
  /** Forecast periods at the series' grain. */
  horizon: number;
  season: number;
  seed: number;
  models: ModelId[];
  /** Price observations to estimate elasticities from (sent to one worker only). */
  pricePoints?: PricePointsInput;
}

/** The Prophet-style model's view of the history, for the seasonal analysis and the what-if. */
export interface Decomposition extends HistoryParts {
  weeklyProfile: Float64Array | null;
  yearlyProfile: Float64Array | null;
  holidayEffects: HolidayEffect[];
  discountEffect: DiscountEffect | null;
  /** The discount the model assumes for the future when no scenario is given (fraction). */
  baselineDiscount: number;
}

export interface Elasticities {
  overall: Elasticity | string;
  byCategory: ElasticityEstimate;
}

export interface ForecastResponse {
  runs: ModelRun[];
  decomposition: Decomposition | null;
  elasticities: Elasticities | null;
}

/** The forecast worker's interface, shared by `workers/forecast.worker.ts` and `forecast-client.ts`. */
export interface ForecastWorkerApi {
  /** Backtests and fits the requested models on the series, reporting each model's progress. */
  run(request: ForecastRequest, onProgress?: (model: ModelId, fraction: number) => void): Promise<ForecastResponse>;
  /** Scores every model's runs together (metrics, calibration, ensemble, recommendation). */
  score(input: { series: SeriesData; runs: ModelRun[]; horizon: number; season: number }): Promise<TournamentResult>;
}

/** The tournament's single models, in the order the split across workers and the page list them. */
export const MODEL_IDS: readonly ModelId[] = ['seasonal-naive', 'ets', 'arima', 'prophet', 'random-forest', 'lstm'];
