import { RecordBatchReader } from 'apache-arrow';
import { appendRows, describeColumn, readerFor, type ArrowBatchLike } from '../../sql/arrow-values';
import { classifyScript, NOTHING_TO_RUN, refusalMessage, type Classification, type Refusal } from '../../sql/classify';
import { parseDuckDbError, type DuckDbErrorInfo } from '../../sql/error-position';
import { normalizeSql, scriptPieces, type ScriptPiece } from '../../sql/lexer';
import type { Connector } from './connector';

/** How a result column is shown, sorted and charted. */
export type SqlColumnKind = 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other';

/** A result column: its name, DuckDB's type name (e.g. "BIGINT", "DECIMAL(18,2)") and its kind. */
export interface SqlColumn {
  name: string;
  type: string;
  kind: SqlColumnKind;
  /** Something the user should know about the column's values (e.g. ENUM labels that could not be read). */
  note?: string;
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

/**
 * A script refused before it ran: a statement in it would write or reach outside the loaded
 * tables, or DuckDB reads its statements differently from the console's check.
 */
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

/**
 * The script ended the console's transaction (its closing ROLLBACK found none, or another
 * one): what it ran after that was not rolled back, so the data may have changed. The page
 * reloads the data when it sees this.
 */
export class SqlBreachError extends Error {
  readonly sql: string;
  constructor(sql: string) {
    super(
      'This query ended the console’s read-only transaction, so it may have changed your data. Its result is not shown, and Tillsight is reloading the data from its source to be safe.',
    );
    this.name = 'SqlBreachError';
    this.sql = sql;
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
  /** Runs a query of the session's own and returns its first row's first value (null when it has none). */
  value(sql: string): Promise<unknown>;
  /** Prepares `sql` and closes the prepared statement at once: it checks and runs nothing; throws DuckDB's error. */
  check(sql: string): Promise<void>;
}

/** Rows converted from Arrow at a time, between checks of the clock (a few ms of work). */
const SLICE_ROWS = 500;
/** How long result conversion keeps the main thread before giving it back (a frame is 16 ms). */
const SLICE_MS = 10;

/** Gives the main thread back for a moment: `scheduler.yield()` where the browser has it, else a macrotask. */
function yieldToMain(): Promise<void> {
  const { scheduler } = globalThis as { scheduler?: { yield?: () => Promise<void> } };
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** An error DuckDB raised while running the user's script (as opposed to one of the console's own code). */
class EngineFailure {
  constructor(readonly error: unknown) {}
}
const fromEngine = <T>(call: Promise<T>): Promise<T> =>
  call.catch((err: unknown) => {
    throw new EngineFailure(err);
  });

interface ActiveRun {
  cancelled: boolean;
  /** True until the result's schema arrives: only then can DuckDB's cancel reach it. */
  pending: boolean;
  done: Promise<unknown>;
}

const isNoTransaction = (err: unknown) => err instanceof Error && /no transaction is active/i.test(err.message);
// DuckDB 1.4: "cannot start a transaction within a transaction"; older wordings said "already".
const isTransactionActive = (err: unknown) =>
  err instanceof Error &&
  /transaction within a transaction|already .*transaction|transaction.*already/i.test(err.message);
const isMultiple = (message: string) => /cannot prepare multiple statements/i.test(message);
const isNoStatement = (message: string) => /no statement to prepare/i.test(message);

/** The refusal when DuckDB and the console's lexer read a script's statements differently. */
const DISAGREEMENT =
  'The console did not run this script: DuckDB reads where its statements begin and end differently from the console’s read-only check (unusual characters, quotes or comments can do this), so the check cannot vouch for it. Nothing was run. Write the statements out plainly and try again.';

/**
 * A console session over `open()`'s connection (opened on first run). The script is first
 * normalised (`normalizeSql`: Unicode spaces and format characters become ASCII spaces) and
 * that text is both checked and run. Three layers, each guaranteeing only this:
 *
 * 1. `classifyScript` (the lexer's reading of the text) refuses any statement that does not
 *    start with a reading keyword, and reads that call file or URL readers or name addresses.
 *    This is the only layer that stops COMMIT, SET, COPY … TO, ATTACH, INSTALL and the like.
 * 2. Each stretch of the script between the lexer's semicolons (comments included) is prepared
 *    on its own, nothing executed: DuckDB must find exactly one statement in each stretch that
 *    holds code and none in a stretch of comments. Any disagreement, or a syntax error, stops
 *    the script before anything runs. (A stretch holding no semicolon cannot hide a second
 *    statement, so DuckDB's own expansion of PIVOT without IN into several is accepted there.)
 * 3. The script runs inside BEGIN TRANSACTION READ ONLY, so a write to a table fails in DuckDB;
 *    the closing ROLLBACK drops any temporary object. Statements that end or escape a
 *    transaction (COMMIT, then anything in autocommit; SET GLOBAL; COPY … TO) are not stopped
 *    by it: they are only detected afterwards, when the transaction id changed or the ROLLBACK
 *    finds no transaction, and then the run throws `SqlBreachError` instead of a result.
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
    /** The first layer's verdict; replaceable so tests can check the other layers alone. */
    screen?: (sql: string) => Classification;
    /** The second layer (each statement prepared on its own); tests switch it off to check the third alone. */
    prepareCheck?: boolean;
    /** Where the second layer cuts the script (the lexer's semicolons); replaceable so tests can give it a lexer that errs. */
    split?: (sql: string) => ScriptPiece[];
  } = {},
): SqlSession {
  const now = options.now ?? (() => performance.now());
  const screen = options.screen ?? classifyScript;
  const split = options.split ?? scriptPieces;
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
    let header = await fromEngine(p.start(script));
    while (header === null) {
      if (run.cancelled) throw new SqlCancelledError();
      header = await fromEngine(p.poll());
    }
    run.pending = false;
    if (run.cancelled) throw new SqlCancelledError();
    const first = header;
    async function* messages(): AsyncGenerator<Uint8Array> {
      yield first;
      for (;;) {
        if (run.cancelled) throw new SqlCancelledError();
        const chunk = await fromEngine(p.fetch());
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
    // Converting 100,000 rows takes about a second: done in one go per batch it froze the tab in
    // tasks of up to 150 ms. So rows are converted a slice at a time, and the main thread is
    // given back whenever a stretch of slices has taken `SLICE_MS`.
    let stretch = performance.now();
    for await (const arrowBatch of reader) {
      const batch = arrowBatch as unknown as ArrowBatchLike;
      // One row past the limit tells that there are more: then stop reading (the ROLLBACK closes the stream).
      const wanted = Math.min(batch.numRows, maxRows + 1 - rows.length);
      for (let at = 0; at < wanted;) {
        at += appendRows(batch, readers, rows, Math.min(SLICE_ROWS, wanted - at), at);
        if (performance.now() - stretch >= SLICE_MS) {
          await yieldToMain();
          if (run.cancelled) throw new SqlCancelledError();
          stretch = performance.now();
        }
      }
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

  function run(raw: string, runOptions: { maxRows?: number } = {}): Promise<SqlResult> {
    // What is checked is what runs: the normalised text, never the raw one.
    const script = normalizeSql(raw);
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
      const transaction = await begin(p);
      let outcome: { ok: true; result: SqlResult } | { ok: false; error: unknown };
      try {
        if (options.prepareCheck !== false) await checkStatements(p, script);
        if (current.cancelled) throw new SqlCancelledError();
        outcome = { ok: true, result: await executePieces(p, current, script, maxRows, statements) };
      } catch (err) {
        outcome = { ok: false, error: runError(err, current, script) };
      }
      if (await finish(p, transaction)) throw new SqlBreachError(script);
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    } finally {
      if (active === current) active = undefined;
      settle();
    }
  }

  /**
   * Runs the script one checked piece at a time, so what DuckDB runs is exactly what it
   * prepared: a piece that a lexer slip had let hold more than the check saw cannot run as part
   * of a larger text. The last piece's rows are the result; earlier pieces are read no further
   * than their first row. Errors point into the whole script.
   */
  async function executePieces(
    p: PendingQueryPort,
    current: ActiveRun,
    script: string,
    maxRows: number,
    statements: number,
  ): Promise<SqlResult> {
    const started = now();
    const pieces = split(script).filter((piece) => piece.code);
    let result: SqlResult | undefined;
    for (const [k, piece] of pieces.entries()) {
      const text = script.slice(piece.from, piece.to);
      try {
        result = await execute(p, current, text, k === pieces.length - 1 ? maxRows : 0, statements);
      } catch (err) {
        const error = runError(err, current, text);
        if (!(error instanceof SqlQueryError)) throw error;
        const offset = error.info.offset === undefined ? {} : { offset: error.info.offset + piece.from };
        throw new SqlQueryError({ ...error.info, ...offset }, script, { cause: error.cause });
      }
    }
    if (!result) throw new SqlRefusedError(NOTHING_TO_RUN, script);
    return { ...result, elapsedMs: now() - started };
  }

  /** What a failed run throws: DuckDB's errors taken apart; the session's own errors (and decoding errors) as they are. */
  function runError(err: unknown, run: ActiveRun, script: string): unknown {
    if (run.cancelled || err instanceof SqlCancelledError) return new SqlCancelledError();
    if (err instanceof SqlRefusedError || err instanceof SqlQueryError) return err;
    if (!(err instanceof EngineFailure)) return err; // e.g. a value the console could not decode: not DuckDB's error
    const message = err.error instanceof Error ? err.error.message : String(err.error);
    return new SqlQueryError(parseDuckDbError(message, script), script, { cause: err.error });
  }

  /**
   * The second layer: DuckDB prepares each stretch between the lexer's semicolons on its own.
   * Throws a refusal when it finds a different number of statements than the lexer, and a
   * syntax error (placed in the script) when it cannot parse one; other errors (a wrong column
   * name…) mean DuckDB parsed exactly one statement, and the run reports them.
   */
  async function checkStatements(p: PendingQueryPort, script: string): Promise<void> {
    let index = 0;
    for (const piece of split(script)) {
      const text = script.slice(piece.from, piece.to);
      if (piece.code) index++;
      if (!/[^ \t\n\r\f]/.test(text)) continue; // only blanks: nothing for either to read
      let error: string | undefined;
      try {
        await p.check(text);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const disagree = () =>
        new SqlRefusedError(DISAGREEMENT, script, {
          statement: Math.max(1, index),
          what: 'script',
          from: piece.from,
          to: Math.max(piece.from + 1, piece.to),
        });
      if (error === undefined) {
        if (!piece.code) throw disagree(); // DuckDB found a statement where the lexer saw only comments
        continue;
      }
      if (isNoStatement(error)) {
        if (piece.code) throw disagree();
        continue;
      }
      if (isMultiple(error)) {
        // Only a semicolon separates statements in DuckDB's grammar: without one, the several
        // statements are DuckDB's own (PIVOT without IN becomes a few), not hidden ones.
        if (text.includes(';')) throw disagree();
        continue;
      }
      const info = parseDuckDbError(error, text);
      if (/^Parser/i.test(info.kind)) {
        const shifted = { ...info, ...(info.offset === undefined ? {} : { offset: info.offset + piece.from }) };
        throw new SqlQueryError(shifted, script);
      }
    }
  }

  /** Starts the console's transaction, read-only; returns its id. */
  async function begin(p: PendingQueryPort): Promise<string> {
    try {
      await p.exec('BEGIN TRANSACTION READ ONLY');
    } catch (err) {
      // A transaction left open (a rollback that never arrived): end it and start afresh.
      if (!isTransactionActive(err)) throw err;
      await p.exec('ROLLBACK');
      await p.exec('BEGIN TRANSACTION READ ONLY');
    }
    return String(await p.value('SELECT txid_current()'));
  }

  /**
   * Ends the console's transaction with a ROLLBACK. Returns true when the script had ended it
   * (a different transaction is open, or none is): a breach of the third layer.
   */
  async function finish(p: PendingQueryPort, transaction: string): Promise<boolean> {
    let breach = false;
    try {
      breach = String(await p.value('SELECT txid_current()')) !== transaction;
    } catch {
      // The script failed, which aborts the transaction: its id cannot be read, the ROLLBACK below still tells.
    }
    try {
      await p.exec('ROLLBACK');
    } catch (err) {
      if (isNoTransaction(err)) breach = true;
      else console.warn('Tillsight: the SQL console could not roll back', err);
    }
    if (breach) console.warn('Tillsight: a console script ended its own transaction');
    return breach;
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
    // The app's internal cube_* tables (pre-aggregations) stay queryable, but are not listed or completed.
    if (r.table_name.startsWith('cube_')) continue;
    let t = tables.get(r.table_name);
    if (!t) tables.set(r.table_name, (t = { name: r.table_name, columns: [] }));
    t.columns.push({ name: r.column_name, type: r.data_type });
  }
  // The app's own tables first, then the rest by name.
  const rank = (name: string) => ['sales', 'products'].indexOf(name) >>> 0;
  return [...tables.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
