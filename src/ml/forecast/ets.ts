/**
 * Exponential smoothing (Holt-Winters in its ETS state-space form, additive errors) written
 * here because the library candidate, augurs' AutoETS, fits only non-seasonal models
 * ("no model found" for any seasonal spec in @bsull/augurs 0.10.2).
 *
 * Three trend forms — none, additive, additive damped — each with an additive season when
 * the history holds at least two seasons. Smoothing parameters are estimated by minimising
 * the one-step sum of squared errors (the Gaussian likelihood for fixed σ), and the form is
 * chosen by AICc, as in Hyndman et al., "Forecasting with Exponential Smoothing" (2008).
 */
import { nelderMead } from '../segment/optimize';
import { normalForecast, type FittedModel, type Forecaster, type SeriesData } from './types';

type TrendForm = 'none' | 'additive' | 'damped';

interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface EtsFit extends EtsParams {
  trend: TrendForm;
  seasonal: boolean;
  season: number;
  level: number;
  slope: number;
  /** The last `season` seasonal states, oldest first. */
  seasonals: Float64Array;
  sse: number;
  sigma: number;
  aicc: number;
}

/** Level, slope and seasonal starting states from the first seasons (classical decomposition). */
function initialStates(
  y: Float64Array,
  m: number,
  seasonal: boolean,
): { level: number; slope: number; seasonals: Float64Array } {
  const mean = (from: number, to: number) => {
    let s = 0;
    for (let t = from; t < to; t++) s += y[t]!;
    return s / (to - from);
  };
  if (!seasonal) {
    const k = Math.min(y.length, 10);
    const level = mean(0, Math.max(1, Math.floor(k / 2)));
    return {
      level,
      slope: k >= 4 ? (mean(Math.floor(k / 2), k) - level) / Math.floor(k / 2) : 0,
      seasonals: new Float64Array(0),
    };
  }
  const seasons = Math.min(4, Math.floor(y.length / m));
  const first = mean(0, m);
  const second = mean(m, 2 * m);
  const seasonals = new Float64Array(m);
  for (let i = 0; i < seasons; i++) {
    const centre = mean(i * m, (i + 1) * m);
    for (let j = 0; j < m; j++) seasonals[j]! += (y[i * m + j]! - centre) / seasons;
  }
  return { level: first, slope: (second - first) / m, seasonals };
}

/**
 * Runs the filter over the history and returns the one-step SSE and the final states.
 * States are taken to sit just before y[0]; the slope is applied once per step.
 */
function filter(y: Float64Array, m: number, trend: TrendForm, seasonal: boolean, p: EtsParams) {
  const init = initialStates(y, m, seasonal);
  let level = init.level;
  let slope = trend === 'none' ? 0 : init.slope;
  const s = Float64Array.from(init.seasonals);
  const phi = trend === 'damped' ? p.phi : 1;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const season = seasonal ? s[t % m]! : 0;
    const forecast = level + phi * slope + season;
    const e = y[t]! - forecast;
    sse += e * e;
    level = level + phi * slope + p.alpha * e;
    slope = phi * slope + p.beta * e;
    if (seasonal) s[t % m] = season + p.gamma * e;
  }
  // Rotate so seasonals[0] is the state for the first future period (index y.length).
  const seasonals = new Float64Array(seasonal ? m : 0);
  for (let j = 0; j < seasonals.length; j++) seasonals[j] = s[(y.length + j) % m]!;
  return { sse, level, slope, seasonals };
}

/** Maps the unit box to admissible parameters: 0<β<α, 0<γ<1−α, 0.8≤φ≤0.98 (Hyndman's usual bounds). */
function toParams(x: ArrayLike<number>): EtsParams {
  const alpha = 0.0001 + 0.9998 * x[0]!;
  return { alpha, beta: x[1]! * alpha, gamma: x[2]! * (1 - alpha), phi: 0.8 + 0.18 * x[3]! };
}

