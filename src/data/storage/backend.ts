import { createStore, del, get, keys, set } from 'idb-keyval';

/** Where saved files live: the origin-private file system, or IndexedDB where OPFS cannot write. */
export interface StorageBackend {
  kind: 'opfs' | 'indexeddb';
  /** Stores a Blob (a File is written without the page copying its bytes) or bytes. */
  write(name: string, data: Blob | Uint8Array): Promise<void>;
  read(name: string): Promise<Blob | undefined>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
}

const DIR = 'tillsight';

async function opfsBackend(): Promise<StorageBackend | undefined> {
  if (!navigator.storage?.getDirectory) return undefined;
  const dir = await navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(DIR, { create: true }));
  const probe = await dir.getFileHandle('.probe', { create: true });
  // Safari's OPFS cannot write from the page (only from workers): use IndexedDB there.
  if (typeof probe.createWritable !== 'function') return undefined;
  return {
    kind: 'opfs',
    async write(name, data) {
      const handle = await dir.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      try {
        await writable.write(data as FileSystemWriteChunkType);
        await writable.close();
      } catch (err) {
        await writable.abort().catch(() => undefined);
        throw err;
      }
    },
    async read(name) {
      try {
        return await (await dir.getFileHandle(name)).getFile();
      } catch (err) {
        if (err instanceof DOMException && err.name === 'NotFoundError') return undefined;
        throw err;
      }
    },
    async remove(name) {
      await dir.removeEntry(name).catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'NotFoundError')) throw err;
      });
    },
    async list() {
      const names: string[] = [];
      for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys())
        if (key !== '.probe') names.push(key);
      return names;
    },
  };
}

function indexedDbBackend(): StorageBackend {
  const store = createStore('tillsight', 'files');
  return {
    kind: 'indexeddb',
    write: (name, data) => set(name, data instanceof Blob ? data : new Blob([data as BlobPart]), store),
    read: (name) => get<Blob>(name, store),
    remove: (name) => del(name, store),
    list: async () => (await keys(store)).map(String),
  };
}

let backend: Promise<StorageBackend> | undefined;

/** The storage backend, chosen once (a loading promise so concurrent callers share it). */
export function storageBackend(): Promise<StorageBackend> {
  backend ??= opfsBackend()
    .catch(() => undefined)
    .then((b) => b ?? indexedDbBackend());
  return backend;
}
