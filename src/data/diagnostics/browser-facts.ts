import { version as appVersion } from '../../../package.json';
import { storageReport, type StorageReport } from '../storage/saved-dataset';

/** The app build and the browser it runs in. */
export interface AppFacts {
  version: string;
  /** Vite's build mode ("production", "development"). */
  mode: string;
  base: string;
  serviceWorker: ServiceWorkerFacts;
  userAgent: string;
  crossOriginIsolated: boolean;
  online: boolean;
  cores: number | null;
}

/** The service worker that caches the app for offline use. */
export interface ServiceWorkerFacts {
  supported: boolean;
  /** The registration's newest worker state; null when none is registered. */
  state: ServiceWorkerState | null;
  /** A new version is installed and waits for the page to reload. */
  updateWaiting: boolean;
  /** It answers this page's requests (false on the very first visit, until a reload). */
  controlling: boolean;
}

/** What the browser keeps for this site, and where. */
export interface StorageFacts {
  usage: number | null;
  quota: number | null;
  /** Chromium's split of `usage` by kind (indexedDB, caches, fileSystem, …); empty elsewhere. */
  details: Record<string, number>;
  /** The browser will not evict our data under storage pressure. */
  persisted: boolean;
  /** Where imported files are saved, their total size and count (null when storage cannot be read). */
  saved: { backend: StorageReport['backend']; bytes: number; files: number } | null;
  /** Settings, presets and the last views' figures in localStorage (our keys only), in UTF-16 bytes. */
  localStorage: { keys: number; bytes: number } | null;
  /** Cache Storage caches: the service worker's copy of the app. */
  caches: number | null;
}

async function serviceWorkerFacts(): Promise<ServiceWorkerFacts> {
  if (!('serviceWorker' in navigator))
    return { supported: false, state: null, updateWaiting: false, controlling: false };
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  const newest = registration?.installing ?? registration?.waiting ?? registration?.active;
  return {
    supported: true,
    state: newest?.state ?? null,
    updateWaiting: Boolean(registration?.waiting),
    controlling: Boolean(navigator.serviceWorker.controller),
  };
}

/** The app's version and build, and the browser's abilities that matter to it. */
export async function appFacts(): Promise<AppFacts> {
  return {
    version: appVersion,
    mode: import.meta.env.MODE,
    base: import.meta.env.BASE_URL,
    serviceWorker: await serviceWorkerFacts(),
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    online: navigator.onLine,
    cores: navigator.hardwareConcurrency || null,
  };
}

function localStorageUse(): StorageFacts['localStorage'] {
  try {
    let keys = 0;
    let chars = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith('tillsight:')) continue;
      keys++;
      chars += key.length + (localStorage.getItem(key)?.length ?? 0);
    }
    return { keys, bytes: chars * 2 };
  } catch {
    return null; // storage disabled (privacy mode)
  }
}

/** Storage use and quota, persistence, and what each store holds for the app. */
export async function storageFacts(): Promise<StorageFacts> {
  const [report, estimate, cacheNames] = await Promise.all([
    storageReport().catch(() => undefined),
    navigator.storage?.estimate?.().catch(() => undefined),
    typeof caches === 'undefined' ? undefined : caches.keys().catch(() => undefined),
  ]);
  const details = (estimate as { usageDetails?: Record<string, number> } | undefined)?.usageDetails ?? {};
  return {
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    details: { ...details },
    persisted: report?.persisted ?? false,
    saved: report
      ? { backend: report.backend, bytes: report.savedBytes, files: report.manifest?.files.length ?? 0 }
      : null,
    localStorage: localStorageUse(),
    caches: cacheNames?.length ?? null,
  };
}
