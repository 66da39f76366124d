import { createStore, del, get, keys, set } from 'idb-keyval';

/** Where saved files live: the origin-private file system, or IndexedDB where OPFS cannot write. */
export interface StorageBackend {
  kind: 'opfs' | 'indexeddb';
  write(name: string, bytes: Uint8Array): Promise<void>;
  read(name: string): Promise<Uint8Array | undefined>;
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
    async write(name, bytes) {
      const handle = await dir.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      try {
        await writable.write(bytes as FileSystemWriteChunkType);
        await writable.close();
      } catch (err) {
        await writable.abort().catch(() => undefined);
        throw err;
      }
    },
    async read(name) {
      try {
        const file = await (await dir.getFileHandle(name)).getFile();
        return new Uint8Array(await file.arrayBuffer());
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
      for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) if (key !== '.probe') names.push(key);
      return names;
    },
  };
}

function indexedDbBackend(): StorageBackend {
  const store = createStore('tillsight', 'files');
  return {
    kind: 'indexeddb',
    write: (name, bytes) => set(name, bytes, store),
    read: (name) => get<Uint8Array>(name, store),
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
