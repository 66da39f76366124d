/** Every model in the tournament, in leaderboard order of complexity. Imported only by the worker (TensorFlow.js is heavy). */
import { arimaModel } from './arima';
import { etsModel } from './ets';
import { lstmModel } from './lstm';
import { prophetModel } from './prophet';
import { randomForestModel } from './random-forest';
import { seasonalNaiveModel } from './seasonal-naive';
import type { Forecaster, ModelId } from './types';

export const MODELS: readonly Forecaster[] = [
  seasonalNaiveModel,
  etsModel,
  arimaModel,
  prophetModel,
  randomForestModel,
  lstmModel,
];

export function modelById(id: ModelId): Forecaster {
  const model = MODELS.find((m) => m.id === id);
  if (!model) throw new Error(`There is no forecasting model “${id}”.`);
  return model;
}
