import { createMemo, type JSX } from 'solid-js';
import type { Row } from '../data/engine/connector';
import type { SqlColumn, SqlValue } from '../data/engine/sql-session';
import { resultColumn } from './sql/result-column';
import { VirtualTable, type VirtualColumn } from './VirtualTable';

/** A JS value as the console would hold it: lists and records as JSON text. */
function asSqlValue(value: unknown): SqlValue {
  if (value == null || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (ArrayBuffer.isView(value)) return JSON.stringify(Array.from(value as unknown as ArrayLike<number>));
  return JSON.stringify(value);
}

/**
 * Rows of any shape, one column per key of the first rows, virtualised and sortable, with a CSV
 * download. Cells read as in the SQL console (same text, NULL for a missing value), so a call's
 * rows and its SQL's rows can be compared by eye.
 */
export function RowsTable(props: {
  caption: string;
  rows: readonly Row[];
  filename: string;
  testId?: string;
}): JSX.Element {
  const columns = createMemo((): VirtualColumn<number>[] => {
    // Answers are uniform: the first rows name every column, without a pass over all of them.
    const sample = props.rows.slice(0, 50);
    const keys = [...new Set(sample.flatMap((r) => Object.keys(r)))];
    return keys.map((key) => {
      const column: SqlColumn = {
        name: key,
        type: '',
        kind: sample.some((r) => typeof r[key] === 'number') ? 'number' : 'text',
      };
      return resultColumn<number>(column, (i) => asSqlValue(props.rows[i]?.[key]));
    });
  });
  // Rows are keyed by their place: the table never needs the objects themselves.
  const indexes = createMemo(() => Array.from(props.rows, (_, i) => i));
  return (
    <VirtualTable
      caption={props.caption}
      columns={columns()}
      rows={indexes()}
      rowKey={String}
      filename={props.filename}
      height={320}
      {...(props.testId ? { testId: props.testId } : {})}
    />
  );
}
