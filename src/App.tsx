import { A, HashRouter, Route, useLocation } from '@solidjs/router';
import { createEffect, ErrorBoundary, For, lazy, on, Show, type JSX, type ParentProps } from 'solid-js';
import { AppStatus } from './components/AppStatus';
import { ThemeToggle } from './components/ThemeToggle';
import { FilterBar } from './components/FilterBar';
import { LoadFailure } from './components/LoadFailure';
import { useFilters } from './state/filters';
import { queryWithout } from './state/url-filters';
import { Overview } from './pages/Overview';
import { NotFound } from './pages/Upcoming';

/**
 * A page loaded when first visited: only the Overview's code is needed for the first paint.
 * When chunk recovery reloads the tab, Vite resolves the import to undefined; the page then waits for the reload.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, () => JSX.Element> | undefined>, name: K) {
  return lazy(() => load().then((m) => (m ? { default: m[name] } : new Promise<never>(() => {}))));
}

const SalesAnalyticsPage = lazyPage(() => import('./pages/SalesAnalytics'), 'SalesAnalyticsPage');
const CustomersPage = lazyPage(() => import('./pages/Customers'), 'CustomersPage');
const DataPage = lazyPage(() => import('./pages/DataPage'), 'DataPage');
const ForecastingPage = lazyPage(() => import('./pages/Forecasting'), 'ForecastingPage');
const ProductsPage = lazyPage(() => import('./pages/Products'), 'ProductsPage');
const DiagnosticsPage = lazyPage(() => import('./pages/Diagnostics'), 'DiagnosticsPage');
const ApiPage = lazyPage(() => import('./pages/ApiPage'), 'ApiPage');
const SqlConsolePage = lazyPage(() => import('./pages/SqlConsole'), 'SqlConsolePage');

const SECTIONS = [
  { href: '/', label: 'Overview', end: true },
  { href: '/analytics', label: 'Sales Analytics', end: false },
  { href: '/forecasting', label: 'Forecasting', end: false },
  { href: '/customers', label: 'Customers', end: false },
  { href: '/products', label: 'Products', end: false },
  { href: '/data', label: 'Data', end: false },
  { href: '/sql', label: 'SQL', end: false },
  { href: '/api', label: 'API', end: false },
] as const;

function Layout(props: ParentProps): JSX.Element {
  const location = useLocation();
  const filters = useFilters();
  // Keep the filter query when moving between sections: every page answers for the same slice.
  // A console query (`q`) belongs to its link alone: carried along, it would re-run over what was typed.
  const withQuery = (href: string) => `${href}${queryWithout(location.search, ['q'])}`;
  // A failed page must not stick to the next one: moving to another section clears the failure.
  let resetFailure: (() => void) | undefined;
  createEffect(
    on(
      () => location.pathname,
      () => {
        resetFailure?.();
        resetFailure = undefined;
      },
      { defer: true },
    ),
  );
  return (
    <div class="app">
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="topbar">
        <A href={withQuery('/')} class="brand" aria-label="Tillsight home">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="28" height="28" />
          <span>Tillsight</span>
        </A>
        <nav aria-label="Sections">
          <ul>
            <For each={SECTIONS}>
              {(s) => (
                <li>
                  <A href={withQuery(s.href)} end={s.end} activeClass="active">
                    {s.label}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </nav>
        <AppStatus />
        <ThemeToggle />
      </header>
      {/* The console's SQL says its own filters; the bar would only suggest it follows them. */}
      <Show when={location.pathname !== '/sql'}>
        <FilterBar store={filters} />
      </Show>
      <ErrorBoundary
        fallback={(error, reset) => {
          resetFailure = reset;
          return <LoadFailure error={error} reset={reset} />;
        }}
      >
        {props.children}
      </ErrorBoundary>
      <footer class="footer muted">
        Your data stays on this device: Tillsight runs entirely in your browser.{' '}
        <A href={withQuery('/diagnostics')}>Diagnostics</A>
      </footer>
    </div>
  );
}

/** The app: hash routes (any static host works) inside one layout. */
export function App(): JSX.Element {
  return (
    <HashRouter root={Layout}>
      <Route path="/" component={Overview} />
      <Route path="/analytics" component={SalesAnalyticsPage} />
      <Route path="/forecasting" component={ForecastingPage} />
      <Route path="/customers" component={CustomersPage} />
      <Route path="/products" component={ProductsPage} />
      <Route path="/data" component={DataPage} />
      <Route path="/diagnostics" component={DiagnosticsPage} />
      <Route path="/api" component={ApiPage} />
      <Route path="/sql" component={SqlConsolePage} />
      <Route path="*404" component={NotFound} />
    </HashRouter>
  );
}
