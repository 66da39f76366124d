import { proxy, wrap } from 'comlink';
import { ImportError } from './errors';
import { checkSize } from './read-bytes';
import type { ImportWorkerApi, PreparedWithHash } from './worker-api';

/**
 * Prepares a file in a fresh import worker, which is terminated afterwards (its memory goes
 * with it). Cancelling terminates it at once; a worker that dies rejects instead of hanging.
 */
export async function prepareInWorker(
  name: string,
  blob: Blob,
  options: {
    signal?: AbortSignal;
    onProgress?: (stage: 'reading' | 'decoding', done: number, total: number) => void;
    expectSha256?: string;
  } = {},
): Promise<PreparedWithHash> {
  checkSize(blob.size, name);
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
    // A Blob crosses to the worker by reference: its bytes are read there, not here.
    const result = await Promise.race([api.prepare(name, blob, progress, options.expectSha256), stopped]);
    if (result.kind === 'error') throw new ImportError(result.code, name, result.message);
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}
