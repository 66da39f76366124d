import { createRoot, createSignal } from 'solid-js';
import { registerSW } from 'virtual:pwa-register';

/** How often an open tab asks the server whether a new version was deployed. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** Service worker state: whether an update waits, and whether the app is cached for offline use. */
export const pwaState = createRoot(() => {
  const [needRefresh, setNeedRefresh] = createSignal(false);
  const [offlineReady, setOfflineReady] = createSignal(false);
  let updateSW: ((reload?: boolean) => Promise<void>) | undefined;
  return {
    needRefresh,
    offlineReady,
    /** Registers the service worker (the plugin makes this a no-op in `vite dev`). */
    register(): void {
      if (!('serviceWorker' in navigator)) return;
      updateSW = registerSW({
        onNeedRefresh: () => setNeedRefresh(true),
        onOfflineReady: () => {
          // Say it once, briefly: the app is now cached and works without a network.
          setOfflineReady(true);
          setTimeout(() => setOfflineReady(false), 8000);
        },
        onRegisteredSW: (_url: string, registration: ServiceWorkerRegistration | undefined) => {
          if (registration) watchForUpdates(registration);
        },
        onRegisterError: (err: unknown) => console.warn('Tillsight: service worker registration failed', err),
      });
    },
    /** Activates the waiting version and reloads. */
    update: async (): Promise<void> => {
      const controlled = !!navigator.serviceWorker?.controller;
      const waiting = (await navigator.serviceWorker?.getRegistration())?.waiting ?? null;
      await updateSW?.(true);
      // workbox-window reloads when the new worker takes control. A page no worker controls yet (the
      // version installed during this visit) gets no such event: its new worker activates on its own,
      // since no page uses the old one, so reload once it is active.
      if (!controlled) {
        if (waiting) await activated(waiting);
        location.reload();
      }
    },
  };
});

/**
 * The browser only looks for a new service worker on navigation, and an analyst may keep one tab
 * open for days: look again every hour, when the tab comes back into view and when the network
 * returns. A new version then shows "Reload to update" rather than serving old code silently.
 */
function watchForUpdates(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (!navigator.onLine || registration.installing) return;
    registration.update().catch(() => {
      // Offline or the server is down: the next check tries again.
    });
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  window.addEventListener('online', check);
}

function activated(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.state === 'activated' || worker.state === 'redundant') resolve();
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated' || worker.state === 'redundant') resolve();
    });
  });
}
