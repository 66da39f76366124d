import { transfer } from 'comlink';
import { runRequest } from './run';
import { scoreTournament } from './tournament';
import { buffersOf } from './transfer';
import type { ForecastWorkerApi } from './worker-api';

/** What workers/forecast.worker.ts exposes; kept here so a test can expose it on any endpoint. */
export const forecastWorkerApi: ForecastWorkerApi = {
  async run(request, onProgress) {
    const response = await runRequest(request, onProgress);
    return transfer(response, buffersOf(response));
  },
  async score({ series, runs, horizon, season }) {
    const result = scoreTournament(series, runs, horizon, season);
    return transfer(result, buffersOf(result));
  },
};
