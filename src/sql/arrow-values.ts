import { Type, util } from 'apache-arrow';
import type { SqlColumn, SqlColumnKind, SqlValue } from '../data/engine/sql-session';

/**
 * Turns the console's Arrow results into plain values, as `arrow-rows.ts` does for the app's
 * own queries: DATE and TIMESTAMP as epoch milliseconds (UTC wall time), BIGINT as a number
 * (as text when it does not fit a double exactly), DECIMAL as a number, and what has no plain
 * form (lists, structs, maps, blobs, intervals, times) as text for display.
 * Structural types, as in `arrow-rows.ts`: DuckDB's Node build bundles its own apache-arrow.
 */

/** The parts of an Arrow field the console reads. */
export interface ArrowFieldLike {
  readonly name: string;
  readonly type: ArrowTypeLike;
}

interface ArrowTypeLike {
  readonly typeId: number;
  readonly scale?: number;
  readonly precision?: number;
  readonly unit?: number;
  readonly bitWidth?: number;
  readonly isSigned?: boolean;
  readonly timezone?: string | null;
  readonly precisionName?: string;
  readonly children?: readonly ArrowFieldLike[];
  readonly dictionary?: ArrowTypeLike;
  readonly valueType?: ArrowTypeLike;
}

/** The parts of an Arrow column vector the console reads. */
export interface ArrowVectorLike {
  get(index: number): unknown;
  isValid(index: number): boolean;
  readonly data: readonly { readonly offset: number; readonly values: unknown }[];
}

/** The parts of an Arrow record batch the console reads. */
export interface ArrowBatchLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly ArrowFieldLike[] };
  getChildAt(index: number): ArrowVectorLike | null;
}

type Read = (vector: ArrowVectorLike, row: number) => SqlValue;

/** A column's name, DuckDB type name and kind, from its Arrow field. */
export function describeColumn(field: ArrowFieldLike): SqlColumn {
  const column: SqlColumn = { name: field.name, type: duckDbType(field.type), kind: kindOf(field.type) };
  return field.type.typeId === Type.Dictionary ? { ...column, note: enumNote(field.name) } : column;
}

/** The DuckDB name of an Arrow type as DuckDB-WASM sends it (INTEGER, VARCHAR, DECIMAL(18,2), INTEGER[]…). */
export function duckDbType(type: ArrowTypeLike): string {
  switch (type.typeId) {
    case Type.Null:
      return 'NULL';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Int: {
      const bits = type.bitWidth ?? 32;
      const name = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[bits] ?? 'INTEGER';
      return type.isSigned === false ? `U${name}` : name;
    }
    case Type.Float:
      return type.precision === 0 ? 'HALF' : type.precision === 1 ? 'FLOAT' : 'DOUBLE';
    case Type.Decimal:
      return `DECIMAL(${type.precision ?? 18},${type.scale ?? 0})`;
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'VARCHAR';
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return 'BLOB';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp: {
      const suffix = ['_S', '_MS', '', '_NS'][type.unit ?? 2] ?? '';
      return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : `TIMESTAMP${suffix}`;
    }
    case Type.Time:
      return 'TIME';
    case Type.Interval:
    case Type.Duration:
      return 'INTERVAL';
    case Type.List:
    case Type.FixedSizeList: {
      const child = type.children?.[0]?.type;
      return `${child ? duckDbType(child) : 'ANY'}[]`;
    }
    case Type.Struct:
      return `STRUCT(${(type.children ?? []).map((c) => `${c.name} ${duckDbType(c.type)}`).join(', ')})`;
    case Type.Map:
      return 'MAP';
    case Type.Dictionary:
      // DuckDB sends ENUM columns dictionary-encoded.
      return 'ENUM';
    default:
      return 'OTHER';
  }
}

