import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleSchema,
  createSqlSession,
  SqlBreachError,
  SqlCancelledError,
  SqlQueryError,
  SqlRefusedError,
  type PendingQueryPort,
  type SqlSession,
} from '../../src/data/engine/sql-session';
import { arrowToRows, type ArrowTableLike } from '../../src/data/engine/arrow-rows';
import { queryError, type Connector, type Row } from '../../src/data/engine/connector';
import { lineColumn } from '../../src/sql/error-position';
import { normalizeSql } from '../../src/sql/lexer';

// The SQL console's session against a real DuckDB-WASM (its blocking Node build): the same
// pending-query protocol the browser drives through the worker, here called directly. Each call
// yields to the event loop first, as a worker round trip would, so a cancel can land between slices.

interface BlockingConnection {
  query(sql: string): ArrowTableLike;
  prepare(sql: string): { close(): void };
  useUnsafe<R>(fn: (bindings: unknown, id: number) => R): R;
}
interface BlockingDb {
  instantiate(): Promise<unknown>;
  connect(): BlockingConnection;
  startPendingQuery(conn: number, sql: string, stream: boolean): Uint8Array | null;
  pollPendingQuery(conn: number): Uint8Array | null;
  cancelPendingQuery(conn: number): boolean;
  fetchQueryResults(conn: number): Uint8Array | null;
}

const require = createRequire(import.meta.url);
let db: BlockingDb;
/** The app's own connection (as the pages use it). */
let app: Connector;
let session: SqlSession;
/** How many calls the session made to the engine: a cancelled run must stop making them. */
let calls = 0;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function port(conn: BlockingConnection): PendingQueryPort {
  const id = conn.useUnsafe((_b, c) => c);
  const call =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      await turn();
      calls++;
      return fn(...args);
    };
  return {
    start: call((sql: string) => db.startPendingQuery(id, sql, true)),
    poll: call(() => db.pollPendingQuery(id)),
    cancel: call(() => db.cancelPendingQuery(id)),
    fetch: call(() => db.fetchQueryResults(id)),
    exec: call((sql: string) => {
      conn.query(sql);
    }),
    value: call((sql: string) => {
      const rows = arrowToRows(conn.query(sql));
      const first = rows[0];
      return first ? Object.values(first)[0] : null;
    }),
    check: call((sql: string) => {
      conn.prepare(sql).close();
    }),
  };
}

function connector(conn: BlockingConnection): Connector {
  return {
    async query<T extends Row = Row>(sql: string): Promise<T[]> {
      await turn();
      try {
        return arrowToRows<T>(conn.query(sql));
      } catch (err) {
        throw queryError(err, sql, []);
      }
    },
    queryColumns: () => Promise.reject(new Error('not used')),
    registerFile: () => Promise.reject(new Error('not used')),
    dropFile: () => Promise.reject(new Error('not used')),
    insertArrowIpc: () => Promise.reject(new Error('not used')),
  };
}

