import { A, useLocation } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { isChunkLoadError } from '../chunk-recovery';

/** What a page shows when it throws or its code cannot be loaded: never a blank screen. */
export function LoadFailure(props: { error: unknown; reset: () => void }): JSX.Element {
  const location = useLocation();
  const chunk = () => isChunkLoadError(props.error);
  const detail = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <main id="main" class="page" data-testid="page" data-state="error" tabindex="-1">
      <header class="page-header">
        <h1>This page could not be shown</h1>
      </header>
      <div class="error-box" role="alert" data-testid="load-failure" data-kind={chunk() ? 'chunk' : 'error'}>
        <p>
          {chunk()
            ? 'Part of Tillsight could not be downloaded. A new version may have been published, or the connection dropped. Your data is safe on this device.'
            : 'Something went wrong while drawing this page. Your data is safe on this device.'}
        </p>
        <p class="muted">{detail()}</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload Tillsight
          </button>{' '}
          {/* The browser remembers a failed module fetch: only a reload can get it again. */}
          <Show when={!chunk()}>
            <button type="button" onClick={() => props.reset()}>
              Try again
            </button>{' '}
          </Show>
          <A href={`/${location.search}`}>Go to the Overview</A>
        </p>
      </div>
    </main>
  );
}
