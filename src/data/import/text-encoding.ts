import { ImportError } from './errors';

/** How the bytes were read; anything but UTF-8 is converted to UTF-8 for DuckDB. */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  /** UTF-8 bytes without a byte-order mark. */
  bytes: Uint8Array;
  encoding: TextEncodingName;
}

const CHUNK = 1 << 20;

/** Whether the bytes look like a binary file rather than text: NULs or many control bytes up front. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > head.length * 0.02;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  // Validated in chunks with a streaming decoder: the whole file as one string would double
  // the memory of a large import for a yes/no answer.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let i = 0; i < bytes.length; i += CHUNK) decoder.decode(bytes.subarray(i, i + CHUNK), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

function transcode(bytes: Uint8Array, from: TextEncodingName): Uint8Array {
  return new TextEncoder().encode(new TextDecoder(from).decode(bytes));
}

/**
 * Turns a text file's bytes into UTF-8, which is all DuckDB's CSV reader reads. UTF-16 is
 * recognised by its byte-order mark; bytes that are not valid UTF-8 are read as Windows-1252,
 * the encoding of most spreadsheet exports on Western-European Windows machines.
 */
export function toUtf8(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw new ImportError('empty', file, `${file} is empty (0 bytes): there is nothing to import.`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { bytes: transcode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { bytes: transcode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (looksBinary(bytes)) {
    throw new ImportError(
      'binary',
      file,
      `${file} is not a text file (it holds binary data). Export your sales as CSV, or as Parquet, and try again.`,
    );
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (isValidUtf8(body)) return { bytes: body, encoding: 'utf-8' };
  return { bytes: transcode(body, 'windows-1252'), encoding: 'windows-1252' };
}
