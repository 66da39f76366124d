import { proxy, transfer, wrap } from 'comlink';
import { ImportError } from './errors';
import type { PreparedSource } from './stage';
import type { ImportWorkerApi } from './worker-api';

/**
 * Prepares a file in a fresh import worker, which is terminated afterwards (its memory goes
 * with it). Cancelling terminates it at once; a worker that dies rejects instead of hanging.
 */
export async function prepareInWorker(
  name: string,
  bytes: Uint8Array,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<PreparedSource> {
  const worker = new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<ImportWorkerApi>(worker);
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onError = (event: ErrorEvent) => stop(new ImportError('unreadable', name, `${name} could not be prepared: ${event.message || 'the import worker stopped'}.`));
  const onAbort = () => stop(new ImportError('cancelled', name, `Import of ${name} cancelled. Your data is as it was.`));
  worker.addEventListener('error', onError);
  options.signal?.addEventListener('abort', onAbort);
  try {
    if (options.signal?.aborted) onAbort();
    const progress = options.onProgress ? proxy(options.onProgress) : undefined;
    const result = await Promise.race([api.prepare(name, transfer(bytes, [bytes.buffer as ArrayBuffer]), progress), stopped]);
    if (result.kind === 'error') throw new ImportError(result.code, name, result.message);
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
