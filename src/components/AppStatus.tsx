import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { pwaState } from '../pwa';

/** Offline badge and the service worker's messages (ready offline, update waiting). */
export function AppStatus(): JSX.Element {
  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
  onMount(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    onCleanup(() => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    });
  });
  return (
    <div class="app-status" aria-live="polite">
      <Show when={pwaState.offlineReady() && online()}>
        <span class="badge" role="status">
          Ready to work offline
        </span>
      </Show>
      <Show when={!online()}>
        <span class="badge" data-testid="offline-badge">
          Offline
        </span>
      </Show>
      <Show when={pwaState.needRefresh()}>
        <span class="update">
          A new version is ready.{' '}
          <button type="button" onClick={() => void pwaState.update()}>
            Reload to update
          </button>
        </span>
      </Show>
    </div>
  );
}
