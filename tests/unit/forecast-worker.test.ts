import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, transfer, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { forecastWorkerApi } from '../../src/ml/forecast/worker-impl';
import type { ForecastWorkerApi } from '../../src/ml/forecast/worker-api';
import { scoreTournament } from '../../src/ml/forecast/tournament';
import type { ModelId } from '../../src/ml/forecast/types';
import { gaussian, mulberry32 } from '../../src/ml/random';

const channel = new MessageChannel();
afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

describe('the forecast worker through Comlink', () => {
  it('round-trips a request: transferred series in, runs, decomposition and progress out', async () => {
    // The worker's own API object, exposed on one end of a real message channel (structured
    // clone and transfer, as between the page and a Web Worker).
    expose(forecastWorkerApi, nodeEndpoint(channel.port1));
    const api = wrap<ForecastWorkerApi>(nodeEndpoint(channel.port2));
    const rand = mulberry32(3);
    const pattern = [100, 80, 90, 110, 150, 200, 60];
    const values = Float64Array.from({ length: 400 }, (_, t) => pattern[t % 7]! + 0.2 * t + 5 * gaussian(rand));
    const discount = new Float64Array(400).fill(0.05);
    const progress: [ModelId, number][] = [];
    const series = { start: '2024-01-01', grain: 'day' as const, values: Float64Array.from(values), discount };
    const response = await api.run(
      transfer({ series, horizon: 14, season: 7, seed: 42, models: ['seasonal-naive', 'ets', 'prophet'] }, [
        series.values.buffer,
        discount.buffer,
      ]),
      proxy((model: ModelId, fraction: number) => void progress.push([model, fraction])),
    );
    // Transferred: the page's copy is detached, which is why the client copies per worker.
    expect(series.values.length).toBe(0);
    expect(response.runs.map((r) => r.id)).toEqual(['seasonal-naive', 'ets', 'prophet']);
    for (const run of response.runs) {
      expect(run.error).toBeUndefined();
      expect(run.origins.map((o) => o.origin)).toEqual([358, 372, 386]);
      expect(run.final!.point).toBeInstanceOf(Float64Array);
      expect(run.final!.point).toHaveLength(14);
    }
    expect(response.decomposition?.weeklyProfile).toHaveLength(7);
    expect(response.decomposition?.trend).toHaveLength(400);
    // Progress reached the caller for every model, ending at 1 (it travels on the callback's own
    // channel, so it may land just after the reply).
    for (const id of ['seasonal-naive', 'ets', 'prophet'] as const) {
      await expect.poll(() => progress.filter(([m]) => m === id).at(-1)?.[1]).toBe(1);
    }
    // Scoring runs in the worker too; it must agree with scoring here.
    const local = scoreTournament({ start: '2024-01-01', grain: 'day', values }, response.runs, 14, 7);
    const remote = await api.score({
      series: { start: '2024-01-01', grain: 'day', values: Float64Array.from(values) },
      runs: response.runs,
      horizon: 14,
      season: 7,
    });
    expect(remote.models.map((m) => [m.id, m.metrics.mase])).toEqual(local.models.map((m) => [m.id, m.metrics.mase]));
    expect(remote.models.map((m) => m.id)).toContain('ensemble');
    expect(remote.recommended).toBe(local.recommended);
    expect(remote.recommended).not.toBe('seasonal-naive');
    expect(remote.models[0]!.forecast.point).toBeInstanceOf(Float64Array);
  }, 60_000);
});
