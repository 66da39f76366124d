import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isParquet,
  NO_RANGE_SUPPORT,
  parquetFromBytes,
  parquetFromUrl,
  parquetInfo,
  parquetToArrowIpc,
  type AsyncBuffer,
} from '../../src/data/import/parquet';
import { nodeDuckDb } from '../helpers/node-duckdb';

type Db = Awaited<ReturnType<typeof nodeDuckDb>>;

// One DuckDB for the whole file (each test uses its own table names): starting one takes seconds.
let db: Db;
beforeAll(async () => {
  db = await nodeDuckDb();
});
afterAll(() => db.close());

/** Deterministic numbers in [0, 1): Tillsight tests never use Math.random. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// hyparquet-writer compresses SNAPPY itself; other codecs take a compressor.
const writerCompressors = {
  GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)),
  BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)),
};

// ---------------------------------------------------------------------------------------------
// The sales file: six columns, four row groups, three codecs.

interface SaleRow {
  id: string;
  note: string | null;
  amount: number | null;
  quantity: number | null;
  sold_at: number | null; // epoch ms
  paid: boolean | null;
}

const N = 250;
const GROUP = 64; // → row groups of 64, 64, 64, 58

function saleRows(): SaleRow[] {
  const rand = prng(42);
  return Array.from({ length: N }, (_, i) => ({
    id: i === 7 ? 'T007 Café ☕ 𝔘nicode' : `T${String(i).padStart(3, '0')}`,
    note: i % 3 === 0 ? null : `note ${i}${i % 10 === 1 ? ', with "quotes"' : ''}`,
    amount: i % 41 === 5 ? null : Math.round((rand() - 0.2) * 100_000) / 100,
    quantity: i % 53 === 9 ? null : Math.floor(rand() * 21) - 5,
    sold_at: i % 37 === 4 ? null : Date.UTC(2024, 0, 1) + Math.floor(rand() * 400 * 86_400) * 1000 + (i % 1000),
    paid: i % 29 === 3 ? null : rand() < 0.5,
  }));
}

function salesParquet(rows: SaleRow[]): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: [
      { name: 'id', data: rows.map((r) => r.id), type: 'STRING' },
      { name: 'note', data: rows.map((r) => r.note), type: 'STRING', codec: 'GZIP' },
      { name: 'amount', data: rows.map((r) => r.amount), type: 'DOUBLE', codec: 'BROTLI' },
      { name: 'quantity', data: rows.map((r) => r.quantity), type: 'INT32' },
      { name: 'sold_at', data: rows.map((r) => (r.sold_at === null ? null : new Date(r.sold_at))), type: 'TIMESTAMP' },
      { name: 'paid', data: rows.map((r) => r.paid), type: 'BOOLEAN' },
    ],
    codec: 'SNAPPY',
    compressors: writerCompressors,
    rowGroupSize: GROUP,
  });
}

async function describeTable(db: Db, table: string): Promise<Record<string, string>> {
  const rows = await db.query<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`);
  return Object.fromEntries(rows.map((r) => [r.column_name, r.column_type]));
}

/** Counts what an AsyncBuffer is asked for. */
function counting(source: AsyncBuffer): AsyncBuffer & { bytesRead: number; reads: number } {
  const counter = {
    byteLength: source.byteLength,
    bytesRead: 0,
    reads: 0,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const buffer = await source.slice(start, end);
      counter.bytesRead += buffer.byteLength;
      counter.reads++;
      return buffer;
    },
  };
  return counter;
}

