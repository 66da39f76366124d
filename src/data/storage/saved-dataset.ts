import { ImportError } from '../import/errors';
import type { FileOptions } from '../import/options';
import type { ImportRole } from '../import/stage';
import { storageBackend, type StorageBackend } from './backend';

/** One saved file: the user's bytes as they were chosen, and how they were mapped. */
export interface SavedFile {
  role: ImportRole;
  name: string;
  size: number;
  sha256: string;
  /** Name of the stored bytes in the backend. */
  key: string;
  options: FileOptions;
}

/** The small record that says what is saved; the stored bytes are the truth it points to. */
export interface Manifest {
  version: 1;
  /** Which data the app opens with: the saved import, or the demo data (the import stays saved). */
  active: 'import' | 'demo';
  savedAt: string;
  files: SavedFile[];
}

const MANIFEST = 'manifest.json';
const LOCK = 'tillsight-data';

/** Reads the manifest; undefined when nothing was ever saved (or it cannot be read). */
export async function readManifest(): Promise<Manifest | undefined> {
  const store = await storageBackend();
  const blob = await store.read(MANIFEST);
  if (!blob) return undefined;
  try {
    const m = JSON.parse(await blob.text()) as Manifest;
    return m.version === 1 && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

async function writeManifest(store: StorageBackend, manifest: Manifest | undefined): Promise<void> {
  if (!manifest) await store.remove(MANIFEST);
  else await store.write(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
}

/**
 * Runs `work` holding the data lock, so two tabs never write the saved data at once; a second
 * tab gets a clear message instead of waiting or overwriting.
 */
async function exclusively<T>(file: string, work: () => Promise<T>): Promise<T> {
  if (!navigator.locks) return work();
  return navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) => {
    if (!lock) {
      throw new ImportError(
        'busy',
        file,
        'Another Tillsight tab is using the saved data right now (saving or loading it). Wait for it to finish, or close it, then try again.',
      );
    }
    return work();
  });
}

/**
 * Runs `work` while no other tab can write the saved data (a shared lock: readers do not wait
 * for each other), so a save in another tab cannot delete a file this tab is reading.
 */
export async function whileReadingSaved<T>(work: () => Promise<T>): Promise<T> {
  if (!navigator.locks) return work();
  return navigator.locks.request(LOCK, { mode: 'shared' }, work);
}

function isQuotaError(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'QuotaExceededError' || err.code === 22);
}

/** Removes stored files the manifest no longer names (left by an interrupted save). */
async function sweep(store: StorageBackend, manifest: Manifest | undefined): Promise<void> {
  const keep = new Set([MANIFEST, ...(manifest?.files.map((f) => f.key) ?? [])]);
  for (const name of await store.list()) if (!keep.has(name)) await store.remove(name);
}

/**
 * Saves an import's files and then, last, the manifest that points to them: if anything fails
 * (a full quota, another tab), the manifest still names the previous files, which stay intact.
 */
export async function saveImport(
  files: { role: ImportRole; name: string; blob: Blob; sha256: string; options: FileOptions }[],
): Promise<Manifest> {
  const first = files[0]?.name ?? 'the data';
  return exclusively(first, async () => {
    const store = await storageBackend();
    const previous = await readManifest();
    const saved: SavedFile[] = [];
    try {
      for (const f of files) {
        const key = `${f.role}-${f.sha256.slice(0, 16)}.bin`;
        if (!previous?.files.some((p) => p.key === key)) await store.write(key, f.blob);
        saved.push({ role: f.role, name: f.name, size: f.blob.size, sha256: f.sha256, key, options: f.options });
      }
      const manifest: Manifest = { version: 1, active: 'import', savedAt: new Date().toISOString(), files: saved };
      await writeManifest(store, manifest);
      // From here the new files are what is saved: tidying up may fail without undoing that.
      await sweep(store, manifest).catch(() => undefined);
      return manifest;
    } catch (err) {
      // The manifest still names the previous files: remove only what this save wrote.
      await sweep(store, previous).catch(() => undefined);
      if (isQuotaError(err)) {
        throw new ImportError(
          'storage',
          first,
          `${first} is loaded for now, but the browser has no room to keep it (storage full), so it will be gone after a reload. Your previously saved data is unchanged.`,
          { cause: err },
        );
      }
      if (err instanceof ImportError) throw err;
      throw new ImportError(
        'storage',
        first,
        `${first} is loaded for now, but could not be saved in the browser (${err instanceof Error ? err.message : String(err)}). Your previously saved data is unchanged.`,
        { cause: err },
      );
    }
  });
}

/** A saved file (its hash is checked by whoever reads it: the import worker). */
export async function readSavedFile(file: SavedFile): Promise<Blob> {
  const store = await storageBackend();
  const blob = await store.read(file.key);
  if (!blob)
    throw new ImportError(
      'storage',
      file.name,
      `The saved copy of ${file.name} is missing from the browser's storage.`,
    );
  return blob;
}

/** Switches which data opens at start, keeping the saved import. */
export async function setActive(active: Manifest['active']): Promise<void> {
  await exclusively('the data', async () => {
    const store = await storageBackend();
    const manifest = await readManifest();
    if (manifest) await writeManifest(store, { ...manifest, active });
  });
}

/** Deletes the saved import entirely. */
export async function removeSaved(): Promise<void> {
  await exclusively('the data', async () => {
    const store = await storageBackend();
    await writeManifest(store, undefined);
    await sweep(store, undefined);
  });
}

/** What storage holds for us and what the browser allows, and whether it may evict it. */
export interface StorageReport {
  backend: StorageBackend['kind'];
  savedBytes: number;
  usage?: number;
  quota?: number;
  persisted: boolean;
  /** What is saved (undefined when nothing is), read once for the report. */
  manifest: Manifest | undefined;
}

/** Asks the browser to keep our data under storage pressure; true when it agreed. */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage?.persisted?.()) || ((await navigator.storage?.persist?.()) ?? false);
  } catch {
    return false;
  }
}

/** Storage used by the saved import and by the whole origin, for the Data page. */
export async function storageReport(): Promise<StorageReport> {
  const store = await storageBackend();
  const manifest = await readManifest();
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return {
    backend: store.kind,
    savedBytes: manifest?.files.reduce((s, f) => s + f.size, 0) ?? 0,
    usage: estimate?.usage,
    quota: estimate?.quota,
    persisted: (await navigator.storage?.persisted?.().catch(() => false)) ?? false,
    manifest,
  };
}
