import type { SqlColumn, SqlValue } from '../data/engine/sql-session';

/**
 * How the console shows a value: as DuckDB would print it, not in the app's locale style, so
 * what is on screen can be pasted back into SQL. Dates and timestamps are UTC wall times.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2024-01-31" for an epoch-ms DATE. */
export function dateText(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const y = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-01-31 13:45:00" (with milliseconds when there are any) for an epoch-ms TIMESTAMP. */
export function timestampText(ms: number): string {
  const d = new Date(ms);
  const millis = d.getUTCMilliseconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${millis ? `.${pad(millis, 3)}` : ''}`;
  return `${dateText(ms)} ${time}`;
}

/** A cell's text; NULL for a missing value. */
export function cellText(value: SqlValue, column: SqlColumn): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (column.kind === 'date') return dateText(value);
    if (column.kind === 'timestamp') {
      return `${timestampText(value)}${column.type === 'TIMESTAMP WITH TIME ZONE' ? '+00' : ''}`;
    }
    return String(value);
  }
  return String(value);
}

/** A cell's value for sorting: numbers (dates as epoch ms) sort as numbers, the rest as text, NULL last. */
export function sortValue(value: SqlValue, column: SqlColumn): number | string | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // An oversized BIGINT arrives as digits: keep it numeric for ordering (approximately).
  if (column.kind === 'number') return Number(value);
  return value;
}

/** A cell's value in the CSV file: numbers raw, dates as printed, NULL as an empty field. */
export function csvValue(value: SqlValue, column: SqlColumn): string | number | null {
  if (value === null) return null;
  if (typeof value === 'number' && column.kind !== 'date' && column.kind !== 'timestamp') return value;
  return cellText(value, column);
}
