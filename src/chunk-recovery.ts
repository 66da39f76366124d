/**
 * After a deploy, a tab opened on the previous version still asks for the previous version's
 * lazily loaded chunks, which no longer exist. One reload fetches the new index.html and its
 * chunk names. The reload is guarded: if the chunk is still missing right after it (the server
 * is broken, or the user is offline without a cached copy), the error reaches the page's error
 * boundary instead of reloading in a loop.
 */

const KEY = 'tillsight:chunk-reload-at';
/** A second failure within this long of the first reload is not a deploy: stop reloading. */
const GUARD_MS = 30_000;

/** True for the browsers' messages when a dynamically imported module cannot be fetched. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i.test(
    message,
  );
}

/** Decides whether to reload now; records the attempt. `storage` is sessionStorage (per tab). */
export function shouldReload(storage: Pick<Storage, 'getItem' | 'setItem'>, now: number): boolean {
  const last = Number(storage.getItem(KEY) ?? 0);
  if (Number.isFinite(last) && now - last < GUARD_MS) return false;
  storage.setItem(KEY, String(now));
  return true;
}

/** Listens for Vite's `vite:preloadError` and reloads once. */
export function installChunkRecovery(): void {
  window.addEventListener('vite:preloadError', (event) => {
    // Offline, a reload would replace the app with the browser's own offline page (when no service
    // worker serves it): let the error boundary explain instead, with the rest of the app still usable.
    if (!navigator.onLine) return;
    let reload = false;
    try {
      reload = shouldReload(sessionStorage, Date.now());
    } catch {
      // No sessionStorage (privacy mode): never risk a reload loop.
    }
    if (!reload) return;
    // Stops Vite rethrowing: the page is about to be replaced, so no error should flash first.
    event.preventDefault();
    location.reload();
  });
}
