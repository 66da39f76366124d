import * as duckdb from '@duckdb/duckdb-wasm';
// Self-hosted engine: Vite copies these into the build, so DuckDB works offline (no CDN).
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToColumns, arrowToRows } from './arrow-rows';
import { queryError, type Connector, type Row, type SqlParam } from './connector';
import { createSqlSession, type PendingQueryPort, type SqlSession } from './sql-session';

/** What the engine reports about itself once started (for Diagnostics and benchmarks). */
export interface EngineInfo {
  version: string;
  /** The @duckdb/duckdb-wasm package's version. */
  packageVersion: string;
  /** Which of DuckDB-WASM's builds runs: always 'eh' (wasm exceptions), the one imported above. */
  bundle: 'eh';
  /** Milliseconds from creating the worker to a usable connection. */
  startMs: number;
  /** Of which: fetching and compiling the wasm (instantiate), and opening the database. */
  instantiateMs: number;
  openMs: number;
}

/**
 * Starts DuckDB-WASM (eh build) in its own worker and returns a connector over one connection,
 * and the SQL console's session over a second one (opened on its first use).
 */
export async function startBrowserEngine(): Promise<{ connector: Connector; info: EngineInfo; session: SqlSession }> {
  const t0 = performance.now();
  const worker = new Worker(workerUrl);
  // DuckDB's own client leaves calls pending forever when its worker dies: reject them instead.
  const died = new Promise<never>((_, reject) => {
    const fail = (event: Event) => {
      const detail = event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
      reject(new Error(`The data engine stopped${detail}. Reload the page to start it again.`));
    };
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
  });
  died.catch(() => undefined); // observed through guard(); never an unhandled rejection
  const guard = <T>(work: Promise<T>): Promise<T> => Promise.race([work, died]);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await guard(db.instantiate(wasmUrl));
  } catch (err) {
    worker.terminate();
    throw err;
  }
  const t1 = performance.now();
  // The npm build holds only DuckDB's core; autoloading would reach a third-party server.
  await db.open({ query: { castBigIntToDouble: false } });
  const conn = await db.connect();
  await conn.query('SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;');
  const version = await db.getVersion();
  const t2 = performance.now();

  // Prepared once per SQL text: a filter change re-runs the same statements with new values,
  // and preparing is a worker round trip plus planning each time. Statements without
  // parameters (loads, DDL) may change the tables, so they empty the cache.
  const statements = new Map<string, Promise<duckdb.AsyncPreparedStatement>>();
  const clearStatements = () => {
    const old = [...statements.values()];
    statements.clear();
    for (const s of old) void s.then((stmt) => stmt.close()).catch(() => undefined);
  };
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = guard(conn.prepare(sql));
      stmt.catch(() => statements.delete(sql));
      statements.set(sql, stmt);
    }
    return stmt;
  };

  const connector: Connector = {
    async query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      try {
        if (params.length === 0) {
          clearStatements();
          return arrowToRows<T>(await guard(conn.query(sql)));
        }
        const stmt = await prepared(sql);
        return arrowToRows<T>(await guard(stmt.query(...params)));
      } catch (err) {
        throw queryError(err, sql, params);
      }
    },
    async queryColumns(sql, params = []) {
      try {
        if (params.length === 0) return arrowToColumns(await guard(conn.query(sql)));
        const stmt = await prepared(sql);
        return arrowToColumns(await guard(stmt.query(...params)));
      } catch (err) {
        throw queryError(err, sql, params);
      }
    },
    async registerFile(name, content) {
      if (typeof content === 'string') await guard(db.registerFileText(name, content));
      else await guard(db.registerFileBuffer(name, content));
    },
    async dropFile(name) {
      await guard(db.dropFile(name));
    },
    async insertArrowIpc(table, ipc) {
      clearStatements();
      await guard(conn.insertArrowFromIPCStream(ipc, { name: table, create: true }));
    },
  };
  // The console's own connection: its pending queries run in slices between which the worker
  // answers the app's connection, and it can be cancelled or rolled back without touching it.
  const session = createSqlSession(async (): Promise<PendingQueryPort> => {
    const own = await guard(db.connect());
    const id = own.useUnsafe((_bindings, connectionId) => connectionId);
    return {
      start: (sql) => guard(db.startPendingQuery(id, sql, true)),
      poll: () => guard(db.pollPendingQuery(id)),
      cancel: () => guard(db.cancelPendingQuery(id)),
      fetch: () => guard(db.fetchQueryResults(id)),
      async exec(sql) {
        await guard(own.query(sql));
      },
      async value(sql) {
        const table = await guard(own.query(sql));
        return table.numRows > 0 ? (table.getChildAt(0)?.get(0) as unknown) : null;
      },
      // Prepared and closed without running: the session's check of statement boundaries.
      async check(sql) {
        const statement = await guard(own.prepare(sql));
        await guard(statement.close());
      },
    };
  });
  return {
    connector,
    session,
    info: {
      version,
      packageVersion: duckdb.PACKAGE_VERSION,
      bundle: 'eh',
      startMs: t2 - t0,
      instantiateMs: t1 - t0,
      openMs: t2 - t1,
    },
  };
}
