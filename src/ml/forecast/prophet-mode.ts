/**
 * Prophet's `seasonality_mode`, chosen from the data. Additive seasonality adds the same
 * weekly swing at any sales level; multiplicative scales it with the level (the model fitted
 * to log sales), which suits a shop whose December weekends are bigger in proportion, not
 * just in amount. Neither wins everywhere, so the last `horizon` periods of the training data
 * are held out, both modes are fitted on the rest and forecast them, and the mode with the
 * lower absolute error is refitted on the whole history — the backtest in miniature, using
 * nothing after the training window.
 *
 * The seasonal analysis and the what-if effects always come from the additive fit of the
 * whole history, whose parts are in revenue units (log-scale effects read as percentages of
 * a moving level, which the page could not show as amounts).
 */
import { fitProphet, type DecomposableFit } from './prophet';
import type { FitContext, Forecast, FutureDrivers, ModelParameter, SeriesData } from './types';

export type SeasonalityMode = 'additive' | 'multiplicative';

/** The log transform's offset as a share of mean |sales|: keeps zero-sales days finite without flattening quiet ones. */
const LOG_OFFSET_SHARE = 0.05;

function meanAbs(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]!);
  return values.length ? s / values.length : 0;
}

/** A multiplicative fit: the additive model on log(max(y, 0) + c), forecasts mapped back. */
function fitMultiplicative(
  history: SeriesData,
  context: Pick<FitContext, 'season'>,
): { predict: (h: number, d?: FutureDrivers) => Forecast } {
  const c = LOG_OFFSET_SHARE * meanAbs(history.values) || 1;
  const logged: SeriesData = { ...history, values: history.values.map((v) => Math.log(Math.max(v, 0) + c)) };
  const fit = fitProphet(logged, context);
  const back = (a: Float64Array) => a.map((v) => Math.exp(v) - c);
  return {
    predict(h, drivers) {
      const f = fit.predict(h, drivers);
      // exp is monotone, so the bands map to bands (now wider above than below).
      return {
        point: back(f.point),
        lower80: back(f.lower80),
        upper80: back(f.upper80),
        lower95: back(f.lower95),
        upper95: back(f.upper95),
      };
    },
  };
}

function absError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!);
  return s;
}

export interface ModeChoice {
  mode: SeasonalityMode;
  /** Mean absolute error of each mode on the held-out periods; null when the history was too short to hold any out. */
  holdout: { periods: number; additive: number; multiplicative: number } | null;
}

/** Picks the mode on the last `horizon` periods (additive when too few periods would remain to fit on). */
export function chooseMode(
  history: SeriesData,
  context: Pick<FitContext, 'season' | 'horizon'>,
  minHistory: number,
): ModeChoice {
  const n = history.values.length;
  const k = context.horizon;
  if (n - k < minHistory) return { mode: 'additive', holdout: null };
  const train: SeriesData = {
    ...history,
    values: history.values.subarray(0, n - k),
    ...(history.discount ? { discount: history.discount.subarray(0, n - k) } : {}),
  };
  const actual = history.values.subarray(n - k);
  const additive = absError(actual, fitProphet(train, context).predict(k).point) / k;
  const multiplicative = absError(actual, fitMultiplicative(train, context).predict(k).point) / k;
  return {
    mode: multiplicative < additive ? 'multiplicative' : 'additive',
    holdout: { periods: k, additive, multiplicative },
  };
}

/**
 * The fitted model in the chosen mode. Its decomposition, profiles and effects are the
 * additive fit's (see the module comment); its forecasts are the chosen mode's.
 */
export function fitProphetAuto(
  history: SeriesData,
  context: Pick<FitContext, 'season' | 'horizon'>,
  minHistory: number,
): DecomposableFit {
  const choice = chooseMode(history, context, minHistory);
  const additive = fitProphet(history, context);
  if (choice.mode === 'additive') return withMode(additive, additive.predict.bind(additive), choice);
  const multiplicative = fitMultiplicative(history, context);
  return withMode(additive, multiplicative.predict, choice);
}

function withMode(
  additive: DecomposableFit,
  predict: (h: number, d?: FutureDrivers) => Forecast,
  choice: ModeChoice,
): DecomposableFit {
  const words: ModelParameter = {
    name: 'Seasonality',
    value: choice.holdout
      ? `${choice.mode}, chosen on the last ${choice.holdout.periods} periods of the training data (mean absolute error: additive ${choice.holdout.additive.toFixed(0)}, multiplicative ${choice.holdout.multiplicative.toFixed(0)})`
      : `${choice.mode} (too little history to compare modes)`,
  };
  return {
    predict,
    describe: () => [words, ...additive.describe()],
    decompose: () => additive.decompose(),
    weeklyProfile: () => additive.weeklyProfile(),
    yearlyProfile: (points) => additive.yearlyProfile(points),
    holidayEffects: () => additive.holidayEffects(),
    discountEffect: () => additive.discountEffect(),
    changepoints: () => additive.changepoints(),
    baselineDiscount: () => additive.baselineDiscount(),
  };
}
