import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { classifyScript, listNames, refusalMessage, withArticle } from '../../src/sql/classify';
import { normalizeSql, splitStatements, tokenize } from '../../src/sql/lexer';
import { nodeDuckDb } from '../helpers/node-duckdb';

/** Scripts that only read: every one must be allowed. */
const READS: string[] = [
  'SELECT 1',
  'select * from sales',
  'SeLeCt region FROM sales',
  'FROM sales',
  'FROM sales SELECT region',
  'VALUES (1), (2)',
  'TABLE sales',
  '(SELECT 1) UNION ALL (SELECT 2)',
  '((FROM sales))',
  'WITH x AS (SELECT 1 AS a) SELECT * FROM x',
  'WITH x AS MATERIALIZED (SELECT 1 AS a), y AS NOT MATERIALIZED (SELECT 2) SELECT * FROM x, y',
  'WITH RECURSIVE r(n) USING KEY (n) AS (SELECT 1 UNION SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
  'with "odd name" as (select 1) (select * from "odd name")',
  'DESCRIBE sales',
  'SHOW TABLES',
  'SHOW ALL TABLES',
  'SUMMARIZE sales',
  'SUMMARIZE SELECT region FROM sales',
  'PIVOT sales ON region USING sum(revenue)',
  'UNPIVOT (SELECT 1 AS a, 2 AS b) ON a, b INTO NAME k VALUE v',
  'EXPLAIN SELECT * FROM sales',
  'EXPLAIN ANALYZE SELECT count(*) FROM sales',
  'EXPLAIN (FORMAT json) SELECT 1',
  'EXPLAIN DELETE FROM sales', // plans only: nothing runs
  "PRAGMA table_info('sales')",
  'PRAGMA show_tables',
  'PRAGMA database_size',
  'pragma version',
  // Quotes and comments that hold keywords and semicolons.
  "SELECT 'DELETE FROM sales; DROP TABLE sales' AS text",
  "SELECT 'it''s; DELETE FROM sales' AS text",
  'SELECT 1 AS "weird; DELETE FROM sales"',
  'SELECT 1 -- ; DELETE FROM sales',
  'SELECT 1 /* ; DELETE FROM sales */',
  'SELECT 1 /* nested /* ; DELETE FROM sales */ still a comment; DROP TABLE sales */',
  "SELECT E'\\'; DELETE FROM sales; --' AS text",
  'SELECT $$; DELETE FROM sales; $$ AS text',
  'SELECT $tag$ $$; DROP TABLE sales; $$ $tag$ AS text',
  '-- leading comment\n/* and another */ SELECT 1',
  'SELECT 1; SELECT 2;;; ',
  'SELECT a$b FROM (SELECT 1 AS a$b)',
];

