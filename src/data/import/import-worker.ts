import { proxy, wrap, type Remote } from 'comlink';
import { timedRemote } from '../diagnostics/timed-remote';
import { ImportError } from './errors';
import { checkSize } from './read-bytes';
import type { ImportWorkerApi, PrepareFailure, PreparedWithHash } from './worker-api';

type Progress = (stage: 'reading' | 'decoding', done: number, total: number) => void;

/**
 * Runs one call in a fresh import worker, terminated afterwards (its memory goes with it).
 * Cancelling terminates it at once; a worker that dies rejects instead of hanging.
 */
async function inWorker<T>(
  name: string,
  signal: AbortSignal | undefined,
  call: (api: Remote<ImportWorkerApi>) => Promise<T | PrepareFailure>,
): Promise<T> {
  const worker = new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), { type: 'module' });
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onError = (event: ErrorEvent) =>
    stop(
      new ImportError(
        'unreadable',
        name,
        `${name} could not be prepared: ${event.message || 'the import worker stopped'}.`,
      ),
    );
  const onAbort = () =>
    stop(new ImportError('cancelled', name, `Import of ${name} cancelled. Your data is as it was.`));
  worker.addEventListener('error', onError);
  signal?.addEventListener('abort', onAbort);
  try {
    if (signal?.aborted) onAbort();
    const result = await Promise.race([call(timedRemote('import', wrap<ImportWorkerApi>(worker), stopped)), stopped]);
    if ((result as PrepareFailure).kind === 'error') {
      const failure = result as PrepareFailure;
      throw new ImportError(failure.code, name, failure.message);
    }
    return result as T;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}

/** Reads, hashes and prepares a file in the import worker. */
export function prepareInWorker(
  name: string,
  blob: Blob,
  options: { signal?: AbortSignal; onProgress?: Progress; expectSha256?: string } = {},
): Promise<PreparedWithHash> {
  checkSize(blob.size, name);
  const progress = options.onProgress ? proxy(options.onProgress) : undefined;
  // A Blob crosses to the worker by reference: its bytes are read there, not here.
  return inWorker<PreparedWithHash>(name, options.signal, (api) =>
    api.prepare(name, blob, progress, options.expectSha256),
  );
}

/** Reads part of a Parquet file over HTTP (range requests) in the import worker. */
export function parquetUrlInWorker(
  url: string,
  read: { preview: number } | { columns: string[] },
  options: { signal?: AbortSignal; onProgress?: Progress } = {},
): Promise<PreparedWithHash & { totalRows: number }> {
  const progress = options.onProgress ? proxy(options.onProgress) : undefined;
  return inWorker<PreparedWithHash & { totalRows: number }>(url, options.signal, (api) =>
    api.parquetUrl(url, read, progress),
  );
}
