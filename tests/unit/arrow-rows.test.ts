import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDuckDb } from '../helpers/node-duckdb';

let db: Awaited<ReturnType<typeof nodeDuckDb>>;
beforeAll(async () => {
  db = await nodeDuckDb();
});
afterAll(() => db.close());

describe('rows from DuckDB', () => {
  it('turn BIGINT, DECIMAL, DATE and TIMESTAMP into plain numbers', async () => {
    const [row] = await db.query(
      `SELECT 9007199254740991::BIGINT AS big, -12345.67::DECIMAL(12,2) AS dec, 1.5::DOUBLE AS dbl,
              DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:45:00' AS t, 'x' AS s, NULL::INTEGER AS n, true AS b,
              ['a', 'b'] AS names, [1, 2]::BIGINT[] AS ids`,
    );
    expect(row).toEqual({
      big: 9007199254740991,
      dec: -12345.67,
      dbl: 1.5,
      d: Date.UTC(2024, 1, 29),
      t: Date.UTC(2024, 1, 29, 13, 45),
      s: 'x',
      n: null,
      b: true,
      names: ['a', 'b'],
      ids: [1, 2],
    });
  });

  it('bind parameters as values, including null', async () => {
    const rows = await db.query('SELECT CAST(? AS VARCHAR) AS a, CAST(? AS DATE) AS d, ? + 1 AS n', [
      "o'brien; DROP TABLE x",
      null,
      41,
    ]);
    expect(rows).toEqual([{ a: "o'brien; DROP TABLE x", d: null, n: 42 }]);
  });

  it('carry the SQL and the cause when a query fails', async () => {
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
      name: 'QueryError',
      sql: 'SELECT * FROM no_such_table',
      message: expect.stringContaining('no_such_table'),
    });
  });
});
