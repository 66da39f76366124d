import type { Row } from '../data/engine/connector';
import { API_ROW_LIMIT, type ApiContext, type ApiRows } from './types';

/** An answer's rows, cut to {@link API_ROW_LIMIT}, with their number. */
export function limited(rows: Row[]): ApiRows {
  return { rows: rows.length > API_ROW_LIMIT ? rows.slice(0, API_ROW_LIMIT) : rows, total: rows.length };
}

/**
 * An answer held as columns (typed arrays, one entry per row) as rows: every field holding
 * `length` values becomes a column. Other fields (scalars, nested inputs) are left out. Only
 * the first {@link API_ROW_LIMIT} rows are built.
 */
export function columnsToRows(columns: object, length: number): ApiRows {
  const fields = Object.entries(columns).filter(
    ([, v]) => (Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length === length,
  ) as [string, ArrayLike<unknown>][];
  const rows: Row[] = [];
  for (let i = 0; i < Math.min(length, API_ROW_LIMIT); i++) {
    const row: Row = {};
    for (const [key, values] of fields) row[key] = values[i];
    rows.push(row);
  }
  return { rows, total: length };
}

/** A period's figures as a row, tagged with which period it is. */
export function tagged(tag: string, value: object, key = 'period'): Row {
  return { [key]: tag, ...value };
}

/** A call's `run` from a function answering with all its rows. */
export function rowsOf(answer: (c: ApiContext) => Promise<Row[]>): (c: ApiContext) => Promise<ApiRows> {
  return async (c) => limited(await answer(c));
}
