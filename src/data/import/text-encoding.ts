import { ImportError } from './errors';

/** How the bytes were read; anything but UTF-8 is converted to UTF-8 for DuckDB. */
export type TextEncodingName = 'utf-8' | 'utf-8-repaired' | 'windows-1252' | 'utf-16le' | 'utf-16be';

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

function transcode(bytes: Uint8Array, from: 'windows-1252' | 'utf-16le' | 'utf-16be' | 'utf-8'): Uint8Array {
  if (from === 'windows-1252') return new TextEncoder().encode(decodeWindows1252(bytes));
  return new TextEncoder().encode(new TextDecoder(from).decode(bytes));
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes…). Decoded by
// hand: a TextDecoder built without full ICU (some Node builds) treats it as Latin-1.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK_CHARS = 1 << 16;
  for (let start = 0; start < bytes.length; start += CHUNK_CHARS) {
    const end = Math.min(bytes.length, start + CHUNK_CHARS);
    let chunk = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      chunk += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
    }
    parts.push(chunk);
  }
  return parts.join('');
}

/** UTF-16 without a byte-order mark: most of the first bytes' odd (or even) positions are NUL. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul > (n / 2) * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul > (n / 2) * 0.9 && oddNul === 0) return 'utf-16be';
  return undefined;
}

/**
 * Whether text that is not quite UTF-8 is mostly UTF-8 all the same (accented letters written
 * as UTF-8, plus a stray byte or two), rather than a Windows-1252 file.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 1 << 20));
  let valid = 0;
  let invalid = 0;
  for (const ch of text) {
    if (ch === '\ufffd') invalid++;
    else if (ch.charCodeAt(0) > 127) valid++;
  }
  return valid > invalid * 4;
}

/**
 * Turns a text file's bytes into UTF-8, which is all DuckDB's CSV reader reads. UTF-16 is
 * recognised by its byte-order mark; bytes that are not valid UTF-8 are read as Windows-1252,
 * the encoding of most spreadsheet exports on Western-European Windows machines.
 */
export function toUtf8(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0)
    throw new ImportError('empty', file, `${file} is empty (0 bytes): there is nothing to import.`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { bytes: transcode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { bytes: transcode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const bomless = utf16WithoutBom(bytes);
  if (bomless) return { bytes: transcode(bytes, bomless), encoding: bomless };
  if (looksBinary(bytes)) {
    throw new ImportError(
      'binary',
      file,
      `${file} is not a text file (it holds binary data). Export your sales as CSV, or as Parquet, and try again.`,
    );
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (isValidUtf8(body)) return { bytes: body, encoding: 'utf-8' };
  // A UTF-8 file with a few broken bytes keeps its accents; the broken bytes become �.
  if (mostlyUtf8(body)) return { bytes: transcode(body, 'utf-8'), encoding: 'utf-8-repaired' };
  return { bytes: transcode(body, 'windows-1252'), encoding: 'windows-1252' };
}
