import { For, Show, type JSX, type ParentProps } from 'solid-js';

interface PageShellProps extends ParentProps {
  title: string;
  /** The automation contract's page state. */
  state: 'loading' | 'ready' | 'error' | 'empty';
  /** Where the numbers on screen come from: the engine, or the last visit's cache. */
  source?: 'live' | 'cache' | 'none';
  notices?: readonly string[];
  /** What the page is waiting for, once the data engine is up (default: the engine itself). */
  loadingText?: string | undefined;
  error?: string | undefined;
  onRetry?: () => void;
  /**
   * The page shows its error itself, where it happened (the SQL console, next to its editor):
   * `data-state` still says error, but the generic "Something went wrong" box is left out.
   */
  ownsError?: boolean;
}

/** A page's root (`data-testid="page"`): title, loading/error states and URL notices around its content. */
export function PageShell(props: PageShellProps): JSX.Element {
  return (
    <main
      id="main"
      class="page"
      data-testid="page"
      data-state={props.state}
      data-source={props.source ?? 'live'}
      tabindex="-1"
    >
      <header class="page-header">
        <h1>{props.title}</h1>
        <Show when={props.state === 'loading'}>
          <p class="status-pill" role="status">
            <span class="spinner" aria-hidden="true" />
            {props.source === 'cache'
              ? 'Showing your last visit’s figures while the data engine starts…'
              : (props.loadingText ?? 'Starting the data engine…')}
          </p>
        </Show>
      </header>
      <For each={props.notices ?? []}>
        {(n) => (
          <p class="notice" role="status">
            {n}
          </p>
        )}
      </For>
      <Show when={props.state === 'error' && !props.ownsError}>
        <div class="error-box" role="alert" data-testid="page-error">
          <p>
            <strong>Something went wrong.</strong> {props.error ?? 'The data could not be loaded.'}
          </p>
          <Show when={props.onRetry}>
            <button type="button" onClick={() => props.onRetry?.()}>
              Try again
            </button>
          </Show>
        </div>
      </Show>
      {props.children}
    </main>
  );
}
