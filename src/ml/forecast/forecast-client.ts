import { proxy, transfer, wrap, type Remote } from 'comlink';
import { timedRemote } from '../../data/diagnostics/timed-remote';
import type { ModelRun } from './backtest';
import type { TournamentResult } from './tournament';
import { buffersOf } from './transfer';
import type { ModelId, SeriesData } from './types';
import {
  MODEL_IDS,
  type Decomposition,
  type Elasticities,
  type ForecastRequest,
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
 * Runs the whole tournament — backtests and final fits of every model — in two workers, and
 * scores it in the first of them, so the page only draws. Aborting terminates both workers
 * at once, even in the middle of a fit.
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
  const workers = shares.map(() => openWorker(signal));
  try {
    // The price regressions ride along with the first share: small, but not for the main thread.
    const { pricePoints, ...rest } = request;
    const responses = await Promise.all(
      shares.map((share, k) => {
        const series = copySeries(request.series);
        const part: ForecastRequest = {
          ...rest,
          series,
          models: [...share],
          ...(k === 0 && pricePoints ? { pricePoints } : {}),
        };
        return workers[k]!.call((api) =>
          api.run(transfer(part, seriesBuffers(series)), onProgress ? proxy(onProgress) : undefined),
        );
      }),
    );
    performance.mark('tillsight:forecast-received');
    const runs: ModelRun[] = [];
    for (const id of models) {
      const run = responses.flatMap((r) => r.runs).find((r) => r.id === id);
      if (run) runs.push(run);
    }
    const series = copySeries(request.series);
    const result = await workers[0]!.call((api) =>
      api.score(
        transfer({ series, runs, horizon: request.horizon, season: request.season }, [
          ...seriesBuffers(series),
          ...buffersOf(runs),
        ]),
      ),
    );
    return {
      result,
      decomposition: responses.find((r) => r.decomposition)?.decomposition ?? null,
      elasticities: responses.find((r) => r.elasticities)?.elasticities ?? null,
      series: request.series,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const w of workers) w.close();
  }
}

/** Each worker gets its own copy of the series, so transferring it leaves the page's intact. */
function copySeries(s: SeriesData): SeriesData {
  return {
    ...s,
    values: Float64Array.from(s.values),
    ...(s.discount ? { discount: Float64Array.from(s.discount) } : {}),
  };
}

function seriesBuffers(s: SeriesData): ArrayBuffer[] {
  return [s.values.buffer, ...(s.discount ? [s.discount.buffer] : [])] as ArrayBuffer[];
}

interface OpenWorker {
  /** Calls the worker; rejects if it fails or the signal aborts first. */
  call<T>(fn: (api: Remote<ForecastWorkerApi>) => Promise<T>): Promise<T>;
  close(): void;
}

function openWorker(signal: AbortSignal | undefined): OpenWorker {
  const worker = new Worker(new URL('../../../workers/forecast.worker.ts', import.meta.url), { type: 'module' });
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // Nobody may be waiting on `stopped` when it rejects (between calls): that is not an error.
  stopped.catch(() => undefined);
  const api = timedRemote('forecast', wrap<ForecastWorkerApi>(worker), stopped);
  const onError = (event: ErrorEvent) =>
    stop(new Error(`The forecast stopped: ${event.message || 'its worker failed'}.`));
  const onAbort = () => stop(new DOMException('Cancelled', 'AbortError'));
  worker.addEventListener('error', onError);
  signal?.addEventListener('abort', onAbort);
  if (signal?.aborted) onAbort();
  return {
    call: (fn) => Promise.race([fn(api), stopped]),
    close() {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
    },
  };
}
