import { transfer } from 'comlink';
import { runRequest } from './run';
import type { ForecastResponse, ForecastWorkerApi } from './worker-api';

/** What workers/forecast.worker.ts exposes; kept here so a test can expose it on any endpoint. */
export const forecastWorkerApi: ForecastWorkerApi = {
  async run(request, onProgress) {
    const response = await runRequest(request, onProgress);
    return transfer(response, buffersOf(response));
  },
};

/** Every typed array in the response, so they move to the page instead of being copied. */
function buffersOf(response: ForecastResponse): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (value: unknown) => {
    if (ArrayBuffer.isView(value)) out.add(value.buffer as ArrayBuffer);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v);
  };
  visit(response);
  return [...out];
}