function fitForm(y: Float64Array, m: number, trend: TrendForm, seasonal: boolean): EtsFit {
  const objective = (x: Float64Array) => {
    const p = toParams(x);
    if (trend === 'none') p.beta = 0;
    if (!seasonal) p.gamma = 0;
    return filter(y, m, trend, seasonal, p).sse;
  };
  const best = nelderMead(objective, [0.2, 0.1, 0.1, 0.5], {
    lower: [0, 0, 0, 0],
    upper: [1, 1, 1, 1],
    initialStep: 0.25,
    maxIterations: 600,
    maxRestarts: 1,
    xTolerance: 1e-5,
    fTolerance: 1e-9,
  });
  const params = toParams(best.x);
  if (trend === 'none') params.beta = 0;
  if (!seasonal) params.gamma = 0;
  const end = filter(y, m, trend, seasonal, params);
  const n = y.length;
  // Smoothing parameters, free initial states (level, slope, m−1 seasonals) and σ.
  const k =
    1 +
    (trend === 'none' ? 0 : 1) +
    (trend === 'damped' ? 1 : 0) +
    (seasonal ? 1 : 0) +
    1 +
    (trend === 'none' ? 0 : 1) +
    (seasonal ? m - 1 : 0) +
    1;
  const sigma2 = end.sse / n;
  const aicc =
    n * Math.log(Math.max(sigma2, 1e-300)) + 2 * k + (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Infinity);
  return {
    ...params,
    trend,
    seasonal,
    season: m,
    level: end.level,
    slope: end.slope,
    seasonals: end.seasonals,
    sse: end.sse,
    sigma: Math.sqrt(end.sse / Math.max(1, n - k)),
    aicc,
  };
}

/** Fits the none/additive/damped forms (seasonal when two seasons fit) and keeps the lowest AICc. */
export function fitEts(y: Float64Array, season: number): EtsFit {
  const seasonal = season > 1 && y.length >= 2 * season + 2;
  const forms: TrendForm[] = y.length >= 10 ? ['none', 'additive', 'damped'] : ['none'];
  let best: EtsFit | null = null;
  for (const trend of forms) {
    const fit = fitForm(y, season, trend, seasonal);
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  return best!;
}

/** Point forecasts and the class-1 ETS forecast variance σ²(1 + Σ c_j²) (Hyndman et al. 2008, 6.3). */
export function etsForecast(fit: EtsFit, h: number): { point: Float64Array; sd: Float64Array } {
  const phi = fit.trend === 'damped' ? fit.phi : 1;
  const point = new Float64Array(h);
  const sd = new Float64Array(h);
  let damp = 0;
  let variance = 1;
  let phiPower = 1;
  let cumPhi = 0;
  for (let i = 0; i < h; i++) {
    phiPower *= phi;
    damp += phiPower;
    const season = fit.seasonal ? fit.seasonals[i % fit.season]! : 0;
    point[i] = fit.level + damp * fit.slope + season;
    sd[i] = fit.sigma * Math.sqrt(variance);
    // c_j for the next step j = i + 1.
    cumPhi += phiPower;
    const j = i + 1;
    const c = fit.alpha + fit.beta * cumPhi + (fit.seasonal && j % fit.season === 0 ? fit.gamma : 0);
    variance += c * c;
  }
  return { point, sd };
}

function formName(fit: EtsFit): string {
  const trend = fit.trend === 'none' ? 'N' : fit.trend === 'additive' ? 'A' : 'Ad';
  return `ETS(A,${trend},${fit.seasonal ? 'A' : 'N'})`;
}

export const etsModel: Forecaster = {
  id: 'ets',
  label: 'Exponential smoothing',
  summary: 'Holt-Winters state-space model: level, trend (none, additive or damped) and season, chosen by AICc.',
  usesDrivers: false,
  minHistory: () => 10,
  async fit(history: SeriesData, { season }): Promise<FittedModel> {
    const fit = fitEts(history.values, season);
    return {
      predict(h) {
        const { point, sd } = etsForecast(fit, h);
        return normalForecast(point, sd);
      },
      describe: () => [
        {
          name: 'Form',
          value: `${formName(fit)}${fit.seasonal ? `, season ${fit.season}` : ' (history shorter than two seasons)'}`,
        },
        { name: 'α (level)', value: fit.alpha.toFixed(3) },
        ...(fit.trend === 'none' ? [] : [{ name: 'β (trend)', value: fit.beta.toFixed(4) }]),
        ...(fit.seasonal ? [{ name: 'γ (season)', value: fit.gamma.toFixed(3) }] : []),
        ...(fit.trend === 'damped' ? [{ name: 'φ (damping)', value: fit.phi.toFixed(3) }] : []),
        { name: 'AICc', value: fit.aicc.toFixed(1) },
        { name: 'Residual SD', value: fit.sigma.toFixed(2) },
      ],
    };
  },
};
