import { toCsv, type CsvColumn } from './csv';
import { pseudonyms } from './pseudonymise';

/** A table column (DataTable's `Column`): what it shows, how it sorts, and what its CSV export holds. */
export interface TableCsvColumn<T> {
  header: string;
  /** The shown text (never HTML). */
  cell: (row: T) => string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The raw value to sort by; a column without one cannot be sorted. */
  sortValue?: (row: T) => number | string | null;
  /** The raw value for the file (a number a spreadsheet can add up, not "$1.2k"). */
  csvValue?: (row: T) => string | number | null;
  /** The column holds customer ids, which an export may pseudonymise. */
  customerId?: true;
}

/**
 * A cell's value in the file: `csvValue` if given; else a numeric column's sort value, which
 * is its raw number (0.23, not "23%"); else the shown text.
 */
export function csvValueOf<T>(c: TableCsvColumn<T>, row: T): string | number | null {
  if (c.csvValue) return c.csvValue(row);
  if (c.numeric && c.sortValue) return c.sortValue(row);
  return c.cell(row);
}

/** A table's rows as CSV; with a salt, customer-id columns hold pseudonyms (same as `pseudonymSql`). */
export async function tableCsv<T>(
  columns: readonly TableCsvColumn<T>[],
  rows: readonly T[],
  pseudonymiseSalt?: string,
): Promise<string> {
  let names: Map<string, string> | undefined;
  if (pseudonymiseSalt !== undefined) {
    const ids = columns.filter((c) => c.customerId).flatMap((c) => rows.map((r) => csvValueOf(c, r)));
    names = await pseudonyms(ids.filter((v) => v != null).map(String), pseudonymiseSalt);
  }
  const csvColumns = columns.map((c): CsvColumn<T> => ({
    header: c.header,
    value: (row) => {
      const v = csvValueOf(c, row);
      if (!c.customerId || !names || v == null) return v;
      return names.get(String(v)) ?? null; // never the real id
    },
  }));
  return toCsv(csvColumns, rows);
}
