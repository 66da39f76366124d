import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/data/engine/connector';
import { dateSql, numberSql } from '../../src/data/import/value-sql';
import { dateShape, parseNumber, type DateOrder, type DecimalMark } from '../../src/data/import/value-shapes';
import { nodeDuckDb } from '../helpers/node-duckdb';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await nodeDuckDb();
}, 60_000);
afterAll(() => db.close());

// [text, decimal mark, number a person means by it (null: not a number)]
const NUMBERS: [string, DecimalMark, number | null][] = [
  ['12', '.', 12],
  ['-3.5', '.', -3.5],
  ['1e-3', '.', 0.001],
  ['$1,234.50', '.', 1234.5],
  ['USD 3,000.00', '.', 3000],
  ['(15.00)', '.', -15],
  ['$-12.00', '.', -12],
  ['12.50-', '.', -12.5],
  ['1.234,50 €', ',', 1234.5],
  ['5,00 €', ',', 5],
  ['-5,00 €', ',', -5],
  ['1 234,5', ',', 1234.5],
  ["1'234.50", '.', 1234.5],
  ['20%', '.', 20],
  ['12.3.4.5', '.', null],
  ['abc', '.', null],
  ['N/A', '.', null],
  ['twelve', '.', null],
  ['7 units', '.', null],
  ['-', '.', null],
  ['1,2,3', '.', null],
  ['bad2', '.', null],
  ['x10', '.', null],
  ['#12', '.', null],
  ['EUR 12,50', ',', 12.5],
  ['kr 12', '.', 12],
];

describe('numbers written for people', () => {
  it.each(NUMBERS)('%s (decimal "%s") is %s in JavaScript', (text, decimal, expected) => {
    expect(parseNumber(text, decimal)).toBe(expected);
  });

  it.each(NUMBERS)('%s (decimal "%s") is %s in SQL', async (text, decimal, expected) => {
    const [row] = await db.query<{ n: number | null }>(
      `SELECT ${numberSql('v', decimal)} AS n FROM (SELECT ?::VARCHAR AS v)`,
      [text],
    );
    expect(row?.n).toBe(expected);
  });
});

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

// [text, the column's order, the instant meant (null: not a date)]
const DATES: [string, DateOrder, number | null][] = [
  ['2024-03-04', 'ymd', utc(2024, 3, 4)],
  ['2024-03-04 10:11:12', 'ymd', utc(2024, 3, 4, 10, 11, 12)],
  ['2024-03-04T10:11:12Z', 'ymd', utc(2024, 3, 4, 10, 11, 12)],
  ['2024/3/4', 'ymd', utc(2024, 3, 4)],
  ['12/1/2010 8:26', 'mdy', utc(2010, 12, 1, 8, 26)],
  ['3/4/24', 'mdy', utc(2024, 3, 4)],
  ['03/04/2024 02:05 PM', 'mdy', utc(2024, 3, 4, 14, 5)],
  ['15.03.2024', 'dmy', utc(2024, 3, 15)],
  ['04-03-2024 10:00:00', 'dmy', utc(2024, 3, 4, 10)],
  ['4 Mar 2024', 'named', utc(2024, 3, 4)],
  ['Mar 4, 2024', 'named', utc(2024, 3, 4)],
  ['45355', 'serial', utc(2024, 3, 4)],
  ['2024-01-15 10:23:40 -0500', 'ymd', utc(2024, 1, 15, 10, 23, 40)],
  ['1/5/2024 9:05 a.m.', 'mdy', utc(2024, 1, 5, 9, 5)],
  ['03-JAN-24', 'named', utc(2024, 1, 3)],
  ['January 3, 2024 2:15 pm', 'named', utc(2024, 1, 3, 14, 15)],
  ['3 January 2024 14:05', 'named', utc(2024, 1, 3, 14, 5)],
  ['2024-13-45', 'ymd', null],
  ['not a date', 'ymd', null],
  ['31/02/2024', 'dmy', null],
];

describe('dates in the orders exports use', () => {
  it.each(DATES)('%s read as %s', async (text, order, expected) => {
    const [row] = await db.query<{ ts: number | null }>(
      `SELECT ${dateSql('v', order)} AS ts FROM (SELECT ?::VARCHAR AS v)`,
      [text],
    );
    expect(row?.ts).toBe(expected);
  });

  it('tells which values decide day/month order', () => {
    expect(dateShape('13/02/2024')).toMatchObject({ order: 'mdy', firstOver12: true, secondOver12: false });
    expect(dateShape('02/13/2024')).toMatchObject({ order: 'mdy', firstOver12: false, secondOver12: true });
    expect(dateShape('2024-02-13')).toEqual({ order: 'ymd' });
    expect(dateShape('13/13/2024')).toBeNull();
    for (const [text, order] of DATES.filter(([, , ms]) => ms !== null && true)) {
      if (order !== 'serial') expect(dateShape(text), text).not.toBeNull();
    }
  });
});
