import { RecordBatchReader } from 'apache-arrow';
import { appendRows, describeColumn, readerFor, type ArrowBatchLike } from '../../sql/arrow-values';
import { classifyScript, NOTHING_TO_RUN, refusalMessage, type Classification, type Refusal } from '../../sql/classify';
import { parseDuckDbError, type DuckDbErrorInfo } from '../../sql/error-position';
import type { Connector } from './connector';

/** How a result column is shown, sorted and charted. */
export type SqlColumnKind = 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other';

/** A result column: its name, DuckDB's type name (e.g. "BIGINT", "DECIMAL(18,2)") and its kind. */
export interface SqlColumn {
  name: string;
  type: string;
  kind: SqlColumnKind;
}

/** A plain cell value: dates and timestamps as epoch ms (UTC wall time); lists, structs and blobs as text. */
export type SqlValue = string | number | boolean | null;

/** What a console run returns: the last statement's result, at most `maxRows` rows of it. */
export interface SqlResult {
  columns: SqlColumn[];
  /** Rows as arrays in column order. */
  rows: SqlValue[][];
  /** Rows kept (`rows.length`). */
  rowCount: number;
  /** The result had more rows than were kept (it was not read to its end, so its full size is unknown). */
  truncated: boolean;
  /** How many statements the script held (the result is the last one's). */
  statements: number;
  /** From sending the script to having the rows, in milliseconds. */
  elapsedMs: number;
}

/** The SQL console's own connection: runs a user's read-only script, and can stop it. */
export interface SqlSession {
  /** Runs a script (refusing writes) and returns its last statement's result. A running script is cancelled first. */
  run(script: string, options?: { maxRows?: number }): Promise<SqlResult>;
  /** Stops the running script, if any; resolves once the connection is free again. */
  cancel(): Promise<void>;
}

/** The first rows kept of a result: enough to browse, bounded so a billion-row result cannot freeze the tab. */
export const DEFAULT_MAX_ROWS = 100_000;

/** A script refused before it ran, because a statement in it would write. */
export class SqlRefusedError extends Error {
  readonly refusal: Refusal | undefined;
  readonly sql: string;
  constructor(message: string, sql: string, refusal?: Refusal) {
    super(message);
    this.name = 'SqlRefusedError';
    this.sql = sql;
    this.refusal = refusal;
  }
}

/** A script the user cancelled; `code` is what the app's timing logs read as a cancellation. */
export class SqlCancelledError extends Error {
  readonly code = 'cancelled';
  constructor() {
    super('The query was cancelled.');
    this.name = 'SqlCancelledError';
  }
}

/** DuckDB's error for a script, taken apart: its kind, message and the offset in the script it points at. */
export class SqlQueryError extends Error {
  readonly info: DuckDbErrorInfo;
  readonly sql: string;
  constructor(info: DuckDbErrorInfo, sql: string, options?: { cause?: unknown }) {
    super(`${info.kind}: ${info.message}`, options);
    this.name = 'SqlQueryError';
    this.info = info;
    this.sql = sql;
  }
}

/**
 * One DuckDB connection's pending-query protocol: what a session needs from the engine. The
 * browser implements it over DuckDB-WASM's worker (`duckdb-browser.ts`), tests over its Node
 * build. `start` and `poll` each run the query for a short slice (DuckDB-WASM's polling
 * interval) and return the result's Arrow schema once it is ready, null while it is not; so
 * between slices the worker answers other calls, the app's own queries and a cancel included.
 */
export interface PendingQueryPort {
  /** Starts `sql` (all its statements; the last one's result streams). */
  start(sql: string): Promise<Uint8Array | null>;
  poll(): Promise<Uint8Array | null>;
  /** Cancels a started query that has no result yet; false when there was none. */
  cancel(): Promise<boolean>;
  /** The next Arrow record batch: null to ask again, empty at the end. */
  fetch(): Promise<Uint8Array | null>;
  /** Runs a statement of the session's own (BEGIN, ROLLBACK, SET) and discards its result. */
  exec(sql: string): Promise<void>;
}

interface ActiveRun {
  cancelled: boolean;
  /** True until the result's schema arrives: only then can DuckDB's cancel reach it. */
  pending: boolean;
  done: Promise<unknown>;
}

const isNoTransaction = (err: unknown) => err instanceof Error && /no transaction is active/i.test(err.message);
const isTransactionActive = (err: unknown) =>
  err instanceof Error && /already .*transaction|transaction.*already/i.test(err.message);

/**
 * A console session over `open()`'s connection (opened on first run). Two layers keep the
 * user's data safe: `classifyScript` refuses any statement that does not read, and every
 * script runs inside BEGIN TRANSACTION … ROLLBACK, so a write the classifier missed is undone.
 *
 * Cancelling: while the query is pending, DuckDB's cancel stops it at its next slice; once its
 * result streams, the session stops reading and the ROLLBACK closes the stream. Either way the
 * connection is ready for the next script, and the app's own connection never waits on it.
 */
