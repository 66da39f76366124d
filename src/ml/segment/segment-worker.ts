import { proxy, wrap } from 'comlink';
import type { CustomerAnalysis, CustomerAnalysisInput, CustomerAnalysisOptions } from './analyse';
import type { SegmentWorkerApi } from './worker-api';

/**
 * Runs the customer analysis in a fresh worker, terminated afterwards. A worker that dies, or
 * an aborted signal, rejects the call instead of leaving it pending.
 */
export async function analyseInWorker(
  input: CustomerAnalysisInput,
  options: CustomerAnalysisOptions,
  onStep?: (step: string) => void,
  signal?: AbortSignal,
): Promise<CustomerAnalysis> {
  const worker = new Worker(new URL('../../../workers/segment.worker.ts', import.meta.url), { type: 'module' });
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onError = (event: ErrorEvent) => stop(new Error(`The customer analysis stopped: ${event.message || 'its worker failed'}.`));
  const onAbort = () => stop(new DOMException('Superseded', 'AbortError'));
  worker.addEventListener('error', onError);
  signal?.addEventListener('abort', onAbort);
  try {
    if (signal?.aborted) onAbort();
    const api = wrap<SegmentWorkerApi>(worker);
    return await Promise.race([api.analyse(input, options, onStep ? proxy(onStep) : undefined), stopped]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
