import { detectDialect, textSample } from './dialect';
import { ImportError } from './errors';
import { isParquet, parquetFromBytes, parquetToArrowIpc } from './parquet';
import { gunzip, sniffFormat } from './source-format';
import type { PreparedSource } from './stage';
import { toUtf8 } from './text-encoding';

/**
 * Turns a file's bytes into what DuckDB reads: gzip is decompressed, Parquet becomes Arrow,
 * text becomes UTF-8 with its dialect detected. Pure (no DOM), so it runs in the import worker
 * in the browser and directly in Node tests.
 */
export async function prepareSource(
  name: string,
  bytes: Uint8Array,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<PreparedSource> {
  let data = bytes;
  if (sniffFormat(data) === 'gzip') data = await gunzip(data, name);
  if (sniffFormat(data) === 'arrow') return { kind: 'arrow', name, ipc: data };
  if (sniffFormat(data) === 'parquet') {
    if (!isParquet(data)) {
      throw new ImportError(
        'unreadable',
        name,
        `${name} starts like a Parquet file but is cut short: it does not end with PAR1.`,
      );
    }
    const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { ipc } = await parquetToArrowIpc(parquetFromBytes(buffer), {
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return { kind: 'arrow', name, ipc };
  }
  const text = toUtf8(data, name);
  const dialect = detectDialect(textSample(text.bytes));
  return {
    kind: 'csv',
    name,
    utf8: text.bytes,
    encoding: text.encoding,
    dialect,
    blankLines: blankLines(text.bytes, dialect.skip + (dialect.header ? 1 : 0)),
  };
}

/**
 * Line numbers of empty lines below the header. DuckDB skips them without a trace, and reject
 * line numbers must count them to match what an editor shows. (Newlines inside quoted values
 * are counted separately, from the parsed values.)
 */
export function blankLines(utf8: Uint8Array, after: number, limit = 100_000): number[] {
  const out: number[] = [];
  let line = 1;
  let start = 0;
  for (let nl = utf8.indexOf(0x0a); nl >= 0 && out.length < limit; nl = utf8.indexOf(0x0a, start)) {
    const end = nl > start && utf8[nl - 1] === 0x0d ? nl - 1 : nl;
    if (end === start && line > after && nl + 1 < utf8.length) out.push(line);
    line++;
    start = nl + 1;
  }
  return out;
}