export function createSqlSession(
  open: () => Promise<PendingQueryPort>,
  options: {
    now?: () => number;
    /** The tables a refusal says are safe (default: sales and products). */
    tables?: () => readonly string[];
    /** The first layer's verdict; replaceable so tests can check the second layer (the rollback) alone. */
    screen?: (sql: string) => Classification;
  } = {},
): SqlSession {
  const now = options.now ?? (() => performance.now());
  const screen = options.screen ?? classifyScript;
  let port: Promise<PendingQueryPort> | undefined;
  let active: ActiveRun | undefined;

  const connection = (): Promise<PendingQueryPort> => {
    port ??= open().then(async (p) => {
      // Errors as JSON carry the exact offset of the problem, for the editor to mark.
      await p.exec('SET errors_as_json = true');
      return p;
    });
    port.catch(() => {
      port = undefined; // a failed open can be retried
    });
    return port;
  };

  /** Cancels the active run (not the queued ones). */
  async function cancelActive(): Promise<void> {
    const run = active;
    if (!run) return;
    run.cancelled = true;
    if (run.pending) {
      const p = await connection();
      await p.cancel().catch(() => false);
    }
    await run.done.catch(() => undefined);
  }

  async function execute(p: PendingQueryPort, run: ActiveRun, script: string, maxRows: number, statements: number) {
    const started = now();
    let header = await p.start(script);
    while (header === null) {
      if (run.cancelled) throw new SqlCancelledError();
      header = await p.poll();
    }
    run.pending = false;
    if (run.cancelled) throw new SqlCancelledError();
    const first = header;
    async function* messages(): AsyncGenerator<Uint8Array> {
      yield first;
      for (;;) {
        if (run.cancelled) throw new SqlCancelledError();
        const chunk = await p.fetch();
        if (chunk === null) continue;
        if (chunk.length === 0) return;
        yield chunk;
      }
    }
    const reader = await RecordBatchReader.from(messages());
    await reader.open();
    const fields = reader.schema.fields;
    const columns = fields.map(describeColumn);
    const readers = fields.map((f) => readerFor(f.type));
    const rows: SqlResult['rows'] = [];
    let truncated = false;
    for await (const batch of reader) {
      // One row past the limit tells that there are more: then stop reading (the ROLLBACK closes the stream).
      appendRows(batch as unknown as ArrowBatchLike, readers, rows, maxRows + 1 - rows.length);
      if (rows.length > maxRows) {
        rows.length = maxRows;
        truncated = true;
        break;
      }
    }
    if (run.cancelled) throw new SqlCancelledError();
    return { columns, rows, rowCount: rows.length, truncated, statements, elapsedMs: now() - started };
  }

  let latest = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function run(script: string, runOptions: { maxRows?: number } = {}): Promise<SqlResult> {
    const verdict = screen(script);
    if (!verdict.ok) {
      const error = verdict.refusal
        ? new SqlRefusedError(refusalMessage(verdict.refusal, options.tables?.()), script, verdict.refusal)
        : new SqlRefusedError(NOTHING_TO_RUN, script);
      return Promise.reject(error);
    }
    // One script at a time on the connection: a new run cancels the one before and waits for it;
    // a run overtaken while it waited never starts.
    const id = ++latest;
    void cancelActive();
    const maxRows = Math.max(1, Math.floor(runOptions.maxRows ?? DEFAULT_MAX_ROWS));
    const next = queue
      .catch(() => undefined)
      .then(() => {
        if (id !== latest) throw new SqlCancelledError();
        return runNow(script, maxRows, verdict.statements);
      });
    queue = next;
    return next;
  }

  async function runNow(script: string, maxRows: number, statements: number): Promise<SqlResult> {
    let settle!: () => void;
    const current: ActiveRun = { cancelled: false, pending: true, done: new Promise<void>((r) => (settle = r)) };
    active = current;
    try {
      const p = await connection();
      await begin(p);
      try {
        return await execute(p, current, script, maxRows, statements);
      } catch (err) {
        if (current.cancelled || err instanceof SqlCancelledError) throw new SqlCancelledError();
        const message = err instanceof Error ? err.message : String(err);
        throw new SqlQueryError(parseDuckDbError(message, script), script, { cause: err });
      } finally {
        await rollback(p);
      }
    } finally {
      if (active === current) active = undefined;
      settle();
    }
  }

  async function begin(p: PendingQueryPort): Promise<void> {
    try {
      await p.exec('BEGIN TRANSACTION');
    } catch (err) {
      // A transaction left open (a rollback that never arrived): end it and start afresh.
      if (!isTransactionActive(err)) throw err;
      await p.exec('ROLLBACK');
      await p.exec('BEGIN TRANSACTION');
    }
  }

  async function rollback(p: PendingQueryPort): Promise<void> {
    try {
      await p.exec('ROLLBACK');
    } catch (err) {
      // "No transaction is active" would mean the script ended it, which the classifier refuses.
      if (!isNoTransaction(err)) console.warn('Tillsight: the SQL console could not roll back', err);
      else console.warn('Tillsight: a console script ended its own transaction');
    }
  }

  return {
    run,
    cancel() {
      latest++; // a run waiting its turn is overtaken, so it never starts
      return cancelActive();
    },
  };
}

/** A table the console can query, with its columns in order. */
export interface SqlTable {
  name: string;
  columns: { name: string; type: string }[];
}

/** The tables and columns in the app's database, for the console's completion and its starter text. */
export async function consoleSchema(db: Connector): Promise<SqlTable[]> {
  const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type
       FROM information_schema.columns
      WHERE table_schema = 'main' AND table_catalog = current_database()
      ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, SqlTable>();
  for (const r of rows) {
    let t = tables.get(r.table_name);
    if (!t) tables.set(r.table_name, (t = { name: r.table_name, columns: [] }));
    t.columns.push({ name: r.column_name, type: r.data_type });
  }
  // The app's own tables first, then the rest by name.
  const rank = (name: string) => ['sales', 'products'].indexOf(name) >>> 0;
  return [...tables.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
