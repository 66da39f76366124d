import { Type, util } from 'apache-arrow';
import type { Columns, Row } from './connector';

/**
 * The parts of an Arrow table we read. Structural on purpose: DuckDB's Node build bundles
 * its own copy of apache-arrow, so `instanceof Table` is not reliable across builds.
 */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly ArrowFieldLike[] };
  getChildAt(index: number): { get(index: number): unknown; toArray(): ArrayLike<unknown> & Iterable<unknown> } | null;
}

interface ArrowFieldLike {
  readonly name: string;
  readonly type: { readonly typeId: number; readonly scale?: number };
}

type Convert = (value: unknown) => unknown;

const identity: Convert = (v) => v;

/** Picks, once per column, how its values become plain JS values. */
function converterFor(type: ArrowFieldLike['type']): Convert {
  switch (type.typeId) {
    case Type.Int:
    case Type.Int64:
    case Type.Uint64:
      // BIGINT counts and sums arrive as bigint; our figures fit a double.
      return (v) => (typeof v === 'bigint' ? Number(v) : v);
    case Type.Decimal: {
      const scale = type.scale ?? 0;
      return (v) => (v == null ? v : util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], scale));
    }
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
    case Type.Timestamp:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
    case Type.TimestampSecond:
      // DuckDB-WASM already hands these over as epoch milliseconds (UTC wall time).
      return (v) => (v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : v);
    case Type.List:
    case Type.FixedSizeList:
      // Arrow vectors are iterable: hand over a plain array.
      return (v) => Array.from(v as Iterable<unknown>, (x) => (typeof x === 'bigint' ? Number(x) : x));
    default:
      return identity;
  }
}

/** Converts an Arrow result into plain rows: bigint → number, DECIMAL → number, dates → epoch ms. */
export function arrowToRows<T extends Row = Row>(table: ArrowTableLike): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((field, i) => ({
    name: field.name,
    vector: table.getChildAt(i),
    convert: converterFor(field.type),
  }));
  const rows: T[] = new Array<T>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (const col of columns) {
      const raw = col.vector ? col.vector.get(r) : null;
      row[col.name] = raw == null ? null : col.convert(raw);
    }
    rows[r] = row as T;
  }
  return rows;
}

/**
 * An Arrow result as whole columns (`Vector.toArray()`): INTEGER and DOUBLE become Int32Array
 * and Float64Array without copying row by row. Nulls are not marked, so queries feeding this
 * coalesce their nullable columns; BIGINT is refused because it would arrive as BigInt64Array.
 */
export function arrowToColumns(table: ArrowTableLike): Columns {
  const columns: Columns = {};
  table.schema.fields.forEach((field, i) => {
    if (field.type.typeId === Type.Int && (field.type as { bitWidth?: number }).bitWidth === 64) {
      throw new Error(`Column ${field.name} is BIGINT: cast it to INTEGER or DOUBLE for a columnar result.`);
    }
    columns[field.name] = table.getChildAt(i)?.toArray() ?? [];
  });
  return columns;
}
