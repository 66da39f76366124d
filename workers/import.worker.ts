import { expose, transfer } from 'comlink';
import { ImportError } from '../src/data/import/errors';
import { prepareSource } from '../src/data/import/prepare';
import type { ImportWorkerApi } from '../src/data/import/worker-api';

// A thin adapter: decoding a large file (gzip, Parquet, a non-UTF-8 encoding) would freeze the
// page for seconds on the main thread.
const api: ImportWorkerApi = {
  async prepare(name, bytes, onProgress) {
    let source;
    try {
      source = await prepareSource(name, bytes, { onProgress });
    } catch (err) {
      if (err instanceof ImportError) return { kind: 'error', code: err.code, message: err.message };
      return { kind: 'error', code: 'unreadable', message: `${name} could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    const buffer = source.kind === 'csv' ? source.utf8.buffer : source.ipc.buffer;
    return transfer(source, [buffer as ArrayBuffer]);
  },
};

expose(api);
