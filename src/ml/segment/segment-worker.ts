import { proxy, transfer, wrap, type Remote } from 'comlink';
import { timedRemote } from '../../data/diagnostics/timed-remote';
import type { CustomerAnalysis, CustomerAnalysisInput, CustomerAnalysisOptions } from './analyse';
import type { ChooseKResult } from './kmeans';
import { packCustomers, type SegmentWorkerApi } from './worker-api';

/**
 * Runs the customer analysis in a fresh worker, terminated afterwards. A worker that dies, or
 * an aborted signal, rejects the call instead of leaving it pending.
 */
export function analyseInWorker(
  input: CustomerAnalysisInput,
  options: CustomerAnalysisOptions,
  onStep?: (step: string) => void,
  signal?: AbortSignal,
): Promise<CustomerAnalysis> {
  const { packed, transfer: buffers } = packCustomers(input);
  return inWorker(signal, (api) => api.analyse(transfer(packed, buffers), options, onStep ? proxy(onStep) : undefined));
}

/** Silhouette and inertia for k = 2..8, in a worker. */
export function chooseKInWorker(input: CustomerAnalysisInput, seed = 42, signal?: AbortSignal): Promise<ChooseKResult> {
  const { packed, transfer: buffers } = packCustomers(input);
  return inWorker(signal, (api) => api.chooseK(transfer(packed, buffers), seed));
}

async function inWorker<T>(
  signal: AbortSignal | undefined,
  call: (api: Remote<SegmentWorkerApi>) => Promise<T>,
): Promise<T> {
  const worker = new Worker(new URL('../../../workers/segment.worker.ts', import.meta.url), { type: 'module' });
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onError = (event: ErrorEvent) =>
    stop(new Error(`The customer analysis stopped: ${event.message || 'its worker failed'}.`));
  const onAbort = () => stop(new DOMException('Superseded', 'AbortError'));
  worker.addEventListener('error', onError);
  signal?.addEventListener('abort', onAbort);
  try {
    if (signal?.aborted) onAbort();
    return await Promise.race([call(timedRemote('segment', wrap<SegmentWorkerApi>(worker), stopped)), stopped]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
