/** A column of an export: its header and how to get a row's raw value. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' —
// unless it is a plain number, which keeps its sign.
const FORMULA = /^[=+\-@\t\r]/;

function cell(value: string | number | null | undefined): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as RFC 4180 CSV (CRLF line ends, quoted where needed), safe to open in a spreadsheet. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A query's table (column names, one array per row) as CSV; values other than text and numbers are written as text. */
export function tableToCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const csvColumns = columns.map((header, i): CsvColumn<readonly unknown[]> => ({
    header,
    value: (row) => plain(row[i]),
  }));
  return toCsv(csvColumns, rows);
}

function plain(value: unknown): string | number | null {
  if (value == null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
