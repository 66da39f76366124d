import { expose, transfer } from 'comlink';
import { ImportError } from '../src/data/import/errors';
import { ParquetError, parquetFromUrl, parquetInfo, parquetToArrowIpc } from '../src/data/import/parquet';
import { prepareSource } from '../src/data/import/prepare';
import { readBlobBytes, sha256Hex } from '../src/data/import/read-bytes';
import type { ImportWorkerApi } from '../src/data/import/worker-api';

// A thin adapter. Reading, hashing and decoding a large file (gzip, Parquet, a non-UTF-8
// encoding) here keeps the page responsive: on the main thread they are seconds of long tasks.
const api: ImportWorkerApi = {
  async prepare(name, blob, onProgress, expectSha256) {
    try {
      const bytes = await readBlobBytes(blob, name, (done, total) => onProgress?.('reading', done, total));
      const sha256 = await sha256Hex(bytes);
      if (expectSha256 && sha256 !== expectSha256) {
        throw new ImportError(
          'storage',
          name,
          `The saved copy of ${name} is damaged: its contents changed since it was saved.`,
        );
      }
      const source = await prepareSource(name, bytes, {
        onProgress: (done, total) => onProgress?.('decoding', done, total),
      });
      const buffer = source.kind === 'csv' ? source.utf8.buffer : source.ipc.buffer;
      return transfer({ ...source, sha256 }, [buffer as ArrayBuffer]);
    } catch (err) {
      if (err instanceof ImportError) return { kind: 'error', code: err.code, message: err.message };
      return {
        kind: 'error',
        code: 'unreadable',
        message: `${name} could not be read: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
  },
  async parquetUrl(url, read, onProgress) {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
    try {
      const source = await parquetFromUrl(url);
      const info = await parquetInfo(source, { name });
      const options = 'preview' in read ? { rowLimit: read.preview } : { columns: read.columns };
      const { ipc } = await parquetToArrowIpc(source, {
        ...options,
        name,
        onProgress: (done, total) => onProgress?.('reading', done, total),
      });
      const sha256 = await sha256Hex(ipc);
      return transfer({ kind: 'arrow' as const, name, ipc, sha256, totalRows: info.rows }, [ipc.buffer as ArrayBuffer]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        kind: 'error',
        code: err instanceof ParquetError && err.code === 'network' ? 'network' : 'unreadable',
        message: `${name}: ${message}`,
      };
    }
  },
};

expose(api);
