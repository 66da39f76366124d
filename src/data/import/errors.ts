/** Why an import could not go on; each has its own message for the user. */
export type ImportErrorCode =
  | 'empty'
  | 'header-only'
  | 'binary'
  | 'encoding'
  | 'no-date'
  | 'no-revenue'
  | 'no-product-id'
  | 'no-rows'
  | 'too-big'
  | 'out-of-memory'
  | 'unreadable'
  | 'network'
  | 'cancelled'
  | 'busy'
  | 'storage';

/**
 * An import failure the user can act on: `message` names the file and says what is wrong
 * and what to do; `cause` keeps the engine's own error for Diagnostics.
 */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly file: string;
  constructor(code: ImportErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportError';
    this.code = code;
    this.file = file;
  }
}

/** Throws a cancellation when the signal has been aborted (checked between import steps). */
export function throwIfCancelled(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ImportError('cancelled', file, `Import of ${file} cancelled. Your data is as it was.`);
}

/** Whether an engine error means memory ran out (DuckDB or the browser). */
export function isOutOfMemory(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /out of memory|memory limit|allocation failed|Array buffer allocation|RangeError: .*(length|size)/i.test(text);
}
