import type { SqlColumn, SqlValue } from '../../data/engine/sql-session';
import { cellText, csvValue, sortValue } from '../../sql/cell-text';
import type { VirtualColumn } from '../VirtualTable';

/** A table column showing one result column as the console does: its text, sort order and CSV value. */
export function resultColumn<T>(column: SqlColumn, valueOf: (row: T) => SqlValue): VirtualColumn<T> {
  return {
    header: column.name,
    numeric: column.kind === 'number',
    cell: (row) => cellText(valueOf(row), column),
    sortValue: (row) => sortValue(valueOf(row), column),
    csvValue: (row) => csvValue(valueOf(row), column),
  };
}
