/** A value bound to a `?` placeholder of a prepared statement. */
export type SqlParam = string | number | boolean | null;

/** A plain result row: numbers, strings, booleans or null (dates as epoch ms). */
export type Row = Record<string, unknown>;

/** A result as columns: numeric columns as typed arrays (nulls read as 0: coalesce in SQL), others as arrays. */
export type Columns = Record<string, ArrayLike<unknown> & Iterable<unknown>>;

/**
 * The one seam between Tillsight and its SQL engine. The browser implements it over
 * DuckDB-WASM in a worker; Node tests implement it over DuckDB-WASM's blocking build.
 */
export interface Connector {
  /** Run parameterised SQL and return plain rows (see `arrow-rows.ts` for conversions). */
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Run SQL (parameterised like `query`) and return its columns whole: for bulk results, without a JS object per row. */
  queryColumns(sql: string, params?: readonly SqlParam[]): Promise<Columns>;
  /** Make text or bytes readable by SQL (e.g. `read_csv('name')`) under a file name. */
  registerFile(name: string, content: string | Uint8Array): Promise<void>;
  /** Forget a registered file so its memory can be reclaimed. */
  dropFile(name: string): Promise<void>;
  /** Create table `table` (a trusted, fixed name) from an Arrow IPC stream: columnar data read in JS, e.g. Parquet. */
  insertArrowIpc(table: string, ipc: Uint8Array): Promise<void>;
}

/** A failed query: keeps the SQL and its parameters for Diagnostics; `message` is for users. */
export class QueryError extends Error {
  readonly sql: string;
  readonly params: readonly SqlParam[];
  constructor(message: string, sql: string, params: readonly SqlParam[], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueryError';
    this.sql = sql;
    this.params = params;
  }
}

/** Wraps an engine failure with the SQL that caused it. */
export function queryError(cause: unknown, sql: string, params: readonly SqlParam[]): QueryError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new QueryError(`Query failed: ${detail}`, sql, params, { cause });
}