/** Scripts that write or change state: [script, refused statement, what, target]. */
const WRITES: [string, number, string, string | undefined][] = [
  ['DELETE FROM sales', 1, 'DELETE', 'sales'],
  ['delete from sales', 1, 'DELETE', 'sales'],
  ['INSERT INTO sales VALUES (1)', 1, 'INSERT', 'sales'],
  ['INSERT OR REPLACE INTO main.sales SELECT * FROM sales', 1, 'INSERT', 'main.sales'],
  ['UPDATE sales SET revenue = 0', 1, 'UPDATE', 'sales'],
  ['TRUNCATE sales', 1, 'TRUNCATE', 'sales'],
  ['DROP TABLE IF EXISTS sales', 1, 'DROP TABLE', 'sales'],
  ['CREATE OR REPLACE TABLE sales AS SELECT 1', 1, 'CREATE TABLE', 'sales'],
  ['CREATE TEMP TABLE t AS SELECT 1', 1, 'CREATE TABLE', 't'],
  ['CREATE VIEW v AS SELECT 1', 1, 'CREATE VIEW', 'v'],
  ['ALTER TABLE sales RENAME TO old_sales', 1, 'ALTER TABLE', 'sales'],
  ["COPY sales TO 'out.csv'", 1, 'COPY', 'sales'],
  ["COPY sales FROM 'in.csv'", 1, 'COPY', 'sales'],
  ["ATTACH 'other.db' AS other", 1, 'ATTACH', undefined],
  ['DETACH other', 1, 'DETACH', 'other'],
  ['INSTALL httpfs', 1, 'INSTALL', 'httpfs'],
  ['LOAD httpfs', 1, 'LOAD', 'httpfs'],
  ['FORCE INSTALL httpfs', 1, 'FORCE', undefined],
  ["SET memory_limit = '1GB'", 1, 'SET', 'memory_limit'],
  ['SET GLOBAL threads = 1', 1, 'SET', 'threads'],
  ['RESET memory_limit', 1, 'RESET', 'memory_limit'],
  ['CHECKPOINT', 1, 'CHECKPOINT', undefined],
  ["EXPORT DATABASE 'dir'", 1, 'EXPORT', undefined],
  ["IMPORT DATABASE 'dir'", 1, 'IMPORT', undefined],
  ['BEGIN TRANSACTION', 1, 'BEGIN', undefined],
  ['COMMIT', 1, 'COMMIT', undefined],
  ['END', 1, 'END', undefined],
  ['ROLLBACK', 1, 'ROLLBACK', undefined],
  ['ABORT', 1, 'ABORT', undefined],
  ["CALL pragma_table_info('sales')", 1, 'CALL', undefined],
  ['VACUUM', 1, 'VACUUM', undefined],
  ['MERGE INTO sales USING x ON true WHEN MATCHED THEN DELETE', 1, 'MERGE', 'sales'],
  ['USE other', 1, 'USE', 'other'],
  ['PREPARE p AS DELETE FROM sales', 1, 'PREPARE', undefined],
  ['EXECUTE p', 1, 'EXECUTE', undefined],
  ["PRAGMA memory_limit = '1GB'", 1, 'PRAGMA', 'memory_limit'],
  ['PRAGMA enable_profiling', 1, 'PRAGMA', 'enable_profiling'],
  ["COMMENT ON TABLE sales IS 'x'", 1, 'COMMENT', undefined],
  // Hidden writes.
  ['SELECT 1; DELETE FROM sales', 2, 'DELETE', 'sales'],
  ['SELECT 1 /* ; */; DELETE FROM sales', 2, 'DELETE', 'sales'],
  ["SELECT ';'; DROP TABLE sales", 2, 'DROP TABLE', 'sales'],
  ['SELECT 1 -- harmless\n;\nDELETE FROM sales', 2, 'DELETE', 'sales'],
  ['SELECT 1 /* a */ /* b */; update sales set revenue = 1', 2, 'UPDATE', 'sales'],
  ['/* a ; comment first */ DELETE FROM sales', 1, 'DELETE', 'sales'],
  ['(DELETE FROM sales)', 1, 'DELETE', 'sales'],
  ['WITH x AS (SELECT 1) INSERT INTO sales SELECT * FROM x', 1, 'INSERT', 'sales'],
  ['with recursive x as (select 1) delete from sales', 1, 'DELETE', 'sales'],
  ['WITH x AS (DELETE FROM sales RETURNING *) SELECT * FROM x', 1, 'DELETE', 'sales'],
  ['EXPLAIN ANALYZE DELETE FROM sales', 1, 'EXPLAIN ANALYZE of a DELETE', 'sales'],
  ['EXPLAIN (ANALYZE, FORMAT json) UPDATE sales SET revenue = 0', 1, 'EXPLAIN ANALYZE of an UPDATE', 'sales'],
  ['EXPLAIN DROP TABLE sales', 1, 'EXPLAIN of a DROP TABLE', 'sales'],
  ["SELECT 'a''b'; DELETE FROM sales", 2, 'DELETE', 'sales'],
  ["SELECT E'\\\\'; DELETE FROM sales", 2, 'DELETE', 'sales'],
  ['SELECT $$x$$; DELETE FROM sales', 2, 'DELETE', 'sales'],
  ['SELECT "a;"";b"; DELETE FROM sales', 2, 'DELETE', 'sales'],
  // Not a reading statement the console knows: refused too.
  ['SELEC 1', 1, 'SELEC', undefined],
  ['WITH x AS (SELECT 1)', 1, 'WITH statement', undefined],
  ['42', 1, 'statement', undefined],
  ['SET VARIABLE x = 1', 1, 'SET', 'x'],
  // Line comments end at \r too, as in DuckDB.
  ['SELECT 1; -- x\rCOMMIT', 2, 'COMMIT', undefined],
];

