/**
 * Parquet → Arrow IPC, in JavaScript. DuckDB-WASM's npm package has no parquet extension (it
 * would download one at run time, which fails offline), so Parquet is read with hyparquet and
 * handed to DuckDB as an Arrow IPC stream (`Connector.insertArrowIpc`).
 *
 * Pure module: no DOM, no Solid, no worker APIs. Runs in a Web Worker and in Node.
 */
import {
  asyncBufferFromUrl,
  cachedAsyncBuffer,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type ColumnData,
  type FileMetaData,
  type ParquetParsers,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import {
  Bool,
  Field,
  Float64,
  Int32,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMillisecond,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';

export type { AsyncBuffer } from 'hyparquet';

export interface ParquetColumnInfo {
  name: string;
  type: 'number' | 'string' | 'timestamp' | 'boolean' | 'other';
}

export interface ParquetInfo {
  rows: number;
  columns: ParquetColumnInfo[];
}

/** What went wrong, for callers that pick their own wording or recovery. */
export type ParquetErrorCode =
  'empty' | 'not-parquet' | 'truncated' | 'encrypted' | 'damaged' | 'unsupported' | 'unknown-column' | 'network';

/** A Parquet failure with a message for users; `column` names the column when one is to blame. */
export class ParquetError extends Error {
  readonly code: ParquetErrorCode;
  readonly column: string | undefined;
  constructor(code: ParquetErrorCode, message: string, options?: { cause?: unknown; column?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ParquetError';
    this.code = code;
    this.column = options?.column;
  }
}

/** An AsyncBuffer over a URL, saying whether the server honoured HTTP Range requests. */
export interface UrlAsyncBuffer extends AsyncBuffer {
  readonly url: string;
  /** File name for messages (last path segment of the URL). */
  readonly name: string;
  /** 'yes' once a 206 came back, 'no' once a Range request was answered with the whole file. */
  readonly rangeSupport: 'unknown' | 'yes' | 'no';
  /** A note for the user when the whole file had to be downloaded, else undefined. */
  readonly warning: string | undefined;
}

export interface ParquetImportOptions {
  /** Top-level columns to read, in this order; all when omitted. */
  columns?: string[];
  /** Called with (0, total) first, then after each row group. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Checked between row groups; an abort rejects with a DOMException named 'AbortError'. */
  signal?: AbortSignal;
  /** The file's name, for messages (defaults to the source's `name`, else "This file"). */
  name?: string;
  /** Stop after the row group that reaches this many rows (a preview reads only the start). */
  rowLimit?: number;
}

export const NO_RANGE_SUPPORT =
  'The server did not allow reading parts of the file (no HTTP Range support), so the whole file was downloaded.';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
const MAGIC_ENCRYPTED = [0x50, 0x41, 0x52, 0x45]; // "PARE": encrypted footer
const DAY_MS = 86_400_000;
const TWO_53 = 2n ** 53n;
/** First footer read. The footer of a file with few columns is a few KB; larger ones take a second read. */
const FOOTER_FETCH = 1 << 16;
const utf8 = new TextDecoder();

/**
 * Parsers hyparquet uses for rich types. Timestamps stay Dates (nested values become ISO text
 * in JSON), but micro/nanoseconds are floored rather than truncated towards zero, so instants
 * before 1970 land on the right millisecond. JSON stays text: no parse, no parse failures.
 */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMicroseconds: (micros: bigint) => new Date(Number(floorDiv(micros, 1000n))),
  timestampFromNanoseconds: (nanos: bigint) => new Date(Number(floorDiv(nanos, 1_000_000n))),
  jsonFromBytes: (bytes: Uint8Array | undefined) => (bytes ? utf8.decode(bytes) : bytes),
};

const SUPPORTED_CODECS = new Set<string>(['UNCOMPRESSED', ...Object.keys(compressors)]);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function abortError(): DOMException {
  return new DOMException('The Parquet import was cancelled.', 'AbortError');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** Rejects as soon as `signal` aborts, even while a (network) read is still under way. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function isAbortError(err: unknown): boolean {
  return (err instanceof Error || err instanceof DOMException) && err.name === 'AbortError';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function labelOf(source: AsyncBuffer, name: string | undefined): string {
  if (name) return name;
  const own = (source as Partial<Record<'name', unknown>>).name;
  return typeof own === 'string' && own ? own : 'This file';
}

function hasMagic(bytes: Uint8Array, at: number, magic: readonly number[] = MAGIC): boolean {
  if (at < 0 || at + 4 > bytes.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/** Whether bytes start (and end) with the Parquet magic "PAR1". */
export function isParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && hasMagic(bytes, 0) && hasMagic(bytes, bytes.length - 4);
}

/** An AsyncBuffer over bytes already in memory (a File's arrayBuffer). */
export function parquetFromBytes(bytes: ArrayBuffer | Uint8Array, name?: string): AsyncBuffer & { name?: string } {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return {
    byteLength: view.byteLength,
    // A copy, so hyparquet can hold on to it (and the DataViews it builds start at 0).
    slice: (start: number, end?: number) => view.slice(start, end).buffer,
    ...(name ? { name } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Footer

/** Why the footer could not be read, in words: looks at the first and last bytes. */
async function footerError(source: AsyncBuffer, label: string, cause: unknown): Promise<ParquetError> {
  const size = source.byteLength;
  if (size === 0) {
    return new ParquetError('empty', `${label} is empty (0 bytes): there is nothing to import.`, { cause });
  }
  const head = new Uint8Array(await source.slice(0, Math.min(4, size)));
  const tail = new Uint8Array(await source.slice(Math.max(0, size - 8), size));
  const startsRight = hasMagic(head, 0);
  if (hasMagic(tail, tail.length - 4, MAGIC_ENCRYPTED)) {
    return new ParquetError('encrypted', `${label} is an encrypted Parquet file, which cannot be read here.`, {
      cause,
    });
  }
  if (!hasMagic(tail, tail.length - 4)) {
    return startsRight
      ? new ParquetError(
          'truncated',
          `${label} is truncated: it starts like a Parquet file but does not end with PAR1 (was it fully downloaded or copied?).`,
          { cause },
        )
      : new ParquetError('not-parquet', `${label} is not a Parquet file: it does not end with PAR1.`, { cause });
  }
  if (size < 12) {
    return new ParquetError('not-parquet', `${label} is not a Parquet file: it is only ${size} bytes long.`, { cause });
  }
  const footerLength = new DataView(tail.buffer, tail.byteOffset + tail.length - 8, 4).getUint32(0, true);
  if (footerLength > size - 8) {
    return new ParquetError(
      startsRight ? 'truncated' : 'damaged',
      `${label} is ${startsRight ? 'truncated' : 'damaged'}: its footer says the metadata takes ${footerLength} bytes, but the file has only ${size}.`,
      { cause },
    );
  }
  return new ParquetError('damaged', `${label} has a damaged Parquet footer: ${messageOf(cause)}`, { cause });
}

async function readMetadata(source: AsyncBuffer, label: string): Promise<FileMetaData> {
  if (source.byteLength < 12) throw await footerError(source, label, new Error('file too short'));
  try {
    return await parquetMetadataAsync(source, { parsers: PARSERS, initialFetchSize: FOOTER_FETCH });
  } catch (err) {
    if (err instanceof ParquetError) throw err; // e.g. a network failure
    throw await footerError(source, label, err);
  }
}

// ---------------------------------------------------------------------------------------------
// Column plans: how each Parquet column becomes one Arrow column.

type Target =
  | { arrow: 'float64'; value: (v: unknown) => number | null }
  | { arrow: 'int32'; value: (v: unknown) => number | null }
  | { arrow: 'timestamp'; value: (v: unknown) => number | null }
  | { arrow: 'bool'; value: (v: unknown) => boolean | null }
  | { arrow: 'utf8'; value: (v: unknown) => string | null };

interface ColumnPlan {
  name: string;
  type: ParquetColumnInfo['type'];
  target: Target;
  /** INT64 (or UINT64): becomes Float64 if every value is within ±2^53, else decimal text. */
  int64: boolean;
  /** Why the column cannot be read, if it cannot. */
  unsupported?: string;
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** Two's-complement big-endian bytes (DECIMAL in a byte array) as a bigint. */
function bigintFromBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  const bits = BigInt(bytes.length * 8);
  return bytes.length && value >= 1n << (bits - 1n) ? value - (1n << bits) : value;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value >= -TWO_53 && value <= TWO_53 ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return utf8.decode(value);
  if (value === undefined) return null;
  return value;
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8.decode(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return JSON.stringify(v, jsonReplacer) ?? null;
}

function toJsonText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return JSON.stringify(v, jsonReplacer) ?? null;
}

function timeText(v: unknown, unit: 'MILLIS' | 'MICROS' | 'NANOS'): string | null {
  if (typeof v !== 'number' && typeof v !== 'bigint') return null;
  const perSecond = unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1_000_000n : 1_000_000_000n;
  const digits = unit === 'MILLIS' ? 3 : unit === 'MICROS' ? 6 : 9;
  const total = BigInt(v);
  const seconds = floorDiv(total, perSecond);
  const fraction = total - seconds * perSecond;
  const two = (n: bigint): string => n.toString().padStart(2, '0');
  const hms = `${two(seconds / 3600n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}`;
  return fraction === 0n ? hms : `${hms}.${fraction.toString().padStart(digits, '0')}`;
}

function planColumn(node: SchemaTree, label: string): ColumnPlan {
  const el: SchemaElement = node.element;
  const name = el.name;
  const ct = el.converted_type;
  const lt = el.logical_type;
  const plan = (type: ParquetColumnInfo['type'], target: Target, extra: Partial<ColumnPlan> = {}): ColumnPlan => ({
    name,
    type,
    target,
    int64: false,
    ...extra,
  });
  const json = (): ColumnPlan => plan('other', { arrow: 'utf8', value: toJsonText });
  const text = (): ColumnPlan => plan('string', { arrow: 'utf8', value: toText });
  const float = (value: (v: unknown) => number | null = toNumber): ColumnPlan =>
    plan('number', { arrow: 'float64', value });
  const unsupported = (what: string): ColumnPlan =>
    plan(
      'other',
      { arrow: 'utf8', value: toText },
      {
        unsupported: `Column "${name}" of ${label} has the Parquet type ${what}, which cannot be imported: leave the column out.`,
      },
    );

  // Lists, maps, structs, variants and repeated fields arrive assembled: keep them as JSON text.
  if (node.children.length > 0 || el.repetition_type === 'REPEATED') return json();
  if (ct === 'INTERVAL' || lt?.type === 'INTERVAL') return unsupported('INTERVAL');
  if (ct === 'BSON' || lt?.type === 'BSON') return unsupported('BSON');
  if (lt?.type === 'GEOMETRY' || lt?.type === 'GEOGRAPHY') return json(); // GeoJSON
  if (ct === 'DECIMAL') return float();
  if (lt?.type === 'DECIMAL') {
    // Without the legacy annotation hyparquet hands over the unscaled integers.
    const divisor = 10 ** lt.scale;
    return float((v) => {
      if (v instanceof Uint8Array) return Number(bigintFromBytes(v)) / divisor;
      const n = toNumber(v);
      return n === null ? null : n / divisor;
    });
  }
  const timestamp = (days: boolean): ColumnPlan =>
    plan('timestamp', {
      arrow: 'timestamp',
      value: (v) => {
        const ms = v instanceof Date ? v.getTime() : typeof v === 'number' && days ? v * DAY_MS : toNumber(v);
        if (ms !== null && !Number.isFinite(ms)) {
          throw new ParquetError(
            'unsupported',
            `Column "${name}" of ${label} holds a date outside the range that can be imported.`,
            { column: name },
          );
        }
        return ms;
      },
    });
  if (ct === 'DATE') return timestamp(false);
  if (lt?.type === 'DATE') return timestamp(true); // no legacy annotation: raw day numbers
  if (ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS' || lt?.type === 'TIMESTAMP') return timestamp(false);
  if (el.type === 'INT96' && !ct) return timestamp(false);
  if (ct === 'TIME_MILLIS' || ct === 'TIME_MICROS' || lt?.type === 'TIME') {
    const unit = lt?.type === 'TIME' ? lt.unit : ct === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS';
    return plan('other', { arrow: 'utf8', value: (v) => timeText(v, unit) });
  }
  if (
    ct === 'UTF8' ||
    ct === 'ENUM' ||
    ct === 'JSON' ||
    lt?.type === 'STRING' ||
    lt?.type === 'ENUM' ||
    lt?.type === 'JSON'
  ) {
    return text();
  }
  if (lt?.type === 'UUID') return text();
  if (lt?.type === 'FLOAT16') return float();
  switch (el.type) {
    case 'BOOLEAN':
      return plan('boolean', { arrow: 'bool', value: (v) => (typeof v === 'boolean' ? v : null) });
    case 'INT32': {
      const unsigned32 = ct === 'UINT_32' || (lt?.type === 'INTEGER' && lt.bitWidth === 32 && !lt.isSigned);
      return unsigned32 ? float() : plan('number', { arrow: 'int32', value: toNumber });
    }
    case 'INT64':
      return plan('number', { arrow: 'float64', value: toNumber }, { int64: true });
    case 'FLOAT':
    case 'DOUBLE':
      return float();
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return text(); // no string annotation: read as UTF-8 text anyway (lossy)
    case 'INT96':
      return text();
    default:
      return unsupported(el.type ?? 'group');
  }
}

/** INT64 column as decimal text: some values do not fit a double exactly. */
function asInt64Text(plan: ColumnPlan): ColumnPlan {
  return { ...plan, type: 'string', target: { arrow: 'utf8', value: toText }, int64: false };
}

function fitsDouble(v: unknown): boolean {
  if (typeof v === 'bigint') return v >= -TWO_53 && v <= TWO_53;
  if (typeof v === 'number') return Math.abs(v) <= 2 ** 53;
  return false;
}

/** Whether every row group's statistics put an INT64 column within ±2^53; undefined if unknown. */
function int64FitsByStatistics(metadata: FileMetaData, name: string, unsigned: boolean): boolean | undefined {
  for (const group of metadata.row_groups) {
    const meta = group.columns.find(
      (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name,
    )?.meta_data;
    if (!meta) return undefined;
    const stats = meta.statistics;
    if (stats?.null_count !== undefined && stats.null_count === meta.num_values) continue; // all null
    // The deprecated min/max compared unsigned values as signed: only trust them for signed columns.
    const min = stats?.min_value ?? (unsigned ? undefined : stats?.min);
    const max = stats?.max_value ?? (unsigned ? undefined : stats?.max);
    if (min === undefined || max === undefined) return undefined;
    if (!fitsDouble(min) || !fitsDouble(max)) return false;
  }
  return true;
}

function topLevelColumns(metadata: FileMetaData): SchemaTree[] {
  return parquetSchema(metadata).children;
}

function planColumns(metadata: FileMetaData, label: string): ColumnPlan[] {
  return topLevelColumns(metadata).map((node) => {
    const plan = planColumn(node, label);
    if (!plan.int64) return plan;
    const el = node.element;
    const unsigned =
      el.converted_type === 'UINT_64' || (el.logical_type?.type === 'INTEGER' && !el.logical_type.isSigned);
    const fits = int64FitsByStatistics(metadata, plan.name, unsigned);
    if (fits === false) return asInt64Text(plan);
    // Unknown without statistics: parquetToArrowIpc scans the column first; parquetInfo says number.
    return fits === true ? { ...plan, int64: false } : plan;
  });
}

function info(plan: ColumnPlan): ParquetColumnInfo {
  return { name: plan.name, type: plan.type };
}

/** Reads only the footer: column names, logical types, row count. */
export async function parquetInfo(source: AsyncBuffer, options: { name?: string } = {}): Promise<ParquetInfo> {
  const label = labelOf(source, options.name);
  const metadata = await readMetadata(source, label);
  return { rows: Number(metadata.num_rows), columns: planColumns(metadata, label).map(info) };
}

// ---------------------------------------------------------------------------------------------
// Reading row groups

interface Group {
  index: number;
  start: number;
  rows: number;
}

function rowGroups(metadata: FileMetaData): Group[] {
  const groups: Group[] = [];
  let start = 0;
  metadata.row_groups.forEach((g, index) => {
    const rows = Number(g.num_rows);
    if (rows > 0) groups.push({ index, start, rows });
    start += rows;
  });
  return groups;
}

/** Decodes `columns` of one row group; chunks per column, as hyparquet emits them. */
async function readGroup(
  source: AsyncBuffer,
  metadata: FileMetaData,
  columns: string[],
  group: Group,
): Promise<Map<string, ColumnData[]>> {
  const chunks = new Map<string, ColumnData[]>(columns.map((c) => [c, []]));
  await parquetRead({
    file: source,
    metadata,
    columns,
    rowStart: group.start,
    rowEnd: group.start + group.rows,
    compressors,
    parsers: PARSERS,
    onChunk: (chunk) => chunks.get(chunk.columnName)?.push(chunk),
  });
  return chunks;
}

/** After a row group failed to decode: which column was it? Reads them one at a time. */
async function groupError(
  source: AsyncBuffer,
  metadata: FileMetaData,
  columns: string[],
  group: Group,
  label: string,
  cause: unknown,
): Promise<ParquetError> {
  const rows = `rows ${group.start + 1}–${group.start + group.rows}`;
  if (columns.length > 1) {
    for (const column of columns) {
      try {
        await readGroup(source, metadata, [column], group);
      } catch (err) {
        if (err instanceof ParquetError) return err;
        return new ParquetError(
          'damaged',
          `Could not read column "${column}" of ${label} (${rows}): ${messageOf(err)}`,
          { cause: err, column },
        );
      }
    }
  }
  if (cause instanceof ParquetError) return cause;
  const column = columns.length === 1 ? columns[0] : undefined;
  const which = column === undefined ? '' : ` column "${column}" of`;
  return new ParquetError('damaged', `Could not read${which} ${label} (${rows}): ${messageOf(cause)}`, {
    cause,
    ...(column === undefined ? {} : { column }),
  });
}

async function readGroupOrExplain(
  source: AsyncBuffer,
  metadata: FileMetaData,
  columns: string[],
  group: Group,
  label: string,
  signal: AbortSignal | undefined,
): Promise<Map<string, ColumnData[]>> {
  const reading = readGroup(source, metadata, columns, group);
  reading.catch(() => undefined); // an abort may leave it running: never an unhandled rejection
  try {
    return await abortable(reading, signal);
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw await groupError(source, metadata, columns, group, label, err);
  }
}

/** Every value of each chunk with its row within the group, skipping anything outside it. */
function forEachValue(chunks: ColumnData[], group: Group, each: (row: number, value: unknown) => void): void {
  for (const chunk of chunks) {
    const data = chunk.columnData;
    const offset = chunk.rowStart - group.start;
    const from = Math.max(0, -offset);
    const to = Math.min(data.length, group.rows - offset);
    for (let i = from; i < to; i++) {
      const value: unknown = data[i];
      each(offset + i, value);
    }
  }
}

/** INT64 columns without usable statistics: look at every value once to pick Float64 or text. */
async function int64Fits(
  source: AsyncBuffer,
  metadata: FileMetaData,
  name: string,
  label: string,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  for (const group of rowGroups(metadata)) {
    throwIfAborted(signal);
    const chunks = await readGroupOrExplain(source, metadata, [name], group, label, signal);
    let fits = true;
    forEachValue(chunks.get(name) ?? [], group, (_row, v) => {
      if (v !== null && v !== undefined && !fitsDouble(v)) fits = false;
    });
    if (!fits) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Arrow

class Validity {
  readonly bits: Uint8Array;
  valid = 0;
  constructor(readonly length: number) {
    this.bits = new Uint8Array((length + 7) >> 3);
  }
  set(i: number): void {
    const byte = i >> 3;
    const bit = 1 << (i & 7);
    if (((this.bits[byte] ?? 0) & bit) === 0) {
      this.bits[byte] = (this.bits[byte] ?? 0) | bit;
      this.valid++;
    }
  }
  props(): { nullCount: number; nullBitmap?: Uint8Array } {
    const nullCount = this.length - this.valid;
    return nullCount === 0 ? { nullCount } : { nullCount, nullBitmap: this.bits };
  }
}

function arrowType(target: Target): DataType {
  switch (target.arrow) {
    case 'float64':
      return new Float64();
    case 'int32':
      return new Int32();
    case 'timestamp':
      return new TimestampMillisecond();
    case 'bool':
      return new Bool();
    case 'utf8':
      return new Utf8();
  }
}

function encodeUtf8(
  values: (string | null)[],
  label: string,
  column: string,
): { offsets: Int32Array; bytes: Uint8Array } {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  let bytes = new Uint8Array(Math.max(64, values.length * 8));
  let at = 0;
  values.forEach((s, i) => {
    if (s) {
      const need = at + s.length * 3;
      if (need > 0x7fffffff) {
        throw new ParquetError(
          'unsupported',
          `Column "${column}" of ${label} has more than 2 GB of text in one row group.`,
          { column },
        );
      }
      if (need > bytes.length) {
        const grown = new Uint8Array(Math.min(0x7fffffff, Math.max(need, bytes.length * 2)));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
      at += encoder.encodeInto(s, bytes.subarray(at)).written;
    }
    offsets[i + 1] = at;
  });
  return { offsets, bytes: bytes.subarray(0, at) };
}

/** One Arrow column for one row group. */
function buildColumn(plan: ColumnPlan, chunks: ColumnData[], group: Group, label: string): Data {
  const n = group.rows;
  const valid = new Validity(n);
  const target = plan.target;
  switch (target.arrow) {
    case 'float64': {
      const data = new Float64Array(n);
      forEachValue(chunks, group, (row, v) => {
        const x = target.value(v);
        if (x === null) return;
        data[row] = x;
        valid.set(row);
      });
      return makeData({ type: new Float64(), length: n, data, ...valid.props() });
    }
    case 'int32': {
      const data = new Int32Array(n);
      forEachValue(chunks, group, (row, v) => {
        const x = target.value(v);
        if (x === null) return;
        data[row] = x;
        valid.set(row);
      });
      return makeData({ type: new Int32(), length: n, data, ...valid.props() });
    }
    case 'timestamp': {
      const data = new BigInt64Array(n);
      forEachValue(chunks, group, (row, v) => {
        const ms = target.value(v);
        if (ms === null) return;
        data[row] = BigInt(Math.floor(ms));
        valid.set(row);
      });
      return makeData({ type: new TimestampMillisecond(), length: n, data, ...valid.props() });
    }
    case 'bool': {
      const data = new Uint8Array((n + 7) >> 3);
      forEachValue(chunks, group, (row, v) => {
        const b = target.value(v);
        if (b === null) return;
        if (b) data[row >> 3] = (data[row >> 3] ?? 0) | (1 << (row & 7));
        valid.set(row);
      });
      return makeData({ type: new Bool(), length: n, data, ...valid.props() });
    }
    case 'utf8': {
      const values = new Array<string | null>(n).fill(null);
      forEachValue(chunks, group, (row, v) => {
        const s = target.value(v);
        if (s === null) return;
        values[row] = s;
        valid.set(row);
      });
      const { offsets, bytes } = encodeUtf8(values, label, plan.name);
      return makeData({ type: new Utf8(), length: n, valueOffsets: offsets, data: bytes, ...valid.props() });
    }
  }
}

function recordBatch(schema: Schema, children: Data[], length: number): RecordBatch {
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }));
}

/** Reads the named columns (all when omitted) into an Arrow IPC stream for Connector.insertArrowIpc. */
export async function parquetToArrowIpc(
  source: AsyncBuffer,
  options: ParquetImportOptions = {},
): Promise<{ ipc: Uint8Array; rows: number; columns: ParquetColumnInfo[] }> {
  const { signal, onProgress } = options;
  const label = labelOf(source, options.name);
  throwIfAborted(signal);
  const metadata = await abortable(readMetadata(source, label), signal);
  const all = planColumns(metadata, label);

  let plans: ColumnPlan[];
  if (options.columns) {
    const wanted = [...new Set(options.columns)];
    if (wanted.length === 0) {
      throw new ParquetError('unknown-column', `Choose at least one column of ${label} to import.`);
    }
    plans = wanted.map((name) => {
      const plan = all.find((p) => p.name === name);
      if (!plan) {
        throw new ParquetError(
          'unknown-column',
          `${label} has no column "${name}". Its columns are: ${all.map((p) => p.name).join(', ')}.`,
          { column: name },
        );
      }
      return plan;
    });
  } else {
    plans = all;
  }
  if (plans.length === 0) throw new ParquetError('damaged', `${label} has no columns.`);
  for (const plan of plans) {
    if (plan.unsupported) throw new ParquetError('unsupported', plan.unsupported, { column: plan.name });
  }
  const names = plans.map((p) => p.name);
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      const column = meta?.path_in_schema[0];
      if (!meta || column === undefined || !names.includes(column) || SUPPORTED_CODECS.has(meta.codec)) continue;
      throw new ParquetError(
        'unsupported',
        `Column "${column}" of ${label} is compressed with ${meta.codec}, which cannot be decompressed here.`,
        { column },
      );
    }
  }

  // INT64 columns whose statistics did not settle the question.
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i];
    if (!plan?.int64) continue;
    const fits = await int64Fits(source, metadata, plan.name, label, signal);
    plans[i] = fits ? { ...plan, int64: false } : asInt64Text(plan);
  }

  const schema = new Schema(plans.map((p) => new Field(p.name, arrowType(p.target), true)));
  const writer = new RecordBatchStreamWriter();
  const total = Number(metadata.num_rows);
  let done = 0;
  onProgress?.(0, total);
  for (const group of rowGroups(metadata)) {
    throwIfAborted(signal);
    const chunks = await readGroupOrExplain(source, metadata, names, group, label, signal);
    const children = plans.map((plan) => buildColumn(plan, chunks.get(plan.name) ?? [], group, label));
    chunks.clear();
    writer.write(recordBatch(schema, children, group.rows));
    done += group.rows;
    onProgress?.(done, total);
    if (options.rowLimit !== undefined && done >= options.rowLimit) break;
  }
  throwIfAborted(signal);
  if (done === 0) {
    // No rows: one empty batch still carries the schema, so the table gets its columns.
    const empty: Group = { index: 0, start: 0, rows: 0 };
    writer.write(
      recordBatch(
        schema,
        plans.map((plan) => buildColumn(plan, [], empty, label)),
        0,
      ),
    );
  }
  writer.finish();
  return { ipc: writer.toUint8Array(true), rows: done, columns: plans.map(info) };
}

// ---------------------------------------------------------------------------------------------
// URLs

class HeadFailed extends Error {
  constructor(readonly status: number) {
    super(`HEAD answered ${status}`);
  }
}

function fileNameOf(url: string): string {
  try {
    const last = new URL(url, 'http://localhost/').pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url;
  } catch {
    return url;
  }
}

/** An AsyncBuffer over a URL that fetches only byte ranges (HTTP Range), cached. */
export async function parquetFromUrl(url: string): Promise<UrlAsyncBuffer> {
  const name = fileNameOf(url);
  let rangeSupport: UrlAsyncBuffer['rangeSupport'] = 'unknown';

  const networkError = (err: unknown): ParquetError =>
    new ParquetError(
      'network',
      `Could not download ${name} from ${url}: ${messageOf(err)}. Check the address and the connection.`,
      { cause: err },
    );
  const httpError = (res: Response): ParquetError =>
    new ParquetError(
      'network',
      `Could not download ${name}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${url}.`,
    );

  const guardedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(input, init);
    } catch (err) {
      throw isAbortError(err) ? err : networkError(err);
    }
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method === 'HEAD') {
      if (res.status === 403) return res; // hyparquet retries with a ranged GET (signed URLs)
      if (!res.ok) throw new HeadFailed(res.status);
      return res;
    }
    if (!res.ok) throw httpError(res);
    if (new Headers(init?.headers).has('Range')) {
      if (res.status === 206) rangeSupport = 'yes';
      else if (res.status === 200) rangeSupport = 'no'; // hyparquet keeps the whole body and slices it
    }
    return res;
  };

  let inner: AsyncBuffer;
  try {
    const remote = await asyncBufferFromUrl({ url, fetch: guardedFetch });
    inner = {
      byteLength: remote.byteLength,
      slice(start: number, end?: number): Promise<ArrayBuffer> {
        const reading = (async () => {
          const buffer = await remote.slice(start, end);
          const expected = Math.min(end ?? remote.byteLength, remote.byteLength) - start;
          if (buffer.byteLength !== expected) {
            throw new ParquetError(
              'network',
              `Could not download ${name}: asked the server for ${expected} bytes at offset ${start} but got ${buffer.byteLength} (did the file change on the server?).`,
            );
          }
          return buffer;
        })();
        // cachedAsyncBuffer starts reads before anyone awaits them: a failure is reported to
        // whoever awaits the read, not as an unhandled rejection.
        reading.catch(() => undefined);
        return reading;
      },
    };
  } catch (err) {
    if (err instanceof ParquetError || isAbortError(err)) throw err;
    // No usable HEAD / Content-Length / Content-Range: fetch the whole file once instead.
    let res: Response;
    try {
      res = await fetch(url);
    } catch (fetchErr) {
      throw networkError(fetchErr);
    }
    if (!res.ok) throw httpError(res);
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch (bodyErr) {
      throw networkError(bodyErr);
    }
    rangeSupport = 'no';
    inner = parquetFromBytes(body);
  }

  const cached = cachedAsyncBuffer(inner);
  return {
    url,
    name,
    byteLength: cached.byteLength,
    slice: (start: number, end?: number) => cached.slice(start, end),
    get rangeSupport() {
      return rangeSupport;
    },
    get warning() {
      return rangeSupport === 'no' ? NO_RANGE_SUPPORT : undefined;
    },
  };
}
