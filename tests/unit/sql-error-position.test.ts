import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { byteToCharOffset, lineColumn, parseDuckDbError, positionText } from '../../src/sql/error-position';
import { nodeDuckDb } from '../helpers/node-duckdb';

// The messages come from a real DuckDB-WASM (its Node build), in both forms it writes them:
// text with "LINE n:" and a caret, and JSON (errors_as_json, as the console's connection sets).
// Expected offsets are found in the query text by hand (the offending token), not by the parser.

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await nodeDuckDb();
  await db.query(`CREATE TABLE sales AS SELECT 1 AS id, 'North' AS region, 2.5 AS revenue`);
});
afterAll(() => db?.close());

async function messageOf(sql: string, json: boolean): Promise<string> {
  await db.query(`SET errors_as_json = ${json}`);
  try {
    await db.query(sql);
  } catch (err) {
    return (err as Error).message;
  } finally {
    await db.query('SET errors_as_json = false');
  }
  throw new Error(`expected an error from: ${sql}`);
}

// A long line: DuckDB prints only a window of it round the error, with "..." either side.
const long = `SELECT id AS ${'a'.repeat(70)}, region AS ${'b'.repeat(70)}, nosuch, revenue AS ${'c'.repeat(70)} FROM sales`;

// [query, the token the error points at, occurrence (when it appears more than once), kind]
const CASES: [string, string, number, string][] = [
  ['SELECT * FORM sales', 'sales', 0, 'Parser Error'],
  ['SELECT foo FROM sales', 'foo', 0, 'Binder Error'],
  ['SELECT region,\n  revnue\nFROM sales', 'revnue', 0, 'Binder Error'],
  ["SELECT 'é€ ñ' AS x, zzz FROM sales", 'zzz', 0, 'Binder Error'],
  ['SELECT * FROM nosuch_table', 'nosuch_table', 0, 'Catalog Error'],
  ["SELECT id FROM sales WHERE id = 'abc'", "'abc'", 0, 'Conversion Error'],
  ['SELECT\n\tid,\n\t  nosuch_col\nFROM sales', 'nosuch_col', 0, 'Binder Error'],
  [long, 'nosuch', 0, 'Binder Error'],
];

describe('parseDuckDbError on real DuckDB messages', () => {
  it.each(CASES)('JSON form: %j points at %j', async (sql, token, occurrence, kind) => {
    const raw = await messageOf(sql, true);
    const info = parseDuckDbError(raw, sql);
    const expected = nthIndex(sql, token, occurrence);
    expect(info.kind).toBe(kind);
    expect(info.offset).toBe(expected);
    expect(info.message).not.toMatch(/LINE \d+:|[{}]"exception/);
  });

  it.each(CASES)('text form: %j points at (or near) %j', async (sql, token, occurrence, kind) => {
    const raw = await messageOf(sql, false);
    expect(raw).toMatch(/LINE \d+: /);
    const info = parseDuckDbError(raw, sql);
    const expected = nthIndex(sql, token, occurrence);
    expect(info.kind).toBe(kind);
    expect(info.message).not.toContain('LINE ');
    // The caret is counted in display columns, so a tab earlier on the line may shift it by one;
    // everything else lands exactly on the token.
    const line = sql.slice(sql.lastIndexOf('\n', expected) + 1, expected);
    if (line.includes('\t')) expect(Math.abs((info.offset ?? -99) - expected)).toBeLessThanOrEqual(1);
    else expect(info.offset).toBe(expected);
  });

  it('reads the JSON-inside-JSON a parser error has when a script is split', () => {
    // As DuckDB-WASM's pending query reports it (seen in the session's own tests).
    const raw =
      '{"exception_type":"Parser","exception_message":"{\\"exception_type\\":\\"Parser\\",\\"exception_message\\":\\"syntax error at or near \\\\\\"sales\\\\\\"\\",\\"error_subtype\\":\\"SYNTAX_ERROR\\",\\"position\\":\\"14\\"}","error_subtype":"SYNTAX_ERROR","position":"14"}';
    expect(parseDuckDbError(raw, 'SELECT * FORM sales')).toEqual({
      kind: 'Parser Error',
      message: 'syntax error at or near "sales"',
      offset: 14,
    });
  });

  it('finds the token of "at or near" when there is no position', () => {
    const sql = 'SELECT 1 WHERE WHERE x';
    expect(parseDuckDbError('Parser Error: syntax error at or near "x"', sql).offset).toBe(sql.indexOf('x'));
    // Ambiguous (the token occurs twice): no guess.
    expect(parseDuckDbError('Parser Error: syntax error at or near "WHERE"', sql).offset).toBeUndefined();
  });

  it('keeps a message without any position as it is', () => {
    expect(parseDuckDbError('Query failed: Out of Memory Error: failed to allocate', 'SELECT 1')).toEqual({
      kind: 'Out of Memory Error',
      message: 'failed to allocate',
    });
    expect(parseDuckDbError('Out of Range Error: Overflow in multiplication', 'SELECT 1')).toEqual({
      kind: 'Out of Range Error',
      message: 'Overflow in multiplication',
    });
    expect(parseDuckDbError('something odd', 'SELECT 1')).toEqual({ kind: 'Error', message: 'something odd' });
  });
});

describe('positions', () => {
  it('converts UTF-8 byte offsets to string indices', () => {
    const text = "SELECT 'é€😀' , x";
    // é is 2 bytes, € 3, 😀 4 (and two UTF-16 units).
    const bytes = new TextEncoder().encode(text.slice(0, text.indexOf('x'))).length;
    expect(byteToCharOffset(text, bytes)).toBe(text.indexOf('x'));
    expect(byteToCharOffset(text, 0)).toBe(0);
    expect(byteToCharOffset(text, 10_000)).toBe(text.length);
  });

  it('gives 1-based lines and columns', () => {
    const text = 'ab\ncd\n\nefg';
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(text, 7)).toEqual({ line: 4, column: 1 });
    expect(positionText(text, 9)).toBe('Line 4, column 3');
  });
});

function nthIndex(text: string, token: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(token, at + 1);
  return at;
}
