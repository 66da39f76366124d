import { createRequire } from 'node:module';
import path from 'node:path';
import { arrowToColumns, arrowToRows, type ArrowTableLike } from '../../src/data/engine/arrow-rows';
import { queryError, type Connector, type Row, type SqlParam } from '../../src/data/engine/connector';

// The blocking build is CommonJS and types its exports loosely: describe what we use.
export interface BlockingConnection {
  query(sql: string): ArrowTableLike;
  prepare(sql: string): { query(...params: unknown[]): ArrowTableLike; close(): void };
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create: boolean }): void;
  close(): void;
}
export interface BlockingDb {
  instantiate(): Promise<unknown>;
  connect(): BlockingConnection;
  registerFileText(name: string, text: string): void;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  dropFile(name: string): void;
  getVersion(): string;
}

const require = createRequire(import.meta.url);

/** A started DuckDB-WASM (the blocking Node build), for tests that need its own Arrow results. */
export async function blockingDuckDb(): Promise<BlockingDb> {
  const modulePath = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(modulePath);
  const duckdb = require(modulePath) as {
    createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDb>;
    VoidLogger: new () => object;
    NODE_RUNTIME: object;
  };
  const db = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: path.join(dist, 'duckdb-mvp.wasm'),
        mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  return db;
}

/** A real DuckDB-WASM (the blocking Node build) behind the app's Connector interface. */
export async function nodeDuckDb(): Promise<Connector & { version: string; close(): void }> {
  const db = await blockingDuckDb();
  const conn = db.connect();
  conn.query('SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;');
  return {
    version: db.getVersion(),
    async query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      try {
        if (params.length === 0) return arrowToRows<T>(conn.query(sql));
        const stmt = conn.prepare(sql);
        try {
          return arrowToRows<T>(stmt.query(...params));
        } finally {
          stmt.close();
        }
      } catch (err) {
        throw queryError(err, sql, params);
      }
    },
    async queryColumns(sql, params = []) {
      try {
        if (params.length === 0) return arrowToColumns(conn.query(sql));
        const stmt = conn.prepare(sql);
        try {
          return arrowToColumns(stmt.query(...params));
        } finally {
          stmt.close();
        }
      } catch (err) {
        throw queryError(err, sql, params);
      }
    },
    async registerFile(name, content) {
      if (typeof content === 'string') db.registerFileText(name, content);
      else db.registerFileBuffer(name, content);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async insertArrowIpc(table, ipc) {
      conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    },
    close() {
      conn.close();
    },
  };
}
