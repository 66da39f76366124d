import { createMemo, type JSX } from 'solid-js';
import type { Row } from '../data/engine/connector';
import { VirtualTable, type VirtualColumn } from './VirtualTable';

/** A value as table text: numbers and text as they are, lists and records as JSON, null as empty. */
export function cellText(value: unknown): string {
  if (value == null) return '';
  // Twelve significant digits hide binary noise (241435.28999999998) and keep every real digit of money.
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(Number(value.toPrecision(12)));
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return JSON.stringify(Array.from(value as unknown as ArrayLike<number>));
  return JSON.stringify(value);
}

/** Every key of any row, in first-seen order (rows of one answer may leave some out). */
function keysOf(rows: readonly Row[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/** Rows of any shape, one column per key, virtualised and sortable, with a CSV download. */
export function RowsTable(props: {
  caption: string;
  rows: readonly Row[];
  filename: string;
  testId?: string;
}): JSX.Element {
  const columns = createMemo((): VirtualColumn<Row>[] =>
    keysOf(props.rows).map((key) => {
      const numeric = props.rows.some((r) => typeof r[key] === 'number');
      return {
        header: key,
        cell: (r: Row) => cellText(r[key]),
        numeric,
        sortValue: (r: Row) => {
          const v = r[key];
          if (typeof v === 'number') return Number.isNaN(v) ? null : v;
          return v == null ? null : cellText(v);
        },
      };
    }),
  );
  const positions = createMemo(() => new Map(props.rows.map((r, i) => [r, String(i)])));
  return (
    <VirtualTable
      caption={props.caption}
      columns={columns()}
      rows={props.rows}
      rowKey={(r) => positions().get(r) ?? ''}
      filename={props.filename}
      height={320}
      {...(props.testId ? { testId: props.testId } : {})}
    />
  );
}