beforeAll(async () => {
  const modulePath = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(modulePath);
  const duckdb = require(modulePath) as {
    createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDb>;
    VoidLogger: new () => object;
    NODE_RUNTIME: object;
  };
  db = await duckdb.createDuckDB(
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
  const appConn = db.connect();
  app = connector(appConn);
  await app.query(`CREATE TABLE sales AS
    SELECT i AS id, ['North', 'South', 'East'][i % 3 + 1] AS region, (i * 1.5)::DOUBLE AS revenue,
           TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) HOUR AS ts
    FROM range(1, 101) t(i)`);
  await app.query(`CREATE TABLE products AS SELECT 'P1' AS product_id, 10 AS stock_on_hand`);
  session = createSqlSession(async () => port(db.connect()));
});

afterAll(() => {
  // The blocking build has no close for the database; its memory goes with the test process.
});

const salesCount = async () => (await app.query<{ n: number }>('SELECT count(*) AS n FROM sales'))[0]?.n;

describe('SQL console session', () => {
  it('returns the last statement’s rows as plain values with DuckDB type names', async () => {
    const result = await session.run(`SELECT 1 AS ignored;
      SELECT 42::BIGINT AS big, 9007199254740993::BIGINT AS huge_big, 12.34::DECIMAL(10,2) AS dec,
             DATE '2024-03-05' AS d, TIMESTAMP '2024-03-05 06:07:08' AS ts, 'x' AS txt, true AS ok,
             [1, 2] AS list, {'a': 1} AS rec, INTERVAL '1 month 2 days 3 hours' AS iv, '\\xAA\\x00z'::BLOB AS bytes,
             170141183460469231731687303715884105727::HUGEINT AS hugeint, NULL::INTEGER AS nothing`);
    expect(result.statements).toBe(2);
    expect(result.rowCount).toBe(1);
    expect(result.truncated).toBe(false);
    expect(result.columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['big', 'BIGINT', 'number'],
      ['huge_big', 'BIGINT', 'number'],
      ['dec', 'DECIMAL(10,2)', 'number'],
      ['d', 'DATE', 'date'],
      ['ts', 'TIMESTAMP', 'timestamp'],
      ['txt', 'VARCHAR', 'text'],
      ['ok', 'BOOLEAN', 'boolean'],
      ['list', 'INTEGER[]', 'other'],
      ['rec', 'STRUCT(a INTEGER)', 'other'],
      ['iv', 'INTERVAL', 'other'],
      ['bytes', 'BLOB', 'other'],
      ['hugeint', 'DECIMAL(38,0)', 'number'],
      ['nothing', 'INTEGER', 'number'],
    ]);
    expect(result.rows[0]).toEqual([
      42,
      '9007199254740993', // past 2^53: kept exact as text
      12.34,
      Date.UTC(2024, 2, 5),
      Date.UTC(2024, 2, 5, 6, 7, 8),
      'x',
      true,
      '[1,2]',
      '{"a":1}',
      '1 month 2 days 03:00:00',
      '\\xAA\\x00z',
      '170141183460469231731687303715884105727',
      null,
    ]);
  });

  it('refuses a write before it reaches DuckDB, naming it, and the data stays as it was', async () => {
    const before = await salesCount();
    const run = session.run('SELECT 1;\n-- then\ndelete from sales where id > 10');
    await expect(run).rejects.toBeInstanceOf(SqlRefusedError);
    await expect(run).rejects.toThrow(
      'The console is read-only: statement 2 is a DELETE from sales (it removes rows). Your imported data in sales and products cannot be changed from here.',
    );
    const error = await run.catch((e: unknown) => e);
    expect(error instanceof SqlRefusedError && error.refusal?.statement).toBe(2);
    expect(await salesCount()).toBe(before);
  });

  it('a write that gets past both checks fails in the READ ONLY transaction (the third layer on its own)', async () => {
    const permissive = createSqlSession(async () => port(db.connect()), {
      screen: () => ({ ok: true, statements: 2 }),
      prepareCheck: false,
    });
    await expect(
      permissive.run("DELETE FROM sales; INSERT INTO products VALUES ('P2', 1); SELECT count(*) AS n FROM sales"),
    ).rejects.toThrow(/read-only mode/);
    expect(await salesCount()).toBe(100);
    expect(await app.query('SELECT product_id FROM products')).toEqual([{ product_id: 'P1' }]);
    // A temporary object is dropped by the ROLLBACK.
    await permissive.run('CREATE TEMP TABLE t AS SELECT 1 AS a; SELECT * FROM t');
    await expect(permissive.run('SELECT * FROM t')).rejects.toThrow(/does not exist/);
  });

  it('throws instead of returning a result when the script ended the console’s transaction', async () => {
    const permissive = createSqlSession(async () => port(db.connect()), {
      screen: () => ({ ok: true, statements: 2 }),
      prepareCheck: false,
    });
    // The ROLLBACK finds no transaction…
    await expect(permissive.run('SELECT 1; COMMIT; SELECT 2')).rejects.toBeInstanceOf(SqlBreachError);
    // …or finds another one, which the transaction id tells apart.
    await expect(permissive.run('COMMIT; BEGIN TRANSACTION; SELECT 2')).rejects.toBeInstanceOf(SqlBreachError);
    await expect(permissive.run("SELECT 1; COMMIT; SELECT error('x')")).rejects.toBeInstanceOf(SqlBreachError);
    // The session works afterwards.
    expect((await permissive.run('SELECT 3 AS n')).rows).toEqual([[3]]);
  });

  it('ends a transaction left open on its connection and starts its own', async () => {
    const conn = db.connect();
    conn.query('BEGIN TRANSACTION');
    const own = createSqlSession(async () => port(conn));
    expect((await own.run('SELECT 4 AS n')).rows).toEqual([[4]]);
    expect((await own.run('SELECT 5 AS n')).rows).toEqual([[5]]);
  });

  it('refuses a script whose statements DuckDB splits differently (the second layer on its own)', async () => {
    // A lexer that reads the whole script as one statement, as the old one did with U+2028.
    const blind = createSqlSession(async () => port(db.connect()), {
      screen: () => ({ ok: true, statements: 1 }),
      split: (sql) => [{ from: 0, to: sql.length, code: true }],
    });
    const run = blind.run('SELECT 1; COMMIT; DROP TABLE sales; SELECT 2');
    await expect(run).rejects.toBeInstanceOf(SqlRefusedError);
    await expect(run).rejects.toThrow(/DuckDB reads where its statements begin and end differently/);
    // A lexer that takes code for a comment.
    const commentBlind = createSqlSession(async () => port(db.connect()), {
      screen: () => ({ ok: true, statements: 1 }),
      split: (sql) => [
        { from: 0, to: 8, code: true },
        { from: 9, to: sql.length, code: false },
      ],
    });
    await expect(commentBlind.run('SELECT 1; DROP TABLE sales')).rejects.toBeInstanceOf(SqlRefusedError);
    expect(await salesCount()).toBe(100);
  });

  it('does not reach the network or files: readers are refused before they run', async () => {
    for (const sql of [
      "SELECT * FROM read_text('https://example.com/?d=' || (SELECT count(*) FROM sales))",
      "FROM read_csv('https://example.com/a.csv')",
      "FROM 'https://example.com/a.parquet'",
      'FROM "https://example.com/a.csv"',
      "SELECT * FROM glob('*')",
      "FROM query('SELECT 1')",
    ]) {
      await expect(session.run(sql)).rejects.toThrow(/^The console reads only the loaded tables/);
    }
  });

  it('reports a syntax error found while checking, at its place in the script', async () => {
    const sql = 'SELECT 1;\nSELEC 2';
    const error = await session.run(sql).catch((e: unknown) => e);
    // The classifier refuses SELEC as unknown; a parse error inside a SELECT is DuckDB's.
    expect(error).toBeInstanceOf(SqlRefusedError);
    const bad = 'SELECT 1;\nSELECT (2 3';
    const parse = await session.run(bad).catch((e: unknown) => e);
    expect(parse).toBeInstanceOf(SqlQueryError);
    expect((parse as SqlQueryError).info.kind).toBe('Parser Error');
    expect((parse as SqlQueryError).info.offset).toBe(bad.indexOf('3'));
  });

  it('runs PIVOT without an IN list (DuckDB prepares it as several statements of its own)', async () => {
    const result = await session.run('PIVOT sales ON region USING count(*)');
    expect(result.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['East', 'North', 'South']));
  });

  it('keeps the first rows of a huge result and stops reading there', async () => {
    const result = await session.run('SELECT range AS i FROM range(1000000000)', { maxRows: 5000 });
    expect(result.rowCount).toBe(5000);
    expect(result.truncated).toBe(true);
    expect(result.rows[4999]).toEqual([4999]);
    // The stream was closed: the connection answers the next query.
    expect((await session.run('SELECT 7 AS n')).rows).toEqual([[7]]);
  });

  it('is not truncated when the result has exactly the limit', async () => {
    const result = await session.run('SELECT * FROM range(3000)', { maxRows: 3000 });
    expect(result.rowCount).toBe(3000);
    expect(result.truncated).toBe(false);
  });

  it('cancels a long query; the app’s connection answers meanwhile and the console works afterwards', async () => {
    const before = calls;
    const long = session.run('SELECT count(*) FROM range(1000000000000) a');
    // Let it run a few slices, so the cancel meets a query in progress.
    while (calls < before + 4) await turn();
    const settled = long.then(
      () => 'finished',
      (e: unknown) => e,
    );
    // The app's own connection is answered while the console's query runs.
    expect(await app.query('SELECT 5 AS n')).toEqual([{ n: 5 }]);
    let finishedFirst = false;
    void long.then(
      () => (finishedFirst = true),
      () => undefined,
    );
    expect(finishedFirst).toBe(false);
    await session.cancel();
    const outcome = await settled;
    expect(outcome).toBeInstanceOf(SqlCancelledError);
    // No more engine calls for the cancelled run.
    const after = calls;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(after);
    expect((await session.run('SELECT count(*) AS n FROM sales')).rows).toEqual([[100]]);
  });

  it('a new run replaces a running one', async () => {
    const first = session.run('SELECT count(*) FROM range(1000000000000) a');
    const second = session.run('SELECT 2 AS n');
    await expect(first).rejects.toBeInstanceOf(SqlCancelledError);
    expect((await second).rows).toEqual([[2]]);
  });

  it('reports where a syntax error is, as an offset into the script', async () => {
    const sql = 'SELECT region,\n       sum(revenue)\nFORM sales GROUP BY 1';
    const error = await session.run(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlQueryError);
    const info = (error as SqlQueryError).info;
    expect(info.kind).toBe('Parser Error');
    expect(info.message).toBe('syntax error at or near "sales"');
    expect(info.offset).toBe(sql.indexOf('sales'));
    expect(lineColumn(sql, info.offset ?? -1)).toEqual({ line: 3, column: 6 });
  });

  it('points into the right statement of a script, counting multi-byte characters right', async () => {
    const sql = "SELECT 'café € ok' AS a;\nSELECT\n  regoin\nFROM sales";
    const error = await session.run(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlQueryError);
    const info = (error as SqlQueryError).info;
    expect(info.kind).toBe('Binder Error');
    expect(info.message).toContain('Referenced column "regoin" not found');
    expect(info.offset).toBe(sql.indexOf('regoin'));
    expect(lineColumn(sql, info.offset ?? -1)).toEqual({ line: 3, column: 3 });
  });

  it('leaves the app connection’s errors as text (JSON errors are the console connection’s own)', async () => {
    await expect(app.query('SELECT nosuch FROM sales')).rejects.toThrow(
      /^Query failed: Binder Error: Referenced column/,
    );
  });

  it('decodes DECIMALs past 2^53 exactly, and says why ENUM labels are missing', async () => {
    const result = await session.run(`SELECT 12345678901234567890.12::DECIMAL(38,10) AS big,
        '-12345678901234567890.5'::DECIMAL(38,1) AS neg_big, -12.5::DECIMAL(38,10) AS neg, 0.05::DECIMAL(38,2) AS small,
        'b'::ENUM('a', 'b') AS e`);
    expect(result.rows[0]?.slice(0, 4)).toEqual(['12345678901234567890.12', '-12345678901234567890.5', -12.5, 0.05]);
    expect(result.columns[4]).toMatchObject({ type: 'ENUM', note: expect.stringContaining('e::VARCHAR') });
    expect(result.columns.slice(0, 4).every((c) => c.note === undefined)).toBe(true);
  });

  it('converts a big result a slice at a time without changing it, and stops at the limit', async () => {
    const result = await session.run(
      `SELECT range AS i, 'r' || range AS s, range % 3 = 0 AS third FROM range(60000) ORDER BY range`,
      { maxRows: 50_000 },
    );
    expect(result.truncated).toBe(true);
    expect(result.rowCount).toBe(50_000);
    expect(result.rows).toHaveLength(50_000);
    const wrong = result.rows.findIndex((r, n) => r[0] !== n || r[1] !== `r${n}` || r[2] !== (n % 3 === 0));
    expect(wrong).toBe(-1);
    const all = await session.run('SELECT range AS i FROM range(12345)', { maxRows: 50_000 });
    expect(all.truncated).toBe(false);
    expect(all.rows.map((r) => r[0])).toEqual(Array.from({ length: 12345 }, (_, n) => n));
  });

  it('lists the tables and columns for completion, the app’s tables first', async () => {
    const tables = await consoleSchema(app);
    expect(tables.map((t) => t.name)).toEqual(['sales', 'products']);
    expect(tables[0]?.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'region', type: 'VARCHAR' },
      { name: 'revenue', type: 'DOUBLE' },
      { name: 'ts', type: 'TIMESTAMP' },
    ]);
  });
});