/** How a column is shown, sorted and charted. */
export function kindOf(type: ArrowTypeLike): SqlColumnKind {
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return 'number';
    case Type.Bool:
      return 'boolean';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return 'text';
    case Type.Date:
      return 'date';
    case Type.Timestamp:
      return 'timestamp';
    default:
      return 'other';
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint as a number when exact, else as its digits (so 9007199254740993 is not shown as …992). */
function bigintValue(v: bigint): number | string {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
}

/**
 * A DECIMAL's unscaled value as a bigint, from its little-endian two's-complement words (Arrow's
 * own `bigNumToBigInt` returns a string for 128-bit values).
 */
function unscaledBigInt(v: { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }): bigint {
  const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
  const count = Math.floor(v.byteLength / 8);
  let value = 0n;
  for (let i = 0; i < count; i++) value |= view.getBigUint64(i * 8, true) << BigInt(64 * i);
  const bits = BigInt(64 * count);
  return count && value >> (bits - 1n) ? value - (1n << bits) : value;
}

/** An unscaled DECIMAL as exact text: 1234500n with scale 4 is "123.45" (trailing zeros dropped). */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The note on an ENUM column: DuckDB-WASM sends ENUM columns dictionary-encoded but without
 * their dictionary, so their labels cannot be read; cast to VARCHAR, they arrive as text.
 */
export function enumNote(name: string): string {
  const ref = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
  return `its ENUM labels cannot be read here (DuckDB-WASM does not send them); cast it to text, e.g. ${ref}::VARCHAR, to see them.`;
}

/** Picks, once per column, how its values become plain values. */
export function readerFor(type: ArrowTypeLike): Read {
  const plain: Read = (vector, row) => toPlain(vector.get(row));
  switch (type.typeId) {
    case Type.Int:
    case Type.Float:
      return (vector, row) => {
        const v = vector.get(row);
        return typeof v === 'bigint' ? bigintValue(v) : typeof v === 'number' ? v : null;
      };
    case Type.Decimal: {
      const scale = type.scale ?? 0;
      return (vector, row) => {
        const v = vector.get(row) as Parameters<typeof util.bigNumToNumber>[0] | null;
        if (v == null) return null;
        // A whole-number DECIMAL (HUGEINT arrives as DECIMAL(38,0)) keeps every digit when it is too big for a double.
        const whole = unscaledBigInt(v);
        if (scale === 0) return bigintValue(whole);
        // Past 2^53 a double loses digits (and Arrow's own conversion throws): exact text instead.
        if (whole > MAX_SAFE || whole < -MAX_SAFE) return decimalText(whole, scale);
        return util.bigNumToNumber(v, scale);
      };
    }
    case Type.Date:
    case Type.Timestamp:
      return (vector, row) => {
        const v = vector.get(row);
        return v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;
      };
    case Type.Time: {
      // Time values come in the field's unit: seconds, ms, µs or ns.
      const perSecond = [1, 1e3, 1e6, 1e9][type.unit ?? 2] ?? 1e6;
      return (vector, row) => {
        const v = vector.get(row);
        if (v == null) return null;
        return timeText(Number(v) / perSecond);
      };
    }
    case Type.Interval:
      return intervalReader(type);
    case Type.Bool:
      return (vector, row) => {
        const v = vector.get(row);
        return typeof v === 'boolean' ? v : null;
      };
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return (vector, row) => {
        const v = vector.get(row);
        return v == null ? null : String(v);
      };
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return (vector, row) => {
        const v = vector.get(row);
        return v instanceof Uint8Array ? blobText(v) : null;
      };
    default:
      // Lists, structs and maps: JSON text.
      return (vector, row) => {
        const v = plain(vector, row);
        return v == null ? null : typeof v === 'string' ? v : JSON.stringify(v);
      };
  }
}

/** Any Arrow value (vector, struct row, map row, bigint, bytes) as JSON-ready plain data. */
function toPlain(value: unknown): SqlValue {
  const json = JSON.stringify(jsonReady(value));
  return value == null ? null : (json ?? null);
}

function jsonReady(value: unknown): unknown {
  if (value == null) return null;
  if (typeof value === 'bigint') return bigintValue(value);
  if (value instanceof Uint8Array) return blobText(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  // Arrow's vectors and rows: a vector turns into an array, a struct or map row into an object.
  if (typeof withJson.toJSON === 'function') {
    const json = withJson.toJSON();
    if (json !== value) return jsonReady(json);
  }
  if (Symbol.iterator in value) return Array.from(value as Iterable<unknown>, jsonReady);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = jsonReady(v);
  return out;
}

/** A blob as DuckDB prints one: printable ASCII as is, other bytes as \xNN. */
function blobText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out +=
      b >= 0x20 && b < 0x7f && b !== 0x5c
        ? String.fromCharCode(b)
        : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Seconds since midnight as "HH:MM:SS" (with a fraction when there is one). */
function timeText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const whole = Math.floor(s);
  const micros = Math.round((s - whole) * 1e6);
  const fraction = micros ? `.${String(micros).padStart(6, '0').replace(/0+$/, '')}` : '';
  return `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(whole).padStart(2, '0')}${fraction}`;
}

/**
 * Intervals are read from the raw buffer: apache-arrow 17 decodes MONTH_DAY_NANO wrongly.
 * Each value is 16 bytes: months and days (int32), then nanoseconds (int64, low word first).
 */
function intervalReader(type: ArrowTypeLike): Read {
  return (vector, row) => {
    if (!vector.isValid(row)) return null;
    const data = vector.data[0];
    const values = data?.values;
    if (type.unit !== 2 || !(values instanceof Int32Array) || !data) return toPlain(vector.get(row));
    const at = (data.offset + row) * 4;
    const months = values[at] ?? 0;
    const days = values[at + 1] ?? 0;
    const nanos = (BigInt(values[at + 3] ?? 0) << 32n) + BigInt((values[at + 2] ?? 0) >>> 0);
    return intervalText(months, days, Number(nanos / 1000n) / 1e6);
  };
}

/** An interval as DuckDB prints one, e.g. "1 year 2 months 3 days 04:05:06". */
export function intervalText(months: number, days: number, seconds: number): string {
  const parts: string[] = [];
  const unit = (n: number, word: string) => {
    if (n !== 0) parts.push(`${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`);
  };
  unit(Math.trunc(months / 12), 'year');
  unit(months % 12, 'month');
  unit(days, 'day');
  if (seconds !== 0 || parts.length === 0) parts.push(timeText(seconds));
  return parts.join(' ');
}

/**
 * Appends up to `limit` rows of `batch`, from row `start` on, to `rows` (each row an array in
 * column order) and returns how many it appended. Converting a batch a slice at a time (with
 * `start`) lets the caller give the main thread back between slices.
 */
export function appendRows(
  batch: ArrowBatchLike,
  readers: readonly Read[],
  rows: SqlValue[][],
  limit: number,
  start = 0,
): number {
  const from = Math.max(0, Math.floor(start));
  const end = Math.min(batch.numRows, from + Math.max(0, limit));
  const n = Math.max(0, end - from);
  const vectors = readers.map((_, c) => batch.getChildAt(c));
  for (let r = from; r < end; r++) {
    const row = new Array<SqlValue>(readers.length);
    for (let c = 0; c < readers.length; c++) {
      const vector = vectors[c];
      row[c] = vector && vector.isValid(r) ? readers[c]!(vector, r) : null;
    }
    rows.push(row);
  }
  return n;
}
