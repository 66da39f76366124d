import { proxy, transfer, wrap } from 'comlink';
import type { ModelRun } from './backtest';
import { scoreTournament, type TournamentResult } from './tournament';
import type { ModelId, SeriesData } from './types';
import {
  MODEL_IDS,
  type Decomposition,
  type Elasticities,
  type ForecastRequest,
  type ForecastResponse,
  type ForecastWorkerApi,
} from './worker-api';

/**
 * The models split over two workers (the machine this was tuned on has two cores), as evenly
 * as their measured fit times allow: in Chromium the LSTM and the random forest take about as
 * long together as ARIMA's order search with the other models.
 */
const WORKER_SHARES: readonly (readonly ModelId[])[] = [
  ['lstm', 'random-forest', 'seasonal-naive'],
  ['ets', 'arima', 'prophet'],
];

export interface TournamentOutcome {
  result: TournamentResult;
  decomposition: Decomposition | null;
  /** Price elasticities of the same slice (null when the data has no quantity and unit price). */
  elasticities: Elasticities | null;
  series: SeriesData;
  /** Wall time from the request to the scored result, seconds. */
  seconds: number;
}

/**
 * Runs the whole tournament — backtests and final fits of every model — in two workers,
 * then scores it here (a few thousand numbers). Aborting terminates both workers at once,
 * even in the middle of a fit.
 */
export async function forecastInWorkers(
  request: Omit<ForecastRequest, 'models'>,
  onProgress?: (model: ModelId, fraction: number) => void,
  signal?: AbortSignal,
  models: readonly ModelId[] = MODEL_IDS,
): Promise<TournamentOutcome> {
  const started = performance.now();
  const shares = WORKER_SHARES.map((share) => share.filter((id) => models.includes(id))).filter(
    (share) => share.length > 0,
  );
  // The price regressions ride along with the first share: small, but not for the main thread.
  const responses = await Promise.all(
    shares.map((share, k) => {
      const { pricePoints, ...rest } = request;
      return inWorker(
        {
          ...rest,
          series: copySeries(request.series),
          models: [...share],
          ...(k === 0 && pricePoints ? { pricePoints } : {}),
        },
        onProgress,
        signal,
      );
    }),
  );
  performance.mark('tillsight:forecast-received');
  const runs: ModelRun[] = [];
  for (const id of models) {
    const run = responses.flatMap((r) => r.runs).find((r) => r.id === id);
    if (run) runs.push(run);
  }
  const result = scoreTournament(request.series, runs, request.horizon, request.season);
  // The page draws the result next; a task boundary here keeps scoring and drawing apart.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return {
    result,
    decomposition: responses.find((r) => r.decomposition)?.decomposition ?? null,
    elasticities: responses.find((r) => r.elasticities)?.elasticities ?? null,
    series: request.series,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Each worker gets its own copy of the series, so transferring it leaves the page's intact. */
function copySeries(s: SeriesData): SeriesData {
  return {
    ...s,
    values: Float64Array.from(s.values),
    ...(s.discount ? { discount: Float64Array.from(s.discount) } : {}),
  };
}

async function inWorker(
  request: ForecastRequest,
  onProgress: ((model: ModelId, fraction: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<ForecastResponse> {
  const worker = new Worker(new URL('../../../workers/forecast.worker.ts', import.meta.url), { type: 'module' });
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onError = (event: ErrorEvent) =>
    stop(new Error(`The forecast stopped: ${event.message || 'its worker failed'}.`));
  const onAbort = () => stop(new DOMException('Cancelled', 'AbortError'));
  worker.addEventListener('error', onError);
  signal?.addEventListener('abort', onAbort);
  try {
    if (signal?.aborted) onAbort();
    const api = wrap<ForecastWorkerApi>(worker);
    const buffers = [
      request.series.values.buffer,
      ...(request.series.discount ? [request.series.discount.buffer] : []),
    ] as ArrayBuffer[];
    return await Promise.race([
      api.run(transfer(request, buffers), onProgress ? proxy(onProgress) : undefined),
      stopped,
    ]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