// Differential: every Unicode space, format character and line or paragraph separator (and a
// few identifier-like characters) placed where the lexer and DuckDB once disagreed. Each attack
// must be refused or fail, never reach `sales`; each plain query must run as DuckDB reads it.
describe('SQL console guard against unusual characters', () => {
  const odd: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (/[\p{Zs}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) odd.push(ch);
  }
  odd.push('\u0085', '\u180e', '\u000b', '\u001c', '\u00b7', '\u00ad', 'é', '\ufffe', '\u{1d173}', '\t', '\f', '\r');
  const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

  it('holds for every character', async () => {
    expect(odd.length).toBeGreaterThan(150);
    const attacks = (c: string) => [
      `SELECT 1 AS ${c}$x$; COMMIT; DROP TABLE sales; SELECT 1 AS b${c}$x$`,
      `SELECT ${c}E'\\'' ; COMMIT; DROP TABLE sales; SELECT ''`,
      `SELECT 1 --${c}; COMMIT; DROP TABLE sales`,
      `SELECT 1${c}a$x$; COMMIT; DROP TABLE sales; SELECT $x$`,
      `SELECT 1 /*${c}*/; COMMIT; DROP TABLE sales`,
      `SELECT "a${c}"; COMMIT; DROP TABLE sales`,
    ];
    for (const c of odd) {
      for (const sql of attacks(c)) {
        const outcome = await session.run(sql).then(
          () => 'ran',
          (e: unknown) => e,
        );
        // A run that returned must have run no COMMIT (else it throws SqlBreachError).
        if (outcome !== 'ran') expect(outcome, `${hex(c)} in ${JSON.stringify(sql)}`).toBeInstanceOf(Error);
        expect(outcome, `${hex(c)} in ${JSON.stringify(sql)}`).not.toBeInstanceOf(SqlBreachError);
      }
      expect(await salesCount(), hex(c)).toBe(100);
      // A character the console turns into a space separates words; any other is part of a name, for both.
      const plain = session.run(`SELECT${c}41 + 1 AS n${c};${c}`);
      if (/^[ \t\r\f]+$/.test(normalizeSql(c))) expect((await plain).rows, hex(c)).toEqual([[42]]);
      else await expect(plain, hex(c)).rejects.toBeInstanceOf(Error);
    }
  }, 240_000);

  it('reads a dollar quote after every operator character as DuckDB does', async () => {
    for (const op of [
      '~',
      '!',
      '@',
      '#',
      '^',
      '&',
      '|',
      '`',
      '?',
      '+',
      '-',
      '*',
      '/',
      '%',
      '<',
      '>',
      '=',
      ':',
      '.',
      '||',
    ]) {
      for (const sql of [
        `SELECT 'x' ${op}$a$'$a$ AS s FROM read_text('no-such-file') t --'`,
        `SELECT 1 ${op}$a$'$a$; COMMIT; DROP TABLE sales; SELECT '`,
      ]) {
        const outcome = await session.run(sql).then(
          () => 'ran',
          (e: unknown) => e,
        );
        // Refused, or a syntax error: never a file read attempted, never a COMMIT run.
        expect(outcome, `${op} in ${JSON.stringify(sql)}`).toBeInstanceOf(Error);
        expect(String(outcome), `${op} in ${JSON.stringify(sql)}`).not.toMatch(/No files found|IO Error/i);
        expect(outcome, `${op} in ${JSON.stringify(sql)}`).not.toBeInstanceOf(SqlBreachError);
      }
    }
    expect(await salesCount()).toBe(100);
  });

  it('the reported attacks run nothing hidden', async () => {
    const attacks = [
      ...['\u2028', '\u2029', '\u1680'].map(
        (c) => `SELECT 1 AS ${c}$x$; COMMIT; DROP TABLE sales; SELECT 1 AS b${c}$x$`,
      ),
      "SELECT \u200bE'\\'' ; COMMIT; DROP TABLE sales; SELECT ''",
      'SELECT 1; -- x\rCOMMIT; DROP TABLE sales',
    ];
    for (const sql of attacks) {
      // Normalised, both read one statement (a quoted alias) and DuckDB runs just that, or the console refuses.
      const outcome = await session.run(sql).catch((e: unknown) => e);
      if (outcome instanceof Error) expect(outcome, sql).toBeInstanceOf(SqlRefusedError);
      else expect(outcome, sql).toMatchObject({ statements: 1 });
    }
    expect(await salesCount()).toBe(100);
  });
});
