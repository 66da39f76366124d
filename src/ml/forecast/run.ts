/** One worker's share of a tournament: backtest the requested models, keep the decomposition. */
import { runModel, type ModelRun } from './backtest';
import { modelById } from './models';
import { isDecomposable } from './prophet';
import type { ModelId } from './types';
import { elasticities } from './elasticity';
import type { Decomposition, ForecastRequest, ForecastResponse } from './worker-api';

/** How many points of the yearly profile the page draws. */
const YEARLY_POINTS = 365;

export async function runRequest(
  request: ForecastRequest,
  onProgress?: (model: ModelId, fraction: number) => void,
): Promise<ForecastResponse> {
  const runs: ModelRun[] = [];
  let decomposition: Decomposition | null = null;
  for (const id of request.models) {
    const { run, fitted } = await runModel(modelById(id), request.series, {
      horizon: request.horizon,
      season: request.season,
      seed: request.seed,
      ...(onProgress ? { onProgress: (f: number) => onProgress(id, f) } : {}),
    });
    if (fitted && isDecomposable(fitted)) {
      decomposition = {
        ...fitted.decompose(),
        weeklyProfile: fitted.weeklyProfile(),
        yearlyProfile: fitted.yearlyProfile(YEARLY_POINTS),
        holidayEffects: fitted.holidayEffects(),
        discountEffect: fitted.discountEffect(),
        baselineDiscount: fitted.baselineDiscount(),
      };
    }
    fitted?.dispose?.();
    runs.push(run);
  }
  return { runs, decomposition, elasticities: request.pricePoints ? elasticities(request.pricePoints) : null };
}