describe('parquet import: sales file', () => {
  const rows = saleRows();
  const file = salesParquet(rows);

  it('wrote what the tests think it wrote: 4 row groups, three codecs', () => {
    const meta = parquetMetadata(file);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([64, 64, 64, 58]);
    const codecs = new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
    expect([...codecs].sort()).toEqual(['BROTLI', 'GZIP', 'SNAPPY']);
    expect(isParquet(new Uint8Array(file))).toBe(true);
  });

  it('describes the file from its footer alone', async () => {
    const source = counting(parquetFromBytes(file));
    const info = await parquetInfo(source);
    expect(info).toEqual({
      rows: N,
      columns: [
        { name: 'id', type: 'string' },
        { name: 'note', type: 'string' },
        { name: 'amount', type: 'number' },
        { name: 'quantity', type: 'number' },
        { name: 'sold_at', type: 'timestamp' },
        { name: 'paid', type: 'boolean' },
      ],
    });
    expect(source.reads).toBe(1); // the footer read (the whole of this small file fits in it)
  });

  it('round-trips every value and type through Arrow into DuckDB', async () => {
    const result = await parquetToArrowIpc(parquetFromBytes(file));
    expect(result.rows).toBe(N);
    expect(result.columns.map((c) => c.type)).toEqual(['string', 'string', 'number', 'number', 'timestamp', 'boolean']);
    await db.insertArrowIpc('sales_all', result.ipc);

    expect(await describeTable(db, 'sales_all')).toEqual({
      id: 'VARCHAR',
      note: 'VARCHAR',
      amount: 'DOUBLE',
      quantity: 'INTEGER',
      sold_at: 'TIMESTAMP_MS',
      paid: 'BOOLEAN',
    });
    const got = await db.query(
      'SELECT id, note, amount, quantity, epoch_ms(sold_at) AS sold_at, paid FROM sales_all ORDER BY rowid',
    );
    expect(got).toEqual(rows);

    // Aggregates DuckDB computes agree with ones computed here from the rows written.
    const [agg] = await db.query<{ n: number; nulls: number; qty: number; negatives: number; paid: number }>(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE note IS NULL)::INTEGER AS nulls, sum(quantity)::INTEGER AS qty,
              count(*) FILTER (WHERE quantity < 0)::INTEGER AS negatives, count(*) FILTER (WHERE paid)::INTEGER AS paid FROM sales_all`,
    );
    expect(agg).toEqual({
      n: N,
      nulls: rows.filter((r) => r.note === null).length,
      qty: rows.reduce((s, r) => s + (r.quantity ?? 0), 0),
      negatives: rows.filter((r) => r.quantity !== null && r.quantity < 0).length,
      paid: rows.filter((r) => r.paid === true).length,
    });
    expect(agg?.negatives).toBeGreaterThan(0);
  });

  it('reads only the columns asked for, in the order asked', async () => {
    const source = counting(parquetFromBytes(file));
    const result = await parquetToArrowIpc(source, { columns: ['amount', 'id'] });
    expect(result.columns).toEqual([
      { name: 'amount', type: 'number' },
      { name: 'id', type: 'string' },
    ]);
    await db.insertArrowIpc('sales_two', result.ipc);
    expect(Object.keys(await describeTable(db, 'sales_two'))).toEqual(['amount', 'id']);
    expect(await db.query('SELECT amount, id FROM sales_two ORDER BY rowid')).toEqual(
      rows.map((r) => ({ amount: r.amount, id: r.id })),
    );
  });

  it('reports progress per row group, increasing, ending at the total', async () => {
    const seen: [number, number][] = [];
    await parquetToArrowIpc(parquetFromBytes(file), { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [0, N],
      [64, N],
      [128, N],
      [192, N],
      [250, N],
    ]);
  });

  it('rejects with AbortError when cancelled, before or between row groups', async () => {
    const before = new AbortController();
    before.abort();
    await expect(parquetToArrowIpc(parquetFromBytes(file), { signal: before.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });

    const during = new AbortController();
    const seen: number[] = [];
    const reading = parquetToArrowIpc(parquetFromBytes(file), {
      signal: during.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 64) during.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 64]); // stopped after the first row group
  });

  it('names the column when a column is missing', async () => {
    await expect(parquetToArrowIpc(parquetFromBytes(file), { columns: ['id', 'price'] })).rejects.toThrow(
      'This file has no column "price". Its columns are: id, note, amount, quantity, sold_at, paid.',
    );
  });

  it('names the column whose data is damaged', async () => {
    const meta = parquetMetadata(file);
    const chunk = meta.row_groups[2]?.columns[2]?.meta_data; // amount, third row group (BROTLI)
    if (!chunk) throw new Error('no amount chunk');
    const damaged = new Uint8Array(file.slice(0));
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    damaged.fill(0xff, start, start + Number(chunk.total_compressed_size));
    await expect(parquetToArrowIpc(parquetFromBytes(damaged, 'sales.parquet'))).rejects.toMatchObject({
      name: 'ParquetError',
      column: 'amount',
      message: expect.stringMatching(/^Could not read column "amount" of sales\.parquet \(rows 129–192\): /) as unknown,
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('parquet import: not Parquet, truncated, empty', () => {
  it('says a CSV is not a Parquet file', async () => {
    const csv = new TextEncoder().encode('id,amount\nT1,10.5\nT2,3\n');
    expect(isParquet(csv)).toBe(false);
    await expect(parquetInfo(parquetFromBytes(csv), { name: 'sales.csv' })).rejects.toThrow(
      'sales.csv is not a Parquet file: it does not end with PAR1.',
    );
    await expect(parquetToArrowIpc(parquetFromBytes(csv.buffer))).rejects.toMatchObject({
      code: 'not-parquet',
      message: 'This file is not a Parquet file: it does not end with PAR1.',
    });
  });

  it('says a cut-off Parquet file is truncated', async () => {
    const whole = new Uint8Array(salesParquet(saleRows()));
    const cut = whole.slice(0, Math.floor(whole.length * 0.6));
    expect(isParquet(cut)).toBe(false);
    await expect(parquetToArrowIpc(parquetFromBytes(cut, 'sales.parquet'))).rejects.toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(
        /^sales\.parquet is truncated: it starts like a Parquet file but does not end with PAR1/,
      ) as unknown,
    });
  });

  it('says an empty file is empty', async () => {
    await expect(parquetInfo(parquetFromBytes(new ArrayBuffer(0), 'x.parquet'))).rejects.toThrow(
      'x.parquet is empty (0 bytes)',
    );
  });

  it('imports a Parquet file without rows as an empty table with its columns', async () => {
    const empty = parquetWriteBuffer({
      columnData: [
        { name: 'a', data: [], type: 'STRING' },
        { name: 'b', data: [], type: 'DOUBLE' },
      ],
    });
    const result = await parquetToArrowIpc(parquetFromBytes(empty));
    expect(result.rows).toBe(0);
    await db.insertArrowIpc('nothing', result.ipc);
    expect(await describeTable(db, 'nothing')).toEqual({ a: 'VARCHAR', b: 'DOUBLE' });
    expect(await db.query('SELECT count(*)::INTEGER AS n FROM nothing')).toEqual([{ n: 0 }]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('parquet import: other Parquet types', () => {
  const big = 2n ** 60n;
  const columnData: ColumnSource[] = [
    { name: 'd', data: [new Date(Date.UTC(2024, 1, 29)), null, new Date(Date.UTC(1969, 11, 31))] },
    { name: 'us', data: [-1500n, 1_700_000_000_123_456n, null] },
    { name: 'ns', data: [-1_500_000n, 1_700_000_000_123_456_789n, null] },
    { name: 'dec', data: [12.34, -0.05, null] },
    { name: 'dec_fixed', data: [12345678.91, -0.05, null] },
    { name: 'j', data: [{ a: 1 }, [1, 2], null] },
    { name: 'raw', data: [new TextEncoder().encode('héllo'), new Uint8Array([0xff, 0x41]), null] },
    { name: 'u32', data: [4_000_000_000, 1, null] },
    { name: 't', data: [45_296_789, 0, null] },
    { name: 'small64', data: [-5n, 2n ** 53n, null] },
    { name: 'big64', data: [big, -big + 1n, null] },
    { name: 'small64_nostats', data: [7n, -(2n ** 53n), null], statistics: false },
    { name: 'big64_nostats', data: [1n, big + 1n, null], statistics: false },
    { name: 'tags', data: [['a', 'b'], [], ['c', null]] },
    { name: 'pt', data: [{ x: 1n, y: 2.5 }, null, { x: big, y: null }] },
  ];
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 15 },
    { name: 'd', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
    { name: 'us', type: 'INT64', converted_type: 'TIMESTAMP_MICROS', repetition_type: 'OPTIONAL' },
    {
      name: 'ns',
      type: 'INT64',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' },
      repetition_type: 'OPTIONAL',
    },
    { name: 'dec', type: 'INT32', converted_type: 'DECIMAL', scale: 2, precision: 9, repetition_type: 'OPTIONAL' },
    {
      name: 'dec_fixed',
      type: 'FIXED_LEN_BYTE_ARRAY',
      type_length: 8,
      converted_type: 'DECIMAL',
      scale: 2,
      precision: 18,
      repetition_type: 'OPTIONAL',
    },
    { name: 'j', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' },
    { name: 'raw', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
    { name: 'u32', type: 'INT32', converted_type: 'UINT_32', repetition_type: 'OPTIONAL' },
    { name: 't', type: 'INT32', converted_type: 'TIME_MILLIS', repetition_type: 'OPTIONAL' },
    { name: 'small64', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'big64', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'small64_nostats', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'big64_nostats', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'pt', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'x', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'y', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  ];
  const file = parquetWriteBuffer({
    columnData,
    schema,
    codec: 'GZIP',
    compressors: writerCompressors,
    rowGroupSize: 2,
  });

  it('maps dates, timestamps, decimals, JSON, bytes, int64, lists and structs', async () => {
    const meta = parquetMetadata(file);
    expect(meta.row_groups).toHaveLength(2);
    const nostats = meta.row_groups[0]?.columns.find((c) => c.meta_data?.path_in_schema[0] === 'big64_nostats');
    expect(nostats?.meta_data?.statistics?.max_value).toBeUndefined(); // so the column is scanned first

    const info = await parquetInfo(parquetFromBytes(file));
    expect(Object.fromEntries(info.columns.map((c) => [c.name, c.type]))).toEqual({
      d: 'timestamp',
      us: 'timestamp',
      ns: 'timestamp',
      dec: 'number',
      dec_fixed: 'number',
      j: 'string',
      raw: 'string',
      u32: 'number',
      t: 'other',
      small64: 'number',
      big64: 'string', // statistics say it does not fit a double
      small64_nostats: 'number',
      big64_nostats: 'number', // no statistics: the footer cannot tell
      tags: 'other',
      pt: 'other',
    });

    const result = await parquetToArrowIpc(parquetFromBytes(file));
    expect(result.columns.find((c) => c.name === 'big64_nostats')?.type).toBe('string'); // found by reading it
    await db.insertArrowIpc('types', result.ipc);
    expect(await describeTable(db, 'types')).toEqual({
      d: 'TIMESTAMP_MS',
      us: 'TIMESTAMP_MS',
      ns: 'TIMESTAMP_MS',
      dec: 'DOUBLE',
      dec_fixed: 'DOUBLE',
      j: 'VARCHAR',
      raw: 'VARCHAR',
      u32: 'DOUBLE',
      t: 'VARCHAR',
      small64: 'DOUBLE',
      big64: 'VARCHAR',
      small64_nostats: 'DOUBLE',
      big64_nostats: 'VARCHAR',
      tags: 'VARCHAR',
      pt: 'VARCHAR',
    });
    const got = await db.query(
      `SELECT epoch_ms(d) AS d, epoch_ms(us) AS us, epoch_ms(ns) AS ns, * EXCLUDE (d, us, ns) FROM types ORDER BY rowid`,
    );
    expect(got).toEqual([
      {
        d: Date.UTC(2024, 1, 29),
        us: -2, // -1.5 ms floors to -2 (hyparquet's own parser would truncate to -1)
        ns: -2,
        dec: 12.34,
        dec_fixed: 12345678.91,
        j: '{"a":1}',
        raw: 'héllo',
        u32: 4_000_000_000,
        t: '12:34:56.789',
        small64: -5,
        big64: big.toString(),
        small64_nostats: 7,
        big64_nostats: '1',
        tags: '["a","b"]',
        pt: '{"x":1,"y":2.5}',
      },
      {
        d: null,
        us: 1_700_000_000_123,
        ns: 1_700_000_000_123,
        dec: -0.05,
        dec_fixed: -0.05,
        j: '[1,2]',
        raw: '\ufffdA',
        u32: 1,
        t: '00:00:00',
        small64: 2 ** 53,
        big64: (-big + 1n).toString(),
        small64_nostats: -(2 ** 53),
        big64_nostats: (big + 1n).toString(),
        tags: '[]',
        pt: null,
      },
      {
        d: Date.UTC(1969, 11, 31),
        us: null,
        ns: null,
        dec: null,
        dec_fixed: null,
        j: null,
        raw: null,
        u32: null,
        t: null,
        small64: null,
        big64: null,
        small64_nostats: null,
        big64_nostats: null,
        tags: '["c",null]',
        pt: `{"x":"${big}","y":null}`,
      },
    ]);
  });

  it('refuses an unsupported type, naming the column, and reads the others', async () => {
    const withInterval = parquetWriteBuffer({
      columnData: [
        { name: 'span', data: [new Uint8Array(12), null] },
        { name: 'x', data: [1, 2] },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        {
          name: 'span',
          type: 'FIXED_LEN_BYTE_ARRAY',
          type_length: 12,
          converted_type: 'INTERVAL',
          repetition_type: 'OPTIONAL',
        },
        { name: 'x', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
    });
    const info = await parquetInfo(parquetFromBytes(withInterval));
    expect(info.columns).toEqual([
      { name: 'span', type: 'other' },
      { name: 'x', type: 'number' },
    ]);
    await expect(parquetToArrowIpc(parquetFromBytes(withInterval, 'spans.parquet'))).rejects.toMatchObject({
      code: 'unsupported',
      column: 'span',
      message:
        'Column "span" of spans.parquet has the Parquet type INTERVAL, which cannot be imported: leave the column out.',
    });
    const onlyX = await parquetToArrowIpc(parquetFromBytes(withInterval), { columns: ['x'] });
    await db.insertArrowIpc('x_only', onlyX.ipc);
    expect(await db.query('SELECT x FROM x_only ORDER BY rowid')).toEqual([{ x: 1 }, { x: 2 }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Over HTTP

interface Served {
  method: string;
  path: string;
  range: string | undefined;
  status: number;
  bytes: number;
}

interface TestServer {
  url: string;
  log: Served[];
  close(): Promise<void>;
}

/**
 * Serves `files` at /name; with `ranges`, honours `Range: bytes=a-b` with 206 like a CDN. Without
 * `head`, HEAD is refused (405), as some object stores and proxies do.
 */
async function serve(files: Record<string, Uint8Array>, ranges: boolean, head = true): Promise<TestServer> {
  const log: Served[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    const range = req.headers.range;
    const body = files[path.slice(1)];
    const send = (status: number, headers: Record<string, string | number>, bytes?: Uint8Array): void => {
      const sent = method === 'HEAD' || !bytes ? 0 : bytes.length;
      log.push({ method, path, range, status, bytes: sent });
      res.writeHead(status, headers);
      res.end(method === 'HEAD' ? undefined : bytes);
    };
    if (method === 'HEAD' && !head) return send(405, { Allow: 'GET' });
    if (!body) return send(404, { 'Content-Type': 'text/plain' }, new TextEncoder().encode('not found'));
    const match = ranges && range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (match) {
      const start = Number(match[1]);
      const end = match[2] ? Math.min(Number(match[2]), body.length - 1) : body.length - 1;
      if (start > end) return send(416, { 'Content-Range': `bytes */${body.length}` });
      const part = body.subarray(start, end + 1);
      return send(
        206,
        {
          'Content-Range': `bytes ${start}-${end}/${body.length}`,
          'Content-Length': part.length,
          'Accept-Ranges': 'bytes',
        },
        part,
      );
    }
    send(200, { 'Content-Length': body.length, 'Content-Type': 'application/octet-stream' }, body);
  };
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A file of several wide text columns and one narrow number column, well over the 512 KB whole-file cache. */
function wideParquet(): { file: Uint8Array; k: number[] } {
  const rows = 8000;
  const rand = prng(7);
  const wide = (): string[] =>
    Array.from({ length: rows }, () => Array.from({ length: 40 }, () => Math.floor(rand() * 16).toString(16)).join(''));
  const k = Array.from({ length: rows }, (_, i) => ((i * 7919) % 10007) - 5000);
  const file = parquetWriteBuffer({
    columnData: [
      { name: 'w1', data: wide(), type: 'STRING' },
      { name: 'k', data: k, type: 'INT32' },
      { name: 'w2', data: wide(), type: 'STRING' },
      { name: 'w3', data: wide(), type: 'STRING' },
    ],
    codec: 'UNCOMPRESSED',
    rowGroupSize: 2000,
  });
  return { file: new Uint8Array(file), k };
}

describe('parquet import: over HTTP', () => {
  const wide = wideParquet();
  const sales = saleRows();
  const salesFile = new Uint8Array(salesParquet(sales));

  it('reads one column of a wide file with Range requests, downloading a fraction of it', async () => {
    const server = await serve({ 'wide.parquet': wide.file }, true);
    try {
      const footerOnly = counting(parquetFromBytes(wide.file));
      await parquetInfo(footerOnly);
      expect(footerOnly.bytesRead).toBeLessThanOrEqual(64 * 1024); // the footer, not the file

      const source = await parquetFromUrl(`${server.url}/wide.parquet`);
      expect(source.byteLength).toBe(wide.file.length);
      expect((await parquetInfo(source)).columns.map((c) => c.name)).toEqual(['w1', 'k', 'w2', 'w3']);
      const result = await parquetToArrowIpc(source, { columns: ['k'] });
      await db.insertArrowIpc('wide_k', result.ipc);
      expect((await db.query<{ k: number }>('SELECT k FROM wide_k ORDER BY rowid')).map((r) => r.k)).toEqual(wide.k);

      const gets = server.log.filter((r) => r.method === 'GET');
      expect(gets.length).toBeGreaterThan(1);
      expect(gets.every((r) => r.range !== undefined && r.status === 206)).toBe(true);
      const served = gets.reduce((s, r) => s + r.bytes, 0);
      expect(wide.file.length).toBeGreaterThan(1_000_000);
      expect(served).toBeLessThan(wide.file.length / 5);
      expect(source.rangeSupport).toBe('yes');
      expect(source.warning).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('falls back to one whole download when the server ignores Range', async () => {
    const server = await serve({ 'wide.parquet': wide.file, 'sales.parquet': salesFile }, false);
    try {
      const source = await parquetFromUrl(`${server.url}/wide.parquet`);
      const result = await parquetToArrowIpc(source, { columns: ['k'] });
      await db.insertArrowIpc('wide_k_norange', result.ipc);
      expect((await db.query<{ k: number }>('SELECT k FROM wide_k_norange ORDER BY rowid')).map((r) => r.k)).toEqual(
        wide.k,
      );
      const gets = server.log.filter((r) => r.method === 'GET');
      expect(gets).toHaveLength(1); // the whole file, once
      expect(gets[0]?.status).toBe(200);
      expect(source.rangeSupport).toBe('no');
      expect(source.warning).toBe(NO_RANGE_SUPPORT);

      const small = await parquetToArrowIpc(await parquetFromUrl(`${server.url}/sales.parquet`));
      await db.insertArrowIpc('sales_norange', small.ipc);
      expect(
        await db.query(
          'SELECT id, note, amount, quantity, epoch_ms(sold_at) AS sold_at, paid FROM sales_norange ORDER BY rowid',
        ),
      ).toEqual(sales);
    } finally {
      await server.close();
    }
  });

  it('downloads the whole file once when HEAD is refused and Range ignored', async () => {
    const server = await serve({ 'sales.parquet': salesFile }, false, false);
    try {
      const source = await parquetFromUrl(`${server.url}/sales.parquet`);
      expect(source.rangeSupport).toBe('no');
      expect(source.byteLength).toBe(salesFile.length);
      const result = await parquetToArrowIpc(source);
      await db.insertArrowIpc('sales_nohead', result.ipc);
      expect(
        await db.query(
          'SELECT id, note, amount, quantity, epoch_ms(sold_at) AS sold_at, paid FROM sales_nohead ORDER BY rowid',
        ),
      ).toEqual(sales);
      expect(server.log.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([200]);
    } finally {
      await server.close();
    }
  });

  it('says clearly when the file is missing or the server cannot be reached', async () => {
    const server = await serve({}, true);
    const missing = `${server.url}/nope.parquet`;
    try {
      await expect(parquetFromUrl(missing)).rejects.toMatchObject({
        code: 'network',
        message: `Could not download nope.parquet: the server answered 404 Not Found for ${missing}.`,
      });
    } finally {
      await server.close();
    }
    // The server is gone now: nothing listens on that port.
    await expect(parquetFromUrl(missing)).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(
        /^Could not download nope\.parquet from .*: fetch failed\. Check the address and the connection\.$/,
      ) as unknown,
    });
  });
});