/** Reads that reach outside the loaded tables: refused with the function or the address. */
const OUTSIDE: string[] = [
  "SELECT * FROM read_text('https://example.com')",
  "FROM read_blob('x')",
  "FROM read_csv('a.csv')",
  "FROM read_csv_auto('a.csv')",
  "FROM read_parquet('a.parquet')",
  "FROM parquet_scan('a.parquet')",
  "FROM read_json_auto('a.json')",
  "FROM read_ndjson('a.json')",
  "FROM sniff_csv('a.csv')",
  "FROM glob('*')",
  "FROM query('SELECT 1')",
  "FROM query_table('sales')",
  "SELECT * FROM main.read_text ('x')",
  'SELECT * FROM "READ_TEXT"(\'x\')',
  "FROM 'https://example.com/a.csv'",
  'FROM "https://example.com/a.csv"',
  'FROM $$s3://bucket/a.parquet$$',
  "FROM E'https:\\x2f/example.com/a.csv'",
  "WITH x AS (FROM read_text('y')) SELECT * FROM x",
  "SELECT 1; SELECT * FROM read_text('y')",
  // A dollar quote right after an operator: the lexer once read `||$a$` as one operator.
  "SELECT 'x'||$a$'$a$ AS s, t.* FROM read_text($u$https:/$u$||$v$/evil.example/x$v$) t --'",
  // Addresses however their slashes are written: the browser reads https:/\\host as https://host.
  "FROM 'https:/\\evil.example/x.csv'",
  "FROM 'HTTP:\\\\evil.example\\x.csv'",
  'FROM $tag$https:evil.example/x.csv$tag$',
];

describe('classifyScript', () => {
  it.each(OUTSIDE)('refuses %j: the console reads only the loaded tables', (sql) => {
    const verdict = classifyScript(sql);
    if (verdict.ok || !verdict.refusal) throw new Error('expected a refusal');
    expect(verdict.refusal.outside).toBeDefined();
    expect(refusalMessage(verdict.refusal)).toMatch(
      /^The console reads only the loaded tables \(sales and products\): statement \d (calls|names) .*Data page\.$/,
    );
  });

  it('allows getvariable (it reads a variable only a refused SET could have set) and names like read_me', () => {
    expect(classifyScript("SELECT getvariable('x')").ok).toBe(true);
    expect(classifyScript('SELECT read_me, query FROM (SELECT 1 AS read_me, 2 AS query)').ok).toBe(true);
    expect(classifyScript("SELECT 'see https: // here', E'\\n'").ok).toBe(true);
  });

  it.each(READS)('allows %j', (sql) => {
    expect(classifyScript(sql)).toMatchObject({ ok: true });
  });

  it.each(WRITES)('refuses %j (statement %i: %s %s)', (sql, statement, what, target) => {
    const verdict = classifyScript(sql);
    expect(verdict.ok).toBe(false);
    if (verdict.ok || !verdict.refusal) throw new Error('expected a refusal');
    expect(verdict.refusal.statement).toBe(statement);
    if (what === 'statement') expect(verdict.refusal.effect).toBeUndefined();
    else expect(verdict.refusal.what).toBe(what);
    expect(verdict.refusal.target).toBe(target);
    // The refusal points at text inside the script (for the editor's mark).
    expect(verdict.refusal.from).toBeGreaterThanOrEqual(0);
    expect(verdict.refusal.to).toBeGreaterThan(verdict.refusal.from);
    expect(verdict.refusal.to).toBeLessThanOrEqual(sql.length);
  });

  it('counts statements and marks the refused keyword in the script', () => {
    const sql = 'SELECT 1;\n\n  -- now\n  Insert into sales values (1)';
    const verdict = classifyScript(sql);
    if (verdict.ok || !verdict.refusal) throw new Error('expected a refusal');
    expect(verdict.statements).toBe(2);
    expect(sql.slice(verdict.refusal.from, verdict.refusal.to)).toBe('Insert');
  });

  it('says there is nothing to run for blanks and comments', () => {
    for (const sql of ['', '   ', '-- only a comment', '/* block */ ;; -- and more']) {
      expect(classifyScript(sql)).toEqual({ ok: false, statements: 0 });
    }
  });

  it('writes the refusal the user reads', () => {
    const verdict = classifyScript('insert into sales values (1)');
    if (verdict.ok || !verdict.refusal) throw new Error('expected a refusal');
    expect(refusalMessage(verdict.refusal)).toBe(
      'The console is read-only: statement 1 is an INSERT into sales (it adds rows). Your imported data in sales and products cannot be changed from here.',
    );
    const unknown = classifyScript('SELECT 1; SELEC 2');
    if (unknown.ok || !unknown.refusal) throw new Error('expected a refusal');
    expect(refusalMessage(unknown.refusal, ['sales'])).toMatch(
      /^The console is read-only: statement 2 starts with “SELEC”, which is not a query that reads \(the console runs SELECT, .*\)\. Your imported data in sales cannot be changed from here\.$/,
    );
  });

  it('uses the right article and lists names', () => {
    expect(withArticle('INSERT')).toBe('an INSERT');
    expect(withArticle('UPDATE')).toBe('an UPDATE');
    expect(withArticle('USE')).toBe('a USE');
    expect(withArticle('DELETE')).toBe('a DELETE');
    expect(listNames(['sales'])).toBe('sales');
    expect(listNames(['sales', 'products', 'rejects'])).toBe('sales, products and rejects');
  });
});

