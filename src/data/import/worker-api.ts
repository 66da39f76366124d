import type { ImportErrorCode } from './errors';
import type { PreparedSource } from './stage';

/** A failure as data: Comlink carries an Error's message across, but not its class or code. */
export interface PrepareFailure {
  kind: 'error';
  code: ImportErrorCode;
  message: string;
}

/** A prepared file and the SHA-256 of the bytes it came from (to store and check them). */
export type PreparedWithHash = PreparedSource & { sha256: string };

/** The import worker's interface, shared by `workers/import.worker.ts` and its caller. */
export interface ImportWorkerApi {
  /**
   * Reads a file (a Blob: the page never copies its bytes), hashes it, then decompresses,
   * decodes and detects its layout. `expectSha256` makes a mismatch an error (a damaged saved copy).
   */
  prepare(
    name: string,
    blob: Blob,
    onProgress?: (stage: 'reading' | 'decoding', done: number, total: number) => void,
    expectSha256?: string,
  ): Promise<PreparedWithHash | PrepareFailure>;
  /**
   * Reads a Parquet file over HTTP with range requests: the first row groups of every column
   * (`preview`), or whole chosen columns (`columns`), so only the parts needed travel.
   */
  parquetUrl(
    url: string,
    read: { preview: number } | { columns: string[] },
    onProgress?: (stage: 'reading' | 'decoding', done: number, total: number) => void,
  ): Promise<(PreparedWithHash & { totalRows: number }) | PrepareFailure>;
}
