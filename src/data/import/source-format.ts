import { ImportError } from './errors';

/** What a file's first bytes say it is. */
export type SourceFormat = 'gzip' | 'parquet' | 'arrow' | 'text';

/** Recognises gzip and Parquet by their magic bytes, whatever the file is called. */
export function sniffFormat(bytes: Uint8Array): SourceFormat {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 8 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31)
    return 'parquet';
  // An Arrow IPC stream starts with a continuation marker: what a URL Parquet import saves.
  if (bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff)
    return 'arrow';
  return 'text';
}

/** Decompresses gzip with the platform's own stream decoder (browsers and Node 18+). */
export async function gunzip(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new ImportError(
      'unreadable',
      file,
      `${file} looks gzip-compressed but could not be decompressed: it may be truncated.`,
      {
        cause: err,
      },
    );
  }
}
