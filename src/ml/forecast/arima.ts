/**
 * ARIMA / SARIMA with automatic order selection, from the `arima` package (an Emscripten
 * build of ctsa's AutoARIMA: a stepwise search over orders scored by AIC, as R's
 * forecast::auto.arima). The search is bounded here: p, q ≤ 3, d ≤ 1, and P, Q, D ≤ 1
 * with the weekly season at daily grain.
 *
 * The library reports the chosen order only in its verbose printout, which Emscripten sends
 * to its `print` hook. So the module is composed here from the package's parts (see
 * arima-aliases.ts) with a `print` of our own, and each fit's printout is read from there.
 */
import binary from 'arima-binary';
import bind from 'arima-bindings';
import createModule from 'arima-emscripten';
import { normalForecast, type FittedModel, type Forecaster, type SeriesData } from './types';

interface ArimaInstance {
  train(ts: number[]): ArimaInstance;
  predict(length: number): [number[], number[]];
  destroy(): void;
}
type ArimaConstructor = new (options: Record<string, number | boolean>) => ArimaInstance;

let printout: string[] | null = null;
let library: Promise<ArimaConstructor> | null = null;

function loadArima(): Promise<ArimaConstructor> {
  library ??= createModule({
    wasmBinary: binary,
    print: (line) => printout?.push(line),
    printErr: (line) => printout?.push(line),
  }).then((module) => bind(module) as ArimaConstructor);
  return library;
}

/** Runs `fit` and returns what the library printed meanwhile. */
function capturePrintout<T>(fit: () => T): { value: T; lines: string[] } {
  const lines: string[] = [];
  printout = lines;
  try {
    return { value: fit(), lines };
  } finally {
    printout = null;
  }
}

/** Largest season the seasonal search is tried with: 52-week seasons need more years than shops keep. */
const MAX_SEASON = 24;

export interface ArimaOrder {
  order: string;
  aic: number | null;
  /** Estimated coefficients by the library's names (AR1, MA1, SAR1, SMA1, …). */
  coefficients: Record<string, number>;
}

/** Reads "ARIMA Seasonal Order : ( 1, 0, 0) * (1, 1, 1)" and "AIC criterion : 2528.32" from the printout. */
export function parseArimaSummary(lines: readonly string[], season: number): ArimaOrder | null {
  const text = lines.join('\n');
  const seasonal =
    /ARIMA Seasonal Order\s*:\s*\(\s*(\d+),\s*(\d+),\s*(\d+)\)\s*\*\s*\(\s*(\d+),\s*(\d+),\s*(\d+)\)/.exec(text);
  const plain = /ARIMA Order\s*:\s*\(\s*(\d+),\s*(\d+),\s*(\d+)\)/.exec(text);
  const aic = /AIC criterion\s*:\s*(-?[\d.eE+-]+)/.exec(text);
  const seasonalPart = seasonal && [seasonal[4], seasonal[5], seasonal[6]].some((v) => v !== '0');
  const order = seasonal
    ? `(${seasonal[1]},${seasonal[2]},${seasonal[3]})${seasonalPart ? `(${seasonal[4]},${seasonal[5]},${seasonal[6]})[${season}]` : ''}`
    : plain
      ? `(${plain[1]},${plain[2]},${plain[3]})`
      : null;
  if (!order) return null;
  const coefficients: Record<string, number> = {};
  for (const m of text.matchAll(/^\s*((?:S?AR|S?MA)\d+)\s+(-?[\d.]+(?:e[+-]?\d+)?)/gim))
    coefficients[m[1]!.toUpperCase()] = Number(m[2]);
  return { order, aic: aic ? Number(aic[1]) : null, coefficients };
}

export const arimaModel: Forecaster = {
  id: 'arima',
  label: 'ARIMA',
  summary:
    'AutoARIMA (ctsa): differencing and AR/MA orders, seasonal at daily grain, chosen by AIC in a bounded stepwise search.',
  usesDrivers: false,
  minHistory: (season) => (season <= MAX_SEASON ? Math.max(2 * season + 10, 20) : 20),
  async fit(history: SeriesData, { season }): Promise<FittedModel> {
    const ARIMA = await loadArima();
    const y = Array.from(history.values);
    const seasonal = season > 1 && season <= MAX_SEASON && y.length >= 2 * season + 10;
    const options = {
      auto: true,
      p: 3,
      d: 1,
      q: 3,
      P: seasonal ? 1 : 0,
      D: seasonal ? 1 : 0,
      Q: seasonal ? 1 : 0,
      s: seasonal ? season : 0,
      verbose: true,
    };
    const { value: model, lines } = capturePrintout(() => new ARIMA(options).train(y));
    const summary = parseArimaSummary(lines, season);
    return {
      predict(h) {
        const [pred, variance] = model.predict(h);
        const point = Float64Array.from(pred);
        if (point.some((v) => !Number.isFinite(v))) throw new Error('the fitted ARIMA model gave no finite forecast');
        return normalForecast(
          point,
          variance.map((v) => Math.sqrt(Math.max(0, v))),
        );
      },
      dispose: () => model.destroy(),
      describe: () => [
        { name: 'Order', value: summary ? `ARIMA${summary.order}` : 'not reported by the library' },
        ...(summary?.aic != null ? [{ name: 'AIC', value: summary.aic.toFixed(1) }] : []),
        ...Object.entries(summary?.coefficients ?? {}).map(([name, value]) => ({ name, value: value.toFixed(4) })),
        {
          name: 'Search',
          value: `p, q ≤ 3; d ≤ 1${seasonal ? `; P, Q, D ≤ 1 with season ${season}` : '; no seasonal part (season too long or history too short)'}`,
        },
      ],
    };
  },
};
