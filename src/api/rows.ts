import type { Row } from '../data/engine/connector';

/**
 * An answer held as columns (typed arrays, one entry per row) as rows: every field holding
 * `length` values becomes a column. Other fields (scalars, nested inputs) are left out.
 */
export function columnsToRows(columns: object, length: number, names?: Readonly<Record<string, string>>): Row[] {
  const fields = Object.entries(columns).filter(
    ([, v]) => (Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length === length,
  ) as [string, ArrayLike<unknown>][];
  const rows: Row[] = [];
  for (let i = 0; i < length; i++) {
    const row: Row = {};
    for (const [key, values] of fields) row[names?.[key] ?? key] = values[i];
    rows.push(row);
  }
  return rows;
}

/** A period's figures as a row, tagged with which period it is. */
export function tagged(tag: string, value: object, key = 'period'): Row {
  return { [key]: tag, ...value };
}
