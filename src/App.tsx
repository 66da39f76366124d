import { A, HashRouter, Route, useLocation } from '@solidjs/router';
import { For, lazy, type JSX, type ParentProps } from 'solid-js';
import { AppStatus } from './components/AppStatus';
import { ThemeToggle } from './components/ThemeToggle';
import { FilterBar } from './components/FilterBar';
import { useFilters } from './state/filters';
import { SalesAnalyticsPage } from './pages/SalesAnalytics';
import { Overview } from './pages/Overview';
import { CustomersPage } from './pages/Customers';
import { DataPage } from './pages/DataPage';
import { NotFound, Upcoming } from './pages/Upcoming';

// Loaded when first visited: its charts, tables and worker client are not needed for the first paint.
const ForecastingPage = lazy(() => import('./pages/Forecasting').then((m) => ({ default: m.ForecastingPage })));
const ProductsPage = lazy(() => import('./pages/Products').then((m) => ({ default: m.ProductsPage })));
const DiagnosticsPage = lazy(() => import('./pages/Diagnostics').then((m) => ({ default: m.DiagnosticsPage })));

const SECTIONS = [
  { href: '/', label: 'Overview', end: true },
  { href: '/analytics', label: 'Sales Analytics', end: false },
  { href: '/forecasting', label: 'Forecasting', end: false },
  { href: '/customers', label: 'Customers', end: false },
  { href: '/products', label: 'Products', end: false },
  { href: '/data', label: 'Data', end: false },
] as const;

function Layout(props: ParentProps): JSX.Element {
  const location = useLocation();
  const filters = useFilters();
  // Keep the filter query when moving between sections: every page answers for the same slice.
  const withQuery = (href: string) => `${href}${location.search}`;
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
      <FilterBar store={filters} />
      {props.children}
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
      <Route
        path="/api"
        component={() => (
          <Upcoming
            title="Analytics API"
            what="document every query behind the pages, with its SQL for the current filters and a button to run it."
          />
        )}
      />
      <Route
        path="/sql"
        component={() => (
          <Upcoming
            title="SQL console"
            what="run your own read-only SQL against the loaded data, with results, charts and history."
          />
        )}
      />
      <Route path="*404" component={NotFound} />
    </HashRouter>
  );
}
