import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlColumn } from '../../src/data/engine/sql-session';
import { describeColumn } from '../../src/sql/arrow-values';
import { barSeries, chooseChart, lineSeries, MAX_BARS } from '../../src/sql/chart-choice';
import { blockingDuckDb } from '../helpers/node-duckdb';

// Column types come from real DuckDB results (its Arrow schema, as the console reads it), so the
// choice is tested on what the engine really sends for a DATE, a TIMESTAMP, a DECIMAL, an ENUM…

// The helper types results only as far as the Connector reads them; here the full Arrow schema is read.
interface SchemaConnection {
  query(sql: string): { schema: { fields: Parameters<typeof describeColumn>[0][] } };
  close(): void;
}
let conn: SchemaConnection;

beforeAll(async () => {
  conn = (await blockingDuckDb()).connect() as unknown as SchemaConnection;
});
afterAll(() => conn?.close());

const columnsOf = (sql: string): SqlColumn[] => conn.query(sql).schema.fields.map(describeColumn);

describe('chooseChart', () => {
  it.each([
    ["SELECT DATE '2024-01-01' AS d, 1.5 AS revenue, 2::BIGINT AS orders", { kind: 'line', x: 0, ys: [1, 2] }],
    ["SELECT TIMESTAMP '2024-01-01 10:00' AS ts, 3::INTEGER AS n", { kind: 'line', x: 0, ys: [1] }],
    [
      "SELECT date_trunc('month', TIMESTAMP '2024-01-05') AS month, 1::DECIMAL(18,2) AS v",
      { kind: 'line', x: 0, ys: [1] },
    ],
    ["SELECT 'North' AS region, 10.0 AS revenue", { kind: 'bar', x: 0, y: 1 }],
    ["SELECT 'North' AS region, 'x' AS label, true AS flag, 7::HUGEINT AS n, 2.0 AS m", { kind: 'bar', x: 0, y: 3 }],
    ["SELECT 'a'::ENUM('a', 'b') AS e, 1 AS n", { kind: 'bar', x: 0, y: 1 }],
  ])('%s → %o', (sql, expected) => {
    expect(chooseChart(columnsOf(sql))).toEqual(expected);
  });

  it.each([
    ["SELECT DATE '2024-01-01' AS d, 'x' AS label", /“label” is VARCHAR/],
    ["SELECT 'North' AS region, 'x' AS label", /need a numeric column/],
    ['SELECT 1 AS a, 2 AS b', /first column, “a”, is INTEGER/],
    ["SELECT 'North' AS region", /needs a second column/],
    ['SELECT [1] AS l, 2 AS n', /is INTEGER\[\]/],
  ])('%s → no chart, saying why', (sql, reason) => {
    const choice = chooseChart(columnsOf(sql));
    expect(choice.kind).toBe('none');
    if (choice.kind === 'none') expect(choice.reason).toMatch(reason);
  });
});

describe('chart data', () => {
  it('sorts a line by time, in seconds, and leaves out rows without a date', () => {
    const rows = [
      [Date.UTC(2024, 1, 1), 2],
      [null, 9],
      [Date.UTC(2024, 0, 1), 1],
      [Date.UTC(2024, 2, 1), null],
    ];
    const series = lineSeries(rows, { x: 0, ys: [1] });
    expect(Array.from(series.x)).toEqual([
      Date.UTC(2024, 0, 1) / 1000,
      Date.UTC(2024, 1, 1) / 1000,
      Date.UTC(2024, 2, 1) / 1000,
    ]);
    expect(series.ys).toEqual([[1, 2, null]]);
    expect(series.dropped).toBe(1);
  });

  it(`draws at most ${MAX_BARS} bars, in the result's order, with text for a missing label`, () => {
    const rows = Array.from({ length: MAX_BARS + 10 }, (_, i) => [
      i === 0 ? null : `r${i}`,
      i === 1 ? '12345678901234567890' : i,
    ]);
    const series = barSeries(rows, { x: 0, y: 1 });
    expect(series.labels).toHaveLength(MAX_BARS);
    expect(series.labels.slice(0, 3)).toEqual(['(null)', 'r1', 'r2']);
    // A BIGINT too big for a double arrives as text: it is a gap, not a wrong bar.
    expect(series.values.slice(0, 3)).toEqual([0, null, 2]);
    expect(series.total).toBe(MAX_BARS + 10);
  });
});
