import type { ImportErrorCode } from './errors';
import type { PreparedSource } from './stage';

/** A failure as data: Comlink carries an Error's message across, but not its class or code. */
export interface PrepareFailure {
  kind: 'error';
  code: ImportErrorCode;
  message: string;
}

/** The import worker's interface, shared by `workers/import.worker.ts` and its caller. */
export interface ImportWorkerApi {
  /** Decompresses, decodes and detects the layout of a file's bytes (transferred both ways). */
  prepare(name: string, bytes: Uint8Array, onProgress?: (done: number, total: number) => void): Promise<PreparedSource | PrepareFailure>;
}
