import { ImportError } from './errors';

/** Largest file we try: DuckDB-WASM's memory is at most 4 GiB and an import holds a few copies. */
export const MAX_IMPORT_BYTES = 1024 ** 3;

/** A size in MB or GB, for messages. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** Refuses a file too big to import before anything is read. */
export function checkSize(size: number, name: string): void {
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError(
      'too-big',
      name,
      `${name} is ${sizeText(size)}; Tillsight can import files up to ${sizeText(MAX_IMPORT_BYTES)} in a browser tab. Export a shorter period, or split the file by year.`,
    );
  }
}

/** Reads a Blob's bytes with progress (about every 1%), failing with a message if memory runs out. */
export async function readBlobBytes(
  blob: Blob,
  name: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  checkSize(blob.size, name);
  let out: Uint8Array;
  try {
    out = new Uint8Array(blob.size);
  } catch (err) {
    throw new ImportError(
      'too-big',
      name,
      `${name} (${sizeText(blob.size)}) does not fit in the memory this browser gives the page. Export a shorter period.`,
      { cause: err },
    );
  }
  const reader = blob.stream().getReader();
  const step = Math.max(1, Math.floor(blob.size / 100));
  let done = 0;
  let reported = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    out.set(chunk.value, done);
    done += chunk.value.byteLength;
    if (done - reported >= step) {
      reported = done;
      onProgress?.(done, blob.size);
    }
  }
  return out;
}

/** Hex SHA-256 of bytes: names stored files and checks them when they are read back. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