describe('lexer', () => {
  it('keeps quotes, dollar quotes and nested comments whole', () => {
    const sql = `SELECT 'a;b', "c;d", $x$e;f$x$, E'g\\';h' /* i /* j */ ; k */ -- l ; m\n; SELECT 2`;
    expect(tokenize(sql).map((t) => t.kind)).toEqual([
      'word',
      'string',
      'punct',
      'quoted',
      'punct',
      'string',
      'punct',
      'string',
      'comment',
      'comment',
      'punct',
      'word',
      'number',
    ]);
    expect(splitStatements(sql).map((s) => sql.slice(s.from, s.to))).toEqual([
      `SELECT 'a;b', "c;d", $x$e;f$x$, E'g\\';h'`,
      'SELECT 2',
    ]);
  });

  it('ends numbers where DuckDB does', () => {
    const kinds = (sql: string) => tokenize(sql).map((t) => [t.kind, t.text]);
    expect(kinds("1E'x'")).toEqual([
      ['number', '1'],
      ['string', "E'x'"],
    ]);
    expect(kinds('1a$x$')).toEqual([
      ['number', '1'],
      ['word', 'a$x$'],
    ]);
    expect(kinds('1.5e3 1e-2x 1_000 .5 1.')).toEqual([
      ['number', '1.5e3'],
      ['number', '1e-2'],
      ['word', 'x'],
      ['number', '1_000'],
      ['number', '.5'],
      ['number', '1.'],
    ]);
  });

  it('reads only DuckDB’s whitespace as whitespace; normalising replaces the rest, keeping offsets', () => {
    expect(tokenize('a\u2028b').map((t) => t.text)).toEqual(['a\u2028b']);
    expect(normalizeSql('a\u2028b\u200bc\u00a0d\ufeffe\u{e0001}f')).toBe('a b c d e  f');
  });

  it('runs an unterminated quote or comment to the end (DuckDB then refuses the whole script)', () => {
    expect(splitStatements("SELECT 'open; DELETE FROM sales")).toHaveLength(1);
    expect(splitStatements('SELECT 1 /* open; DELETE FROM sales')).toHaveLength(1);
  });
});

// The classifier's allowed list checked against a real DuckDB: running every allowed script
// outside any transaction (so a write would stick) must leave the tables exactly as they were.
describe('allowed scripts against a real DuckDB', () => {
  let db: Connector & { close(): void };
  beforeAll(async () => {
    db = await nodeDuckDb();
    await db.query(`CREATE TABLE sales AS SELECT i AS id, 'North' AS region, i * 2.0 AS revenue FROM range(5) t(i)`);
  });
  afterAll(() => db?.close());

  const fingerprint = async () =>
    JSON.stringify(
      await db.query(
        `SELECT (SELECT count(*) FROM sales) AS n, (SELECT sum(revenue) FROM sales) AS total,
                (SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables) AS tables`,
      ),
      (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v),
    );

  it('changes nothing', async () => {
    const before = await fingerprint();
    for (const sql of READS) {
      expect(classifyScript(sql).ok).toBe(true);
      try {
        await db.query(sql);
      } catch {
        // Some reads fail on this small table (e.g. an unknown name): failing changes nothing either.
      }
    }
    expect(await fingerprint()).toBe(before);
  });
});
