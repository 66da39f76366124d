import { createRoot, createSignal } from 'solid-js';
import { registerSW } from 'virtual:pwa-register';

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
        onRegisterError: (err: unknown) => console.warn('Tillsight: service worker registration failed', err),
      });
    },
    /** Activates the waiting version and reloads. */
    update: () => updateSW?.(true) ?? Promise.resolve(),
  };
});
